from django.urls import path

from kpis import views

app_name = "kpis"
urlpatterns = [
    path("kpis/", views.dashboard, name="dashboard"),
    path("kpis/mine/", views.my_scorecard, name="my_scorecard"),
    path("kpis/targets/", views.targets, name="targets"),
    path("kpis/targets/<slug:code>/edit/", views.target_edit, name="target_edit"),
    path("kpis/<str:scope_type>/<int:key>/", views.scorecard, name="scorecard"),
    path(
        "kpis/<str:scope_type>/<int:key>/export.<str:fmt>",
        views.export,
        name="export",
    ),
    path(
        "kpis/<str:scope_type>/<int:key>/<str:code>/",
        views.records,
        name="records",
    ),
]
