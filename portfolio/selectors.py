"""Reads across apps for the portfolio pages: project health, the overview,
resource allocation and My work. Each runs a fixed number of queries
whatever the data size: grouped counts over a page's project ids, never a
per-row Python loop over records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, F, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from milestones.models import Milestone, Task, WorkLog
from projects import access
from projects.models import (
    CostEntry,
    Document,
    Membership,
    Phase,
    Project,
    Requirement,
)
from projects.selectors import month_end
from reviews.selectors import open_action_items_for
from risks.models import Issue, Risk
from risks.selectors import open_issues_for, open_responses_for

if TYPE_CHECKING:
    from accounts.models import User

HIGH_RISK_SCORE = 15

# The numbers a project's health is read from, and their value without rows.
STATS: dict[str, Any] = {
    "milestones_total": 0,
    "milestones_done": 0,
    "milestones_overdue": 0,
    "milestones_late_forecast": 0,
    "oldest_overdue": None,
    "spent": Decimal(0),
    "open_risks": 0,
    "high_risks": 0,
    "open_issues": 0,
    "issues_past_sla": 0,
    "documents_overdue": 0,
    "tasks_overdue": 0,
    "oldest_task_due": None,
}


def _grouped(qs: QuerySet[Any], ids: list[int], **figures: Any) -> list[dict[str, Any]]:
    """One grouped query: figures per project of `ids`."""
    rows = qs.filter(project_id__in=ids).order_by().values("project_id")
    return list(rows.annotate(**figures))


def attach_stats(projects: Iterable[Project]) -> list[Project]:
    """Set the health numbers on each project (STATS), six queries for all."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    today = timezone.localdate()
    sla_start = timezone.now() - timedelta(hours=settings.ISSUE_SLA_HOURS)
    open_ms = Q(completed_on__isnull=True)
    overdue = open_ms & Q(planned_date__lt=today)
    open_risk = Q(status=Risk.Status.OPEN)
    open_issue = Q(resolved_at__isnull=True)
    found: dict[int, dict[str, Any]] = {pk: dict(STATS) for pk in ids}
    if ids:
        batches = [
            _grouped(
                Milestone.objects.all(),
                ids,
                milestones_total=Count("pk"),
                milestones_done=Count("pk", filter=~open_ms),
                milestones_overdue=Count("pk", filter=overdue),
                milestones_late_forecast=Count(
                    "pk", filter=open_ms & Q(forecast_date__gt=F("planned_date"))
                ),
                oldest_overdue=Min("planned_date", filter=overdue),
            ),
            _grouped(CostEntry.objects.all(), ids, spent=Sum("amount")),
            _grouped(
                Risk.objects.all(),
                ids,
                open_risks=Count("pk", filter=open_risk),
                high_risks=Count(
                    "pk", filter=open_risk & Q(score__gte=HIGH_RISK_SCORE)
                ),
            ),
            _grouped(
                Issue.objects.all(),
                ids,
                open_issues=Count("pk", filter=open_issue),
                issues_past_sla=Count(
                    "pk", filter=open_issue & Q(reported_at__lt=sla_start)
                ),
            ),
            _grouped(
                Document.objects.filter(submitted_on__isnull=True, due_date__lt=today),
                ids,
                documents_overdue=Count("pk"),
            ),
            _grouped(
                Task.objects.overdue(),
                ids,
                tasks_overdue=Count("pk"),
                oldest_task_due=Min("due_date"),
            ),
        ]
        for rows in batches:
            for row in rows:
                pk = row.pop("project_id")
                found[pk].update({k: v for k, v in row.items() if v is not None})
    for project in projects:
        for name, value in found[project.pk].items():
            setattr(project, name, value)
    return projects


@dataclass
class Health:
    colour: str  # green, amber, red
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (colour, text)

    @property
    def label(self) -> str:
        return {"green": _("On track"), "amber": _("At risk"), "red": _("Off track")}[
            self.colour
        ]


def _money(value: Decimal) -> str:
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def health(project: Project, *, internal: bool = True) -> Health:
    """Return red/amber/green and why, from a project with attach_stats' numbers.

    internal=False leaves out costs, risks and issues (customers' view).
    """
    today = timezone.localdate()
    stats: Any = project
    reasons: list[tuple[str, str]] = []
    open_status = project.status not in (
        Project.Status.CLOSED,
        Project.Status.CANCELLED,
    )
    if open_status and project.target_date < today:
        reasons.append(
            (
                "red",
                _(
                    "The target date (%(date)s) has passed and the project "
                    "is still open."
                )
                % {"date": formats.date_format(project.target_date)},
            )
        )
    overdue = stats.milestones_overdue
    if overdue:
        days = (today - stats.oldest_overdue).days
        colour = "red" if overdue >= 3 or days > 30 else "amber"
        reasons.append(
            (
                colour,
                ngettext(
                    "%(n)s milestone overdue by %(days)s days.",
                    "%(n)s milestones overdue, the oldest by %(days)s days.",
                    overdue,
                )
                % {"n": overdue, "days": days},
            )
        )
    late = stats.milestones_late_forecast
    if late:
        reasons.append(
            (
                "amber",
                ngettext(
                    "%(n)s milestone forecast after its planned date.",
                    "%(n)s milestones forecast after their planned date.",
                    late,
                )
                % {"n": late},
            )
        )
    if internal:
        reasons += _internal_reasons(project)
    colours = {c for c, _text in reasons}
    colour = "red" if "red" in colours else "amber" if "amber" in colours else "green"
    if not reasons:
        reasons.append(
            (
                "green",
                _(
                    "No overdue or slipping milestones, spending within budget, "
                    "no high risks or late issues."
                )
                if internal
                else _("No overdue or slipping milestones."),
            )
        )
    order = {"red": 0, "amber": 1, "green": 2}
    reasons.sort(key=lambda r: order[r[0]])
    return Health(colour, reasons)


def _internal_reasons(project: Project) -> list[tuple[str, str]]:
    """Costs, risks, issues and documents: what customers do not see."""
    stats: Any = project
    reasons: list[tuple[str, str]] = []
    spent: Decimal = stats.spent
    if project.budget and spent > project.budget:
        reasons.append(
            (
                "red",
                _("Costs (%(spent)s) exceed the budget (%(budget)s).")
                % {"spent": _money(spent), "budget": _money(project.budget)},
            )
        )
    elif project.budget and spent >= project.budget * Decimal("0.9"):
        reasons.append(
            (
                "amber",
                _("%(pct)s%% of the budget is used.")
                % {"pct": round(spent * 100 / project.budget)},
            )
        )
    elif not project.budget and spent:
        reasons.append(("amber", _("Costs are booked but the project has no budget.")))
    high = stats.high_risks
    if high:
        reasons.append(
            (
                "red" if high >= 3 else "amber",
                ngettext(
                    "%(n)s open high risk (score %(score)s or more).",
                    "%(n)s open high risks (score %(score)s or more).",
                    high,
                )
                % {"n": high, "score": HIGH_RISK_SCORE},
            )
        )
    sla = stats.issues_past_sla
    if sla:
        reasons.append(
            (
                "amber",
                ngettext(
                    "%(n)s open issue past the %(hours)s-hour resolution target.",
                    "%(n)s open issues past the %(hours)s-hour resolution target.",
                    sla,
                )
                % {"n": sla, "hours": settings.ISSUE_SLA_HOURS},
            )
        )
    tasks = stats.tasks_overdue
    if tasks:
        days = (timezone.localdate() - stats.oldest_task_due).days
        reasons.append(
            (
                "red" if tasks >= 10 or days > 30 else "amber",
                ngettext(
                    "%(n)s task past its due date and not done, by %(days)s days.",
                    "%(n)s tasks past their due date and not done, the oldest "
                    "by %(days)s days.",
                    tasks,
                )
                % {"n": tasks, "days": days},
            )
        )
    docs = stats.documents_overdue
    if docs:
        reasons.append(
            (
                "amber",
                ngettext(
                    "%(n)s document past its due date and not submitted.",
                    "%(n)s documents past their due date and not submitted.",
                    docs,
                )
                % {"n": docs},
            )
        )
    return reasons


def overview(project: Project, *, internal: bool, user: Any) -> dict[str, Any]:
    """Return what the overview page shows (a fixed number of queries)."""
    attach_stats([project])
    today = timezone.localdate()
    stats: Any = project
    phases = list(
        Phase.objects.filter(project=project).annotate(
            total=Count("milestones"),
            done=Count("milestones", filter=Q(milestones__completed_on__isnull=False)),
        )
    )
    span = max((project.target_date - project.start_date).days, 1)
    for phase in phases:
        phase.progress = round(100 * phase.done / phase.total) if phase.total else 0  # type: ignore[attr-defined]
        length = max((phase.end_date - phase.start_date).days, 1)
        elapsed = min(max((today - phase.start_date).days, 0), length)
        phase.time_used = round(100 * elapsed / length)  # type: ignore[attr-defined]
    open_ms = Milestone.objects.filter(
        project=project, completed_on__isnull=True
    ).select_related("phase")
    upcoming = list(
        open_ms.filter(planned_date__gte=today)
        .annotate(expected=Coalesce("forecast_date", "planned_date"))
        .order_by("expected", "pk")[:5]
    )
    overdue_ms = list(
        open_ms.filter(planned_date__lt=today).order_by("planned_date")[:10]
    )
    overdue_reqs = list(
        Requirement.objects.filter(
            project=project,
            due_date__lt=today,
            status__in=[Requirement.Status.PROPOSED, Requirement.Status.APPROVED],
        ).order_by("due_date")[:10]
    )
    # only the documents this reader may open (a customer sees reports only)
    overdue_docs = list(
        Document.objects.visible_to(user)
        .filter(project=project, submitted_on__isnull=True, due_date__lt=today)
        .order_by("due_date")[:10]
    )
    budget_pct = round(stats.spent * 100 / project.budget) if project.budget else None
    return {
        "phases": phases,
        "upcoming": upcoming,
        "overdue_milestones": overdue_ms,
        "overdue_requirements": overdue_reqs,
        "overdue_documents": overdue_docs,
        "budget_pct": budget_pct,
        "time_pct": min(
            100, max(0, round(100 * (today - project.start_date).days / span))
        ),
        "health": health(project, internal=internal),
    }


# ---------------------------------------------------------------- resources


ALLOCATING = (Project.Status.ACTIVE, Project.Status.PLANNING)


def allocation(users: QuerySet[Any], months: list[date]) -> QuerySet[Any]:
    """Annotate users with their summed allocation per month on the projects
    that run or are being planned (over-allocation from a planned project
    shows before it starts).

    One grouped query: a membership counts in a month when its project's
    start-target span overlaps that month.
    """
    active = Q(memberships__project__status__in=ALLOCATING)
    annotations = {
        f"m{index}": Coalesce(
            Sum(
                "memberships__allocation_percent",
                filter=active
                & Q(memberships__project__start_date__lte=month_end(month))
                & Q(memberships__project__target_date__gte=month),
            ),
            Value(0),
        )
        for index, month in enumerate(months)
    }
    annotations["projects"] = Count(
        "memberships", filter=active & Q(memberships__allocation_percent__gt=0)
    )
    return users.annotate(**annotations)


def allocation_breakdown(
    people: list[Any], first: date, last: date
) -> dict[int, list[Membership]]:
    """Per person, the seats behind their figures: project, allocation and
    span, for projects running or planned between first and last (one query)."""
    seats = (
        Membership.objects.filter(
            user__in=people,
            allocation_percent__gt=0,
            project__status__in=ALLOCATING,
            project__start_date__lte=last,
            project__target_date__gte=first,
        )
        .select_related("project")
        .order_by("project__start_date", "project__code")
    )
    out: dict[int, list[Membership]] = {}
    for seat in seats:
        out.setdefault(seat.user_id, []).append(seat)
    return out


# ------------------------------------------------------------------ My work


@dataclass
class WorkItem:
    kind: str  # "action", "response" or "issue"
    title: str
    project: Any
    due: date
    url: str
    record: Any

    @property
    def is_overdue(self) -> bool:
        return self.due < timezone.localdate()


MY_WORK_LIMIT = 500


def _local(moment: datetime) -> date:
    return timezone.localdate(timezone.localtime(moment))


def my_work(user: User) -> list[WorkItem]:
    """Return the user's open action items, risk responses and issues, due first.

    Three queries whatever the volume (each capped at MY_WORK_LIMIT rows).
    """
    sla = timedelta(hours=settings.ISSUE_SLA_HOURS)
    rows: list[WorkItem] = [
        WorkItem(
            "action",
            item.description,
            item.meeting.project,
            item.due_date,
            reverse("reviews:meeting_detail", args=[item.meeting_id]),
            item,
        )
        for item in open_action_items_for(user)[:MY_WORK_LIMIT]
    ]
    rows.extend(
        WorkItem(
            "response",
            f"{response.risk.title}: {response.description}",
            response.risk.project,
            response.due_date,
            reverse("risks:detail", args=[response.risk_id]),
            response,
        )
        for response in open_responses_for(user)[:MY_WORK_LIMIT]
    )
    rows.extend(
        WorkItem(
            "issue",
            issue.title,
            issue.project,
            _local(issue.reported_at + sla),
            reverse("risks:issue_detail", args=[issue.pk]),
            issue,
        )
        for issue in open_issues_for(user)[:MY_WORK_LIMIT]
    )
    rows.extend(_team_work(user))
    rows.sort(key=lambda row: (row.due, row.kind, row.title))
    return rows


MY_TASKS_LIMIT = 100


def my_tasks(user: User) -> list[Task]:
    """The user's open tasks (they own), due first; one query, capped."""
    return list(
        Task.objects.visible_to(user)
        .filter(owner=user)
        .open()
        .select_related("project")
        .with_actuals()
        .order_by(F("due_date").asc(nulls_last=True), "pk")[:MY_TASKS_LIMIT]
    )


def hours_by_month(
    user_ids: list[int], start: date, end: date
) -> dict[tuple[int, date], Decimal]:
    """Hours logged per (person, first of month) in [start, end); one query."""
    rows = (
        WorkLog.objects.filter(user_id__in=user_ids, date__gte=start, date__lt=end)
        .annotate(month=TruncMonth("date"))
        .values("user_id", "month")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    return {(row["user_id"], row["month"]): row["hours"] for row in rows}


def _readable(user: User, project: Project | None) -> Project | None:
    """The project when user may open it, else None: a review condition's
    owner opens the review, not necessarily its project."""
    if project is None or not access.can(user, access.VIEW, project):
        return None
    return project


def _team_work(user: User) -> list[WorkItem]:
    """Appraisal steps the user takes, their improvement actions and the
    conditions of technical reviews they own (three queries)."""
    from teams import appraisal_selectors
    from teams.models import ReviewCondition

    rows = [
        WorkItem(
            "appraisal",
            f"{appraisal.cycle.name}: {appraisal.person} · "
            f"{appraisal.get_stage_display()}",
            None,
            appraisal.due_date,
            reverse("teams:appraisal_detail", args=[appraisal.pk]),
            appraisal,
        )
        for appraisal in appraisal_selectors.appraisal_steps_for(user, MY_WORK_LIMIT)
    ]
    rows.extend(
        WorkItem(
            "improvement",
            action.description,
            None,
            action.due_date,
            reverse("teams:appraisal_detail", args=[action.appraisal_id]),
            action,
        )
        for action in appraisal_selectors.open_improvement_actions_for(
            user, MY_WORK_LIMIT
        )
    )
    rows.extend(
        WorkItem(
            "condition",
            f"{condition.review.title}: {condition.description}",
            _readable(user, condition.review.project),
            condition.due_date,
            reverse("teams:technical_review", args=[condition.review_id]),
            condition,
        )
        for condition in ReviewCondition.objects.filter(owner=user)
        .open()
        .select_related("review__project")
        .order_by("due_date", "pk")[:MY_WORK_LIMIT]
    )
    return rows
