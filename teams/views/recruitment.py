"""Recruitment pages: position requests with their chain, age and time to
fill; each request's applications through 初试 and 复试 to offer and hire."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import roles
from core import uploads
from core.forms import VersionedForm, apply_errors, no_tag_helper
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from teams import approvals
from teams import recruitment_services as hiring
from teams.models.recruitment import Application, Candidate, PositionRequest
from teams.views.cases import StepForm

PAGE_SIZE = 25


class PositionRequestForm(VersionedForm):
    class Meta:
        model = PositionRequest
        fields = [
            "position",
            "headcount",
            "reason",
            "responsibilities",
            "qualifications",
        ]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "responsibilities": forms.Textarea(attrs={"rows": 3}),
            "qualifications": forms.Textarea(attrs={"rows": 3}),
        }


class CandidateForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Candidate
        fields = ["name", "email", "phone", "source", "cv", "note"]
        widgets = {"note": forms.TextInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


class HireForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    first_name = forms.CharField(
        label=gettext_lazy("First name"), required=False, max_length=150
    )
    last_name = forms.CharField(
        label=gettext_lazy("Last name"), required=False, max_length=150
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


def _requests(request: HttpRequest) -> Any:
    return PositionRequest.objects.visible_to(request.user).select_related(
        "position", "department", "requested_by", "waiting_on"
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    rows = (
        _requests(request)
        .annotate(
            candidates=Count("applications"),
            hired=Count("applications", filter=Q(applications__stage="hired")),
        )
        .order_by("-created_at", "-pk")
    )
    state = request.GET.get("state", "")
    if state in PositionRequest.STATE_LABELS:
        rows = rows.filter(state=state)
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "teams/positionrequest_list.html",
        {
            "page_obj": page,
            "states": list(PositionRequest.STATE_LABELS.items()),
            "state": state,
            "can_add": roles.has_capability(request.user, hiring.REQUEST),
        },
    )


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, hiring.REQUEST):
        raise PermissionDenied
    form = PositionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            created = hiring.position_request_create(by=request.user, data=data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Position request saved as a draft."))
            return redirect("teams:position_request", created.pk)
    return render(
        request,
        "teams/record_form.html",
        {
            "form": form,
            "title": _("New position request"),
            "back_url": reverse("teams:position_requests"),
            "back_label": _("Position requests"),
        },
    )


def _detail(
    request: HttpRequest,
    record: PositionRequest,
    form: Any = None,
    candidate_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    step = record.due_step()
    holds = step is not None and access.may_take_step(
        request.user, record, step, record.author_id
    )
    applications = list(
        Application.objects.visible_to(request.user)
        .filter(position_request=record)
        .select_related("candidate", "hired_user")
        .annotate(interview_count=Count("interviews"))
        .order_by("-stage_changed_at", "pk")[:200]
    )
    for application in applications:
        application.next_stages = [  # type: ignore[attr-defined]
            (stage, Application.Stage(stage).label)
            for stage in Application.Stage.values
            if stage in Application.NEXT.get(application.stage, set())
        ]
    recruits = hiring._recruiter(request.user, record)
    return render(
        request,
        "teams/positionrequest_detail.html",
        {
            "record": record,
            "step": step,
            "holds": holds,
            "holder": approvals.holder_label(record) if step else "",
            "can_submit": record.editable
            and (
                request.user.pk == record.requested_by_id
                or roles.is_admin(request.user)
            ),
            "form": form or StepForm(initial={"version": record.version}),
            "steps": list(approvals.steps_of(record)),
            "applications": applications,
            "recruits": recruits and record.state == PositionRequest.OPEN,
            "candidate_form": candidate_form or CandidateForm(),
            "hire_form": HireForm(),
            "history": history_rows(record),
        },
        status=status,
    )


def _request(request: HttpRequest, pk: int) -> PositionRequest:
    return get_object_or_404(_requests(request), pk=pk)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _request(request, pk))


@require_POST
@login_required
def request_step(request: HttpRequest, pk: int) -> HttpResponse:
    record = _request(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _detail(request, record, form, status=400)
    data, what = form.cleaned_data, request.POST.get("do", "")
    try:
        if what == "submit":
            approvals.approval_submit(
                record=record, by=request.user, expected_version=data.get("version")
            )
        elif what in ("approve", "return"):
            hiring.position_request_decide(
                request=record,
                by=request.user,
                approve=what == "approve",
                reason=data["reason"],
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        elif what in hiring.MOVES:
            hiring.position_request_move(
                request=record,
                by=request.user,
                to=what,
                reason=data["reason"],
                expected_version=data.get("version"),
            )
        else:
            raise ValidationError(_("Choose approve, return or submit."))
    except (ValidationError, StaleEdit) as error:
        apply_errors(form, error)
        return _detail(request, record, form, status=400)
    messages.success(request, _("Done."))
    return redirect("teams:position_request", record.pk)


@require_POST
@login_required
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A new candidate applying to this request, CV attached."""
    record = _request(request, pk)
    form = CandidateForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, record, candidate_form=form, status=400)
    try:
        candidate = hiring.candidate_create(by=request.user, data=form.cleaned_data)
        hiring.application_create(by=request.user, candidate=candidate, request=record)
    except ValidationError as error:
        apply_errors(form, error)
        return _detail(request, record, candidate_form=form, status=400)
    messages.success(request, _("Candidate added."))
    return redirect("teams:position_request", record.pk)


@require_POST
@login_required
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    try:
        if request.POST.get("stage") == Application.Stage.HIRED:
            form = HireForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())  # type: ignore[arg-type]
            hiring.application_hire(
                application=application, by=request.user, **form.cleaned_data
            )
        else:
            hiring.application_move(
                application=application,
                by=request.user,
                to=request.POST.get("stage", ""),
            )
    except (ValidationError, StaleEdit) as error:
        messages.error(
            request,
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else str(error.message),
        )
    return redirect("teams:position_request", application.position_request_id)


def cv_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A candidate's CV, only to those who may see the candidate: 404 to
    anyone else, signed out included (no login redirect tells it exists).
    Served as an attachment, never sniffed (core/uploads.py)."""
    candidate = get_object_or_404(Candidate.objects.visible_to(request.user), pk=pk)
    if not candidate.cv or not candidate.cv.storage.exists(candidate.cv.name):
        raise Http404
    return uploads.file_response(candidate.cv)
