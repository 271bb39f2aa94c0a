from django.urls import path

from changes import views

app_name = "changes"
urlpatterns = [
    path("changes/", views.change_list_all, name="list_all"),
    path("projects/<int:project_pk>/changes/", views.change_list, name="list"),
    path("projects/<int:project_pk>/changes/new/", views.change_create, name="create"),
    path("changes/<int:pk>/", views.change_detail, name="detail"),
    path("changes/<int:pk>/edit/", views.change_edit, name="edit"),
    path(
        "changes/<int:pk>/submit/", views.change_step, {"step": "submit"}, name="submit"
    ),
    path(
        "changes/<int:pk>/approve/",
        views.change_step,
        {"step": "approve"},
        name="approve",
    ),
    path(
        "changes/<int:pk>/reject/", views.change_step, {"step": "reject"}, name="reject"
    ),
    path(
        "changes/<int:pk>/implement/",
        views.change_step,
        {"step": "implement"},
        name="implement",
    ),
]
