from django.urls import path

from risks import views

app_name = "risks"
urlpatterns = [
    path("risks/", views.register_all, name="register_all"),
    path("risks/export/<str:fmt>/", views.export_all, name="export_all"),
    path("projects/<int:project_pk>/risks/", views.register, name="register"),
    path(
        "projects/<int:project_pk>/risks/export/<str:fmt>/",
        views.export,
        name="export",
    ),
    path("projects/<int:project_pk>/risks/new/", views.risk_create, name="create"),
    path("risks/<int:pk>/", views.risk_detail, name="detail"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="edit"),
    path(
        "risks/<int:risk_pk>/responses/new/",
        views.response_create,
        name="response_create",
    ),
    path("responses/<int:pk>/edit/", views.response_edit, name="response_edit"),
    path(
        "responses/<int:pk>/complete/",
        views.response_complete,
        name="response_complete",
    ),
    path("issues/", views.issue_list_all, name="issue_list_all"),
    path("projects/<int:project_pk>/issues/", views.issue_list, name="issue_list"),
    path(
        "projects/<int:project_pk>/issues/new/",
        views.issue_create,
        name="issue_create",
    ),
    path("issues/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("issues/<int:pk>/edit/", views.issue_edit, name="issue_edit"),
]
