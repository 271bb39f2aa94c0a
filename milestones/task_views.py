"""Task pages (issue 26): the list with bulk edit, the board, logging time,
the weekly timesheet and the exports. Each view is fetch (visible_to → 404)
→ check (access.require → 403) → service → render, with a fixed number of
queries whatever the data size."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import User
from core import exports
from core.forms import DateInput, apply_errors, no_tag_helper
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from milestones import task_services as services
from milestones.models import MAX_HOURS_PER_DAY, Task, WorkLog
from milestones.task_filters import TaskFilter, team_of
from milestones.task_forms import TaskBulkForm
from projects import access
from projects.records import get_project

PAGE_SIZE = 25
BOARD_LIMIT = 50  # cards per column; the list shows the rest
RELATED = ("project", "owner", "phase", "milestone")


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return fallback


# ------------------------------------------------------------------ list


def _tasks(request: HttpRequest, project: Any) -> tuple[TaskFilter, Any]:
    access.require(request.user, access.VIEW, Task(project=project))
    qs = (
        Task.objects.filter(project=project)
        .visible_to(request.user)
        .select_related(*RELATED)
        .with_actuals()
        .order_by("due_date", "pk")
    )
    filterset = TaskFilter(request.GET or None, queryset=qs, project=project)
    records = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
    return filterset, records


@login_required
def task_list(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    filterset, records = _tasks(request, project)
    page = CappedPaginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    user = request.user
    rows = [(task, access.can(user, access.CHANGE, task)) for task in page]
    bulk = TaskBulkForm(project=project, tasks=Task.objects.none())
    context = {
        "phases": phase_hours(request.user, project),
        "project": project,
        "active_tab": "tasks",
        "filter": filterset,
        "page_obj": page,
        "rows": rows,
        "sort": request.GET.get("ordering", ""),
        "can_add": access.can(user, access.ADD, Task(project=project)),
        "can_bulk": any(changeable for _task, changeable in rows),
        "bulk": bulk,
    }
    template = "milestones/task_list.html"
    if getattr(request, "htmx", False):
        template += "#task-table"
    return render(request, template, context)


def phase_hours(viewer: Any, project: Any) -> list[dict[str, Any]]:
    """Estimate against actual hours per phase of a project (two queries)."""
    tasks = Task.objects.filter(project=project).visible_to(viewer).order_by()
    estimates = {
        row["phase_id"]: row
        for row in tasks.values("phase_id", "phase__name", "phase__order").annotate(
            estimate=Sum("estimate_hours"), count=Count("pk")
        )
    }
    actuals = dict(
        WorkLog.objects.filter(project=project)
        .visible_to(viewer)
        .order_by()
        .values_list("task__phase_id")
        .annotate(hours=Sum("hours"))
    )
    rows = [
        {
            "phase": row["phase__name"] or _("No phase"),
            "order": (row["phase__order"] is None, row["phase__order"] or 0),
            "tasks": row["count"],
            "estimate": row["estimate"] or Decimal(0),
            "actual": actuals.get(phase_id) or Decimal(0),
        }
        for phase_id, row in estimates.items()
    ]
    rows.sort(key=lambda row: row["order"])
    return rows


@require_POST
@login_required
def task_bulk(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.VIEW, Task(project=project))
    visible = Task.objects.filter(project=project).visible_to(request.user)
    form = TaskBulkForm(request.POST, project=project, tasks=visible)
    back = _back(request, reverse("milestones:task_list", args=[project.pk]))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    tasks = list(form.cleaned_data["tasks"].select_related("project", "phase"))
    try:
        services.tasks_bulk_update(
            tasks=tasks, by=request.user, data=form.cleaned_data["updates"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _("%(count)d tasks updated.") % {"count": len(tasks)})
    return redirect(back)


EXPORT_COLUMNS = [
    exports.Column(gettext_lazy("Title"), width=40),
    exports.Column(gettext_lazy("Phase"), width=20),
    exports.Column(gettext_lazy("Milestone"), width=24),
    exports.Column(gettext_lazy("Owner"), width=20),
    exports.Column(gettext_lazy("Status")),
    exports.Column(gettext_lazy("Priority")),
    exports.Column(gettext_lazy("Estimate (h)"), exports.DECIMAL),
    exports.Column(gettext_lazy("Actual (h)"), exports.DECIMAL),
    exports.Column(gettext_lazy("Remaining (h)"), exports.DECIMAL),
    exports.Column(gettext_lazy("Start"), exports.DATE),
    exports.Column(gettext_lazy("Due"), exports.DATE),
    exports.Column(gettext_lazy("Completed"), exports.DATE),
]


@login_required
def task_export(request: HttpRequest, project_pk: int, fmt: str) -> HttpResponse:
    project = get_project(request, project_pk)
    _filterset, records = _tasks(request, project)
    rows = (
        [
            t.title,
            t.phase.name if t.phase else "",
            t.milestone.name if t.milestone else "",
            _person(t.owner),
            t.get_status_display(),
            t.get_priority_display(),
            t.estimate_hours,
            t.actual,
            t.remaining,
            t.start_date,
            t.due_date,
            t.completed_on,
        ]
        for t in records.iterator(chunk_size=2000)
    )
    return exports.export_response(
        fmt, f"{project.code}-tasks", EXPORT_COLUMNS, rows, sheet_name=_("Tasks")
    )


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# ------------------------------------------------------------------ board


@login_required
def task_board(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    filterset, records = _tasks(request, project)
    # cards go by due date in their column: the board offers no sort of its own
    filterset.form.fields.pop("ordering", None)
    records = records.order_by("due_date", "pk")
    counts = dict(records.order_by().values_list("status").annotate(n=Count("pk")))
    columns = []
    for value, label in Task.Status.choices:
        cards = list(records.filter(status=value)[:BOARD_LIMIT])
        columns.append(
            {
                "status": value,
                "label": label,
                "cards": [
                    (task, access.can(request.user, access.CHANGE, task))
                    for task in cards
                ],
                "count": counts.get(value, 0),
                "more": max(counts.get(value, 0) - len(cards), 0),
            }
        )
    context = {
        "project": project,
        "active_tab": "tasks",
        "filter": filterset,
        "columns": columns,
        "statuses": Task.Status.choices,
        "can_add": access.can(request.user, access.ADD, Task(project=project)),
    }
    return render(request, "milestones/task_board.html", context)


@require_POST
@login_required
def task_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a card: a form POST (keyboard, no script) redirects back; the
    board's script (htmx request) gets the card, or the refusal with 400/409."""
    task = get_object_or_404(
        Task.objects.visible_to(request.user).select_related(
            "project__manager", *RELATED
        ),
        pk=pk,
    )
    access.require(request.user, access.CHANGE, task)
    raw_version = request.POST.get("version", "")
    version = int(raw_version) if raw_version.isdigit() else None
    error, status = "", 200
    try:
        task = services.task_move(
            task=task,
            by=request.user,
            status=request.POST.get("status", ""),
            blocked_reason=request.POST.get("blocked_reason", ""),
            expected_version=version,
        )
    except StaleEdit as stale:
        error, status = str(stale.message), 409
    except ValidationError as invalid:
        error, status = " ".join(invalid.messages), 400
    if getattr(request, "htmx", False):
        if status != 200:
            return HttpResponse(error, status=status, content_type="text/plain")
        task = Task.objects.with_actuals().select_related(*RELATED).get(pk=task.pk)
        return render(
            request,
            "milestones/task_board.html#task-card",
            {"task": task, "can_move": True, "statuses": Task.Status.choices},
        )
    if status != 200:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("“%(task)s” is now %(status)s.")
            % {"task": task.title, "status": task.get_status_display()},
        )
    return redirect(
        _back(request, reverse("milestones:task_board", args=[task.project_id]))
    )


# ------------------------------------------------------------------ logging


class WorkLogForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = WorkLog
        fields = ["user", "date", "hours", "note"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, task: Task, may_log_for_others: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()
        self.fields["user"].queryset = team_of(task.project)
        self.fields["user"].required = False
        if not may_log_for_others:
            del self.fields["user"]
        self.fields["date"].initial = timezone.localdate()


def task_context(request: HttpRequest, task: Task) -> dict[str, Any]:
    """The task detail page's side panel: figures, dependencies, time logged."""
    may_log = access.can(
        request.user,
        access.ADD,
        WorkLog(task=task, project=task.project, user_id=request.user.pk),
    )
    for_others = access.can(
        request.user, access.ADD, WorkLog(task=task, project=task.project)
    )
    logs = list(task.work_logs.select_related("user").order_by("-date", "-pk")[:20])
    return {
        "depends_on": list(task.depends_on.order_by("due_date", "pk")),
        "dependents": list(task.dependents.order_by("due_date", "pk")),
        "logs": logs,
        "log_form": (
            WorkLogForm(task=task, may_log_for_others=for_others) if may_log else None
        ),
    }


@require_POST
@login_required
def task_log(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(
        Task.objects.visible_to(request.user).select_related(
            "project", "project__manager"
        ),
        pk=pk,
    )
    for_others = access.can(
        request.user, access.ADD, WorkLog(task=task, project=task.project)
    )
    form = WorkLogForm(request.POST, task=task, may_log_for_others=for_others)
    if form.is_valid():
        person = form.cleaned_data.get("user") or request.user
        access.require(
            request.user,
            access.ADD,
            WorkLog(task=task, project=task.project, user=person),
        )
        data = dict(form.cleaned_data, user=person)
        try:
            services.worklog_create(task=task, by=request.user, data=data)
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    else:
        messages.success(request, _("Time logged."))
    return redirect(_back(request, reverse("milestones:task_detail", args=[task.pk])))


# ------------------------------------------------------------------ timesheet


def parse_week(raw: str | None) -> date:
    """The Monday of an ISO week given as `2026-W49` (this week if absent or bad)."""
    if raw:
        try:
            return date.fromisoformat(f"{raw}-1")
        except ValueError:
            pass
    return services.week_start(timezone.localdate())


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _timesheet_person(request: HttpRequest) -> User:
    """Whose timesheet: one's own, or another person the viewer may see."""
    raw = request.GET.get("person") or request.POST.get("person")
    if not raw or not str(raw).isdigit() or int(raw) == request.user.pk:
        return request.user  # type: ignore[return-value]
    people = access.visible_users(request.user, User.objects.all())
    return get_object_or_404(people, pk=int(raw))


def timesheet_grid(viewer: Any, person: User, monday: date) -> dict[str, Any]:
    """Rows (tasks) by the 7 days of the week, with row, day and week totals.

    Rows: the tasks the person logged time on that week plus the open tasks
    they own, of the projects the viewer may see. Three queries.
    """
    days = [monday + timedelta(days=n) for n in range(7)]
    logs = (
        WorkLog.objects.visible_to(viewer)
        .filter(user=person, date__range=(days[0], days[-1]))
        .values("task_id", "date")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    cells: dict[tuple[int, date], Decimal] = {
        (row["task_id"], row["date"]): row["hours"] for row in logs
    }
    task_ids = {pk for pk, _day in cells}
    owned = (
        Task.objects.visible_to(viewer)
        .filter(owner=person)
        .exclude(status=Task.Status.DONE)
        .values_list("pk", flat=True)[:50]
    )
    tasks = (
        Task.objects.filter(Q(pk__in=task_ids) | Q(pk__in=list(owned)))
        .select_related("project")
        .with_actuals()
        .order_by("project__code", "due_date", "pk")
    )
    rows = []
    day_totals = [Decimal(0)] * 7
    for task in tasks:
        hours = [cells.get((task.pk, day)) for day in days]
        for index, value in enumerate(hours):
            day_totals[index] += value or 0
        rows.append(
            {
                "task": task,
                "cells": list(zip(days, hours, strict=True)),
                "total": sum((h or Decimal(0) for h in hours), Decimal(0)),
                "may_log": access.can(
                    viewer,
                    access.ADD,
                    WorkLog(task=task, project=task.project, user=person),
                ),
            }
        )
    return {
        "days": days,
        "rows": rows,
        "day_totals": day_totals,
        "week_total": sum(day_totals, Decimal(0)),
    }


@login_required
def timesheet(request: HttpRequest) -> HttpResponse:
    person = _timesheet_person(request)
    monday = parse_week(request.GET.get("week") or request.POST.get("week"))
    if request.method == "POST":
        return _timesheet_post(request, person, monday)
    grid = timesheet_grid(request.user, person, monday)
    context = grid | {
        "person": person,
        "monday": monday,
        "week": iso_week(monday),
        "previous_week": iso_week(monday - timedelta(days=7)),
        "next_week": iso_week(monday + timedelta(days=7)),
        "today": timezone.localdate(),
        "own": person.pk == request.user.pk,
        "capacity": person.weekly_capacity_hours,
        "editable": any(row["may_log"] for row in grid["rows"]),
    }
    return render(request, "milestones/timesheet.html", context)


def _timesheet_post(request: HttpRequest, person: User, monday: date) -> HttpResponse:
    url = reverse("milestones:timesheet")
    query = f"?week={iso_week(monday)}"
    if person.pk != request.user.pk:
        query += f"&person={person.pk}"
    try:
        if "copy" in request.POST:
            created = services.timesheet_copy_last_week(
                person=person, by=request.user, week=monday
            )
            messages.success(
                request,
                _("%(count)d entries copied from last week.") % {"count": created},
            )
        else:
            cells = _read_cells(request, monday)
            changed = services.timesheet_save(
                person=person, by=request.user, cells=cells
            )
            messages.success(
                request,
                _("Timesheet saved: %(count)d cells changed.") % {"count": changed},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(url + query)


def _read_cells(
    request: HttpRequest, monday: date
) -> dict[tuple[int, date], Decimal | None]:
    """Cells posted as `h-<task id>-<day index 0..6>`; blank clears."""
    cells: dict[tuple[int, date], Decimal | None] = {}
    for key, raw in request.POST.items():
        parts = key.split("-")
        if len(parts) != 3 or parts[0] != "h":
            continue
        if not (parts[1].isdigit() and parts[2].isdigit() and int(parts[2]) < 7):
            continue
        day = monday + timedelta(days=int(parts[2]))
        text = raw.strip().replace(",", ".")
        if not text:
            cells[(int(parts[1]), day)] = None
            continue
        try:
            hours = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("“%(value)s” is not a number of hours.") % {"value": raw}
            ) from None
        if not hours.is_finite() or hours < 0 or hours > MAX_HOURS_PER_DAY:
            raise ValidationError(_("Log more than 0 and at most 24 hours."))
        cells[(int(parts[1]), day)] = hours.quantize(Decimal("0.01"))
    return cells


LOG_COLUMNS = [
    exports.Column(gettext_lazy("Date"), exports.DATE, 12),
    exports.Column(gettext_lazy("Person"), width=20),
    exports.Column(gettext_lazy("Project"), width=14),
    exports.Column(gettext_lazy("Task"), width=40),
    exports.Column(gettext_lazy("Hours"), exports.DECIMAL, 10),
    exports.Column(gettext_lazy("Estimate (h)"), exports.DECIMAL),
    exports.Column(gettext_lazy("Note"), width=40),
]


@login_required
def timesheet_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The week's logs of the timesheet's person, one row per log."""
    person = _timesheet_person(request)
    monday = parse_week(request.GET.get("week"))
    logs = (
        WorkLog.objects.visible_to(request.user)
        .filter(user=person, date__range=(monday, monday + timedelta(days=6)))
        .select_related("task", "project")
        .order_by("date", "project__code", "pk")
    )
    rows = (
        [
            log.date,
            _person(person),
            log.project.code,
            log.task.title,
            log.hours,
            log.task.estimate_hours,
            log.note,
        ]
        for log in logs.iterator(chunk_size=2000)
    )
    return exports.export_response(
        fmt,
        f"timesheet-{person.get_username()}-{iso_week(monday)}",
        LOG_COLUMNS,
        rows,
        sheet_name=_("Timesheet"),
    )
