from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.policy import ADD, CHANGE, EDIT, RecordPolicy
from core.versioning import Versioned
from projects.choices import ProjectRole
from projects.models import NAME_LENGTH, Project, ProjectScopedQuerySet

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(Versioned):
    class Category(models.TextChoices):
        TECHNICAL = "technical", _("Technical")
        SCHEDULE = "schedule", _("Schedule")
        COST = "cost", _("Cost")
        RESOURCE = "resource", _("Resources")
        SCOPE = "scope", _("Scope")
        QUALITY = "quality", _("Quality")
        EXTERNAL = "external", _("External")
        OTHER = "other", _("Other")

    class Strategy(models.TextChoices):
        AVOID = "avoid", _("Avoid")
        MITIGATE = "mitigate", _("Mitigate")
        TRANSFER = "transfer", _("Transfer")
        ACCEPT = "accept", pgettext_lazy("risk strategy", "Accept")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("risk status", "Open")
        CLOSED = "closed", _("Closed")
        OCCURRED = "occurred", _("Occurred")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="risks", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category, default=Category.TECHNICAL
    )
    probability = models.PositiveSmallIntegerField(
        _("probability (1–5)"), validators=ONE_TO_FIVE
    )
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=ONE_TO_FIVE)
    score = models.GeneratedField(
        expression=F("probability") * F("impact"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("score"),
    )
    strategy = models.CharField(
        _("strategy"), max_length=10, choices=Strategy, default=Strategy.ACCEPT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_risks",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN
    )
    identified_on = models.DateField(_("identified on"), default=timezone.localdate)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy(role_grants={ProjectRole.RISK_OFFICER: EDIT})

    class Meta:
        ordering = ["project", "-score", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=5),
                name="risk_probability_1_5",
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5), name="risk_impact_1_5"
            ),
        ]
        indexes = [
            models.Index(fields=["project", "status"]),
            # Registers and the API list the highest scores first: walked in
            # this order, a page stops after its rows instead of sorting all;
            # with the project, a page's ids come off the index alone.
            models.Index(
                fields=["-score", "id"], include=["project"], name="risk_score_desc"
            ),
            # The heat map (and its page count) as an index-only scan of the
            # visible projects' entries, without reading the wide rows.
            models.Index(
                fields=["project", "probability", "impact"], name="risk_heat_cells"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RiskResponse(Versioned):
    risk = models.ForeignKey(
        Risk, models.CASCADE, related_name="responses", verbose_name=_("risk")
    )
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="risk_responses",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy(
        project="risk__project",
        owner="owner",
        owner_grants=frozenset({CHANGE}),
        role_grants={ProjectRole.RISK_OFFICER: EDIT},
    )

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("risk response")
        verbose_name_plural = _("risk responses")
        indexes = [models.Index(fields=["due_date"])]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def project(self) -> Project:
        return self.risk.project

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_date < timezone.localdate()


class Issue(Versioned):
    class Category(models.TextChoices):
        PROBLEM = "problem", _("Problem")
        CONFLICT = "conflict", _("Conflict")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="issues", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"), blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity, default=Severity.MEDIUM
    )
    category = models.CharField(
        _("category"), max_length=10, choices=Category, default=Category.PROBLEM
    )
    parties = models.CharField(
        _("parties"),
        max_length=500,
        blank=True,
        help_text=_(
            "Of a conflict: the departments and/or people in dispute, e.g. "
            "“Engineering vs. QA”."
        ),
    )
    resolve_by = models.DateField(
        _("resolve by"),
        null=True,
        blank=True,
        help_text=_("Of a conflict: the date it must be resolved by."),
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_issues",
        verbose_name=_("owner"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_issues",
        verbose_name=_("reported by"),
    )

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    # Anyone on the team logs a problem; its owner works it.
    access = RecordPolicy(
        owner="owner", owner_grants=frozenset({CHANGE}), team_grants=frozenset({ADD})
    )

    class Meta:
        ordering = ["project", "-reported_at", "pk"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True)
                | Q(resolved_at__gte=F("reported_at")),
                name="issue_resolved_after_reported",
                violation_error_message=_(
                    "An issue cannot be resolved before it was reported."
                ),
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(resolution=""),
                name="issue_resolution_required",
                violation_error_message=_(
                    "Describe the resolution to resolve the issue."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["resolved_at"]),
            models.Index(fields=["project", "resolved_at"]),
            models.Index(fields=["category", "resolve_by"]),
            # The API's order (newest report first, then id): read off the
            # index, filtered by access, never sorted out of every row.
            models.Index(F("reported_at").desc(), F("id"), name="issue_newest_first"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def hours_open(self) -> float:
        end = self.resolved_at or timezone.now()
        return (end - self.reported_at).total_seconds() / 3600

    @property
    def breaches_sla(self) -> bool:
        return self.hours_open > settings.ISSUE_SLA_HOURS
