"""Appraisals (绩效考核, DESIGN §7): schemes, cycles, one appraisal per person.

A scheme (criteria with weights, a scale) goes through the approval chain
director → HR agrees → general manager approves. A cycle applies an
approved scheme to a period, with a due date per step. Each person's
appraisal walks self review → manager review → calibration by the director
→ feedback talk → closed; STAGES below says who takes each step.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.policy import Step, TeamPolicy
from core.versioning import Versioned
from kpis.models import KpiDefinition
from teams.models.approvals import DRAFT, RETURNED, Approvable
from teams.models.common import APPROVE_AS_GM, FILE_AS_HR, READS_ALL, TeamQuerySet


class AppraisalScheme(Approvable):
    """绩效考核原则/方法: what is scored, how heavily, on which scale; written
    by a director → agreed with HR → approved by the general manager."""

    SUBMITTED, AGREED, APPROVED = "submitted", "agreed", "approved"
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        SUBMITTED: _("Submitted"),
        AGREED: _("Agreed with HR"),
        APPROVED: _("Approved"),
    }
    STEPS: ClassVar = [
        Step(SUBMITTED, AGREED, _("Agreement by HR"), capability=FILE_AS_HR),
        Step(
            AGREED,
            APPROVED,
            _("Approval by the general manager"),
            capability=APPROVE_AS_GM,
        ),
    ]
    AUTHOR: ClassVar = "author"

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("method"), blank=True)
    scale_min = models.PositiveSmallIntegerField(
        _("lowest score"), default=1, validators=[MaxValueValidator(10)]
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="appraisal_schemes",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    # Reference data for anyone holding the view permission (the method
    # behind their own appraisal is no secret).
    access = TeamPolicy(person=None, reads_all=READS_ALL)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["waiting_on", "state"])]
        verbose_name = _("appraisal scheme")
        verbose_name_plural = _("appraisal schemes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="appraisal_scheme_scale_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AppraisalCriterion(models.Model):
    scheme = models.ForeignKey(
        AppraisalScheme,
        models.CASCADE,
        related_name="criteria",
        verbose_name=_("appraisal scheme"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    kpi = models.ForeignKey(
        KpiDefinition,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisal_criteria",
        verbose_name=_("KPI"),
        help_text=_("Tied to a KPI: the person's KPI values are shown beside it."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person=None, reads_all=READS_ALL)

    class Meta:
        ordering = ["scheme", "position", "pk"]
        verbose_name = _("appraisal criterion")
        verbose_name_plural = _("appraisal criteria")

    def __str__(self) -> str:
        return self.name


class AppraisalCycle(Versioned):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    scheme = models.ForeignKey(
        AppraisalScheme,
        models.PROTECT,
        related_name="cycles",
        verbose_name=_("appraisal scheme"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    self_review_due = models.DateField(_("self review due"))
    manager_review_due = models.DateField(_("manager review due"))
    calibration_due = models.DateField(_("calibration due"))
    feedback_due = models.DateField(_("feedback talk due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="appraisal_cycles",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("appraisal cycle")
        verbose_name_plural = _("appraisal cycles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="appraisal_cycle_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def due_of(self, stage: str) -> Any:
        """The due date of a stage (None for closed)."""
        return {
            Appraisal.Stage.SELF_REVIEW: self.self_review_due,
            Appraisal.Stage.MANAGER_REVIEW: self.manager_review_due,
            Appraisal.Stage.CALIBRATION: self.calibration_due,
            Appraisal.Stage.FEEDBACK: self.feedback_due,
        }.get(stage)


class AppraisalQuerySet(TeamQuerySet):
    def open(self) -> Self:
        return self.exclude(stage=Appraisal.Stage.CLOSED)


class Appraisal(Versioned):
    class Stage(models.TextChoices):
        SELF_REVIEW = "self_review", _("Self review")
        MANAGER_REVIEW = "manager_review", _("Manager review")
        CALIBRATION = "calibration", _("Calibration")
        FEEDBACK = "feedback", _("Feedback talk")
        CLOSED = "closed", _("Closed")

    # stage: (who takes it, the stage it moves to, the stage a return goes to)
    STAGES = {
        Stage.SELF_REVIEW: ("person", Stage.MANAGER_REVIEW, None),
        Stage.MANAGER_REVIEW: ("manager", Stage.CALIBRATION, Stage.SELF_REVIEW),
        Stage.CALIBRATION: ("director", Stage.FEEDBACK, Stage.MANAGER_REVIEW),
        Stage.FEEDBACK: ("manager", Stage.CLOSED, None),
    }

    cycle = models.ForeignKey(
        AppraisalCycle,
        models.CASCADE,
        related_name="appraisals",
        verbose_name=_("appraisal cycle"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="appraisals",
        verbose_name=_("person"),
    )
    # The manager when the cycle opened (reports_to may change later).
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisals_as_manager",
        verbose_name=_("manager"),
    )
    stage = models.CharField(
        _("step"), max_length=20, choices=Stage, default=Stage.SELF_REVIEW
    )
    self_comment = models.TextField(_("self review"), blank=True)
    self_submitted_at = models.DateTimeField(
        _("self review submitted at"), null=True, blank=True
    )
    manager_comment = models.TextField(_("manager review"), blank=True)
    manager_submitted_at = models.DateTimeField(
        _("manager review submitted at"), null=True, blank=True
    )
    # The weighted manager score, then the grade after calibration.
    manager_score = models.DecimalField(
        _("manager score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    final_score = models.DecimalField(
        _("final score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    calibration_note = models.TextField(_("calibration note"), blank=True)
    calibrated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="calibrated_appraisals",
        verbose_name=_("calibrated by"),
    )
    calibrated_at = models.DateTimeField(_("calibrated at"), null=True, blank=True)
    feedback_held_on = models.DateField(
        _("feedback talk held on"), null=True, blank=True
    )
    feedback_note = models.TextField(_("feedback talk notes"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    last_reminded_on = models.DateField(
        _("last reminded on"), null=True, blank=True, editable=False
    )

    objects = AppraisalQuerySet.as_manager()
    history = HistoricalRecords()
    access = TeamPolicy(person="person", reads_all=READS_ALL)

    class Meta:
        ordering = ["cycle", "person__username"]
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "person"], name="one_appraisal_per_person_and_cycle"
            )
        ]
        indexes = [models.Index(fields=["stage", "cycle"])]
        permissions = [
            ("calibrate_appraisal", _("Can calibrate appraisals (director)")),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.cycle}"

    @property
    def due_date(self) -> Any:
        return self.cycle.due_of(self.stage)

    @property
    def holder(self) -> str | None:
        """Who takes the step that is due: person, manager or director."""
        step = self.STAGES.get(self.stage)
        return step[0] if step else None


class AppraisalScore(models.Model):
    appraisal = models.ForeignKey(
        Appraisal, models.CASCADE, related_name="scores", verbose_name=_("appraisal")
    )
    criterion = models.ForeignKey(
        AppraisalCriterion,
        models.PROTECT,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    self_score = models.PositiveSmallIntegerField(
        _("self score"), null=True, blank=True
    )
    self_note = models.TextField(_("self note"), blank=True)
    manager_score = models.PositiveSmallIntegerField(
        _("manager score"), null=True, blank=True
    )
    manager_note = models.TextField(_("manager note"), blank=True)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person="appraisal__person", reads_all=READS_ALL)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = _("appraisal score")
        verbose_name_plural = _("appraisal scores")
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.manager_score or self.self_score or '—'}"


class ImprovementActionQuerySet(TeamQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Those of the appraisals the user reads, and the user's own."""
        from projects import access

        seen = access.visible(user, self.model.objects.all()).values("pk")
        if user.pk is None:
            return self.none()
        return self.filter(Q(pk__in=seen) | Q(owner=user))

    def open(self) -> Self:
        return self.filter(completed_on__isnull=True)


class ImprovementAction(Versioned):
    """An action agreed in an appraisal, with an owner and a due date; counted
    and listed like a meeting's action items (My work)."""

    appraisal = models.ForeignKey(
        Appraisal,
        models.CASCADE,
        related_name="improvement_actions",
        verbose_name=_("appraisal"),
    )
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = ImprovementActionQuerySet.as_manager()
    history = HistoricalRecords()
    access = TeamPolicy(person="appraisal__person", reads_all=READS_ALL)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        indexes = [models.Index(fields=["owner", "completed_on"])]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_date < timezone.localdate()
