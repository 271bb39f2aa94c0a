from django.urls import path

from portfolio import report_views, views

app_name = "portfolio"
urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/timeline/", views.timeline_all, name="timeline"),
    path("projects/resources/", views.resources, name="resources"),
    path("projects/workload/", views.workload_page, name="workload"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path(
        "projects/<int:pk>/timeline/",
        views.project_timeline,
        name="project_timeline",
    ),
    path(
        "projects/<int:pk>/reports/",
        report_views.project_reports,
        name="project_reports",
    ),
    path(
        "projects/<int:pk>/reports/<slug:key>/",
        report_views.project_report,
        name="project_report",
    ),
    path(
        "projects/<int:pk>/reports/<slug:key>.<str:fmt>",
        report_views.project_report,
        name="project_report_file",
    ),
    path(
        "reports/scorecard/<str:scope_type>/<int:key>/",
        report_views.scorecard_report,
        name="scorecard_report",
    ),
    path(
        "reports/scorecard/<str:scope_type>/<int:key>.<str:fmt>",
        report_views.scorecard_report,
        name="scorecard_report_file",
    ),
    path("reports/", report_views.subscriptions, name="subscriptions"),
    path("reports/subscribe/", report_views.subscribe, name="subscribe"),
    path(
        "reports/subscriptions/<int:pk>/end/",
        report_views.subscription_end,
        name="subscription_end",
    ),
    path(
        "reports/unsubscribe/<str:token>/",
        report_views.unsubscribe,
        name="unsubscribe",
    ),
    path("my-work/", views.my_work, name="my_work"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/token/", views.token_create, name="token_create"),
    path("accounts/profile/token/revoke/", views.token_revoke, name="token_revoke"),
]
