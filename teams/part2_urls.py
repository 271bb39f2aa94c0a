"""URLs of staff cases and recruitment, merged into teams/urls.py."""

from django.urls import path

from teams.views import cases

urlpatterns = [
    path("team/staff-cases/", cases.case_list, name="staff_cases"),
    path("team/staff-cases/new/", cases.case_create, name="staff_case_create"),
    path("team/staff-cases/<int:pk>/", cases.case_detail, name="staff_case_detail"),
    path("team/staff-cases/<int:pk>/step/", cases.case_step, name="staff_case_step"),
]
