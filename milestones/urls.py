from django.urls import path

from milestones import task_views
from milestones.kind import MILESTONE
from milestones.task_kind import TASK
from projects.records import record_urls

app_name = "milestones"
urlpatterns = record_urls(MILESTONE)
# Tasks (issue 26): the shared record pages but its own list, plus the
# board, moves, bulk edit, logging, the timesheet and the exports.
urlpatterns += [
    path(
        "projects/<int:project_pk>/tasks/",
        task_views.task_list,
        name="task_list",
    ),
    *record_urls(TASK)[1:],
    path(
        "projects/<int:project_pk>/tasks/bulk/",
        task_views.task_bulk,
        name="task_bulk",
    ),
    path(
        "projects/<int:project_pk>/tasks/board/",
        task_views.task_board,
        name="task_board",
    ),
    path(
        "projects/<int:project_pk>/tasks/export.<str:fmt>",
        task_views.task_export,
        name="task_export",
    ),
    path("tasks/<int:pk>/move/", task_views.task_move, name="task_move"),
    path("tasks/<int:pk>/log/", task_views.task_log, name="task_log"),
    path("timesheet/", task_views.timesheet, name="timesheet"),
    path(
        "timesheet/export.<str:fmt>",
        task_views.timesheet_export,
        name="timesheet_export",
    ),
]
