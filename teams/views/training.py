"""Training plans: list, write, the approval steps, training records (§7)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from teams import approvals
from teams.forms.training import (
    DecisionForm,
    TrainingItemForm,
    TrainingPlanForm,
    TrainingRecordForm,
)
from teams.models import TrainingItem, TrainingPlan, TrainingRecord
from teams.services import training as services

User = get_user_model()
STATES = [
    TrainingPlan.SUBMITTED,
    TrainingPlan.CONFIRMED,
    TrainingPlan.APPROVED,
    TrainingPlan.FILED,
]


def _plans(request: HttpRequest) -> Any:
    return TrainingPlan.objects.visible_to(request.user)


def _plan(request: HttpRequest, pk: int) -> TrainingPlan:
    return get_object_or_404(_plans(request).select_related("owner"), pk=pk)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    if not access.roles.has_capability(
        request.user, access.model_permission(TrainingPlan, access.VIEW)
    ):
        raise Http404
    plans = (
        _plans(request)
        .select_related("owner", "waiting_on")
        .annotate(item_count=Count("items", distinct=True), hours=Sum("items__hours"))
        .order_by("-period_start", "-pk")
    )
    state = request.GET.get("state", "")
    if state in TrainingPlan.STATE_LABELS:
        plans = plans.filter(state=state)
    if request.GET.get("mine"):
        plans = plans.filter(owner=request.user)
    page = CappedPaginator(plans, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "teams/trainingplan_list.html",
        {
            "page_obj": page,
            "states": list(TrainingPlan.STATE_LABELS.items()),
            "state": state,
            "can_add": services.is_manager(request.user)
            and access.can(request.user, access.ADD, TrainingPlan(owner=request.user)),
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not access.can(request.user, access.ADD, TrainingPlan(owner=request.user)):
        raise PermissionDenied
    form = TrainingPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            plan = services.training_plan_create(by=request.user, data=data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Training plan created: add its items."))
            return redirect("teams:plan", pk=plan.pk)
    return render(request, "teams/trainingplan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    access.require(request.user, access.CHANGE, plan)
    form = TrainingPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.training_plan_update(
                plan=plan,
                by=request.user,
                data=data,
                expected_version=form.expected_version,
            )
        except (ValidationError, StaleEdit) as error:
            apply_errors(form, error)
        else:
            return redirect("teams:plan", pk=plan.pk)
    return render(request, "teams/trainingplan_form.html", {"form": form, "plan": plan})


def _team_choices(plan: TrainingPlan) -> Any:
    return User.objects.filter(pk__in=services.team_of(plan.owner)).order_by(
        "last_name", "first_name", "username"
    )


def _flow(plan: TrainingPlan) -> list[dict[str, Any]]:
    reached = STATES.index(plan.state) if plan.state in STATES else -1
    flow = [{"label": _("Draft"), "state": "done" if reached >= 0 else "current"}]
    for index, step in enumerate(plan.STEPS):
        flow.append(
            {
                "label": step.label,
                "state": "done"
                if index < reached
                else "current"
                if index == reached
                else "",
            }
        )
    flow.append(
        {
            "label": _("Filed"),
            "state": "done" if plan.state == TrainingPlan.FILED else "",
        }
    )
    return flow


@login_required
def plan_detail(
    request: HttpRequest, pk: int, *, item_form: Any = None, decision: Any = None
) -> HttpResponse:
    plan = _plan(request, pk)
    return _render_plan(request, plan, item_form=item_form, decision=decision)


def _render_plan(
    request: HttpRequest, plan: TrainingPlan, **forms: Any
) -> HttpResponse:
    user = request.user
    items = list(
        plan.items.select_related("skill").prefetch_related(
            "participants",
            Prefetch(
                "records", queryset=TrainingRecord.objects.select_related("participant")
            ),
        )
    )
    owner_edits = plan.editable and access.can(user, access.CHANGE, plan)
    step = plan.due_step()
    may_decide = step is not None and access.may_take_step(
        user, plan, step, plan.author_id
    )
    recording = plan.state in services.RECORDED
    rows = []
    for item in items:
        records = {r.participant_id: r for r in item.records.all()}
        item.rows = [
            {
                "participant": p,
                "record": records.get(p.pk),
                "own": p.pk == user.pk,
                "may_edit": recording and _may_record(user, item, p, records.get(p.pk)),
                "may_confirm": (
                    records.get(p.pk) is not None
                    and records[p.pk].proposed_level is not None
                    and records[p.pk].assessment_id is None
                    and p.pk != user.pk
                    and access.can(user, access.ADD, _assessment_probe(p))
                ),
            }
            for p in item.participants.all()
        ]
        rows.append(item)
    total_hours = sum((i.hours for i in items), 0)
    total_cost = sum((i.cost for i in items), 0)
    return render(
        request,
        "teams/trainingplan_detail.html",
        {
            "plan": plan,
            "items": rows,
            "total_hours": total_hours,
            "total_cost": total_cost,
            "flow": _flow(plan),
            "steps": approvals.steps_of(plan),
            "due_step": step,
            "holder": approvals.holder_label(plan, step) if step else "",
            "owner_edits": owner_edits,
            "may_submit": owner_edits and user.pk == plan.owner_id,
            "may_decide": may_decide,
            "item_form": forms.get("item_form")
            or (TrainingItemForm(team=_team_choices(plan)) if owner_edits else None),
            "decision_form": forms.get("decision")
            or DecisionForm(initial={"version": plan.version}),
            "history": history_rows(plan),
        },
    )


def _may_record(user: Any, item: TrainingItem, participant: Any, record: Any) -> bool:
    """The participant gives feedback on their record once it exists; their
    line (and HR) record attendance, hours and completion."""
    if record is not None:
        return access.can(user, access.CHANGE, record)
    return access.can(
        user, access.ADD, TrainingRecord(item=item, participant=participant)
    )


def _assessment_probe(person: Any) -> Any:
    from teams.models import SkillAssessment

    return SkillAssessment(person=person)


@require_POST
@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    access.require(request.user, access.CHANGE, plan)
    form = TrainingItemForm(request.POST, team=_team_choices(plan))
    if form.is_valid():
        try:
            services.training_item_create(
                plan=plan, by=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Training item added."))
            return redirect("teams:plan", pk=plan.pk)
    return _render_plan(request, plan, item_form=form)


@require_POST
@login_required
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    access.require(request.user, access.CHANGE, plan)
    item = get_object_or_404(TrainingItem, pk=item_pk, plan=plan)
    try:
        services.training_item_delete(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("teams:plan", pk=plan.pk)


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


@require_POST
@login_required
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        services.training_plan_submit(
            plan=plan, by=request.user, expected_version=_version(request)
        )
    except (ValidationError, StaleEdit) as error:
        messages.error(
            request,
            " ".join(
                getattr(error, "messages", [str(getattr(error, "message", error))])
            ),
        )
    else:
        messages.success(request, _("Plan submitted."))
    return redirect("teams:plan", pk=plan.pk)


@require_POST
@login_required
def plan_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in ("approve", "return"):
        raise Http404
    plan = _plan(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_plan(request, plan, decision=form)
    try:
        services.training_plan_decide(
            plan=plan,
            by=request.user,
            approve=decision == "approve",
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, StaleEdit) as error:
        apply_errors(form, error)
        return _render_plan(request, plan, decision=form)
    messages.success(
        request,
        _("Step approved.")
        if decision == "approve"
        else _("Plan returned to its author."),
    )
    return redirect("teams:plan", pk=plan.pk)


@login_required
def record_edit(
    request: HttpRequest, pk: int, item_pk: int, user_pk: int
) -> HttpResponse:
    plan = _plan(request, pk)
    item = get_object_or_404(TrainingItem, pk=item_pk, plan=plan)
    participant = get_object_or_404(item.participants.all(), pk=user_pk)
    record = TrainingRecord.objects.filter(item=item, participant=participant).first()
    probe = record or TrainingRecord(item=item, participant=participant)
    access.require(request.user, access.CHANGE if record else access.ADD, probe)
    own = participant.pk == request.user.pk and not access.is_admin(request.user)
    form = TrainingRecordForm(request.POST or None, instance=record, feedback_only=own)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.training_record_save(
                by=request.user, item=item, participant=participant, data=data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Training record saved."))
            return redirect("teams:plan", pk=plan.pk)
    return render(
        request,
        "teams/trainingrecord_form.html",
        {"form": form, "plan": plan, "item": item, "participant": participant},
    )


@require_POST
@login_required
def record_confirm(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    record = get_object_or_404(
        TrainingRecord.objects.visible_to(request.user).select_related(
            "item__skill", "participant"
        ),
        pk=record_pk,
        item__plan=plan,
    )
    try:
        services.training_record_confirm_level(record=record, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Skill level confirmed."))
    return redirect("teams:plan", pk=plan.pk)
