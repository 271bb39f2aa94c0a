"""URLs of staff cases and recruitment, merged into teams/urls.py."""

from django.urls import path

from teams.views import cases, recruitment

urlpatterns = [
    path("team/staff-cases/", cases.case_list, name="staff_cases"),
    path("team/staff-cases/new/", cases.case_create, name="staff_case_create"),
    path("team/staff-cases/<int:pk>/", cases.case_detail, name="staff_case_detail"),
    path("team/staff-cases/<int:pk>/step/", cases.case_step, name="staff_case_step"),
]

urlpatterns += [
    path("team/hiring/", recruitment.request_list, name="position_requests"),
    path(
        "team/hiring/new/", recruitment.request_create, name="position_request_create"
    ),
    path("team/hiring/<int:pk>/", recruitment.request_detail, name="position_request"),
    path(
        "team/hiring/<int:pk>/step/",
        recruitment.request_step,
        name="position_request_step",
    ),
    path(
        "team/hiring/<int:pk>/candidates/",
        recruitment.candidate_add,
        name="candidate_add",
    ),
    path(
        "team/applications/<int:pk>/move/",
        recruitment.application_move,
        name="application_move",
    ),
    path("team/candidates/<int:pk>/cv/", recruitment.cv_download, name="candidate_cv"),
]
