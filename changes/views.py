"""Change requests: lists, detail with the decision, create/edit and workflow steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from changes import services
from changes.filters import ChangeRequestFilter
from changes.forms import ChangeRequestForm, DecisionForm, MilestoneChangeFormSet
from changes.models import ChangeRequest, MilestoneChange
from core.forms import apply_errors
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from projects.models import Project, Requirement
from projects.records import PAGE_SIZE, get_project

STEP_ACTIONS = {
    "submit": access.SUBMIT,
    "approve": access.APPROVE,
    "reject": access.APPROVE,
    "implement": access.IMPLEMENT,
}
FLOW = ["draft", "submitted", "approved", "implemented"]


def _change_request(request: HttpRequest, pk: int) -> ChangeRequest:
    return get_object_or_404(
        ChangeRequest.objects.visible_to(request.user).select_related(
            "project", "project__manager", "requested_by", "decided_by"
        ),
        pk=pk,
    )


def _sees_requirements(request: HttpRequest, project: Project) -> bool:
    return access.can(request.user, access.VIEW, Requirement(project=project))


def _counts(model: Any, field: str, ids: list[int]) -> dict[int, int]:
    rows = model.objects.filter(**{f"{field}__in": ids}).order_by().values(field)
    return {row[field]: row["n"] for row in rows.annotate(n=Count("pk"))}


def _list(request: HttpRequest, project: Project | None) -> HttpResponse:
    qs = ChangeRequest.objects.visible_to(request.user)
    if project is not None:
        qs = qs.filter(project=project)
    cr_filter = ChangeRequestFilter(request.GET, queryset=qs)
    rows = cr_filter.qs.select_related("project", "requested_by", "decided_by")
    if not request.GET.get("o"):
        rows = rows.order_by("-created_at", "-pk")
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    change_requests = list(page.object_list)
    ids = [cr.pk for cr in change_requests]
    # What each row affects: two grouped counts over the page's requests.
    requirements = _counts(
        ChangeRequest.affected_requirements.through, "changerequest_id", ids
    )
    milestones = _counts(MilestoneChange, "change_request_id", ids)
    for cr in change_requests:
        cr.requirement_count = requirements.get(cr.pk, 0)  # type: ignore[attr-defined]
        cr.milestone_count = milestones.get(cr.pk, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "changes/changerequest_list.html",
        {
            "project": project,
            "filter": cr_filter,
            "page_obj": page,
            "change_requests": change_requests,
            "can_add": project is not None
            and access.can(
                request.user,
                access.ADD,
                ChangeRequest(project=project, requested_by=request.user),
            ),
        },
    )


@login_required
def change_list(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _list(request, get_project(request, project_pk))


@login_required
def change_list_all(request: HttpRequest) -> HttpResponse:
    return _list(request, None)


def _flow(change_request: ChangeRequest) -> list[dict[str, Any]]:
    status = change_request.status
    steps = FLOW if status != "rejected" else ["draft", "submitted", "rejected"]
    current = steps.index(status)
    return [
        {
            "label": ChangeRequest.Status(step).label,
            "state": (
                "refused"
                if step == "rejected"
                else "current"
                if index == current
                else "done"
                if index < current
                else ""
            ),
        }
        for index, step in enumerate(steps)
    ]


@login_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    change_request = _change_request(request, pk)
    project = change_request.project
    user = request.user
    milestone_changes = list(
        change_request.milestone_changes.select_related("milestone").order_by(
            "milestone__planned_date", "pk"
        )
    )
    for change in milestone_changes:
        base = change.old_planned_date or change.milestone.planned_date
        change.shift_days = (change.new_planned_date - base).days
    sees_requirements = _sees_requirements(request, project)
    may_decide = access.can(user, access.APPROVE, change_request)
    status = change_request.status
    return render(
        request,
        "changes/changerequest_detail.html",
        {
            "cr": change_request,
            "project": project,
            "flow": _flow(change_request),
            "milestone_changes": milestone_changes,
            "requirements": list(change_request.affected_requirements.all())
            if sees_requirements
            else None,
            "requirement_count": change_request.affected_requirements.count(),
            "can_edit": status == "draft"
            and access.can(user, access.CHANGE, change_request),
            "can_submit": status == "draft"
            and access.can(user, access.SUBMIT, change_request),
            "can_decide": status == "submitted" and may_decide,
            "raised_by_you_awaits_decision": status == "submitted"
            and change_request.requested_by_id == user.pk,
            "can_implement": status == "approved"
            and access.can(user, access.IMPLEMENT, change_request),
            "decision_form": DecisionForm(initial={"version": change_request.version}),
            "history": history_rows(change_request),
        },
    )


def _save(
    request: HttpRequest, project: Project, change_request: ChangeRequest | None
) -> HttpResponse:
    sees_requirements = _sees_requirements(request, project)
    form = ChangeRequestForm(
        request.POST or None,
        instance=change_request,
        project=project,
        show_requirements=sees_requirements,
    )
    initial = None
    if change_request is not None:
        initial = [
            {"milestone": c.milestone_id, "new_planned_date": c.new_planned_date}
            for c in change_request.milestone_changes.all()
        ]
    formset = MilestoneChangeFormSet(
        request.POST or None,
        initial=initial,
        prefix="mc",
        form_kwargs={"project": project},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        requirements = data.get("affected_requirements") if sees_requirements else None
        try:
            if change_request is None:
                saved = services.change_request_create(
                    project=project,
                    by=request.user,
                    data=data,
                    affected_requirements=requirements,
                    milestone_changes=formset.changes(),
                )
                messages.success(
                    request,
                    _("Change request saved as a draft. Submit it when it is ready."),
                )
            else:
                saved = services.change_request_update(
                    change_request=ChangeRequest.objects.get(pk=change_request.pk),
                    by=request.user,
                    data=data,
                    expected_version=data.get("version"),
                    affected_requirements=requirements,
                    milestone_changes=formset.changes(),
                )
                messages.success(request, _("Change request saved."))
        except (StaleEdit, ValidationError) as error:
            apply_errors(form, error)
        else:
            return redirect("changes:detail", saved.pk)
    return render(
        request,
        "changes/changerequest_form.html",
        {
            "form": form,
            "formset": formset,
            "project": project,
            "cr": change_request,
        },
    )


@login_required
def change_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(
        request.user,
        access.ADD,
        ChangeRequest(project=project, requested_by=request.user),
    )
    return _save(request, project, None)


@login_required
def change_edit(request: HttpRequest, pk: int) -> HttpResponse:
    change_request = _change_request(request, pk)
    access.require(request.user, access.CHANGE, change_request)
    if change_request.status != ChangeRequest.Status.DRAFT:
        messages.error(
            request,
            _("Only a draft can be edited; this change request is %(status)s.")
            % {"status": change_request.get_status_display().lower()},
        )
        return redirect("changes:detail", change_request.pk)
    return _save(request, change_request.project, change_request)


@login_required
@require_POST
def change_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Run one workflow step; refusals come back as a message on the detail page."""
    change_request = _change_request(request, pk)
    access.require(request.user, STEP_ACTIONS[step], change_request)
    form = DecisionForm(request.POST)
    raw_version = request.POST.get("version")
    version = int(raw_version) if raw_version and raw_version.isdigit() else None
    try:
        if step == "submit":
            services.change_request_submit(
                change_request=change_request, by=request.user, expected_version=version
            )
        elif step in ("approve", "reject"):
            if not form.is_valid():
                raise ValidationError(
                    [e for errors in form.errors.values() for e in errors]
                )
            decide = (
                services.change_request_approve
                if step == "approve"
                else services.change_request_reject
            )
            decide(
                change_request=change_request,
                by=request.user,
                decided_on=form.cleaned_data["decided_on"],
                note=form.cleaned_data["note"],
                expected_version=version,
            )
        else:
            services.change_request_implement(
                change_request=change_request, by=request.user, expected_version=version
            )
    except StaleEdit as error:
        messages.error(request, str(error.message))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = {
            "submit": _("Change request submitted for a decision."),
            "approve": _("Change request approved; milestone dates updated."),
            "reject": _("Change request rejected; nothing was changed."),
            "implement": _("Change request marked implemented."),
        }
        messages.success(request, done[step])
    return redirect("changes:detail", change_request.pk)
