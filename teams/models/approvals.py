"""One approval mechanism for every chain of DESIGN §7.

A record that goes through a chain subclasses `Approvable` and lists its
`STEPS` (core.policy.Step: the state while the step is due, who takes it,
the state an approval leads to). teams/approvals.py applies them; every
step taken is an `ApprovalStep` row (who, when, decision, reason, comment).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.policy import Step
from core.versioning import Versioned

DRAFT, RETURNED = "draft", "returned"


class Approvable(Versioned):
    """A record with an approval chain.

    Subclasses set `STEPS`, `AUTHOR` (the field naming who submits it and
    gets it back when returned) and `STATE_LABELS` for their own states.
    `waiting_on` / `waiting_on_capability` say who holds the step that is due,
    so My work finds it with one indexed query.
    """

    STEPS: ClassVar[list[Step]] = []
    AUTHOR: ClassVar[str] = "owner"
    STATE_LABELS: ClassVar[dict[str, Any]] = {}

    state = models.CharField(_("state"), max_length=20, default=DRAFT)
    waiting_on = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("waiting on"),
    )
    waiting_on_capability = models.CharField(
        _("waiting on role"), max_length=100, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Every step taken on the record (for prefetching lists of records).
    approval_steps = GenericRelation("teams.ApprovalStep")

    class Meta:
        abstract = True

    @property
    def author(self) -> Any:
        return getattr(self, self.AUTHOR)

    @property
    def author_id(self) -> int | None:
        return getattr(self, f"{self.AUTHOR}_id", None)

    def due_step(self) -> Step | None:
        return next((s for s in self.STEPS if s.state == self.state), None)

    @property
    def editable(self) -> bool:
        """Only a draft or a returned record is edited by its author."""
        return self.state in (DRAFT, RETURNED)

    @property
    def final_state(self) -> str:
        return self.STEPS[-1].next if self.STEPS else DRAFT

    def get_state_display(self) -> str:
        return str(self.STATE_LABELS.get(self.state, self.state))


class ApprovalStep(models.Model):
    """One step taken on an approvable record: a submission or a decision."""

    class Decision(models.TextChoices):
        SUBMIT = "submit", _("Submitted")
        APPROVE = "approve", _("Approved")
        RETURN = "return", _("Returned")
        # A technical review's decision takes the step whatever it is: the
        # step records which (an approval is not a rejection).
        APPROVE_WITH_CONDITIONS = "conditions", _("Approved with conditions")
        REJECT = "reject", _("Rejected")
        DEFER = "defer", _("Deferred")

    content_type = models.ForeignKey(
        ContentType, models.CASCADE, verbose_name=_("record type")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    state = models.CharField(_("step"), max_length=20)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="approval_steps",
        verbose_name=_("taken by"),
    )
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["taken_at", "pk"]
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        indexes = [models.Index(fields=["content_type", "object_id", "taken_at"])]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} · {self.by}"
