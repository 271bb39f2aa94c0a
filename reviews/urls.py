from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("meetings/", views.meeting_list_all, name="meeting_list_all"),
    path(
        "projects/<int:project_pk>/meetings/", views.meeting_list, name="meeting_list"
    ),
    path(
        "projects/<int:project_pk>/meetings/new/",
        views.meeting_create,
        name="meeting_create",
    ),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(
        "meetings/<int:pk>/minutes.md", views.meeting_markdown, name="meeting_markdown"
    ),
    path("meetings/<int:pk>/rate/", views.meeting_rate, name="meeting_rate"),
    path("meetings/<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path(
        "meetings/<int:pk>/meeting.ics", views.meeting_calendar, name="meeting_calendar"
    ),
    path(
        "meetings/<int:pk>/actions/new/",
        views.action_item_create,
        name="action_item_create",
    ),
    path(
        "projects/<int:project_pk>/actions/",
        views.action_item_list,
        name="action_item_list",
    ),
    path("actions/<int:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path(
        "actions/<int:pk>/complete/",
        views.action_item_complete,
        name="action_item_complete",
    ),
    path(
        "projects/<int:project_pk>/surveys/",
        views.survey_overview,
        name="survey_overview",
    ),
    path(
        "projects/<int:project_pk>/surveys/invite/",
        views.survey_invite,
        name="survey_invite",
    ),
    path("projects/<int:project_pk>/surveys/log/", views.survey_log, name="survey_log"),
    path("projects/<int:project_pk>/surveys/team/", views.team_rate, name="team_rate"),
    path("survey/<str:token>/", views.survey_answer, name="survey_answer"),
]
