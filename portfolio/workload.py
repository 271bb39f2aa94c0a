"""Workload against capacity per person and week (issue 26).

Planned hours of a person in an ISO week (Monday to Sunday, site time zone):
- each task they own with an estimate spreads it evenly over the working
  days (Monday to Friday) from its start to its due date (one of the two
  alone: that day; a done task stops at its completion); a span without a
  working day spreads over its days;
- a project on which they have an allocation but no task hours that week
  counts its allocation instead: allocation % * weekly capacity * the share
  of the week's working days inside the project's start-target span (work
  not yet broken down into tasks).
Over-allocated: planned > weekly capacity. Actual: hours logged that week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from milestones.models import Task, WorkLog
from projects.models import Membership, Project

WEEKS = 8
CENT = Decimal("0.01")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def working_days(start: date, end: date) -> list[date]:
    """Weekdays from start to end (inclusive); all days if none is one."""
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return [d for d in days if d.weekday() < 5] or days


def spread(estimate: Decimal, start: date, end: date) -> dict[date, Decimal]:
    """Return {monday: hours} of an estimate spread over start..end."""
    days = working_days(start, end)
    if not days:
        return {}
    per_day = estimate / len(days)
    weeks: dict[date, Decimal] = defaultdict(Decimal)
    for day in days:
        weeks[monday_of(day)] += per_day
    return dict(weeks)


def task_span(task: dict[str, Any]) -> tuple[date, date] | None:
    start, due = task["start_date"], task["due_date"]
    if start is None and due is None:
        return None
    start, due = start or due, due or start
    if task["status"] == Task.Status.DONE and task["completed_on"]:
        due = max(min(due, task["completed_on"]), start)
    return start, due


@dataclass
class Week:
    monday: date
    tasks: Decimal = Decimal(0)
    allocation: Decimal = Decimal(0)
    actual: Decimal = Decimal(0)
    capacity: Decimal = Decimal(0)

    @property
    def planned(self) -> Decimal:
        return (self.tasks + self.allocation).quantize(CENT)

    @property
    def over(self) -> bool:
        return self.planned > self.capacity

    @property
    def load(self) -> int | None:
        """Planned as a percentage of capacity."""
        if not self.capacity:
            return None
        return round(self.planned * 100 / self.capacity)


def workload(
    people: Iterable[Any], first: date, weeks: int = WEEKS
) -> dict[int, list[Week]]:
    """Return {user id: [Week, …]} for `weeks` weeks from the Monday `first`.

    Three queries (tasks, allocations, logs) for all the people given.
    """
    people = list(people)
    ids = [p.pk for p in people]
    mondays = [first + timedelta(weeks=n) for n in range(weeks)]
    last = mondays[-1] + timedelta(days=6)
    grid = {
        p.pk: {m: Week(m, capacity=Decimal(p.weekly_capacity_hours)) for m in mondays}
        for p in people
    }
    task_hours: dict[tuple[int, int, date], Decimal] = defaultdict(Decimal)
    tasks = (
        Task.objects.filter(owner_id__in=ids, estimate_hours__gt=0)
        .filter(Q(start_date__lte=last) | Q(start_date=None, due_date__lte=last))
        .filter(Q(due_date__gte=first) | Q(due_date=None, start_date__gte=first))
        .values(
            "owner_id",
            "project_id",
            "estimate_hours",
            "start_date",
            "due_date",
            "status",
            "completed_on",
        )
    )
    for task in tasks:
        span = task_span(task)
        if span is None:
            continue
        for monday, hours in spread(task["estimate_hours"], *span).items():
            if monday in grid[task["owner_id"]]:
                grid[task["owner_id"]][monday].tasks += hours
                task_hours[(task["owner_id"], task["project_id"], monday)] += hours
    seats = Membership.objects.filter(
        user_id__in=ids,
        allocation_percent__gt=0,
        project__status=Project.Status.ACTIVE,
        project__start_date__lte=last,
        project__target_date__gte=first,
    ).values(
        "user_id",
        "project_id",
        "allocation_percent",
        "project__start_date",
        "project__target_date",
    )
    for seat in seats:
        for monday in mondays:
            week = grid[seat["user_id"]][monday]
            if task_hours.get((seat["user_id"], seat["project_id"], monday)):
                continue  # broken down into tasks: they count instead
            days = [monday + timedelta(days=n) for n in range(5)]
            inside = sum(
                1
                for d in days
                if seat["project__start_date"] <= d <= seat["project__target_date"]
            )
            week.allocation += (
                Decimal(seat["allocation_percent"]) / 100 * week.capacity * inside / 5
            )
    logs = (
        WorkLog.objects.filter(user_id__in=ids, date__range=(first, last))
        .values("user_id", "date")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    for row in logs:
        grid[row["user_id"]][monday_of(row["date"])].actual += row["hours"]
    return {pk: list(weeks.values()) for pk, weeks in grid.items()}
