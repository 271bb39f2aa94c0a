"""Writes for projects and their planning records: one service per action.

Every write validates the whole record (its own rules here, then
`full_clean`), runs in a transaction, records who made it (history) and, for
versioned records, claims the version the editor read, so a stale page never
overwrites someone else's change. Views, the API, admin and the demo call
these; nothing else saves these models.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.dates import check_bounds
from core.versioning import Versioned, claim_version
from projects.models import (
    CostEntry,
    Document,
    Membership,
    Phase,
    Project,
    Requirement,
)

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

PROJECT_FIELDS = (
    "code",
    "name",
    "customer",
    "department",
    "manager",
    "status",
    "start_date",
    "target_date",
    "budget",
    "objectives",
    "scope",
)
PHASE_FIELDS = ("name", "order", "start_date", "end_date", "objectives")
REQUIREMENT_FIELDS = ("title", "acceptance_criteria", "priority", "status", "due_date")
DOCUMENT_FIELDS = ("kind", "title", "due_date", "submitted_on", "file", "url")
COST_FIELDS = ("date", "amount", "category", "note")
MEMBERSHIP_FIELDS = ("user", "role", "allocation_percent")


# ------------------------------------------------------------------ helpers


def assign(instance: models.Model, data: dict[str, Any], fields: Iterable[str]) -> None:
    """Copy the given fields present in data onto instance."""
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])


def save(
    instance: models.Model, *, by: User | None, expected_version: int | None = None
) -> None:
    """Validate and save a checked record; a versioned one claims its version.

    Raises ValidationError (nothing saved) or StaleEdit (someone saved first).
    Call inside the caller's transaction, after its own checks.
    """
    instance.full_clean()
    check_bounds(instance)
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]
    if instance.pk is not None and isinstance(instance, Versioned):
        claim_version(instance, expected_version)
    instance.save()


def delete(instance: models.Model, *, by: User | None) -> None:
    """Delete a record, its history row naming who deleted it."""
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]
    instance.delete()


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
                % {
                    "start": formats.date_format(project.start_date),
                    "target": formats.date_format(project.target_date),
                }
            }
        )


def not_in_future(field: str, value: date | None, message: Any) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: message})


# ------------------------------------------------------------------ projects


def _check_project(project: Project) -> None:
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


def _manager_seat(project: Project, allocation: int) -> None:
    """The manager holds a manager seat on the project (created if missing)."""
    Membership.objects.get_or_create(
        project=project,
        user_id=project.manager_id,
        defaults={"role": Membership.Role.MANAGER, "allocation_percent": allocation},
    )


@transaction.atomic
def project_create(
    *, by: User, data: dict[str, Any], manager_allocation: int = 20
) -> Project:
    """Create a project; its manager (the creator unless named) gets a seat."""
    project = Project(manager=by)
    assign(project, data, PROJECT_FIELDS)
    if project.manager_id is None:
        project.manager = by
    _check_project(project)
    save(project, by=by)
    _manager_seat(project, manager_allocation)
    return project


@transaction.atomic
def project_update(
    *, project: Project, by: User, data: dict[str, Any], expected_version: int | None
) -> Project:
    assign(project, data, PROJECT_FIELDS)
    _check_project(project)
    save(project, by=by, expected_version=expected_version)
    _manager_seat(project, 20)
    return project


@transaction.atomic
def project_delete(*, project: Project, by: User) -> None:
    delete(project, by=by)


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
    if project.status == Project.Status.PLANNING:
        project.status = Project.Status.ACTIVE  # an approved plan is under way
    project._history_user = by  # type: ignore[attr-defined]
    claim_version(project, None)
    project.save(update_fields=["baselined_on", "status", "version", "updated_at"])
    return project


# -------------------------------------------------------------------- phases


def _check_phase(phase: Phase) -> None:
    if phase.start_date and phase.end_date and phase.end_date < phase.start_date:
        raise ValidationError({"end_date": _("A phase cannot end before it starts.")})
    within_project(phase.project, "start_date", phase.start_date)
    within_project(phase.project, "end_date", phase.end_date)


@transaction.atomic
def phase_create(*, project: Project, by: User, data: dict[str, Any]) -> Phase:
    phase = Phase(project=project)
    assign(phase, data, PHASE_FIELDS)
    _check_phase(phase)
    save(phase, by=by)
    return phase


@transaction.atomic
def phase_update(
    *, phase: Phase, by: User, data: dict[str, Any], expected_version: int | None
) -> Phase:
    assign(phase, data, PHASE_FIELDS)
    _check_phase(phase)
    save(phase, by=by, expected_version=expected_version)
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase, by: User) -> None:
    delete(phase, by=by)


# -------------------------------------------------------------- requirements


def _check_requirement(req: Requirement, old_status: str | None) -> None:
    within_project(req.project, "due_date", req.due_date)
    if old_status is None:
        if req.status not in (Requirement.Status.PROPOSED, Requirement.Status.APPROVED):
            raise ValidationError(
                {"status": _("A new requirement starts as proposed or approved.")}
            )
        return
    if req.status != old_status and req.status not in REQUIREMENT_FLOW[old_status]:
        allowed = ", ".join(
            str(Requirement.Status(s).label)
            for s in sorted(REQUIREMENT_FLOW[old_status])
        )
        raise ValidationError(
            {
                "status": _(
                    "A requirement cannot go from %(old)s to %(new)s. "
                    "From %(old)s it can go to: %(allowed)s."
                )
                % {
                    "old": Requirement.Status(old_status).label,
                    "new": Requirement.Status(req.status).label,
                    "allowed": allowed or _("nothing (this status is final)"),
                }
            }
        )


@transaction.atomic
def requirement_create(
    *, project: Project, by: User, data: dict[str, Any]
) -> Requirement:
    req = Requirement(project=project)
    assign(req, data, REQUIREMENT_FIELDS)
    _check_requirement(req, None)
    save(req, by=by)
    return req


@transaction.atomic
def requirement_update(
    *,
    requirement: Requirement,
    by: User,
    data: dict[str, Any],
    expected_version: int | None,
) -> Requirement:
    stored = Requirement.objects.values_list("status", flat=True).get(pk=requirement.pk)
    assign(requirement, data, REQUIREMENT_FIELDS)
    _check_requirement(requirement, stored)
    save(requirement, by=by, expected_version=expected_version)
    return requirement


@transaction.atomic
def requirement_delete(*, requirement: Requirement, by: User) -> None:
    delete(requirement, by=by)


# ----------------------------------------------------------------- documents


def _check_document(doc: Document) -> None:
    if doc.due_date and doc.due_date < doc.project.start_date:
        raise ValidationError(
            {"due_date": _("A document cannot be due before the project starts.")}
        )
    not_in_future(
        "submitted_on",
        doc.submitted_on,
        _("A submission date cannot be in the future."),
    )


@transaction.atomic
def document_create(*, project: Project, by: User, data: dict[str, Any]) -> Document:
    doc = Document(project=project)
    assign(doc, data, DOCUMENT_FIELDS)
    _check_document(doc)
    save(doc, by=by)
    return doc


@transaction.atomic
def document_update(
    *, document: Document, by: User, data: dict[str, Any], expected_version: int | None
) -> Document:
    assign(document, data, DOCUMENT_FIELDS)
    _check_document(document)
    save(document, by=by, expected_version=expected_version)
    return document


@transaction.atomic
def document_delete(*, document: Document, by: User) -> None:
    delete(document, by=by)


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


# ---------------------------------------------------------------------- costs


def _check_cost(entry: CostEntry) -> None:
    if entry.amount is not None and entry.amount <= 0:
        raise ValidationError({"amount": _("A cost must be a positive amount.")})


@transaction.atomic
def cost_entry_create(*, project: Project, by: User, data: dict[str, Any]) -> CostEntry:
    entry = CostEntry(project=project)
    assign(entry, data, COST_FIELDS)
    _check_cost(entry)
    save(entry, by=by)
    return entry


@transaction.atomic
def cost_entry_update(
    *,
    cost_entry: CostEntry,
    by: User,
    data: dict[str, Any],
    expected_version: int | None,
) -> CostEntry:
    assign(cost_entry, data, COST_FIELDS)
    _check_cost(cost_entry)
    save(cost_entry, by=by, expected_version=expected_version)
    return cost_entry


@transaction.atomic
def cost_entry_delete(*, cost_entry: CostEntry, by: User) -> None:
    delete(cost_entry, by=by)


# ---------------------------------------------------------------- memberships


def _check_membership(membership: Membership) -> None:
    percent = membership.allocation_percent
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError(
            {"allocation_percent": _("Allocation must be between 0 and 100%.")}
        )


@transaction.atomic
def membership_create(
    *, project: Project, by: User, data: dict[str, Any]
) -> Membership:
    membership = Membership(project=project)
    assign(membership, data, MEMBERSHIP_FIELDS)
    _check_membership(membership)
    save(membership, by=by)
    return membership


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    by: User,
    data: dict[str, Any],
    expected_version: int | None,
) -> Membership:
    # The person of a seat stays; a different person is a new membership.
    person = data.get("user")
    if person is not None and person.pk != membership.user_id:
        raise ValidationError(
            {"user": _("A membership keeps its person; add a new one instead.")}
        )
    assign(membership, data, ("role", "allocation_percent"))
    _check_membership(membership)
    save(membership, by=by, expected_version=expected_version)
    return membership


@transaction.atomic
def membership_delete(*, membership: Membership, by: User) -> None:
    delete(membership, by=by)
