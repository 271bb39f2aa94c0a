"""Change control: the one write path of change requests and their workflow.

draft → submitted → approved | rejected → implemented (approved only).
Approval is the only path that moves a baselined milestone's planned_date: it
applies every proposed date in one transaction and records the old date.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from changes.models import ChangeRequest, MilestoneChange
from core.versioning import StaleEdit, claim_version
from milestones import services as milestone_services
from milestones.models import Milestone
from projects import access
from projects.models import Project, Requirement

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)
Status = ChangeRequest.Status
CONTENT_FIELDS = ["title", "description", "kind", "impact_days", "impact_cost"]

# step: (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    "submit": ({Status.DRAFT}, Status.SUBMITTED),
    "approve": ({Status.SUBMITTED}, Status.APPROVED),
    "reject": ({Status.SUBMITTED}, Status.REJECTED),
    "implement": ({Status.APPROVED}, Status.IMPLEMENTED),
}
STEP_LABELS = {
    "submit": _("submitted"),
    "approve": _("approved"),
    "reject": _("rejected"),
    "implement": _("marked implemented"),
}


class IllegalTransition(ValidationError):
    """The request is not in a state this step may start from."""


def check_transition(change_request: ChangeRequest, step: str) -> None:
    allowed, _target = TRANSITIONS[step]
    if change_request.status not in allowed:
        raise IllegalTransition(
            _(
                "A %(status)s change request cannot be %(step)s; only %(allowed)s "
                "ones can."
            )
            % {
                "status": change_request.get_status_display().lower(),
                "step": STEP_LABELS[step],
                "allowed": ", ".join(
                    str(Status(s).label).lower() for s in sorted(allowed)
                ),
            },
            code="illegal_transition",
        )


def _validate_scope(
    project: Project,
    requirements: Iterable[Requirement] | None,
    milestone_changes: Sequence[dict[str, Any]] | None,
) -> None:
    errors: dict[str, Any] = {}
    if requirements is not None:
        foreign = [r for r in requirements if r.project_id != project.pk]
        if foreign:
            errors["affected_requirements"] = _(
                "These requirements belong to another project: %(titles)s."
            ) % {"titles": ", ".join(str(r.pk) for r in foreign)}
    if milestone_changes is not None:
        seen: set[int] = set()
        for change in milestone_changes:
            milestone: Milestone = change["milestone"]
            if milestone.project_id != project.pk:
                errors["milestone_changes"] = _(
                    "Milestone %(id)s belongs to another project."
                ) % {"id": milestone.pk}
                break
            if milestone.pk in seen:
                errors["milestone_changes"] = _(
                    "Milestone “%(name)s” is proposed twice; keep one date."
                ) % {"name": milestone.name}
                break
            seen.add(milestone.pk)
    if errors:
        raise ValidationError(errors)
    if milestone_changes:
        milestone_services.check_moves(
            project,
            {c["milestone"].pk: c["new_planned_date"] for c in milestone_changes},
            "milestone_changes",
        )


def _replace_contents(
    change_request: ChangeRequest,
    requirements: Iterable[Requirement] | None,
    milestone_changes: Sequence[dict[str, Any]] | None,
) -> None:
    if requirements is not None:
        change_request.affected_requirements.set(list(requirements))
    if milestone_changes is not None:
        change_request.milestone_changes.all().delete()
        MilestoneChange.objects.bulk_create(
            MilestoneChange(
                change_request=change_request,
                milestone=change["milestone"],
                new_planned_date=change["new_planned_date"],
            )
            for change in milestone_changes
        )


@transaction.atomic
def change_request_create(
    *,
    project: Project,
    by: User,
    data: dict[str, Any],
    affected_requirements: Iterable[Requirement] | None = None,
    milestone_changes: Sequence[dict[str, Any]] | None = None,
) -> ChangeRequest:
    """Raise a change request as a draft."""
    requirements = list(affected_requirements or [])
    _validate_scope(project, requirements, milestone_changes)
    change_request = ChangeRequest(project=project, requested_by=by)
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(change_request, name, data[name])
    change_request._history_user = by  # type: ignore[attr-defined]
    change_request.save()
    _replace_contents(change_request, requirements, milestone_changes or [])
    return change_request


@transaction.atomic
def change_request_update(
    *,
    change_request: ChangeRequest,
    by: User,
    data: dict[str, Any],
    expected_version: int | None,
    affected_requirements: Iterable[Requirement] | None = None,
    milestone_changes: Sequence[dict[str, Any]] | None = None,
) -> ChangeRequest:
    """Edit a draft; the requirement and milestone sets are replaced when given."""
    if change_request.status != Status.DRAFT:
        raise IllegalTransition(
            _("Only a draft can be edited; this change request is %(status)s.")
            % {"status": change_request.get_status_display().lower()},
            code="illegal_transition",
        )
    requirements = (
        list(affected_requirements) if affected_requirements is not None else None
    )
    _validate_scope(change_request.project, requirements, milestone_changes)
    changed = [name for name in CONTENT_FIELDS if name in data]
    for name in changed:
        setattr(change_request, name, data[name])
    claim_version(change_request, expected_version)
    change_request._history_user = by  # type: ignore[attr-defined]
    change_request.save(update_fields=[*changed, "version"])
    _replace_contents(change_request, requirements, milestone_changes)
    return change_request


@transaction.atomic
def change_request_delete(*, change_request: ChangeRequest, by: User) -> None:
    """Delete a draft; a request once submitted is a record of the decision."""
    if change_request.status != Status.DRAFT:
        raise IllegalTransition(
            _(
                "Only a draft can be deleted; this change request is %(status)s. "
                "Reject it instead, or leave it as the record of the decision."
            )
            % {"status": change_request.get_status_display().lower()},
            code="illegal_transition",
        )
    change_request._history_user = by  # type: ignore[attr-defined]
    change_request.delete()


def _locked(
    change_request: ChangeRequest, expected_version: int | None
) -> ChangeRequest:
    """Re-read the row under a lock so two deciders cannot both win."""
    fresh = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit
    return fresh


def _decision_date(day: date | None, field: str) -> date:
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationError({field: _("A decision cannot be dated in the future.")})
    return day


def _step(
    change_request: ChangeRequest,
    step: str,
    by: User,
    expected_version: int | None,
    fields: dict[str, Any],
) -> ChangeRequest:
    fresh = _locked(change_request, expected_version)
    if step in ("approve", "reject") and not access.can(by, access.APPROVE, fresh):
        # Every caller (page, API, admin, script) meets the same rule.
        raise PermissionDenied(_("Whoever raised a change request cannot decide it."))
    check_transition(fresh, step)
    fresh.status = TRANSITIONS[step][1]
    for name, value in fields.items():
        setattr(fresh, name, value)
    claim_version(fresh, expected_version)
    fresh._history_user = by  # type: ignore[attr-defined]
    fresh._change_reason = str(STEP_LABELS[step])  # type: ignore[attr-defined]
    fresh.save(update_fields=["status", *fields, "version"])
    return fresh


@transaction.atomic
def change_request_submit(
    *, change_request: ChangeRequest, by: User, expected_version: int | None = None
) -> ChangeRequest:
    return _step(
        change_request,
        "submit",
        by,
        expected_version,
        {"submitted_on": timezone.localdate()},
    )


@transaction.atomic
def change_request_approve(
    *,
    change_request: ChangeRequest,
    by: User,
    decided_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> ChangeRequest:
    """Approve and apply every proposed milestone date, all or nothing."""
    day = _decision_date(decided_on, "decided_on")
    approved = _step(
        change_request,
        "approve",
        by,
        expected_version,
        {"decided_on": day, "decided_by": by, "decision_note": note},
    )
    changes = list(
        MilestoneChange.objects.filter(change_request=approved).select_related(
            "milestone"
        )
    )
    # The plan may have changed since the request was written: check again.
    milestone_services.check_moves(
        approved.project,
        {c.milestone_id: c.new_planned_date for c in changes},
        "milestone_changes",
    )
    milestones = {
        m.pk: m
        for m in Milestone.objects.select_for_update().filter(
            pk__in=[c.milestone_id for c in changes]
        )
    }
    reason = _("Change request #%(pk)s approved") % {"pk": approved.pk}
    for change in changes:
        milestone = milestones[change.milestone_id]
        if milestone.project_id != approved.project_id:
            # Rows written around the services (admin, data fixes) are checked
            # again here; raising rolls back every date already moved.
            raise ValidationError(
                {
                    "milestone_changes": _(
                        "Milestone %(id)s belongs to another project."
                    )
                    % {"id": milestone.pk}
                }
            )
        change.old_planned_date = milestone.planned_date
        change._history_user = by  # type: ignore[attr-defined]
        change.save(update_fields=["old_planned_date"])
        if milestone.baseline_date is None:
            milestone.baseline_date = milestone.planned_date  # the approved plan's
        milestone.planned_date = change.new_planned_date
        # Bump the version so anyone editing the milestone from a stale page
        # is told, and save normally so its history records the move.
        claim_version(milestone, None)
        milestone._history_user = by  # type: ignore[attr-defined]
        milestone._change_reason = str(reason)  # type: ignore[attr-defined]
        milestone.save(update_fields=["planned_date", "baseline_date", "version"])
    milestone_services.phases_stretch(
        milestones=[milestones[c.milestone_id] for c in changes], by=by
    )
    _log_decision(approved, "approved", by)
    return approved


def _log_decision(change_request: ChangeRequest, decision: str, by: User) -> None:
    """Log a decision once it is committed (a rolled-back one never happened)."""
    transaction.on_commit(
        lambda: logger.info(
            "change request %s: id=%s project=%s by=%s",
            decision,
            change_request.pk,
            change_request.project_id,
            by.get_username(),
        )
    )


@transaction.atomic
def change_request_reject(
    *,
    change_request: ChangeRequest,
    by: User,
    decided_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> ChangeRequest:
    """Reject: record the decision, change nothing else."""
    day = _decision_date(decided_on, "decided_on")
    rejected = _step(
        change_request,
        "reject",
        by,
        expected_version,
        {"decided_on": day, "decided_by": by, "decision_note": note},
    )
    _log_decision(rejected, "rejected", by)
    return rejected


@transaction.atomic
def change_request_implement(
    *,
    change_request: ChangeRequest,
    by: User,
    implemented_on: date | None = None,
    expected_version: int | None = None,
) -> ChangeRequest:
    day = implemented_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(
            {"implemented_on": _("An implementation cannot be dated in the future.")}
        )
    return _step(
        change_request, "implement", by, expected_version, {"implemented_on": day}
    )
