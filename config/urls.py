import os
from importlib import import_module

from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from core.api import SignedInUnlessDebug, signed_in_unless_debug
from core.api import not_found as api_not_found
from portfolio import views as portfolio_views

# Each app registers its API viewsets on the `routes` of its own api.py;
# they are merged here into the one router under /api/v1/.
API_APPS = (
    "accounts",
    "projects",
    "milestones",
    "risks",
    "changes",
    "reviews",
    "kpis",
    "teams",
)
router = DefaultRouter()
router.include_format_suffixes = False
for app in API_APPS:
    router.registry.extend(import_module(f"{app}.api").routes.registry)

urlpatterns = [
    path("", portfolio_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path(
        "api/v1/schema/",
        SpectacularAPIView.as_view(permission_classes=[SignedInUnlessDebug]),
        name="api-schema",
    ),
    path(
        "api/v1/docs/",
        signed_in_unless_debug(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("api/v1/", include(router.urls)),
    re_path(r"^api/v1/.+/$", api_not_found),  # after the router: JSON 404s
    path("", include("portfolio.urls")),
    path("", include("projects.urls")),
    path("", include("milestones.urls")),
    path("", include("risks.urls")),
    path("", include("changes.urls")),
    path("", include("reviews.urls")),
    path("", include("kpis.urls")),
    path("", include("teams.urls")),
]
if os.environ.get("MILEPOST_BENCH") == "1":  # bench/run.py: the floor page
    from bench import floor

    urlpatterns += [
        path("bench/floor/", floor.floor, name="bench_floor"),
        path("bench/floor/plain/", floor.plain, name="bench_floor_plain"),
    ]

handler403 = "accounts.views.permission_denied"
handler404 = "accounts.views.page_not_found"
handler500 = "accounts.views.server_error"
