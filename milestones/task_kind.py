"""The task record pages (create, detail, edit, delete) on the shared project
record views; the list, board and timesheet are in task_views.py."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from milestones import task_services as services
from milestones.models import Task
from milestones.task_filters import TaskFilter
from milestones.task_forms import TaskForm
from milestones.task_views import task_context
from projects.records import Column, RecordKind


def _update(task: Task, **kwargs: Any) -> Task:
    return services.task_update(task=task, **kwargs)


def _delete(task: Task, **kwargs: Any) -> None:
    services.task_delete(task=task, **kwargs)


TASK = RecordKind(
    key="task",
    model=Task,
    form_class=TaskForm,
    filterset=TaskFilter,
    singular=_("Task"),
    plural=_("Tasks"),
    namespace="milestones",
    prefix="task_",
    segment="tasks",
    icon="check2-square",
    tab="tasks",
    select_related=("phase", "milestone", "owner"),
    columns=[Column(_("Title"), "title", "title", link=True)],
    detail_fields=(
        "title",
        "phase",
        "milestone",
        "owner",
        "status",
        "blocked_reason",
        "priority",
        "estimate_hours",
        "start_date",
        "due_date",
        "completed_on",
        "description",
    ),
    create=services.task_create,
    update=_update,
    delete=_delete,
    detail_template="milestones/_task_extra.html",
    detail_context=task_context,
)
