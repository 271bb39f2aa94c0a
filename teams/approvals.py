"""The one write path of every approval chain (DESIGN §7).

submit (the author, from draft or returned) → each step in turn, taken by
whoever `projects.access.may_take_step` says holds it → the final state.
Returning (with a reason) sends the record back to its author. Every step
taken is an ApprovalStep row; the record keeps who holds the step now
(`waiting_on` / `waiting_on_capability`) for My work, and that person (or
the holders of that role) get an e-mail once the transaction commits.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.policy import Step
from core.versioning import StaleEdit
from projects import access
from teams.models.approvals import DRAFT, RETURNED, Approvable, ApprovalStep
from teams.models.common import APPROVE_AS_GM, FILE_AS_HR
from teams.models.engineering import DECIDE_REVIEW, PUBLISH_STANDARD

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from accounts.models import User

A = TypeVar("A", bound=Approvable)

# Every approvable model, for My work and the notifications (part 2 adds its
# own with `register`).
APPROVABLES: list[type[Approvable]] = []

logger = logging.getLogger(__name__)


def register(model: type[Approvable]) -> type[Approvable]:
    if model not in APPROVABLES:
        APPROVABLES.append(model)
    return model


def steps_of(record: Approvable) -> QuerySet[ApprovalStep]:
    kind = ContentType.objects.get_for_model(type(record))
    return (
        ApprovalStep.objects.filter(content_type=kind, object_id=record.pk)
        .select_related("by")
        .order_by("taken_at", "pk")
    )


def holder_label(record: Approvable, step: Step | None = None) -> str:
    """Who holds the step, in words (a person's name or a role)."""
    step = step or record.due_step()
    if step is None:
        return ""
    if step.person:
        holder = access.step_holder(record, step, record.author_id)
        return str(holder) if holder is not None else _("an administrator")
    from accounts import roles

    names = {
        APPROVE_AS_GM: roles.GENERAL_MANAGER,
        FILE_AS_HR: roles.HR,
        DECIDE_REVIEW: roles.DIRECTOR,
        PUBLISH_STANDARD: roles.DIRECTOR,
    }
    return roles.label(names.get(step.capability, step.capability))


def _waiting(record: Approvable) -> None:
    step = record.due_step()
    record.waiting_on, record.waiting_on_capability = None, ""
    if step is None:
        if record.state == RETURNED:
            record.waiting_on_id = record.author_id  # type: ignore[attr-defined]
        return
    if step.person:
        record.waiting_on = access.step_holder(record, step, record.author_id)
    else:
        record.waiting_on_capability = step.capability


def _locked[A: Approvable](record: A, expected_version: int | None) -> A:
    """The record re-read under a row lock: two approvers, one wins."""
    fresh = type(record).objects.select_for_update().get(pk=record.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit
    return fresh


def _record(
    record: Approvable, step: str, decision: str, by: User, **text: str
) -> None:
    ApprovalStep.objects.create(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        state=step,
        decision=decision,
        by=by,
        **text,
    )


def _save(record: Approvable, by: User) -> None:
    _waiting(record)
    record._history_user = by  # type: ignore[attr-defined]
    record.version += 1
    record.save()
    model, pk = type(record), record.pk
    transaction.on_commit(lambda: notify(model, pk))


@transaction.atomic
def approval_submit[A: Approvable](
    *,
    record: A,
    by: User,
    comment: str = "",
    expected_version: int | None = None,
    check: Any = None,
) -> A:
    """The author sends a draft or returned record into its chain.

    `check(record)` (optional) validates the record's own content first.
    """
    record = _locked(record, expected_version)
    if by.pk != record.author_id and not access.is_admin(by):
        raise PermissionDenied(_("Only the author of this record can submit it."))
    if not record.editable:
        raise ValidationError(
            {
                "state": _("This record is %(state)s; it was already submitted.")
                % {"state": record.get_state_display().lower()}
            },
            code="already_submitted",
        )
    if check is not None:
        check(record)
    _record(
        record, record.STEPS[0].state, ApprovalStep.Decision.SUBMIT, by, comment=comment
    )
    record.state = record.STEPS[0].state
    record.submitted_at = timezone.now()
    _save(record, by)
    return record


@transaction.atomic
def approval_decide[A: Approvable](
    *,
    record: A,
    by: User,
    approve: bool,
    reason: str = "",
    comment: str = "",
    expected_version: int | None = None,
    decision: str = "",
) -> A:
    """Take the step that is due: approve it (to the next state) or return the
    record to its author with a reason. `decision` (an ApprovalStep.Decision)
    names an approval more exactly where the chain's step is a decision
    (a technical review's rejection moves it on as "decided" too). Refused
    (403) to anyone who does not hold the step; a record with no step due
    (a draft, a filed one, one an approver just decided) is a 400 that says
    so."""
    seen_state = record.state
    record = _locked(record, expected_version)
    if record.state != seen_state:
        raise StaleEdit  # someone took this step first: one wins, the other is told
    if not any(
        access.may_take_step(by, record, s, record.author_id) for s in record.STEPS
    ):
        raise PermissionDenied(_("You hold no step of this record's approval chain."))
    step = record.due_step()
    if step is None:
        raise ValidationError(
            {
                "state": _("No approval step is due on this %(state)s record.")
                % {"state": record.get_state_display().lower()}
            },
            code="no_step_due",
        )
    if not access.may_take_step(by, record, step, record.author_id):
        raise PermissionDenied(
            _("This step (%(step)s) is %(holder)s's to take, not yours.")
            % {"step": step.label, "holder": holder_label(record, step)}
        )
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError(
            {"reason": _("Say why the record goes back to its author.")},
            code="reason_required",
        )
    taken = (
        (decision or ApprovalStep.Decision.APPROVE)
        if approve
        else ApprovalStep.Decision.RETURN
    )
    _record(record, step.state, taken, by, reason=reason, comment=comment)
    record.state = step.next if approve else RETURNED
    _save(record, by)
    return record


# ------------------------------------------------------------------ My work


def due_for(user: User) -> list[Approvable]:
    """The records whose due step user holds (or that came back to them),
    one query per approvable model."""
    if not user.is_active or user.pk is None:
        return []
    capabilities = [
        cap
        for model in APPROVABLES
        for step in model.STEPS
        if step.capability
        for cap in [step.capability]
        if user.has_perm(cap)
    ]
    found: list[Approvable] = []
    for model in APPROVABLES:
        condition = Q(waiting_on=user)
        if capabilities:
            condition |= Q(waiting_on_capability__in=capabilities) & ~Q(
                **{f"{model.AUTHOR}": user}
            )
        found += list(
            model.objects.filter(condition)
            .exclude(state=DRAFT)
            .select_related(model.AUTHOR)
            .order_by("submitted_at", "pk")[:200]
        )
    return found


def notify(model: type[Approvable], pk: int) -> None:
    """E-mail whoever holds the step now due (in their own language).

    Runs after the step committed: an e-mail that cannot be sent (no broker
    and the mail server down) is logged, and the step still stands."""
    from teams import tasks

    try:
        tasks.notify_step_due_task.delay(model._meta.label_lower, pk)
    except Exception:  # the step is saved; the failure is in the log
        logger.exception("approval e-mail not sent: %s %s", model._meta.label, pk)


def recipients(record: Approvable) -> list[Any]:
    if record.waiting_on_id is not None:  # type: ignore[attr-defined]
        return [record.waiting_on]
    if not record.waiting_on_capability:
        return []
    app_label, codename = record.waiting_on_capability.split(".", 1)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    holders = users.filter(
        Q(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app_label,
        )
        | Q(
            user_permissions__codename=codename,
            user_permissions__content_type__app_label=app_label,
        )
    ).distinct()
    return list(holders[:50])
