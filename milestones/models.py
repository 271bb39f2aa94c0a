from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.policy import ADD, CHANGE, DELETE, RecordPolicy
from core.versioning import Versioned
from projects.models import NAME_LENGTH, Phase, Project, ProjectScopedQuerySet


class MilestoneQuerySet(ProjectScopedQuerySet):
    def slipped(self) -> Self:
        """Return open milestones forecast after their plan or already overdue."""
        today = timezone.localdate()
        return self.filter(completed_on__isnull=True).filter(
            Q(forecast_date__gt=F("planned_date")) | Q(planned_date__lt=today)
        )


class Milestone(Versioned):
    project = models.ForeignKey(
        Project, models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    phase = models.ForeignKey(
        Phase,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("phase"),
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    planned_date = models.DateField(
        _("planned date"),
        help_text=_("The baseline date. Locked once the plan is approved."),
    )
    # The planned date as the approved plan had it, kept when an approved
    # change request first moves planned_date (empty: never moved).
    baseline_date = models.DateField(
        _("baseline date"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The planned date in the approved plan, before any change."),
    )
    forecast_date = models.DateField(_("forecast date"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    deliverables = models.TextField(_("deliverables"), blank=True)
    depends_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="dependents",
        verbose_name=_("depends on"),
    )

    history = HistoricalRecords(m2m_fields=[depends_on])
    objects = MilestoneQuerySet.as_manager()
    access = RecordPolicy(customer=True)

    class Meta:
        ordering = ["project", "planned_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [
            models.Index(fields=["planned_date"]),
            models.Index(fields=["project", "planned_date"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def baseline(self) -> date:
        """The approved plan's date for this milestone."""
        return self.baseline_date or self.planned_date

    @property
    def variance_days(self) -> int:
        """Days the current plan lies after (+) or before (-) the baseline."""
        return (self.planned_date - self.baseline).days

    @property
    def is_slipped(self) -> bool:
        if self.completed_on is not None:
            return False
        late_forecast = bool(
            self.forecast_date and self.forecast_date > self.planned_date
        )
        return late_forecast or self.planned_date < timezone.localdate()


# ------------------------------------------------------------------ tasks
# Tasks and work logs live beside the milestones they deliver (DESIGN §1's
# layout is fixed): a task belongs to a project and a phase, optionally to a
# milestone, and people log hours on it.

MAX_HOURS_PER_DAY = Decimal(24)


class TaskQuerySet(ProjectScopedQuerySet):
    def open(self) -> Self:
        return self.exclude(status=Task.Status.DONE)

    def overdue(self) -> Self:
        """Return unfinished tasks whose due date has passed."""
        return self.open().filter(due_date__lt=timezone.localdate())

    def with_actuals(self) -> Self:
        """Annotate `actual_hours`: the hours logged on each task (one
        correlated sum over the (task, date) index, per row shown)."""
        logged = (
            WorkLog.objects.filter(task=models.OuterRef("pk"))
            .order_by()
            .values("task")
            .annotate(total=models.Sum("hours"))
            .values("total")
        )
        return self.annotate(
            actual_hours=Coalesce(
                models.Subquery(logged, output_field=models.DecimalField()),
                Decimal(0),
                output_field=models.DecimalField(max_digits=9, decimal_places=2),
            )
        )


class Task(Versioned):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        BLOCKED = "blocked", _("Blocked")
        DONE = "done", _("Done")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="tasks", verbose_name=_("project")
    )
    phase = models.ForeignKey(
        Phase,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("phase"),
    )
    milestone = models.ForeignKey(
        Milestone,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("milestone"),
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.TODO
    )
    blocked_reason = models.TextField(
        _("blocked reason"),
        blank=True,
        help_text=_("Required while the task is blocked: what it waits for."),
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority, default=Priority.MEDIUM
    )
    estimate_hours = models.DecimalField(
        _("estimate (hours)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    completed_on = models.DateField(
        _("completed on"),
        null=True,
        blank=True,
        help_text=_("Set when the task is done."),
    )
    depends_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="dependents",
        verbose_name=_("depends on"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[depends_on])
    objects = TaskQuerySet.as_manager()
    # The project manager edits everything in their projects; the owner
    # updates their own task; customers see no task (DESIGN §4 plus issue 26).
    access = RecordPolicy(owner="owner", owner_grants=frozenset({CHANGE}))

    class Meta:
        ordering = ["project", "due_date", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["project", "status", "due_date"]),
            models.Index(fields=["project", "due_date"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(due_date__gte=F("start_date")),
                name="task_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def actual(self) -> Decimal:
        """Hours logged (annotated by with_actuals(), else summed now)."""
        found = getattr(self, "actual_hours", None)
        if found is None:
            found = self.work_logs.aggregate(total=models.Sum("hours"))["total"]
        return Decimal(found or 0)

    @property
    def remaining(self) -> Decimal | None:
        """Estimate left: none when unestimated, 0 once done or overspent."""
        if self.estimate_hours is None:
            return None
        if self.status == self.Status.DONE:
            return Decimal(0)
        return max(self.estimate_hours - self.actual, Decimal(0))

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != self.Status.DONE
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class WorkLog(Versioned):
    """Hours a person spent on a task on one day."""

    project = models.ForeignKey(
        Project,
        models.CASCADE,
        related_name="work_logs",
        verbose_name=_("project"),
        editable=False,
        help_text=_("The task's project, copied so lists need no join."),
    )
    task = models.ForeignKey(
        Task, models.CASCADE, related_name="work_logs", verbose_name=_("task")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="work_logs",
        verbose_name=_("person"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(MAX_HOURS_PER_DAY),
        ],
    )
    note = models.CharField(_("note"), max_length=NAME_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    # A person logs (and corrects) their own time; the project manager any.
    access = RecordPolicy(owner="user", owner_grants=frozenset({ADD, CHANGE, DELETE}))

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        indexes = [
            models.Index(fields=["user", "date"]),
            models.Index(fields=["task", "date"]),
            models.Index(fields=["project", "date"]),
            # The lists' order (newest first): a page is read off the index.
            models.Index(fields=["-date", "id"], name="worklog_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="worklog_hours_0_24",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.date} · {self.hours}"
