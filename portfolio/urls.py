from django.urls import path

from portfolio import views

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
    path("my-work/", views.my_work, name="my_work"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/token/", views.token_create, name="token_create"),
    path("accounts/profile/token/revoke/", views.token_revoke, name="token_revoke"),
]
