"""Writes for projects and their planning records: one service per action.

Every write validates the whole record (its own rules here, then
`full_clean`), runs in a transaction, records who made it (history) and, for
versioned records, claims the version the editor read, so a stale page never
overwrites someone else's change. Views, the API, admin and the demo call
these; nothing else saves these models.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.dates import check_bounds
from core.versioning import Versioned, claim_version
from projects import links
from projects.models import (
    CostEntry,
    Document,
    DocumentReview,
    DocumentVersion,
    Membership,
    Phase,
    Project,
    Requirement,
)

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

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
REQUIREMENT_FIELDS = (
    "title",
    "acceptance_criteria",
    "priority",
    "status",
    "due_date",
    "accepted_on",
)
DOCUMENT_FIELDS = (
    "kind",
    "title",
    "due_date",
    "submitted_on",
    "file",
    "url",
    "meeting",
    "update_every_days",
)
VERSION_FIELDS = ("file", "url", "submitted_on", "note")
REVIEW_FIELDS = ("version", "result", "reviewed_on", "comments")
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
    project.baselined_at = timezone.now()
    project.baselined_on = timezone.localdate(project.baselined_at)
    if project.status == Project.Status.PLANNING:
        project.status = Project.Status.ACTIVE  # an approved plan is under way
    project._history_user = by  # type: ignore[attr-defined]
    claim_version(project, None)
    project.save(
        update_fields=[
            "baselined_at",
            "baselined_on",
            "status",
            "version",
            "updated_at",
        ]
    )
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


def _acceptance(req: Requirement, old_status: str | None) -> None:
    """accepted_on: set (today) when the status becomes accepted, kept
    editable after; only an accepted requirement has one."""
    accepted = req.status == Requirement.Status.ACCEPTED
    if accepted and req.accepted_on is None:
        req.accepted_on = timezone.localdate()
    if not accepted and req.accepted_on is not None:
        raise ValidationError(
            {"accepted_on": _("Only an accepted requirement has an acceptance date.")}
        )
    not_in_future(
        "accepted_on", req.accepted_on, _("An acceptance date cannot be in the future.")
    )


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
    _acceptance(req, None)
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
    _acceptance(requirement, stored)
    save(requirement, by=by, expected_version=expected_version)
    return requirement


@transaction.atomic
def requirement_delete(*, requirement: Requirement, by: User) -> None:
    delete(requirement, by=by)


# ----------------------------------------------------------------- documents


def _check_document(doc: Document) -> None:
    if doc.meeting is not None and links.meeting_project(doc.meeting) != doc.project_id:
        raise ValidationError({"meeting": _("Choose a meeting of this project.")})
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
    if doc.submitted_on and (doc.file or doc.url):  # submitted: its first version
        _add_version(
            doc, by=by, file=doc.file, url=doc.url, submitted_on=doc.submitted_on
        )
    return doc


@transaction.atomic
def document_update(
    *, document: Document, by: User, data: dict[str, Any], expected_version: int | None
) -> Document:
    new_file = isinstance(data.get("file"), UploadedFile)
    new_link = bool(data.get("url")) and data["url"] != document.url
    assign(document, data, DOCUMENT_FIELDS)
    _check_document(document)
    save(document, by=by, expected_version=expected_version)
    if new_file or new_link:  # a new file or link is a new version, never a loss
        _add_version(
            document,
            by=by,
            file=document.file if new_file else None,
            url=document.url,
            submitted_on=timezone.localdate(),
        )
    return document


@transaction.atomic
def document_delete(*, document: Document, by: User) -> None:
    delete(document, by=by)


def _add_version(
    document: Document,
    *,
    by: User | None,
    file: Any,
    url: str,
    submitted_on: date,
    note: str = "",
) -> DocumentVersion:
    """Number and store the document's next version (locks the document row,
    so two uploads at once get two numbers)."""
    Document.objects.select_for_update().filter(pk=document.pk).first()
    last = document.versions.aggregate(n=models.Max("number"))["n"] or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        url=url or "",
        submitted_on=submitted_on,
        submitted_by=by,
        note=note,
    )
    if file:
        version.file.name = file.name  # the file the document stored
    version.full_clean(exclude=["number"])
    if by is not None:
        version._history_user = by  # type: ignore[attr-defined]
    version.save()
    return version


def _first_submission(document: Document) -> None:
    """submitted_on is the first submission: the earliest version's date."""
    first = document.versions.aggregate(d=models.Min("submitted_on"))["d"]
    if first is not None and (
        document.submitted_on is None or first < document.submitted_on
    ):
        document.submitted_on = first
        document.save(update_fields=["submitted_on"])


@transaction.atomic
def document_version_create(
    *, document: Document, by: User, data: dict[str, Any]
) -> DocumentVersion:
    """Submit a new version (a file or a link); earlier ones are kept."""
    file, url = data.get("file"), (data.get("url") or "").strip()
    if not file and not url:
        raise ValidationError({"file": _("Upload a file or give a link.")})
    submitted_on = data.get("submitted_on") or timezone.localdate()
    not_in_future(
        "submitted_on", submitted_on, _("A submission date cannot be in the future.")
    )
    last = document.versions.aggregate(d=models.Max("submitted_on"))["d"]
    if last is not None and submitted_on < last:
        raise ValidationError(
            {
                "submitted_on": _(
                    "A new version cannot be dated before the latest one (%(date)s)."
                )
                % {"date": formats.date_format(last)}
            }
        )
    Document.objects.select_for_update().filter(pk=document.pk).first()
    number = (document.versions.aggregate(n=models.Max("number"))["n"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        url=url,
        submitted_on=submitted_on,
        submitted_by=by,
        note=data.get("note") or "",
    )
    if file:
        version.file = file
    version.full_clean(exclude=["number"])
    version._history_user = by  # type: ignore[attr-defined]
    version.save()
    # The document shows its newest version (its file view serves it).
    document.file, document.url = version.file, url
    document._history_user = by  # type: ignore[attr-defined]
    document.save(update_fields=["file", "url"])
    _first_submission(document)
    return version


@transaction.atomic
def document_review_create(
    *, document: Document, by: User, data: dict[str, Any]
) -> DocumentReview:
    """Record a review; the document's review status is the latest result."""
    review = DocumentReview(document=document, reviewer=by)
    assign(review, data, REVIEW_FIELDS)
    if review.reviewed_on is None:
        review.reviewed_on = timezone.localdate()
    if review.result not in DocumentReview.Result.values:
        raise ValidationError({"result": _("Choose passed or failed.")})
    if review.version is not None and review.version.document_id != document.pk:
        raise ValidationError({"version": _("Choose a version of this document.")})
    if review.version is None:
        review.version = document.versions.order_by("-number").first()
    not_in_future(
        "reviewed_on", review.reviewed_on, _("A review date cannot be in the future.")
    )
    review.full_clean()
    review._history_user = by  # type: ignore[attr-defined]
    review.save()
    latest = document.document_reviews.order_by("-reviewed_on", "-pk").values_list(
        "result", flat=True
    )[0]
    if document.review_status != latest:
        document.review_status = latest
        document._history_user = by  # type: ignore[attr-defined]
        claim_version(document, None)
        document.save(update_fields=["review_status", "version"])
    transaction.on_commit(
        lambda: logger.info(
            "document review: id=%s project=%s result=%s by=%s",
            document.pk,
            document.project_id,
            review.result,
            by.get_username(),
        )
    )
    return review


@transaction.atomic
def document_review(
    *, document: Document, review_status: str, by: User, expected_version: int | None
) -> Document:
    """The review form and POST documents/{id}/review/ with only a result."""
    if expected_version is not None:
        claim_version(document, expected_version)
    document_review_create(document=document, by=by, data={"result": review_status})
    document.refresh_from_db()
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
