"""Writes for projects and their planning records (one write path per action).

Every save validates the whole record (`full_clean`, plus the project rules
below), runs in a transaction and, for versioned records, claims the version
the editor read so a stale page never overwrites someone else's change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import (
    CostEntry,
    Document,
    Membership,
    Phase,
    Project,
    Requirement,
)
from projects.versioning import Versioned, claim_version

if TYPE_CHECKING:
    from accounts.models import User

# Requirement status flow: proposed → approved → delivered → accepted, or rejected.
REQUIREMENT_FLOW: dict[str, set[str]] = {
    Requirement.Status.PROPOSED: {
        Requirement.Status.APPROVED,
        Requirement.Status.REJECTED,
    },
    Requirement.Status.APPROVED: {
        Requirement.Status.DELIVERED,
        Requirement.Status.REJECTED,
    },
    Requirement.Status.DELIVERED: {
        Requirement.Status.ACCEPTED,
        Requirement.Status.REJECTED,
        Requirement.Status.APPROVED,  # delivered but sent back for rework
    },
    Requirement.Status.ACCEPTED: set(),
    Requirement.Status.REJECTED: set(),
}

Checker = Callable[[Any, dict[str, Any] | None], None]


def _stored(instance: models.Model, *fields: str) -> dict[str, Any] | None:
    """Return the stored values of fields (None for a new record)."""
    if instance.pk is None:
        return None
    return (
        type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()
    )


def within_project(project: Project, field: str, value: date | None) -> None:
    """Refuse a date outside the project's start and target dates."""
    if value is None:
        return
    if not project.start_date <= value <= project.target_date:
        raise ValidationError(
            {
                field: _(
                    "Choose a date between the project's start (%(start)s) "
                    "and target (%(target)s)."
                )
                % {"start": project.start_date, "target": project.target_date}
            }
        )


def _check_phase(phase: Phase, stored: dict[str, Any] | None) -> None:
    if phase.start_date and phase.end_date and phase.end_date < phase.start_date:
        raise ValidationError({"end_date": _("A phase cannot end before it starts.")})
    within_project(phase.project, "start_date", phase.start_date)
    within_project(phase.project, "end_date", phase.end_date)


def _check_requirement(req: Requirement, stored: dict[str, Any] | None) -> None:
    within_project(req.project, "due_date", req.due_date)
    if stored is None:
        if req.status not in (Requirement.Status.PROPOSED, Requirement.Status.APPROVED):
            raise ValidationError(
                {"status": _("A new requirement starts as proposed or approved.")}
            )
        return
    old = stored["status"]
    if req.status != old and req.status not in REQUIREMENT_FLOW[old]:
        allowed = ", ".join(
            str(Requirement.Status(s).label) for s in sorted(REQUIREMENT_FLOW[old])
        )
        raise ValidationError(
            {
                "status": _(
                    "A requirement cannot go from %(old)s to %(new)s. "
                    "From %(old)s it can go to: %(allowed)s."
                )
                % {
                    "old": Requirement.Status(old).label,
                    "new": Requirement.Status(req.status).label,
                    "allowed": allowed or _("nothing (this status is final)"),
                }
            }
        )


def _check_document(doc: Document, stored: dict[str, Any] | None) -> None:
    if doc.due_date and doc.due_date < doc.project.start_date:
        raise ValidationError(
            {"due_date": _("A document cannot be due before the project starts.")}
        )
    if doc.submitted_on and doc.submitted_on > timezone.localdate():
        raise ValidationError(
            {"submitted_on": _("A submission date cannot be in the future.")}
        )


def _check_cost(entry: CostEntry, stored: dict[str, Any] | None) -> None:
    if entry.amount is not None and entry.amount <= 0:
        raise ValidationError({"amount": _("A cost must be a positive amount.")})


def _check_membership(membership: Membership, stored: dict[str, Any] | None) -> None:
    percent = membership.allocation_percent
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError(
            {"allocation_percent": _("Allocation must be between 0 and 100%.")}
        )


def _check_project(project: Project, stored: dict[str, Any] | None) -> None:
    if (
        project.start_date
        and project.target_date
        and project.target_date < project.start_date
    ):
        raise ValidationError(
            {"target_date": _("The target date cannot be before the start.")}
        )
    if project.budget is not None and project.budget < 0:
        raise ValidationError({"budget": _("The budget cannot be negative.")})


CHECKS: dict[type[models.Model], tuple[Checker, tuple[str, ...]]] = {
    Project: (_check_project, ()),
    Phase: (_check_phase, ()),
    Requirement: (_check_requirement, ("status",)),
    Document: (_check_document, ()),
    CostEntry: (_check_cost, ()),
    Membership: (_check_membership, ()),
}


def register_check(
    model: type[models.Model], check: Checker, stored_fields: tuple[str, ...] = ()
) -> None:
    """Let another app (milestones) plug its rules into record_save."""
    CHECKS[model] = (check, stored_fields)


@transaction.atomic
def record_save[M: models.Model](
    instance: M, *, by: User | None, expected_version: int | None = None
) -> M:
    """Validate and save a project record; versioned records claim their version.

    Raises ValidationError (nothing saved) or StaleEdit (someone saved first).
    """
    check, stored_fields = CHECKS.get(type(instance), (None, ()))
    stored = _stored(instance, *stored_fields) if stored_fields else None
    if check is not None:
        check(instance, stored)
    instance.full_clean()
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]
    if instance.pk is not None and isinstance(instance, Versioned):
        claim_version(instance, expected_version)
    instance.save()
    return instance


@transaction.atomic
def record_delete(instance: models.Model) -> None:
    instance.delete()


# ------------------------------------------------------------------ projects


@transaction.atomic
def project_create(
    *, project: Project, by: User, manager_allocation: int = 20
) -> Project:
    """Create a project; the manager (the creator unless set) gets a membership."""
    if project.manager_id is None:
        project.manager = by
    record_save(project, by=by)
    Membership.objects.update_or_create(
        project=project,
        user_id=project.manager_id,
        defaults={
            "role": Membership.Role.MANAGER,
            "allocation_percent": manager_allocation,
        },
    )
    return project


@transaction.atomic
def project_update(
    *, project: Project, by: User, expected_version: int | None
) -> Project:
    record_save(project, by=by, expected_version=expected_version)
    Membership.objects.get_or_create(
        project=project,
        user_id=project.manager_id,
        defaults={"role": Membership.Role.MANAGER, "allocation_percent": 20},
    )
    return project


@transaction.atomic
def project_approve_plan(*, project: Project, by: User) -> Project:
    """Baseline the plan: planned dates are locked from now on."""
    if project.baselined_on is not None:
        return project  # approving twice changes nothing
    if not project.milestones.exists():  # type: ignore[attr-defined]
        raise ValidationError(
            _("Add at least one milestone before approving the plan.")
        )
    project.baselined_on = timezone.localdate()
    project._history_user = by  # type: ignore[attr-defined]
    claim_version(project, None)
    project.save(update_fields=["baselined_on", "version", "updated_at"])
    return project


@transaction.atomic
def document_review(
    *, document: Document, review_status: str, by: User, expected_version: int | None
) -> Document:
    if review_status not in Document.ReviewStatus.values:
        raise ValidationError({"review_status": _("Choose pending, passed or failed.")})
    document.review_status = review_status
    document._history_user = by  # type: ignore[attr-defined]
    claim_version(document, expected_version)
    document.save(update_fields=["review_status", "version"])
    return document
