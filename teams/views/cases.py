"""Staff-action case pages: seen only by the proposer, the director who
confirms, the general manager, HR and admins (everyone else: 404)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.models import User
from core.forms import VersionedForm, apply_errors, no_tag_helper
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from teams import approvals, case_services
from teams.models.cases import StaffActionCase

PAGE_SIZE = 25


class StaffCaseForm(VersionedForm):
    class Meta:
        model = StaffActionCase
        fields = ["person", "action", "reasons"]
        widgets = {"reasons": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True)
        if not roles.is_admin(user):
            people = people.filter(pk__in=access.subordinates(user))
        self.fields["person"].queryset = people


class StepForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (to return it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


def _case(request: HttpRequest, pk: int) -> StaffActionCase:
    return get_object_or_404(
        StaffActionCase.objects.visible_to(request.user).select_related(
            "person", "proposed_by", "director", "waiting_on"
        ),
        pk=pk,
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = StaffActionCase.objects.visible_to(request.user).select_related(
        "person", "proposed_by", "director", "waiting_on"
    )
    state = request.GET.get("state", "")
    if state in StaffActionCase.STATE_LABELS:
        cases = cases.filter(state=state)
    page = CappedPaginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "teams/staffactioncase_list.html",
        {
            "page_obj": page,
            "states": list(StaffActionCase.STATE_LABELS.items()),
            "state": state,
            "can_add": roles.has_capability(request.user, case_services.PROPOSE)
            and (roles.is_admin(request.user) or access.subordinates(request.user)),
        },
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, case_services.PROPOSE):
        raise PermissionDenied
    form = StaffCaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            case = case_services.staff_case_create(by=request.user, data=data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Staff case saved as a draft."))
            return redirect("teams:staff_case_detail", case.pk)
    return render(
        request,
        "teams/record_form.html",
        {
            "form": form,
            "title": _("Propose a staff action"),
            "back_url": reverse("teams:staff_cases"),
            "back_label": _("Staff action cases"),
        },
    )


def _detail(
    request: HttpRequest, case: StaffActionCase, form: Any = None, status: int = 200
) -> HttpResponse:
    step = case.due_step()
    holds = step is not None and access.may_take_step(
        request.user, case, step, case.author_id
    )
    return render(
        request,
        "teams/staffactioncase_detail.html",
        {
            "case": case,
            "step": step,
            "holds": holds,
            "holder": approvals.holder_label(case) if step else "",
            "can_submit": case.editable
            and (
                request.user.pk == case.proposed_by_id or roles.is_admin(request.user)
            ),
            "form": form or StepForm(initial={"version": case.version}),
            "steps": list(approvals.steps_of(case)),
            "history": history_rows(case),
        },
        status=status,
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _case(request, pk))


@require_POST
@login_required
def case_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit (the proposer), approve or return (the holder of the due step)."""
    case = _case(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, form, status=400)
    data = form.cleaned_data
    what = request.POST.get("do", "")
    try:
        if what == "submit":
            case_services.staff_case_submit(
                case=case, by=request.user, expected_version=data.get("version")
            )
        elif what in ("approve", "return"):
            case_services.staff_case_decide(
                case=case,
                by=request.user,
                approve=what == "approve",
                reason=data["reason"],
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        else:
            raise ValidationError(_("Choose approve, return or submit."))
    except (ValidationError, StaleEdit) as error:
        apply_errors(form, error)
        return _detail(request, case, form, status=400)
    messages.success(request, _("Done."))
    return redirect("teams:staff_case_detail", case.pk)
