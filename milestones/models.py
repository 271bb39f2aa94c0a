from __future__ import annotations

from datetime import date
from typing import Self

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.policy import RecordPolicy
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
