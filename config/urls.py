import os

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import views as account_views
from config.api import not_found as api_not_found
from config.api import router

# Each app registers its API viewsets on the router in its own api.py.
for app in (
    "accounts",
    "projects",
    "milestones",
    "risks",
    "changes",
    "reviews",
    "kpis",
):
    __import__(f"{app}.api")

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("api/v1/", include(router.urls)),
    re_path(r"^api/v1/.+/$", api_not_found),  # after the router: JSON 404s
    path("", include("projects.urls")),
    path("", include("milestones.urls")),
    path("", include("risks.urls")),
    path("", include("changes.urls")),
    path("", include("reviews.urls")),
    path("", include("kpis.urls")),
]
if os.environ.get("MILEPOST_BENCH") == "1":  # bench/run.py: the floor page
    from bench import floor

    urlpatterns += [
        path("bench/floor/", floor.floor, name="bench_floor"),
        path("bench/floor/plain/", floor.plain, name="bench_floor_plain"),
    ]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "accounts.views.permission_denied"
handler404 = "accounts.views.page_not_found"
handler500 = "accounts.views.server_error"
