"""URLs of appraisals, merged into teams/urls.py (namespace `teams`)."""

from django.urls import path

from teams.views import appraisals as views

urlpatterns = [
    path("team/appraisals/", views.cycle_list, name="appraisals"),
    path("team/appraisals/all/", views.appraisal_list, name="appraisal_list"),
    path(
        "team/appraisals/cycles/new/",
        views.cycle_create,
        name="appraisal_cycle_create",
    ),
    path(
        "team/appraisals/cycles/<int:pk>/",
        views.cycle_detail,
        name="appraisal_cycle",
    ),
    path("team/appraisals/<int:pk>/", views.appraisal_detail, name="appraisal_detail"),
    path("team/appraisals/<int:pk>/step/", views.appraisal_step, name="appraisal_step"),
    path(
        "team/appraisals/<int:pk>/return/",
        views.appraisal_return,
        name="appraisal_return",
    ),
    path(
        "team/appraisals/<int:pk>/actions/",
        views.improvement_action_add,
        name="improvement_action_add",
    ),
    path(
        "team/improvement-actions/<int:pk>/done/",
        views.improvement_action_done,
        name="improvement_action_done",
    ),
    path("team/appraisals/schemes/", views.scheme_list, name="appraisal_schemes"),
    path(
        "team/appraisals/schemes/new/",
        views.scheme_create,
        name="appraisal_scheme_create",
    ),
    path(
        "team/appraisals/schemes/<int:pk>/",
        views.scheme_detail,
        name="appraisal_scheme",
    ),
    path(
        "team/appraisals/schemes/<int:pk>/step/",
        views.scheme_step,
        name="appraisal_scheme_step",
    ),
]
