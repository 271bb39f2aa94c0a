"""Staff-action cases (不合格员工处理, DESIGN §7): the most sensitive team
records. Proposed by a manager → confirmed by their director → decided by
the general manager → carried out by HR; seen only by the proposer, the
approvers, HR and admins (DESIGN §4) — not even by the person concerned,
their other managers or other directors."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import roles
from core.policy import Step
from teams.models.approvals import DRAFT, RETURNED, Approvable
from teams.models.common import APPROVE_AS_GM, FILE_AS_HR

# Who reads every case: HR (and the general manager, who decides each one).
READS_ALL_CASES = "teams.view_all_staffactioncase"


class StaffActionCaseQuerySet(models.QuerySet["StaffActionCase"]):
    def visible_to(self, user: Any) -> Self:
        """The proposer, the director who confirms, the holders of a step's
        role (the general manager, HR) and admins; nobody else."""
        if not user.is_active or user.pk is None:
            return self.none()
        if not roles.has_capability(user, "teams.view_staffactioncase"):
            return self.none()
        if roles.is_admin(user) or roles.has_capability(user, READS_ALL_CASES):
            return self
        return self.filter(Q(proposed_by=user) | Q(director=user))


class StaffActionCase(Approvable):
    SUBMITTED, CONFIRMED, DECIDED, CARRIED_OUT = (
        "submitted",
        "confirmed",
        "decided",
        "carried_out",
    )
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        SUBMITTED: _("Proposed"),
        CONFIRMED: _("Confirmed by the director"),
        DECIDED: _("Decided by the general manager"),
        CARRIED_OUT: _("Carried out"),
    }
    STEPS: ClassVar = [
        Step(
            SUBMITTED,
            CONFIRMED,
            _("Confirmation by the director"),
            person=("director",),
        ),
        Step(
            CONFIRMED,
            DECIDED,
            _("Decision by the general manager"),
            capability=APPROVE_AS_GM,
        ),
        Step(DECIDED, CARRIED_OUT, _("Carried out by HR"), capability=FILE_AS_HR),
    ]
    AUTHOR: ClassVar = "proposed_by"

    class Action(models.TextChoices):
        IMPROVEMENT_PLAN = "improvement_plan", _("Performance improvement plan")
        REASSIGNMENT = "reassignment", _("Reassignment")
        DISMISSAL = "dismissal", _("Dismissal")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    action = models.CharField(_("proposed action"), max_length=20, choices=Action)
    reasons = models.TextField(_("reasons"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    # The proposer's director when the case was opened: they confirm it.
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("director"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = StaffActionCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("staff action case")
        verbose_name_plural = _("staff action cases")
        permissions = [("view_all_staffactioncase", _("Can read every staff case"))]
        indexes = [models.Index(fields=["waiting_on", "state"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_action_display()}"
