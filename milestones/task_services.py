"""Writes for tasks and work logs: one service per action (issue 26).

Every write validates the whole record, runs in a transaction, records who
made it (history) and claims the version the editor read. Refusals are
ValidationErrors naming the field, with nothing saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from milestones.models import MAX_HOURS_PER_DAY, Task, WorkLog
from projects import access
from projects import services as project_services
from projects.models import Membership, Project

if TYPE_CHECKING:
    from accounts.models import User

TASK_FIELDS = (
    "title",
    "description",
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
)
BULK_FIELDS = ("owner", "status", "blocked_reason", "due_date")
WORKLOG_FIELDS = ("user", "date", "hours", "note")


def on_team(user: Any, project: Project) -> bool:
    """True if user manages or works on project (a customer seat does not count)."""
    if user is None:
        return False
    if project.manager_id == user.pk:
        return True
    return (
        Membership.objects.filter(project=project, user=user)
        .exclude(role=Membership.Role.CUSTOMER_REP)
        .exists()
    )


# ------------------------------------------------------------------ tasks


def _check_task(task: Task) -> None:
    project = task.project
    if task.phase_id is not None and task.phase.project_id != project.pk:
        raise ValidationError({"phase": _("Choose a phase of this project.")})
    if task.milestone_id is not None and task.milestone.project_id != project.pk:
        raise ValidationError({"milestone": _("Choose a milestone of this project.")})
    if task.owner_id is not None and not on_team(task.owner, project):
        raise ValidationError({"owner": _("The owner must be on the project team.")})
    if task.start_date and task.due_date and task.due_date < task.start_date:
        raise ValidationError(
            {"due_date": _("The due date cannot be before the start date.")}
        )
    if task.estimate_hours is not None and task.estimate_hours < 0:
        raise ValidationError({"estimate_hours": _("The estimate cannot be negative.")})
    if task.status == Task.Status.BLOCKED and not (task.blocked_reason or "").strip():
        raise ValidationError({"blocked_reason": _("Say what the task is blocked by.")})
    if task.status != Task.Status.BLOCKED:
        task.blocked_reason = ""
    if task.status == Task.Status.DONE:
        task.completed_on = task.completed_on or timezone.localdate()
        project_services.not_in_future(
            "completed_on",
            task.completed_on,
            _("A completion date cannot be in the future."),
        )
    else:
        task.completed_on = None


def check_dependencies(task: Task, depends_on: Iterable[Task]) -> None:
    """Refuse dependencies across projects, on itself, or that make a cycle."""
    targets = list(depends_on)
    for other in targets:
        if other.project_id != task.project_id:
            raise ValidationError(
                {
                    "depends_on": _(
                        "“%(name)s” belongs to another project; a task can only "
                        "depend on tasks of its own project."
                    )
                    % {"name": other.title}
                }
            )
        if task.pk is not None and other.pk == task.pk:
            raise ValidationError({"depends_on": _("A task cannot depend on itself.")})
    if task.pk is None or not targets:
        return  # a new task has no dependents, so no cycle is possible
    # One query for the project's dependency edges, then a walk in memory.
    edges: dict[int, set[int]] = {}
    rows = Task.depends_on.through.objects.filter(
        from_task__project_id=task.project_id
    ).values_list("from_task_id", "to_task_id")
    for source, target in rows:
        if source != task.pk:
            edges.setdefault(source, set()).add(target)
    for start in targets:
        stack, seen = [start.pk], set()
        while stack:
            node = stack.pop()
            if node == task.pk:
                raise ValidationError(
                    {
                        "depends_on": _(
                            "Depending on “%(name)s” would create a cycle: it "
                            "already depends, directly or through others, on "
                            "“%(this)s”."
                        )
                        % {"name": start.title, "this": task.title}
                    }
                )
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))


@transaction.atomic
def task_create(*, project: Project, by: User | None, data: dict[str, Any]) -> Task:
    """Create a task (and its dependencies, when given)."""
    task = Task(project=project)
    project_services.assign(task, data, TASK_FIELDS)
    targets = data.get("depends_on")
    if targets is not None:
        targets = list(targets)
        check_dependencies(task, targets)
    _check_task(task)
    project_services.save(task, by=by)
    if targets is not None:
        task.depends_on.set(targets)
    return task


@transaction.atomic
def task_update(
    *,
    task: Task,
    by: User | None,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> Task:
    """Update a task; raises ValidationError (nothing saved) or StaleEdit."""
    project_services.assign(task, data, TASK_FIELDS)
    targets = data.get("depends_on")
    if targets is not None:
        targets = list(targets)
        check_dependencies(task, targets)
    _check_task(task)
    project_services.save(task, by=by, expected_version=expected_version)
    if targets is not None:
        task.depends_on.set(targets)
    return task


@transaction.atomic
def task_move(
    *,
    task: Task,
    by: User | None,
    status: str,
    blocked_reason: str = "",
    expected_version: int | None = None,
) -> Task:
    """Move a task to another status (a board column, My work's select)."""
    if status not in Task.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    data: dict[str, Any] = {"status": status}
    if status == Task.Status.BLOCKED:
        data["blocked_reason"] = blocked_reason or task.blocked_reason
    return task_update(task=task, by=by, data=data, expected_version=expected_version)


@transaction.atomic
def tasks_bulk_update(
    *, tasks: Iterable[Task], by: User, data: dict[str, Any]
) -> list[Task]:
    """Set owner, status and/or due date on several tasks at once.

    All or nothing: one task the user may not change (403) or that the
    change would make invalid refuses the whole batch, naming the task.
    """
    updates = {k: v for k, v in data.items() if k in BULK_FIELDS}
    done = []
    for task in tasks:
        access.require(by, access.CHANGE, task)
        try:
            done.append(task_update(task=task, by=by, data=dict(updates)))
        except ValidationError as error:
            messages = " ".join(error.messages)
            raise ValidationError(
                _("“%(task)s”: %(error)s") % {"task": task.title, "error": messages}
            ) from error
    return done


@transaction.atomic
def task_delete(*, task: Task, by: User | None) -> None:
    project_services.delete(task, by=by)


# ------------------------------------------------------------------ work logs


def _day_total(user_id: int, day: date, exclude_pk: int | None = None) -> Decimal:
    rows = WorkLog.objects.filter(user_id=user_id, date=day)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def _check_log(log: WorkLog) -> None:
    if log.hours is None or log.hours <= 0 or log.hours > MAX_HOURS_PER_DAY:
        raise ValidationError({"hours": _("Log more than 0 and at most 24 hours.")})
    if log.user_id is None:
        raise ValidationError({"user": _("Choose the person who did the work.")})
    if not on_team(log.user, log.task.project):
        raise ValidationError(
            {
                "task": _(
                    "%(person)s is not on this task's project, so cannot log "
                    "time on it."
                )
                % {"person": log.user.get_full_name() or log.user.get_username()}
            }
        )
    if log.date is None:
        raise ValidationError({"date": _("Enter the date of the work.")})
    project_services.not_in_future(
        "date", log.date, _("Time cannot be logged for a day still to come.")
    )
    # Lock the person's rows of that day, so two saves cannot both pass.
    list(
        WorkLog.objects.select_for_update()
        .filter(user_id=log.user_id, date=log.date)
        .values_list("pk", flat=True)
    )
    total = _day_total(log.user_id, log.date, log.pk) + log.hours
    if total > MAX_HOURS_PER_DAY:
        raise ValidationError(
            {
                "hours": _(
                    "That makes %(total)s hours on %(day)s for this person; a "
                    "day has at most 24."
                )
                % {
                    "total": formats.number_format(total, 2),
                    "day": formats.date_format(log.date),
                }
            }
        )


@transaction.atomic
def worklog_create(*, task: Task, by: User | None, data: dict[str, Any]) -> WorkLog:
    """Log hours on a task for a date (for oneself, or by the manager)."""
    log = WorkLog(task=task, project_id=task.project_id)
    if by is not None:
        log.user = by
    project_services.assign(log, data, WORKLOG_FIELDS)
    _check_log(log)
    project_services.save(log, by=by)
    return log


@transaction.atomic
def worklog_update(
    *,
    log: WorkLog,
    by: User | None,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> WorkLog:
    project_services.assign(log, data, ("date", "hours", "note"))
    _check_log(log)
    project_services.save(log, by=by, expected_version=expected_version)
    return log


@transaction.atomic
def worklog_delete(*, log: WorkLog, by: User | None) -> None:
    project_services.delete(log, by=by)


# ------------------------------------------------------------------ timesheet


def week_start(day: date) -> date:
    """The Monday of day's ISO week."""
    return day - timedelta(days=day.weekday())


@transaction.atomic
def timesheet_save(
    *,
    person: User,
    by: User,
    cells: dict[tuple[int, date], Decimal | None],
) -> int:
    """Set the hours of each (task id, day) cell of a person's timesheet.

    A cell's hours replace what was logged on that task and day (its logs
    are merged into one, keeping the first note); empty or 0 clears it. All
    or nothing: a cell that breaks a rule refuses the whole sheet, naming
    the task and day. Returns the number of cells changed.
    """
    tasks = {
        t.pk: t
        for t in Task.objects.select_related("project").filter(
            pk__in={pk for pk, _day in cells}
        )
    }
    existing: dict[tuple[int, date], list[WorkLog]] = {}
    for log in WorkLog.objects.filter(
        user=person,
        task_id__in=list(tasks),
        date__in={day for _pk, day in cells},
    ).order_by("pk"):
        existing.setdefault((log.task_id, log.date), []).append(log)
    changed = 0
    # Clearing first, so hours moved between cells of one day fit the 24.
    ordered = sorted(cells.items(), key=lambda item: item[1] or Decimal(0))
    for (task_pk, day), hours in ordered:
        task = tasks.get(task_pk)
        logs = existing.get((task_pk, day), [])
        current = sum((log.hours for log in logs), Decimal(0))
        if task is None or (hours or Decimal(0)) == current:
            continue
        probe = WorkLog(task=task, project_id=task.project_id, user=person)
        access.require(by, access.ADD, probe)
        try:
            if not hours:
                for log in logs:
                    worklog_delete(log=log, by=by)
            elif logs:
                first, *rest = logs
                for log in rest:
                    worklog_delete(log=log, by=by)
                worklog_update(log=first, by=by, data={"hours": hours})
            else:
                worklog_create(
                    task=task,
                    by=by,
                    data={"user": person, "date": day, "hours": hours},
                )
        except ValidationError as error:
            raise ValidationError(
                _("%(task)s, %(day)s: %(error)s")
                % {
                    "task": task.title,
                    "day": formats.date_format(day),
                    "error": " ".join(error.messages),
                }
            ) from error
        changed += 1
    return changed


@transaction.atomic
def timesheet_copy_last_week(*, person: User, by: User, week: date) -> int:
    """Copy the hours of the week before `week` (a Monday) into it: each log
    on a task not yet done lands on the same weekday, where that task and day
    have nothing logged yet and the day is not in the future. Returns the
    number of logs created."""
    previous = week - timedelta(days=7)
    taken = set(
        WorkLog.objects.filter(
            user=person, date__range=(week, week + timedelta(days=6))
        ).values_list("task_id", "date")
    )
    today = timezone.localdate()
    created = 0
    source = (
        WorkLog.objects.filter(
            user=person, date__range=(previous, previous + timedelta(days=6))
        )
        .exclude(task__status=Task.Status.DONE)
        .select_related("task", "task__project")
        .order_by("date", "pk")
    )
    for log in source:
        day = log.date + timedelta(days=7)
        if day > today or (log.task_id, day) in taken:
            continue
        access.require(
            by,
            access.ADD,
            WorkLog(task=log.task, project_id=log.project_id, user=person),
        )
        worklog_create(
            task=log.task,
            by=by,
            data={"user": person, "date": day, "hours": log.hours, "note": log.note},
        )
        taken.add((log.task_id, day))
        created += 1
    return created
