from django.urls import path

from teams import appraisal_urls, engineering_urls, part2_urls
from teams.views import people, skills, training

app_name = "teams"
urlpatterns = [
    path("team/", people.index, name="index"),
    path("team/skills/", skills.matrix, name="matrix"),
    path("team/skills/export.<str:fmt>", skills.matrix_export, name="matrix_export"),
    path("team/people/<int:pk>/", skills.person_detail, name="person"),
    path("team/people/<int:pk>/assess/", skills.assessment_add, name="assess"),
    path("team/training/", training.plan_list, name="plans"),
    path("team/training/new/", training.plan_create, name="plan_create"),
    path("team/training/<int:pk>/", training.plan_detail, name="plan"),
    path("team/training/<int:pk>/edit/", training.plan_edit, name="plan_edit"),
    path("team/training/<int:pk>/items/", training.item_add, name="item_add"),
    path(
        "team/training/<int:pk>/items/<int:item_pk>/delete/",
        training.item_delete,
        name="item_delete",
    ),
    path("team/training/<int:pk>/submit/", training.plan_submit, name="plan_submit"),
    path(
        "team/training/<int:pk>/<str:decision>/",
        training.plan_decide,
        name="plan_decide",
    ),
    path(
        "team/training/<int:pk>/items/<int:item_pk>/records/<int:user_pk>/",
        training.record_edit,
        name="record",
    ),
    path(
        "team/training/<int:pk>/records/<int:record_pk>/confirm/",
        training.record_confirm,
        name="record_confirm",
    ),
    *appraisal_urls.urlpatterns,
    *part2_urls.urlpatterns,
    *engineering_urls.urlpatterns,
]
