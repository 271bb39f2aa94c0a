from django.urls import path

from projects import kinds, views
from projects.records import record_urls

app_name = "projects"
urlpatterns = [
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/delete/", views.project_delete, name="delete"),
    path("projects/<int:pk>/approve/", views.project_approve, name="approve"),
    path("projects/<int:pk>/budget/", views.project_budget, name="budget"),
    path(
        "requirements/<int:pk>/status/",
        views.requirement_status,
        name="requirement_status",
    ),
    path("documents/<int:pk>/review/", views.document_review, name="document_review"),
    path(
        "documents/<int:pk>/versions/new/",
        views.document_version_add,
        name="document_version_add",
    ),
    path("documents/<int:pk>/file/", views.document_file, name="document_file"),
]
for kind in kinds.KINDS:
    urlpatterns += record_urls(kind)
