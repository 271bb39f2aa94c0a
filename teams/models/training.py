"""Training plans (培训计划), their items and the training records (§7)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.policy import CHANGE, EDIT, Step, TeamPolicy
from teams.models.approvals import DRAFT, RETURNED, Approvable
from teams.models.common import (
    APPROVE_AS_GM,
    FILE_AS_HR,
    LEVEL_VALIDATORS,
    READS_ALL,
    WRITES_ALL,
    TeamQuerySet,
)
from teams.models.skills import Skill, SkillAssessment

NAME_LENGTH = 200


class TrainingPlan(Approvable):
    """A manager's plan for their team: owner submits → the owner's manager
    confirms → the general manager approves → HR files it."""

    SUBMITTED, CONFIRMED, APPROVED, FILED = (
        "submitted",
        "confirmed",
        "approved",
        "filed",
    )
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        SUBMITTED: _("Submitted"),
        CONFIRMED: _("Confirmed"),
        APPROVED: _("Approved"),
        FILED: _("Filed"),
    }
    STEPS: ClassVar = [
        Step(
            SUBMITTED,
            CONFIRMED,
            _("Confirmation by the owner's manager"),
            # A team lead's manager is the technical director; someone who
            # reports to nobody is confirmed by their department's head.
            person=("owner__reports_to", "owner__department__head"),
        ),
        Step(
            CONFIRMED,
            APPROVED,
            _("Approval by the general manager"),
            capability=APPROVE_AS_GM,
        ),
        Step(APPROVED, FILED, _("Filing by HR"), capability=FILE_AS_HR),
    ]

    # The field of Approvable, with this chain's states as its choices (so
    # pages and history show their names).
    state = models.CharField(
        _("state"), max_length=20, choices=list(STATE_LABELS.items()), default=DRAFT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="training_plans",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    # The owner writes their own plan (while a draft or returned: services).
    access = TeamPolicy(person="owner", reads_all=READS_ALL, self_grants=EDIT)

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        indexes = [
            models.Index(fields=["state"]),
            models.Index(fields=["waiting_on", "state"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teams:plan", args=[self.pk])


class TrainingItem(models.Model):
    plan = models.ForeignKey(
        TrainingPlan, models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    topic = models.CharField(_("topic"), max_length=NAME_LENGTH)
    skill = models.ForeignKey(
        Skill,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="training_items",
        verbose_name=_("target skill"),
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="training_items",
        verbose_name=_("participants"),
    )
    planned_on = models.DateField(_("planned date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )

    history = HistoricalRecords(m2m_fields=[participants])
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person="plan__owner", reads_all=READS_ALL, self_grants=EDIT)

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("training item")
        verbose_name_plural = _("training items")

    def __str__(self) -> str:
        return self.topic


class TrainingRecord(models.Model):
    """One participant's attendance and result of one training item."""

    item = models.ForeignKey(
        TrainingItem, models.CASCADE, related_name="records", verbose_name=_("item")
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="training_records",
        verbose_name=_("participant"),
    )
    attended = models.BooleanField(_("attended"), default=False)
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    result = models.TextField(_("result"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    feedback = models.PositiveSmallIntegerField(
        _("feedback (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    proposed_level = models.PositiveSmallIntegerField(
        _("proposed skill level"),
        null=True,
        blank=True,
        validators=LEVEL_VALIDATORS,
        help_text=_("A completion may propose a level for the manager to confirm."),
    )
    assessment = models.OneToOneField(
        SkillAssessment,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_record",
        verbose_name=_("confirmed assessment"),
    )

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    # The participant gives feedback on their own record.
    access = TeamPolicy(
        person="participant",
        reads_all=READS_ALL,
        writes_all=WRITES_ALL,
        self_grants=frozenset({CHANGE}),
    )

    class Meta:
        ordering = ["item", "participant"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "participant"],
                name="training_record_once_per_participant",
                violation_error_message=_(
                    "This participant already has a record for this item."
                ),
            )
        ]
        indexes = [models.Index(fields=["participant", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.item} · {self.participant}"
