"""The project record pages: which columns, forms and filters each kind uses."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects import access, forms, services
from projects.filters import (
    CostEntryFilter,
    DocumentFilter,
    MembershipFilter,
    PhaseFilter,
    RequirementFilter,
)
from projects.models import (
    CostEntry,
    Document,
    DocumentReview,
    DocumentVersion,
    Membership,
    Phase,
    Requirement,
)
from projects.records import Column, RecordKind


# The services each record page calls.
def _phase_update(phase: Phase, **kwargs: Any) -> Phase:
    return services.phase_update(phase=phase, **kwargs)


def _phase_delete(phase: Phase, **kwargs: Any) -> None:
    services.phase_delete(phase=phase, **kwargs)


def _requirement_update(requirement: Requirement, **kwargs: Any) -> Requirement:
    return services.requirement_update(requirement=requirement, **kwargs)


def _requirement_delete(requirement: Requirement, **kwargs: Any) -> None:
    services.requirement_delete(requirement=requirement, **kwargs)


def _document_update(document: Document, **kwargs: Any) -> Document:
    return services.document_update(document=document, **kwargs)


def _document_delete(document: Document, **kwargs: Any) -> None:
    services.document_delete(document=document, **kwargs)


def _cost_update(cost_entry: CostEntry, **kwargs: Any) -> CostEntry:
    return services.cost_entry_update(cost_entry=cost_entry, **kwargs)


def _cost_delete(cost_entry: CostEntry, **kwargs: Any) -> None:
    services.cost_entry_delete(cost_entry=cost_entry, **kwargs)


def _membership_update(membership: Membership, **kwargs: Any) -> Membership:
    return services.membership_update(membership=membership, **kwargs)


def _membership_delete(membership: Membership, **kwargs: Any) -> None:
    services.membership_delete(membership=membership, **kwargs)


def _requirement_context(request: HttpRequest, obj: Requirement) -> dict[str, Any]:
    steps = sorted(services.REQUIREMENT_FLOW[obj.status])
    return {
        "next_statuses": [(s, Requirement.Status(s).label) for s in steps]
        if access.can(request.user, access.CHANGE, obj)
        else [],
    }


def _document_context(request: HttpRequest, obj: Document) -> dict[str, Any]:
    can_review = access.can(request.user, access.REVIEW, obj)
    may_submit = access.can(request.user, access.ADD, DocumentVersion(document=obj))
    today = timezone.localdate()
    return {
        "versions": obj.versions.select_related("submitted_by").order_by("-number"),
        # Reviews are internal: a customer reading a progress report sees none.
        "doc_reviews": obj.document_reviews.select_related(
            "reviewer", "version"
        ).order_by("-reviewed_on", "-pk")
        if access.can(request.user, access.VIEW, DocumentReview(document=obj))
        else [],
        "review_form": forms.DocumentReviewForm(initial={"reviewed_on": today})
        if can_review
        else None,
        "version_form": forms.DocumentVersionForm(initial={"submitted_on": today})
        if may_submit
        else None,
    }


def _document_row(doc: Document) -> str:
    late = (
        doc.submitted_on is None
        and doc.due_date
        and doc.due_date < timezone.localdate()
    )
    return "row-overdue" if late else ""


def _requirement_row(req: Requirement) -> str:
    open_ = req.status in (Requirement.Status.PROPOSED, Requirement.Status.APPROVED)
    late = open_ and req.due_date and req.due_date < timezone.localdate()
    return "row-overdue" if late else ""


PHASE = RecordKind(
    key="phase",
    create=services.phase_create,
    update=_phase_update,
    delete=_phase_delete,
    model=Phase,
    form_class=forms.PhaseForm,
    filterset=PhaseFilter,
    singular=_("Phase"),
    plural=_("Phases"),
    prefix="phase_",
    segment="phases",
    icon="layers",
    columns=[
        Column(_("Order"), "order", "order", numeric=True),
        Column(_("Name"), "name", "name", link=True),
        Column(_("Start"), "start_date", "start_date"),
        Column(_("End"), "end_date", "end_date"),
    ],
    detail_fields=("name", "order", "start_date", "end_date", "objectives"),
)

REQUIREMENT = RecordKind(
    key="requirement",
    create=services.requirement_create,
    update=_requirement_update,
    delete=_requirement_delete,
    model=Requirement,
    form_class=forms.RequirementForm,
    filterset=RequirementFilter,
    singular=_("Requirement"),
    plural=_("Requirements"),
    prefix="requirement_",
    segment="requirements",
    icon="card-checklist",
    columns=[
        Column(_("Title"), "title", "title", link=True),
        Column(_("Priority"), "priority", "priority"),
        Column(_("Status"), "status", "status"),
        Column(_("Due"), "due_date", "due_date"),
        Column(_("Created"), "created_at", "created_at"),
    ],
    detail_fields=(
        "title",
        "acceptance_criteria",
        "priority",
        "status",
        "due_date",
        "created_at",
        "accepted_on",
    ),
    row_class=_requirement_row,
    detail_template="projects/_requirement_extra.html",
    detail_context=_requirement_context,
)

DOCUMENT = RecordKind(
    key="document",
    create=services.document_create,
    update=_document_update,
    delete=_document_delete,
    model=Document,
    form_class=forms.DocumentForm,
    filterset=DocumentFilter,
    singular=_("Document"),
    plural=_("Documents"),
    prefix="document_",
    segment="documents",
    icon="file-earmark-text",
    probe={"kind": Document.Kind.PROGRESS_REPORT},
    columns=[
        Column(_("Title"), "title", "title", link=True),
        Column(_("Kind"), "kind", "kind"),
        Column(_("Due"), "due_date", "due_date"),
        Column(
            pgettext_lazy("date column", "Submitted"), "submitted_on", "submitted_on"
        ),
        Column(_("Review"), "review_status", "review_status"),
        Column(_("File"), "file"),
    ],
    detail_fields=(
        "title",
        "kind",
        "due_date",
        "submitted_on",
        "update_every_days",
        "review_status",
        "url",
    ),
    row_class=_document_row,
    detail_template="projects/_document_extra.html",
    detail_context=_document_context,
    multipart=True,
)

COST = RecordKind(
    key="costentry",
    create=services.cost_entry_create,
    update=_cost_update,
    delete=_cost_delete,
    model=CostEntry,
    form_class=forms.CostEntryForm,
    filterset=CostEntryFilter,
    singular=_("Cost entry"),
    plural=_("Costs"),
    prefix="cost_",
    segment="costs",
    icon="cash-coin",
    tab="costs",
    columns=[
        Column(_("Date"), "date", "date", link=True),
        Column(_("Category"), "category", "category"),
        Column(_("Amount"), "amount", "amount", numeric=True),
        Column(_("Note"), "note"),
    ],
    detail_fields=("date", "category", "amount", "note"),
)

MEMBERSHIP = RecordKind(
    key="membership",
    create=services.membership_create,
    update=_membership_update,
    delete=_membership_delete,
    model=Membership,
    form_class=forms.MembershipForm,
    filterset=MembershipFilter,
    singular=_("Team member"),
    plural=_("Team members"),
    prefix="member_",
    segment="members",
    icon="people",
    tab="members",
    select_related=("user",),
    default_ordering=("user__last_name", "user__first_name"),
    columns=[
        Column(_("Person"), "user", "user", link=True),
        Column(_("Role"), "role", "role"),
        Column(
            _("Allocation (%)"),
            "allocation_percent",
            "allocation_percent",
            numeric=True,
        ),
    ],
    detail_fields=("user", "role", "allocation_percent", "created_at"),
)

KINDS = [PHASE, REQUIREMENT, DOCUMENT, COST, MEMBERSHIP]
