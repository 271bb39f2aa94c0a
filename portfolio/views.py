"""Pages that read across apps: home, the project list with health, a
project's overview and timeline, the portfolio timeline, resources and My
work. Typed function views: fetch → check → read → render.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from accounts import roles
from accounts import services as account_services
from accounts.models import User
from core.dates import bounds
from core.pagination import CappedPaginator
from milestones import timeline
from milestones.models import Milestone, Task
from portfolio import selectors, workload
from projects import access
from projects.filters import ProjectFilter
from projects.models import CostEntry, Membership, Project
from projects.records import PAGE_SIZE, get_project
from projects.selectors import add_months, month_end
from risks.models import Issue, Risk
from teams import approvals as team_approvals
from teams.services import training as training_services


def _page(request: HttpRequest, rows: Any) -> Any:
    return CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _count(qs: QuerySet[Any]) -> Coalesce:
    rows = qs.filter(project=OuterRef("pk")).order_by().values("project")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's projects: what they manage and what they belong to."""
    order = ("target_date", "code")
    projects = (
        Project.objects.visible_to(request.user)
        .exclude(status__in=[Project.Status.CLOSED, Project.Status.CANCELLED])
        .order_by(*order)
    )
    full_reader = access.reads_everything(request.user)
    if full_reader and (mine := access.project_roles(request.user)):
        # Directors and admins read everything: home shows the projects they
        # manage or joined, if any; the rest is on the project list.
        projects = projects.filter(pk__in=list(mine))
    page = (
        Project.objects.select_related("manager", "department")
        .order_by(*order)
        .filter(pk__in=projects.values("pk")[:24])
    ).annotate(
        open_risks=_count(Risk.objects.filter(status=Risk.Status.OPEN)),
        open_issues=_count(Issue.objects.filter(resolved_at__isnull=True)),
    )
    return render(
        request,
        "portfolio/home.html",
        {
            "projects": page,
            "can_create_project": access.can_create_project(request.user),
            "is_full_reader": full_reader,
        },
    )


def _projects(request: HttpRequest) -> ProjectFilter:
    qs = Project.objects.visible_to(request.user).select_related(
        "manager", "department"
    )
    return ProjectFilter(request.GET or None, queryset=qs)


def _filtered(filterset: ProjectFilter) -> QuerySet[Project]:
    if filterset.is_bound and filterset.is_valid():
        return filterset.qs  # type: ignore[no-any-return]
    return filterset.queryset  # type: ignore[no-any-return]


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    filterset = _projects(request)
    qs = _filtered(filterset)
    # Ties broken by id, so the pages hold every project once.
    qs = qs.order_by(*(qs.query.order_by or ["code"]), "pk")
    page = _page(request, qs)
    projects = selectors.attach_stats(page.object_list)
    rows = [
        (
            project,
            selectors.health(
                project,
                internal=access.can(
                    request.user, access.VIEW, CostEntry(project=project)
                ),
            ),
        )
        for project in projects
    ]
    template = "portfolio/project_list.html"
    if getattr(request, "htmx", False):
        template += "#project-table"
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page_obj": page,
            "rows": rows,
            "can_create": access.can_create_project(request.user),
        },
    )


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    user = request.user
    internal = access.can(user, access.VIEW, CostEntry(project=project))
    context: dict[str, Any] = {
        "project": project,
        "internal": internal,
        "show_risks": access.can(user, access.VIEW, Risk(project=project)),
        "show_issues": access.can(user, access.VIEW, Issue(project=project)),
        "can_edit": access.can(user, access.CHANGE, project),
        "can_delete": access.can(user, access.DELETE, project),
        "can_approve": access.can(user, access.APPROVE, project)
        and project.baselined_on is None,
        "today": timezone.localdate(),
    }
    context |= selectors.overview(project, internal=internal, user=user)
    # a plan without milestones has nothing to baseline: say so instead
    has_milestones = getattr(project, "milestones_total", 0) > 0
    context["needs_milestones"] = context["can_approve"] and not has_milestones
    context["can_approve"] = context["can_approve"] and has_milestones
    return render(request, "portfolio/project_detail.html", context)


TIMELINE_TASKS = 300  # the chart stays readable; the task list has the rest


def _milestone_url(m: Milestone) -> str:
    return reverse("milestones:detail", args=[m.pk])


@login_required
def project_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    phases = list(project.phases.all())  # type: ignore[attr-defined]
    milestones = list(project.milestones.order_by("planned_date", "pk"))  # type: ignore[attr-defined]
    edges = list(
        Milestone.depends_on.through.objects.filter(
            from_milestone__project=project
        ).values_list("from_milestone_id", "to_milestone_id")
    )
    tasks = list(
        Task.objects.filter(project=project)
        .visible_to(request.user)
        .order_by(F("start_date").asc(nulls_last=True), "due_date", "pk")[
            :TIMELINE_TASKS
        ]
    )
    chart = timeline.project_chart(
        project,
        phases,
        milestones,
        edges,
        _milestone_url,
        tasks=tasks,
        task_url=lambda t: reverse("milestones:task_detail", args=[t.pk]),
    )
    return render(
        request,
        "portfolio/project_timeline.html",
        {
            "project": project,
            "chart": chart,
            "slipped": sum(1 for m in milestones if m.is_slipped),
            "milestone_count": len(milestones),
        },
    )


@login_required
def timeline_all(request: HttpRequest) -> HttpResponse:
    filterset = _projects(request)
    qs = _filtered(filterset)
    if not request.GET.get("status"):
        qs = qs.exclude(status__in=[Project.Status.CLOSED, Project.Status.CANCELLED])
    qs = qs.order_by(*(qs.query.order_by or ["start_date", "code"]), "pk")
    page = _page(request, qs)
    projects = list(page.object_list)
    by_project: dict[int, list[Milestone]] = {}
    for m in (
        Milestone.objects.filter(project__in=[p.pk for p in projects])
        .only(
            "pk", "project_id", "name", "planned_date", "forecast_date", "completed_on"
        )
        .order_by()
    ):
        by_project.setdefault(m.project_id, []).append(m)
    chart = timeline.portfolio_chart(
        projects,
        by_project,
        lambda p: reverse("portfolio:project_timeline", args=[p.pk]),
    )
    return render(
        request,
        "portfolio/timeline_all.html",
        {"filter": filterset, "page_obj": page, "chart": chart},
    )


@login_required
def resources(request: HttpRequest) -> HttpResponse:
    """Each person's allocation on active projects per month; >100% flagged."""
    user = request.user
    if access.reads_everything(user):
        people = User.objects.filter(is_active=True)
    elif access.can_create_project(user):
        managed = Project.objects.filter(manager=user).values("pk")
        people = User.objects.filter(
            Q(memberships__project__in=managed) | Q(pk=user.pk)
        ).distinct()
        people = User.objects.filter(pk__in=people.values("pk"))
    else:
        raise PermissionDenied
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("from", "") + "-01")
    except ValueError:
        start = today.replace(day=1)
    # a month far away (?from=0001-01) is brought inside the accepted dates
    earliest, latest = bounds()
    start = min(max(start, earliest.replace(day=1)), add_months(latest, -6))
    months = [add_months(start, n) for n in range(6)]
    q = request.GET.get("q", "").strip()
    if q:
        people = people.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
        )
    rows_qs = selectors.allocation(people, months).filter(projects__gt=0)
    if request.GET.get("over") == "1":
        over = Q()
        for index in range(len(months)):
            over |= Q(**{f"m{index}__gt": 100})
        rows_qs = rows_qs.filter(over)
    rows_qs = rows_qs.select_related("department").order_by(
        "last_name", "first_name", "pk"
    )
    page = _page(request, rows_qs)
    people = list(page.object_list)
    logged = selectors.hours_by_month(
        [p.pk for p in people], months[0], add_months(months[-1], 1)
    )
    seats = selectors.allocation_breakdown(people, months[0], add_months(months[-1], 1))
    shown = {seat.project_id for found in seats.values() for seat in found}
    # only the projects this reader may open are links (a PM sees their
    # people's other projects by code)
    readable = set(
        Project.objects.visible_to(user)
        .filter(pk__in=shown)
        .values_list("pk", flat=True)
    )
    rows = [
        {
            "person": person,
            "cells": [getattr(person, f"m{i}") for i in range(len(months))],
            # The planned % of each month with the hours logged in it, and
            # the seats behind that month's figure (the cell's breakdown).
            "columns": [
                (
                    getattr(person, f"m{i}"),
                    logged.get((person.pk, month), 0),
                    [
                        (seat, seat.project_id in readable)
                        for seat in seats.get(person.pk, [])
                        if seat.project.start_date <= month_end(month)
                        and seat.project.target_date >= month
                    ],
                )
                for i, month in enumerate(months)
            ],
            "seats": [
                (seat, seat.project_id in readable) for seat in seats.get(person.pk, [])
            ],
        }
        for person in people
    ]
    return render(
        request,
        "portfolio/resources.html",
        {
            "months": months,
            "rows": rows,
            "page_obj": page,
            "q": q,
            "over": request.GET.get("over") == "1",
            "prev_month": add_months(start, -1).strftime("%Y-%m"),
            "next_month": add_months(start, 1).strftime("%Y-%m"),
        },
    )


def _staff(user: Any) -> QuerySet[User]:
    """The people whose plans a user may look at: everyone for directors and
    admins, their projects' teams (and themselves) for project managers."""
    if access.reads_everything(user):
        return User.objects.filter(is_active=True)
    if access.can_create_project(user):
        # A semi-join on the seats of their projects (a DISTINCT over the
        # joined seats took 28 ms for a manager of 3,333 projects).
        seats = Membership.objects.filter(project__manager=user).values("user_id")
        return User.objects.filter(Q(pk__in=seats) | Q(pk=user.pk), is_active=True)
    raise PermissionDenied


@login_required
def workload_page(request: HttpRequest) -> HttpResponse:
    """Planned hours (task estimates, else allocations) against each
    person's weekly capacity, with the hours logged, 8 weeks from a week."""
    people = _staff(request.user)
    raw = request.GET.get("from", "")
    try:
        first = date.fromisoformat(f"{raw}-1") if raw else None
    except ValueError:
        first = None
    first = workload.monday_of(first or timezone.localdate())
    q = request.GET.get("q", "").strip()
    if q:
        people = people.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
        )
    people = people.select_related("department").order_by(
        "last_name", "first_name", "pk"
    )
    page = _page(request, people)
    grid = workload.workload(page.object_list, first)
    rows = [{"person": p, "weeks": grid[p.pk]} for p in page.object_list]
    mondays = [first + timedelta(weeks=n) for n in range(workload.WEEKS)]
    return render(
        request,
        "portfolio/workload.html",
        {
            "rows": rows,
            "mondays": mondays,
            "page_obj": page,
            "q": q,
            "this_week": workload.monday_of(timezone.localdate()),
            "prev": _iso_week(first - timedelta(weeks=workload.WEEKS)),
            "next": _iso_week(first + timedelta(weeks=workload.WEEKS)),
        },
    )


def _iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    rows = selectors.my_work(request.user)
    today = timezone.localdate()
    projects = sorted(
        {row.project for row in rows if row.project}, key=lambda p: p.code
    )
    chosen = request.GET.get("project", "")
    if chosen.isdigit():
        rows = [row for row in rows if row.project and row.project.pk == int(chosen)]
    return render(
        request,
        "portfolio/my_work.html",
        {
            "page_obj": _page(request, rows),
            "total": len(rows),
            "overdue": sum(1 for r in rows if r.due < today),
            "today": today,
            "tasks": selectors.my_tasks(request.user),
            "statuses": Task.Status.choices,
            # Team approvals whose step is due from this user (DESIGN §7).
            "approvals": team_approvals.due_for(request.user),
            "confirmations": list(
                training_services.awaiting_confirmation(request.user)[:50]
            ),
            "projects": projects,
            "chosen": chosen,
        },
    )


# ------------------------------------------------------------------ profile


def _profile_context(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "groups": [
            roles.label(name)
            for name in user.groups.order_by("name").values_list("name", flat=True)
        ],
        # Each language by its own name, as language menus show them.
        "languages": [
            ("", _("The browser's language")),
            *(
                (code, get_language_info(code)["name_local"])
                for code, _n in settings.LANGUAGES
            ),
        ],
        "memberships": Membership.objects.filter(user=user)
        .select_related("project")
        .order_by("project__code"),
        "managed": Project.objects.filter(manager=user).order_by("code"),
        "token": Token.objects.filter(user=user).first(),
    }


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own details, their projects and API token."""
    return render(request, "portfolio/profile.html", _profile_context(request))


@never_cache
@require_POST
@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    # The key is shown on this response only (not stored in a message
    # cookie, not on later visits): the user copies it now.
    token = account_services.token_create(user=request.user)
    context = _profile_context(request) | {"new_key": token.key}
    return render(request, "portfolio/profile.html", context)


@require_POST
@login_required
def token_revoke(request: HttpRequest) -> HttpResponse:
    if account_services.token_revoke(user=request.user):
        messages.success(request, _("Your API token was revoked; it no longer works."))
    else:
        messages.info(request, _("You had no API token to revoke."))
    return redirect("portfolio:profile")
