"""Appraisal pages: cycles, a cycle with its calibration grid, one person's
appraisal with the step that is due, schemes. fetch (visible, else 404) →
check (else 403) → service → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from core.forms import apply_errors
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from teams import appraisal_selectors as selectors
from teams import appraisal_services as services
from teams.appraisal_forms import (
    AppraisalCycleForm,
    AppraisalFilter,
    AppraisalSchemeForm,
    CalibrationForm,
    CriterionFormSet,
    FeedbackForm,
    ImprovementActionForm,
    ReturnForm,
    ScoresForm,
)
from teams.models.appraisals import (
    Appraisal,
    AppraisalCycle,
    AppraisalScheme,
    ImprovementAction,
)

PAGE_SIZE = 25
FLOW = [
    Appraisal.Stage.SELF_REVIEW,
    Appraisal.Stage.MANAGER_REVIEW,
    Appraisal.Stage.CALIBRATION,
    Appraisal.Stage.FEEDBACK,
    Appraisal.Stage.CLOSED,
]


def _visible_appraisals(request: HttpRequest) -> Any:
    return Appraisal.objects.visible_to(request.user)


def _visible_cycles(request: HttpRequest) -> Any:
    """Cycles in which the user sees at least one appraisal (all of them for
    those who read every appraisal)."""
    cycles = AppraisalCycle.objects.select_related("scheme")
    if access.reads_team(request.user, Appraisal.access):
        return cycles
    return cycles.filter(pk__in=_visible_appraisals(request).values("cycle_id"))


def _sees_schemes(user: Any) -> bool:
    return roles.has_capability(user, "teams.view_appraisalscheme")


# ------------------------------------------------------------------ cycles


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles_qs = _visible_cycles(request).order_by("-period_end", "-pk")
    page = CappedPaginator(cycles_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    cycles = list(page.object_list)
    progress = selectors.cycle_progress(cycles)
    for cycle in cycles:
        counts = progress.get(cycle.pk, {"total": 0})
        cycle.counts = counts  # type: ignore[attr-defined]
        cycle.closed_count = counts.get(Appraisal.Stage.CLOSED, 0)  # type: ignore[attr-defined]
    mine = list(
        Appraisal.objects.filter(person=request.user)
        .exclude(stage=Appraisal.Stage.CLOSED)
        .select_related("cycle")[:20]
    )
    return render(
        request,
        "teams/appraisalcycle_list.html",
        {
            "page_obj": page,
            "cycles": cycles,
            "mine": mine,
            "can_add": roles.has_capability(request.user, services.MANAGE_CYCLES),
            "sees_schemes": _sees_schemes(request.user),
        },
    )


@login_required
def cycle_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, services.MANAGE_CYCLES):
        raise PermissionDenied
    schemes = AppraisalScheme.objects.filter(state=AppraisalScheme.APPROVED)
    form = AppraisalCycleForm(request.POST or None, schemes=schemes)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in {"version", "department", "people"}
        }
        try:
            cycle = services.appraisal_cycle_create(
                by=request.user, data=data, people=form.chosen_people()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Appraisal cycle opened."))
            return redirect("teams:appraisal_cycle", cycle.pk)
    return render(
        request,
        "teams/appraisal_form.html",
        {"form": form, "title": _("New appraisal cycle")},
    )


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(_visible_cycles(request), pk=pk)
    appraisals = AppraisalFilter(
        request.GET,
        queryset=_visible_appraisals(request)
        .filter(cycle=cycle)
        .select_related("cycle", "person", "manager", "person__department"),
    )
    rows = appraisals.qs.order_by("person__last_name", "person__username", "pk")
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    progress = selectors.cycle_progress([cycle]).get(cycle.pk, {"total": 0})
    steps = [
        (stage, Appraisal.Stage(stage).label, progress.get(stage, 0)) for stage in FLOW
    ]
    grid = None
    can_calibrate = roles.has_capability(request.user, services.CALIBRATE)
    if can_calibrate:
        team = list(
            _visible_appraisals(request)
            .filter(cycle=cycle)
            .exclude(manager_score__isnull=True)
            .select_related("person", "manager")
            .order_by("-manager_score", "pk")[:500]
        )
        grid = selectors.calibration_grid(team)
    return render(
        request,
        "teams/appraisalcycle_detail.html",
        {
            "cycle": cycle,
            "filter": appraisals,
            "page_obj": page,
            "steps": steps,
            "total": progress["total"],
            "grid": grid,
            "today": timezone.localdate(),
            "history": history_rows(cycle),
        },
    )


@login_required
def appraisal_list(request: HttpRequest) -> HttpResponse:
    appraisals = AppraisalFilter(
        request.GET,
        queryset=_visible_appraisals(request).select_related(
            "person", "manager", "cycle"
        ),
    )
    appraisals.filters["cycle"].queryset = _visible_cycles(request)
    rows = appraisals.qs.order_by("-cycle__period_end", "person__username", "pk")
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "teams/appraisal_list.html",
        {"filter": appraisals, "page_obj": page, "today": timezone.localdate()},
    )


# ------------------------------------------------------------------ one person


def _appraisal(request: HttpRequest, pk: int) -> Appraisal:
    return get_object_or_404(
        _visible_appraisals(request).select_related(
            "cycle", "cycle__scheme", "person", "manager", "calibrated_by"
        ),
        pk=pk,
    )


def _step_form(appraisal: Appraisal, criteria: list[Any], data: Any = None) -> Any:
    stage = appraisal.stage
    if stage in (Appraisal.Stage.SELF_REVIEW, Appraisal.Stage.MANAGER_REVIEW):
        side = "self" if stage == Appraisal.Stage.SELF_REVIEW else "manager"
        initial: dict[str, Any] = {}
        for score in appraisal.scores.all():
            value = getattr(score, f"{side}_score") or score.self_score
            if value is not None:
                initial[f"score_{score.criterion_id}"] = value
            initial[f"note_{score.criterion_id}"] = getattr(score, f"{side}_note")
        initial["comment"] = getattr(appraisal, f"{side}_comment")
        return ScoresForm(data, appraisal=appraisal, criteria=criteria, initial=initial)
    if stage == Appraisal.Stage.CALIBRATION:
        return CalibrationForm(
            data,
            initial={
                "final_score": appraisal.manager_score,
                "version": appraisal.version,
            },
        )
    if stage == Appraisal.Stage.FEEDBACK:
        return FeedbackForm(
            data,
            initial={"held_on": timezone.localdate(), "version": appraisal.version},
        )
    return None


def _render_detail(
    request: HttpRequest,
    appraisal: Appraisal,
    step_form: Any = None,
    return_form: Any = None,
    action_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    rows = selectors.appraisal_rows(appraisal)
    criteria = [row.criterion for row in rows]
    holds = services.holds_step(request.user, appraisal)
    is_person = appraisal.person_id == request.user.pk
    # The person sees the manager's scores once the review is done; the
    # manager sees the self review once it was submitted.
    show_manager = not is_person or appraisal.stage in (
        Appraisal.Stage.FEEDBACK,
        Appraisal.Stage.CLOSED,
    )
    returnable = holds and Appraisal.STAGES.get(appraisal.stage, (0, 0, None))[2]  # type: ignore[call-overload]
    can_add_action = roles.is_admin(request.user) or (
        request.user.pk != appraisal.person_id
        and (
            appraisal.manager_id == request.user.pk
            or roles.has_capability(request.user, services.CALIBRATE)
        )
    )
    flow = []
    reached = FLOW.index(appraisal.stage)
    for index, stage in enumerate(FLOW):
        state = "done" if index < reached else "current" if index == reached else ""
        flow.append({"label": Appraisal.Stage(stage).label, "state": state})
    return render(
        request,
        "teams/appraisal_detail.html",
        {
            "appraisal": appraisal,
            "rows": rows,
            "flow": flow,
            "holds": holds,
            "holder": services.holder_label(appraisal),
            "step_form": step_form
            if step_form is not None
            else (_step_form(appraisal, criteria) if holds else None),
            "return_form": return_form
            if return_form is not None
            else (
                ReturnForm(initial={"version": appraisal.version})
                if returnable
                else None
            ),
            "action_form": action_form
            if action_form is not None
            else (
                ImprovementActionForm(initial={"owner": appraisal.person_id})
                if can_add_action
                else None
            ),
            "actions": list(appraisal.improvement_actions.select_related("owner")),
            "show_manager": show_manager,
            "show_self": appraisal.self_submitted_at is not None or is_person,
            "history": history_rows(appraisal),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def appraisal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _appraisal(request, pk))


@require_POST
@login_required
def appraisal_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the step that is due with what that step needs."""
    appraisal = _appraisal(request, pk)
    if not services.holds_step(request.user, appraisal):
        raise PermissionDenied
    criteria = list(appraisal.cycle.scheme.criteria.all())
    form = _step_form(appraisal, criteria, request.POST)
    if form is None or not form.is_valid():
        return _render_detail(request, appraisal, step_form=form, status=400)
    version = form.cleaned_data.get("version")
    try:
        if isinstance(form, ScoresForm):
            take = (
                services.appraisal_self_review_submit
                if appraisal.stage == Appraisal.Stage.SELF_REVIEW
                else services.appraisal_manager_review_submit
            )
            take(
                appraisal=appraisal,
                by=request.user,
                scores=form.scores(),
                notes=form.notes(),
                comment=form.cleaned_data["comment"],
                expected_version=version,
            )
        elif isinstance(form, CalibrationForm):
            services.appraisal_calibrate(
                appraisal=appraisal,
                by=request.user,
                final_score=form.cleaned_data["final_score"],
                note=form.cleaned_data["note"],
                expected_version=version,
            )
        else:
            services.appraisal_feedback_record(
                appraisal=appraisal,
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                note=form.cleaned_data["note"],
                expected_version=version,
            )
    except (ValidationError, StaleEdit) as error:
        apply_errors(form, error)
        return _render_detail(request, appraisal, step_form=form, status=400)
    messages.success(
        request, _("Step taken: %(step)s.") % {"step": appraisal.get_stage_display()}
    )
    return redirect("teams:appraisal_detail", appraisal.pk)


@require_POST
@login_required
def appraisal_return(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _appraisal(request, pk)
    if not services.holds_step(request.user, appraisal):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, appraisal, return_form=form, status=400)
    try:
        services.appraisal_return(
            appraisal=appraisal,
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data.get("version"),
        )
    except (ValidationError, StaleEdit) as error:
        apply_errors(form, error)
        return _render_detail(request, appraisal, return_form=form, status=400)
    messages.success(request, _("Returned."))
    return redirect("teams:appraisal_detail", appraisal.pk)


@require_POST
@login_required
def improvement_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _appraisal(request, pk)
    form = ImprovementActionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, appraisal, action_form=form, status=400)
    try:
        services.improvement_action_add(
            appraisal=appraisal, by=request.user, data=form.cleaned_data
        )
    except ValidationError as error:
        apply_errors(form, error)
        return _render_detail(request, appraisal, action_form=form, status=400)
    messages.success(request, _("Improvement action added."))
    return redirect("teams:appraisal_detail", appraisal.pk)


@require_POST
@login_required
def improvement_action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        ImprovementAction.objects.visible_to(request.user).select_related("appraisal"),
        pk=pk,
    )
    try:
        services.improvement_action_complete(action=action, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.POST.get("next"):
        return redirect(_safe_next(request))
    return redirect("teams:appraisal_detail", action.appraisal_id)


def _safe_next(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    raise Http404


# ------------------------------------------------------------------ schemes


@login_required
def scheme_list(request: HttpRequest) -> HttpResponse:
    if not _sees_schemes(request.user):
        raise Http404
    schemes = AppraisalScheme.objects.select_related("author").prefetch_related(
        Prefetch("criteria")
    )
    page = CappedPaginator(schemes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "teams/appraisalscheme_list.html",
        {
            "page_obj": page,
            "can_add": roles.has_capability(request.user, "teams.add_appraisalscheme"),
        },
    )


@login_required
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not _sees_schemes(request.user):
        raise Http404
    scheme = get_object_or_404(AppraisalScheme.objects.select_related("author"), pk=pk)
    return _scheme_page(request, scheme)


def _scheme_page(
    request: HttpRequest, scheme: AppraisalScheme, form: Any = None, status: int = 200
) -> HttpResponse:
    from teams import approvals
    from teams.views.cases import StepForm

    step = scheme.due_step()
    holds = step is not None and access.may_take_step(
        request.user, scheme, step, scheme.author_id
    )
    return render(
        request,
        "teams/appraisalscheme_detail.html",
        {
            "scheme": scheme,
            "step": step,
            "holds": holds,
            "holder": approvals.holder_label(scheme) if step else "",
            "can_submit": scheme.editable
            and (request.user.pk == scheme.author_id or roles.is_admin(request.user)),
            "form": form or StepForm(initial={"version": scheme.version}),
            "steps": list(approvals.steps_of(scheme)),
            "criteria": list(scheme.criteria.select_related("kpi")),
            "history": history_rows(scheme),
            "cycles": list(scheme.cycles.all()[:20]),
        },
        status=status,
    )


@require_POST
@login_required
def scheme_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit (the author), agree (HR), approve (the general manager) or
    return, through the one approval mechanism."""
    from teams import approvals
    from teams.views.cases import StepForm

    if not _sees_schemes(request.user):
        raise Http404
    scheme = get_object_or_404(AppraisalScheme, pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _scheme_page(request, scheme, form, status=400)
    data, what = form.cleaned_data, request.POST.get("do", "")
    try:
        if what == "submit":
            approvals.approval_submit(
                record=scheme, by=request.user, expected_version=data.get("version")
            )
        elif what in ("approve", "return"):
            approvals.approval_decide(
                record=scheme,
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
        return _scheme_page(request, scheme, form, status=400)
    messages.success(request, _("Done."))
    return redirect("teams:appraisal_scheme", scheme.pk)


@login_required
def scheme_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, "teams.add_appraisalscheme"):
        raise PermissionDenied
    form = AppraisalSchemeForm(request.POST or None)
    formset = CriterionFormSet(request.POST or None, prefix="criteria")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            scheme = services.appraisal_scheme_create(
                by=request.user,
                data={k: v for k, v in form.cleaned_data.items() if k != "version"},
                criteria=[
                    f.cleaned_data
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Appraisal scheme saved."))
            return redirect("teams:appraisal_scheme", scheme.pk)
    return render(
        request,
        "teams/appraisal_form.html",
        {"form": form, "formset": formset, "title": _("New appraisal scheme")},
    )
