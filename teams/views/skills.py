"""The skills matrix, its export, and a person's page (DESIGN §7)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import roles
from core.exports import INTEGER, Column, export_response
from core.forms import apply_errors
from core.history import history_rows
from projects import access
from teams import selectors
from teams.forms.skills import AssessmentForm, MatrixFilter
from teams.models import (
    Person,
    Skill,
    SkillAssessment,
    SkillLevel,
    TrainingPlan,
    TrainingRecord,
)
from teams.services import skills as services
from teams.services.people import person_of

User = get_user_model()
PER_PAGE = 50


def reads_team_pages(user: Any) -> bool:
    """Anyone with a team to look at: the person pages and the matrix."""
    return roles.has_capability(user, access.model_permission(Person, access.VIEW))


def _matrix_inputs(request: HttpRequest) -> tuple[MatrixFilter, Any, Any, bool]:
    if not reads_team_pages(request.user):
        raise Http404
    people = selectors.people_for(request.user)
    managers = (
        User.objects.filter(is_active=True, direct_reports__isnull=False)
        .filter(pk__in=people.values("pk"))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    form = MatrixFilter(request.GET or None, managers=managers)
    department = manager = category = None
    gaps = False
    if form.is_valid():
        department = form.cleaned_data["department"]
        manager = form.cleaned_data["manager"]
        category = form.cleaned_data["category"]
        gaps = form.cleaned_data["gaps"]
    people = selectors.matrix_people(
        request.user, department=department, manager=manager
    )
    position = form.cleaned_data.get("position") if form.is_valid() else None
    if position is not None:
        people = people.filter(person__position=position)
    skills = Skill.objects.visible_to(request.user)
    if category is not None:
        skills = skills.filter(category=category)
    return form, people, skills, gaps


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    form, people, skills, gaps = _matrix_inputs(request)
    grid = selectors.skills_matrix(
        request.user, people=people, skills=skills, gaps_only=gaps
    )
    page = Paginator(grid.rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "teams/skills_matrix.html",
        {
            "filter": form,
            "matrix": grid,
            "page_obj": page,
            "levels": list(SkillLevel.objects.all()),
            "single_points": [c for c in grid.coverage if c.single_point],
            "uncovered": [c for c in grid.coverage if c.covered == 0],
        },
    )


@login_required
def matrix_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, people, skills, gaps = _matrix_inputs(request)
    grid = selectors.skills_matrix(
        request.user, people=people, skills=skills, gaps_only=gaps
    )
    columns = [
        Column(gettext_lazy("Person"), width=24),
        Column(gettext_lazy("Position"), width=24),
        *(Column(skill.name, kind=INTEGER, width=12) for skill in grid.skills),
        Column(gettext_lazy("Gaps"), kind=INTEGER, width=8),
    ]
    rows = [
        [
            str(row.person),
            str(row.position or ""),
            *(cell.level for cell in row.cells),
            row.gaps,
        ]
        for row in grid.rows
    ]
    return export_response(
        fmt,
        "skills-matrix",
        columns,
        rows,
        sheet_name=str(gettext_lazy("Skills matrix")),
    )


def _person(request: HttpRequest, pk: int) -> Any:
    if not reads_team_pages(request.user):
        raise Http404
    return get_object_or_404(
        selectors.people_for(request.user).select_related(
            "department", "reports_to", "person__position"
        ),
        pk=pk,
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return _render_person(request, person, None)


def _render_person(
    request: HttpRequest, person: Any, form: AssessmentForm | None
) -> HttpResponse:
    user = request.user
    profile = person_of(person)
    position = profile.position
    history = selectors.skill_history(person)
    levels = selectors.current_levels([person.pk])
    required = (
        {r.skill_id: r.min_level for r in position.required_skills.all()}
        if position
        else {}
    )
    skill_ids = set(required) | {skill_id for (_p, skill_id) in levels}
    rows = [
        {
            "skill": skill,
            "level": levels.get((person.pk, skill.pk)),
            "required": required.get(skill.pk),
            "gap": skill.pk in required
            and (levels.get((person.pk, skill.pk)) or 0) < required[skill.pk],
        }
        for skill in Skill.objects.filter(pk__in=skill_ids).select_related("category")
    ]
    assessments = (
        SkillAssessment.objects.filter(person=person)
        .select_related("skill", "assessed_by")
        .order_by("-assessed_on", "-pk")[:50]
    )
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    summary = selectors.training_summary(
        [person.pk], start, today.replace(month=12, day=31)
    )
    chart = {
        "series": [
            {
                "label": skill.name,
                "points": [
                    {"x": a.assessed_on.isoformat(), "y": a.level} for a in rows_
                ],
            }
            for skill, rows_ in history.items()
        ]
    }
    records = list(
        TrainingRecord.objects.filter(participant=person)
        .select_related("item__plan", "item__skill")
        .order_by("-item__planned_on")[:20]
    )
    may_assess = access.can(user, access.ADD, SkillAssessment(person=person))
    own = person.pk == user.pk
    return render(
        request,
        "teams/person_detail.html",
        {
            "person": person,
            "position": position,
            "rows": rows,
            "assessments": assessments,
            "chart": chart,
            "training": summary.get(person.pk, selectors.TrainingSummary()),
            "training_records": records,
            # a participant may not read the plan itself (it is its owner's)
            "readable_plans": set(
                TrainingPlan.objects.visible_to(user)
                .filter(pk__in={r.item.plan_id for r in records})
                .values_list("pk", flat=True)
            ),
            "year": today.year,
            "form": form or (AssessmentForm(own=own) if may_assess else None),
            "history": history_rows(profile) if profile.pk else [],
        },
    )


@require_POST
@login_required
def assessment_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    access.require(request.user, access.ADD, SkillAssessment(person=person))
    form = AssessmentForm(request.POST, own=person.pk == request.user.pk)
    if form.is_valid():
        try:
            services.skill_assessment_create(
                by=request.user, data={"person": person, **form.cleaned_data}
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("teams:person", pk=person.pk)
    return _render_person(request, person, form)
