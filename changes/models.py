from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.policy import ADD, CHANGE, EDIT, SUBMIT, RecordPolicy
from core.versioning import Versioned
from milestones.models import Milestone
from projects.models import NAME_LENGTH, Project, ProjectScopedQuerySet, Requirement


class ChangeRequest(Versioned):
    class Kind(models.TextChoices):
        SCOPE = "scope", _("Scope")
        SCHEDULE = "schedule", _("Schedule")
        COST = "cost", _("Cost")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        IMPLEMENTED = "implemented", _("Implemented")

    project = models.ForeignKey(
        Project,
        models.CASCADE,
        related_name="change_requests",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.SCOPE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="change_requests",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.DRAFT
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_change_requests",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    impact_days = models.IntegerField(_("schedule impact (days)"), default=0)
    impact_cost = models.DecimalField(
        _("cost impact"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    affected_requirements = models.ManyToManyField(
        Requirement,
        blank=True,
        related_name="change_requests",
        verbose_name=_("affected requirements"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[affected_requirements])
    objects = ProjectScopedQuerySet.as_manager()
    # The team and the customer raise requests; whoever raised one edits and
    # submits it while it is a draft (the services enforce the workflow).
    access = RecordPolicy(
        customer=True,
        customer_grants=frozenset({ADD}),
        team_grants=frozenset({ADD}),
        owner="requested_by",
        owner_grants=frozenset({CHANGE, SUBMIT}),
        # Whoever raised a request never decides it (DESIGN §4).
        decided_by_others=True,
        decide_capability="changes.decide_raised_by_manager",
    )

    class Meta:
        ordering = ["project", "-created_at", "pk"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        permissions = [
            (
                "decide_raised_by_manager",
                _("Can decide change requests raised by a project manager"),
            )
        ]
        indexes = [
            models.Index(fields=["project", "status"]),
            models.Index(fields=["decided_on"]),
            # The lists' newest-first order (page and API): a page is read off
            # this index, filtered by access, never sorted out of every row.
            models.Index(fields=["created_at", "id"], name="change_newest_first"),
        ]

    def __str__(self) -> str:
        return self.title


class MilestoneChange(models.Model):
    """One proposed move of a milestone's planned date, applied on approval."""

    change_request = models.ForeignKey(
        ChangeRequest,
        models.CASCADE,
        related_name="milestone_changes",
        verbose_name=_("change request"),
    )
    milestone = models.ForeignKey(
        Milestone,
        models.CASCADE,
        related_name="proposed_changes",
        verbose_name=_("milestone"),
    )
    new_planned_date = models.DateField(_("new planned date"))
    old_planned_date = models.DateField(
        _("previous planned date"),
        null=True,
        blank=True,
        help_text=_("Recorded when the change is applied."),
    )

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    access = RecordPolicy(
        project="change_request__project",
        customer=True,
        owner="change_request__requested_by",
        owner_grants=EDIT,
    )

    class Meta:
        verbose_name = _("milestone change")
        verbose_name_plural = _("milestone changes")
        constraints = [
            models.UniqueConstraint(
                fields=["change_request", "milestone"],
                name="milestone_change_once_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} → {self.new_planned_date}"

    @property
    def project(self) -> Project:
        return self.change_request.project
