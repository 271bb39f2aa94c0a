from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.policy import ADD, EDIT, REVIEW, RecordPolicy
from core.versioning import Versioned
from projects import access, tabs
from projects.choices import ProjectRole

if TYPE_CHECKING:
    from accounts.models import User

NAME_LENGTH = 200


class ProjectScopedQuerySet(models.QuerySet[Any]):
    """Queryset of a project's records; `visible_to` asks projects/access.py."""

    def visible_to(self, user: User) -> Self:
        return access.visible(user, self)


class ProjectQuerySet(models.QuerySet["Project"]):
    def visible_to(self, user: User) -> Self:
        return access.visible_projects(user, self)

    def not_cancelled(self) -> Self:
        return self.exclude(status=Project.Status.CANCELLED)


class Project(Versioned):
    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        ACTIVE = "active", _("Active")
        ON_HOLD = "on_hold", _("On hold")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9]*-[0-9]+$",
                _("Use capital letters, a hyphen and a number, e.g. PRJ-042."),
            )
        ],
        help_text=_("Unique project code, e.g. PRJ-042."),
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    customer = models.CharField(
        _("customer"),
        max_length=NAME_LENGTH,
        blank=True,
        help_text=_("The customer organisation's name."),
    )
    department = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("department"),
    )
    # Indexed by Meta's (manager, status) + id index, which access.py's
    # "projects I manage" subquery reads without touching the table.
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="managed_projects",
        verbose_name=_("project manager"),
        db_index=False,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PLANNING
    )
    start_date = models.DateField(_("start date"))
    target_date = models.DateField(_("target date"))
    objectives = models.TextField(_("objectives"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    baselined_on = models.DateField(
        _("baselined on"),
        null=True,
        blank=True,
        help_text=_("The date the plan was approved; planned dates are locked after."),
    )
    baselined_at = models.DateTimeField(
        _("baselined at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = ProjectQuerySet.as_manager()
    access = RecordPolicy(project="", customer=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [("view_all_projects", _("Can read every project"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gte=models.F("start_date")),
                name="project_target_after_start",
                violation_error_message=_(
                    "The target date cannot be before the start."
                ),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="project_budget_not_negative",
            ),
        ]
        indexes = [
            # Covers "the ids of the projects a manager runs" (every page's
            # visibility test): an index-only scan, not a scan of the table.
            models.Index(
                fields=["manager", "status"],
                include=["id"],
                name="project_manager_status",
            ),
            models.Index(fields=["department", "status"]),
            # Project codes by id, for lists of records sorted by their
            # project's code (the risk register): index-only lookups.
            models.Index(fields=["id"], include=["code"], name="project_code_by_id"),
            # The orders of the portfolio timeline and of home: their first
            # page is read off the index instead of sorting every visible
            # project.
            models.Index(fields=["start_date", "code"], name="project_start_code"),
            models.Index(fields=["target_date", "code"], name="project_target_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return tabs.home_url(self)

    @property
    def project(self) -> Project:
        """A project is its own project: access rules treat it like any record."""
        return self

    @property
    def is_baselined(self) -> bool:
        return self.baselined_on is not None


class Membership(models.Model):
    Role = ProjectRole

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="memberships", verbose_name=_("project")
    )
    # Indexed by Meta's (user, role) + project index (see there).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
        db_index=False,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    allocation_percent = models.PositiveSmallIntegerField(
        _("allocation (%)"),
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy()

    class Meta:
        ordering = ["project", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                name="membership_unique_user_per_project",
                violation_error_message=_("This person is already on the project."),
            ),
            models.CheckConstraint(
                condition=Q(allocation_percent__gte=0, allocation_percent__lte=100),
                name="membership_allocation_0_100",
            ),
        ]
        indexes = [
            # Covers "the projects this person is on, in these roles" (every
            # page's visibility test): an index-only scan.
            models.Index(
                fields=["user", "role"],
                include=["project"],
                name="membership_user_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.project.code}"


class Phase(models.Model):
    project = models.ForeignKey(
        Project, models.CASCADE, related_name="phases", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    objectives = models.TextField(_("objectives"), blank=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy(customer=True)

    class Meta:
        ordering = ["project", "order", "start_date"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="phase_end_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Requirement(Versioned):
    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        DELIVERED = "delivered", _("Delivered")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="requirements", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    acceptance_criteria = models.TextField(_("acceptance criteria"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PROPOSED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )
    accepted_on = models.DateField(
        _("accepted on"),
        null=True,
        blank=True,
        help_text=_("The date the customer accepted it."),
    )

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy()

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        indexes = [models.Index(fields=["project", "status"])]

    def __str__(self) -> str:
        return self.title


def document_upload_to(instance: Document, filename: str) -> str:
    return f"documents/{instance.project_id}/{filename}"


class Document(Versioned):
    class Kind(models.TextChoices):
        PLAN = "plan", _("Project plan")
        REQUIREMENTS = "requirements", pgettext_lazy("document kind", "Requirements")
        PROGRESS_REPORT = "progress_report", _("Progress report")
        RISK_REPORT = "risk_report", _("Risk report")
        MINUTES = "minutes", pgettext_lazy("meeting record", "Minutes")
        RETROSPECTIVE_REPORT = "retrospective_report", _("Retrospective report")
        OTHER = "other", _("Other")

    class ReviewStatus(models.TextChoices):
        PENDING = "pending", pgettext_lazy("review status", "Pending")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    review_status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus,
        default=ReviewStatus.PENDING,
    )
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    # The meeting it reports on, by id: meetings live in an app above this one
    # (reviews), which checks the id and keeps it (projects/links.py).
    meeting = models.PositiveIntegerField(
        _("meeting"), null=True, blank=True, db_index=True
    )
    update_every_days = models.PositiveSmallIntegerField(
        _("update every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("For a document kept current, e.g. 7 for a weekly report."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy(
        # Customers read the progress reports only; QA reviews documents.
        customer={"kind": "progress_report"},
        role_grants={ProjectRole.QA: frozenset({REVIEW})},
    )

    class Meta:
        ordering = ["project", "due_date", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["project", "due_date"])]

    def __str__(self) -> str:
        return self.title


def version_upload_to(instance: DocumentVersion, filename: str) -> str:
    return f"documents/{instance.document.project_id}/{filename}"


class DocumentVersion(models.Model):
    """One submission of a document: a new file never overwrites an old one."""

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    file = models.FileField(_("file"), upload_to=version_upload_to, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="document_versions",
        verbose_name=_("submitted by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    # Customers read the versions of progress reports; the manager adds them.
    access = RecordPolicy(
        project="document__project", customer={"document__kind": "progress_report"}
    )

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_number_unique"
            )
        ]
        indexes = [models.Index(fields=["document", "submitted_on"])]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class DocumentReview(models.Model):
    """A review of a document (of one version); the latest result is the
    document's review status."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    document = models.ForeignKey(
        Document,
        models.CASCADE,
        related_name="document_reviews",
        verbose_name=_("document"),
    )
    version = models.ForeignKey(
        DocumentVersion,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="version_reviews",
        verbose_name=_("document version"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="document_reviews_given",
        verbose_name=_("reviewer"),
    )
    result = models.CharField(_("result"), max_length=10, choices=Result)
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy(
        project="document__project",
        role_grants={ProjectRole.QA: frozenset({ADD})},
    )

    class Meta:
        ordering = ["document", "reviewed_on", "pk"]
        verbose_name = _("document review")
        verbose_name_plural = _("document reviews")
        indexes = [models.Index(fields=["reviewed_on"])]

    def __str__(self) -> str:
        return f"{self.document}: {self.get_result_display()}"


class CostEntry(Versioned):
    class Category(models.TextChoices):
        LABOUR = "labour", _("Labour")
        HARDWARE = "hardware", _("Hardware")
        SOFTWARE = "software", _("Software and licences")
        SERVICES = "services", _("External services")
        TRAVEL = "travel", _("Travel")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="cost_entries", verbose_name=_("project")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category, default=Category.LABOUR
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy(role_grants={ProjectRole.FINANCE: EDIT})

    class Meta:
        ordering = ["project", "-date", "pk"]
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="cost_entry_amount_positive",
                violation_error_message=_("A cost must be a positive amount."),
            )
        ]
        indexes = [models.Index(fields=["project", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.amount}"
