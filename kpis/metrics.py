"""What each KPI counts: one annotated queryset per KPI, used twice.

Each metric's `records(window)` is the set of rows behind the denominator,
annotated with `num_part` (what the row adds to the numerator) and `den_part`
(what it adds to the denominator). The nightly job sums them per project in
one aggregate query (`per_project`); the "numbers explained" pages list the
same rows. Both read the one definition, so they cannot disagree.

DESIGN.md §3: the window is [as_of - (N - 1) days, as_of] in the site time
zone; datetimes count by their local date; facts dated after as_of have not
happened yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    DateField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ONE, ZERO = Value(1, output_field=IntegerField()), Value(0, output_field=IntegerField())
PLACES = Decimal("0.0000000001")  # the snapshot columns keep ten decimal places
MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)


@dataclass(frozen=True)
class Window:
    """W = [start, as_of], both inclusive, in the site time zone."""

    as_of: date
    start: date

    @classmethod
    def ending(cls, as_of: date, days: int | None = None) -> Window:
        days = settings.KPI_WINDOW_DAYS if days is None else days
        return cls(as_of=as_of, start=as_of - timedelta(days=days - 1))

    @staticmethod
    def _midnight(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def start_at(self) -> datetime:
        """The first instant of the window (local midnight of its first day)."""
        return self._midnight(self.start)

    @property
    def end_at(self) -> datetime:
        """The first instant after the window (local midnight after as_of)."""
        return self._midnight(self.as_of + timedelta(days=1))

    @property
    def dates(self) -> tuple[date, date]:
        return (self.start, self.as_of)


def counted(condition: Q) -> Case:
    """1 when the row counts in the numerator, else 0."""
    return Case(When(condition, then=ONE), default=ZERO, output_field=IntegerField())


def to_decimal(value: Any) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)


def hours(value: timedelta | None) -> Decimal:
    """Hours of a summed duration, exact to the microsecond, to ten places."""
    if value is None:
        return Decimal(0)
    return (
        Decimal(value // timedelta(microseconds=1)) / MICROSECONDS_PER_HOUR
    ).quantize(PLACES)


@dataclass(frozen=True)
class Metric:
    """A KPI's records, the path from a record to its project id, and units.

    `columns` name the facts the "numbers explained" page shows per record;
    `related` and `ordering` keep that page to a fixed number of queries.
    """

    records: Callable[[Window], QuerySet[Any]]
    project: str  # lookup from the record to its project's id
    to_number: Callable[[Any], Decimal] = to_decimal
    columns: tuple[tuple[Any, str], ...] = ()
    related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("pk",)
    is_mean: bool = False
    # Counts everything dated up to as_of, not only the window's records.
    cumulative: bool = False
    # The numerator and denominator are amounts of money (costs, budget).
    money: bool = False

    def project_of(self, record: Any) -> Any:
        if self.project == "pk":
            return record
        target = record
        for name in self.project.removesuffix("_id").split("__"):
            target = getattr(target, name)
        return target

    def describe(self, record: Any) -> dict[str, Any]:
        values = []
        for _label, path in self.columns:
            *parents, last = path.split("__")
            target = record
            for name in parents:
                target = getattr(target, name, None) if target is not None else None
            display = getattr(target, f"get_{last}_display", None)
            # A choice shows its label (in the reader's language), not its code.
            values.append(
                display()
                if display
                else getattr(target, last, None)
                if target
                else None
            )
        part = record.num_part
        if isinstance(part, timedelta):
            part = hours(part)
        return {
            "record": record,
            "project": self.project_of(record),
            "values": values,
            "numerator": part,
            "denominator": record.den_part,
            "counted": bool(part) if not self.is_mean else True,
        }

    def scoped(self, window: Window, projects: QuerySet[Any] | None) -> QuerySet[Any]:
        """Return the records of the given projects (a values("pk") queryset)."""
        qs = self.records(window)
        if projects is not None:
            qs = qs.filter(**{f"{self.project}__in": projects})
        return qs

    def per_project_rows(
        self, window: Window, *, first_id: int | None = None, last_id: int | None = None
    ) -> QuerySet[Any]:
        """The aggregate query: rows (pid, numerator, denominator), raw sums."""
        qs = self.records(window)
        if first_id is not None and last_id is not None:
            qs = qs.filter(
                **{f"{self.project}__gte": first_id, f"{self.project}__lte": last_id}
            )
        return (
            qs.order_by()
            .values(pid=F(self.project))
            .annotate(numerator=Sum("num_part"), denominator=Sum("den_part"))
            .values_list("pid", "numerator", "denominator")
        )

    def per_project(
        self, window: Window, *, first_id: int | None = None, last_id: int | None = None
    ) -> dict[int, tuple[Decimal, Decimal]]:
        """Return {project_id: (numerator, denominator)} in one aggregate query."""
        rows = self.per_project_rows(window, first_id=first_id, last_id=last_id)
        return {pid: (self.to_number(num), to_decimal(den)) for pid, num, den in rows}


def _milestones(w: Window) -> QuerySet[Any]:
    from milestones.models import Milestone

    return Milestone.objects.filter(planned_date__range=w.dates).annotate(
        num_part=counted(Q(completed_on__lte=F("planned_date"))), den_part=ONE
    )


def _customer_satisfaction(w: Window) -> QuerySet[Any]:
    from reviews.models import CustomerSatisfaction

    return CustomerSatisfaction.objects.filter(responded_on__range=w.dates).annotate(
        num_part=F("score"), den_part=ONE
    )


def _risk_responses(w: Window) -> QuerySet[Any]:
    from risks.models import RiskResponse

    return RiskResponse.objects.filter(due_date__range=w.dates).annotate(
        num_part=counted(Q(completed_on__lte=F("due_date"))), den_part=ONE
    )


def _team_communication(w: Window) -> QuerySet[Any]:
    from reviews.models import TeamCommunication

    return TeamCommunication.objects.filter(responded_on__range=w.dates).annotate(
        num_part=F("rating"), den_part=ONE
    )


def _resolved_issues(w: Window) -> QuerySet[Any]:
    from risks.models import Issue

    # resolved_at's local date in W  <=>  start_at <= resolved_at < end_at.
    return Issue.objects.filter(
        resolved_at__gte=w.start_at, resolved_at__lt=w.end_at
    ).annotate(
        num_part=ExpressionWrapper(
            F("resolved_at") - F("reported_at"), output_field=DurationField()
        ),
        den_part=ONE,
    )


def _requirements(w: Window) -> QuerySet[Any]:
    from changes.models import ChangeRequest
    from projects.models import Requirement

    changed = ChangeRequest.affected_requirements.through.objects.filter(
        requirement_id=OuterRef("pk"),
        changerequest__status__in=[
            ChangeRequest.Status.APPROVED,
            ChangeRequest.Status.IMPLEMENTED,
        ],
        changerequest__decided_on__range=w.dates,
    )
    return (
        Requirement.objects.filter(created_at__lt=w.end_at)
        .exclude(status=Requirement.Status.REJECTED)
        .annotate(num_part=counted(Q(Exists(changed))), den_part=ONE)
    )


def _improvements(w: Window) -> QuerySet[Any]:
    from reviews.models import ActionItem

    return ActionItem.objects.filter(
        kind=ActionItem.Kind.IMPROVEMENT, due_date__range=w.dates
    ).annotate(num_part=counted(Q(completed_on__lte=w.as_of)), den_part=ONE)


def _meeting_feedback(w: Window) -> QuerySet[Any]:
    from reviews.models import MeetingFeedback

    return MeetingFeedback.objects.filter(
        meeting__held_on__range=w.dates, created_at__lt=w.end_at
    ).annotate(num_part=counted(Q(rating__gte=4)), den_part=ONE)


class AddDays(Func):
    """date + n days, as a date, on each database (SQLite keeps dates as text)."""

    arity = 2
    output_field = DateField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # PostgreSQL: date + integer is a date.
        return super().as_sql(
            compiler,
            connection,
            template="(%(expressions)s)",
            arg_joiner=" + ",
            **extra,
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra,
        )


def _documents_of_kind(kind: str) -> Callable[[Window], QuerySet[Any]]:
    def records(w: Window) -> QuerySet[Any]:
        from projects.models import Document

        return Document.objects.filter(kind=kind, due_date__range=w.dates).annotate(
            num_part=counted(Q(submitted_on__lte=F("due_date"))), den_part=ONE
        )

    return records


def _document_updates(w: Window) -> QuerySet[Any]:
    """Update obligations due in W: each version of a document kept current
    owes the next one `update_every_days` after it; met when a later version
    (by date, then number) is dated on or before that due date."""
    from projects.models import DocumentVersion

    later = DocumentVersion.objects.filter(
        document_id=OuterRef("document_id"), submitted_on__lte=OuterRef("next_due")
    ).filter(
        Q(submitted_on__gt=OuterRef("submitted_on"))
        | Q(submitted_on=OuterRef("submitted_on"), number__gt=OuterRef("number"))
    )
    return (
        DocumentVersion.objects.filter(
            document__update_every_days__isnull=False,
            submitted_on__lte=w.as_of,
        )
        .annotate(next_due=AddDays("submitted_on", "document__update_every_days"))
        .filter(next_due__range=w.dates)
        .annotate(num_part=counted(Q(Exists(later))), den_part=ONE)
    )


def _document_reviews(w: Window) -> QuerySet[Any]:
    from projects.models import DocumentReview

    return DocumentReview.objects.filter(reviewed_on__range=w.dates).annotate(
        num_part=counted(Q(result=DocumentReview.Result.PASSED)), den_part=ONE
    )


def _conflicts(w: Window) -> QuerySet[Any]:
    """Conflicts due in W, resolved on a local date ≤ resolve_by (and ≤ as_of)."""
    from risks.models import Issue

    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        Issue.objects.filter(
            category=Issue.Category.CONFLICT, resolve_by__range=w.dates
        )
        .annotate(resolved_on=TruncDate("resolved_at", tzinfo=zone))
        .annotate(
            num_part=counted(
                Q(resolved_at__lt=w.end_at, resolved_on__lte=F("resolve_by"))
            ),
            den_part=ONE,
        )
    )


def _live_requirements(w: Window) -> QuerySet[Any]:
    from projects.models import Requirement

    return Requirement.objects.filter(created_at__lt=w.end_at).exclude(
        status=Requirement.Status.REJECTED
    )


def _requirement_completeness(w: Window) -> QuerySet[Any]:
    """Cumulative: requirements of baselined active/closed projects, counted
    when created at or before the plan's approval (in the approved plan)."""
    from projects.models import Project

    return (
        _live_requirements(w)
        .filter(
            project__status__in=[Project.Status.ACTIVE, Project.Status.CLOSED],
            project__baselined_on__lte=w.as_of,
        )
        .annotate(
            num_part=counted(Q(created_at__lte=F("project__baselined_at"))),
            den_part=ONE,
        )
    )


def _requirement_fulfilment(w: Window) -> QuerySet[Any]:
    from projects.models import Requirement

    return (
        Requirement.objects.filter(due_date__range=w.dates)
        .exclude(status=Requirement.Status.REJECTED)
        .annotate(num_part=counted(Q(accepted_on__lte=w.as_of)), den_part=ONE)
    )


MONEY = DecimalField(max_digits=20, decimal_places=2)


def _spent(w: Window) -> Coalesce:
    """A project's costs dated ≤ as_of (cumulative), 0 when it has none."""
    from projects.models import CostEntry

    spent = (
        CostEntry.objects.filter(project=OuterRef("pk"), date__lte=w.as_of)
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(spent, output_field=MONEY), Value(Decimal(0)), output_field=MONEY
    )


def _budgets(w: Window) -> QuerySet[Any]:
    from projects.models import Project

    return Project.objects.filter(
        status__in=[Project.Status.ACTIVE, Project.Status.CLOSED]
    ).annotate(num_part=_spent(w), den_part=F("budget"))


def _projects_within_budget(w: Window) -> QuerySet[Any]:
    """Active and closed projects with a budget, each counted 1 when its costs
    dated ≤ as_of sum to at most its budget (a verdict per project, not pooled
    money: one project far under budget hides none that is over)."""
    from projects.models import Project

    return (
        Project.objects.filter(
            status__in=[Project.Status.ACTIVE, Project.Status.CLOSED], budget__gt=0
        )
        .annotate(spent=_spent(w))
        .annotate(num_part=counted(Q(spent__lte=F("budget"))), den_part=ONE)
    )


ON_TIME_DELIVERY = Metric(
    _milestones,
    "project_id",
    columns=(
        (_("Milestone"), "name"),
        (_("Planned"), "planned_date"),
        (_("Completed"), "completed_on"),
    ),
    related=("project",),
    ordering=("planned_date", "pk"),
)
CUSTOMER_SATISFACTION = Metric(
    _customer_satisfaction,
    "project_id",
    columns=(
        (_("Respondent"), "respondent"),
        (_("Responded"), "responded_on"),
        (_("Score"), "score"),
    ),
    related=("project",),
    ordering=("responded_on", "pk"),
    is_mean=True,
)
RISK_RESPONSE_RATE = Metric(
    _risk_responses,
    "risk__project_id",
    columns=(
        (_("Risk"), "risk__title"),
        (pgettext_lazy("risk response", "Response"), "description"),
        (_("Due"), "due_date"),
        (_("Completed"), "completed_on"),
    ),
    related=("risk__project",),
    ordering=("due_date", "pk"),
)
TEAM_COMMUNICATION = Metric(
    _team_communication,
    "project_id",
    columns=((_("Responded"), "responded_on"), (_("Rating"), "rating")),
    related=("project",),
    ordering=("responded_on", "pk"),
    is_mean=True,
)
ISSUE_RESOLUTION_HOURS = Metric(
    _resolved_issues,
    "project_id",
    hours,
    columns=(
        (_("Issue"), "title"),
        (_("Reported"), "reported_at"),
        (_("Resolved"), "resolved_at"),
    ),
    related=("project",),
    ordering=("resolved_at", "pk"),
    is_mean=True,
)
CHANGE_RATIO = Metric(
    _requirements,
    "project_id",
    columns=(
        (_("Requirement"), "title"),
        (_("Status"), "status"),
        (_("Created"), "created_at"),
    ),
    related=("project",),
)
IMPROVEMENT_RATE = Metric(
    _improvements,
    "meeting__project_id",
    columns=(
        (_("Improvement"), "description"),
        (_("Due"), "due_date"),
        (_("Completed"), "completed_on"),
    ),
    related=("meeting__project",),
    ordering=("due_date", "pk"),
)
MEETING_SATISFACTION = Metric(
    _meeting_feedback,
    "meeting__project_id",
    columns=(
        (_("Meeting"), "meeting__title"),
        (_("Held"), "meeting__held_on"),
        (_("Rating"), "rating"),
        (_("Given"), "created_at"),
    ),
    related=("meeting__project",),
    ordering=("meeting__held_on", "pk"),
)
PLAN_SUBMISSION = Metric(
    _documents_of_kind("plan"),
    "project_id",
    columns=(
        (_("Document"), "title"),
        (_("Due"), "due_date"),
        (pgettext_lazy("date column", "Submitted"), "submitted_on"),
    ),
    related=("project",),
    ordering=("due_date", "pk"),
)
BUDGET_ADHERENCE = Metric(
    _budgets,
    "pk",
    columns=((_("Status"), "status"),),
    ordering=("code",),
    cumulative=True,
    money=True,
)
PROJECTS_WITHIN_BUDGET = Metric(
    _projects_within_budget,
    "pk",
    columns=(
        (_("Status"), "status"),
        (_("Budget"), "budget"),
        (_("Spent to date"), "spent"),
    ),
    ordering=("code",),
    cumulative=True,
)
REQUIREMENT_COMPLETENESS = Metric(
    _requirement_completeness,
    "project_id",
    columns=(
        (_("Requirement"), "title"),
        (_("Created"), "created_at"),
        (_("Plan approved"), "project__baselined_at"),
    ),
    related=("project",),
    cumulative=True,
)
REQUIREMENT_FULFILMENT = Metric(
    _requirement_fulfilment,
    "project_id",
    columns=(
        (_("Requirement"), "title"),
        (_("Status"), "status"),
        (_("Due"), "due_date"),
        (_("Accepted"), "accepted_on"),
    ),
    related=("project",),
    ordering=("due_date", "pk"),
)
DOCUMENT_UPDATE_TIMELINESS = Metric(
    _document_updates,
    "document__project_id",
    columns=(
        (_("Document"), "document__title"),
        (_("Version"), "number"),
        (pgettext_lazy("date column", "Submitted"), "submitted_on"),
        (_("Next version due"), "next_due"),
    ),
    related=("document__project",),
    ordering=("next_due", "pk"),
)
REVIEW_PASS_RATE = Metric(
    _document_reviews,
    "document__project_id",
    columns=(
        (_("Document"), "document__title"),
        (_("Reviewed"), "reviewed_on"),
        (_("Result"), "result"),
        (_("Reviewer"), "reviewer"),
    ),
    related=("document__project", "reviewer"),
    ordering=("reviewed_on", "pk"),
)
CONFLICT_RESOLUTION_RATE = Metric(
    _conflicts,
    "project_id",
    columns=(
        (_("Conflict"), "title"),
        (_("Parties"), "parties"),
        (_("Resolve by"), "resolve_by"),
        (_("Resolved"), "resolved_at"),
    ),
    related=("project",),
    ordering=("resolve_by", "pk"),
)
RETRO_REPORT_TIMELINESS = Metric(
    _documents_of_kind("retrospective_report"),
    "project_id",
    columns=(
        (_("Document"), "title"),
        (_("Due"), "due_date"),
        (pgettext_lazy("date column", "Submitted"), "submitted_on"),
    ),
    related=("project",),
    ordering=("due_date", "pk"),
)
