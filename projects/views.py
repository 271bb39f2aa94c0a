"""Project pages: list, overview, create/edit/delete, plan approval, budget,
resources and timelines. Typed function views: fetch → check → service → render.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from config.fragments import digest
from milestones import timeline
from milestones.models import Milestone
from projects import access, selectors, services, tallies
from projects.filters import ProjectFilter
from projects.forms import DocumentReviewForm, ProjectForm, apply_errors
from projects.models import CostEntry, Document, Project, Requirement
from projects.records import (
    PAGE_SIZE,
    get_project,
    page_slice,
    project_tabs,
    total_order,
)
from projects.versioning import StaleEdit
from risks.models import Issue, Risk


def _projects(request: HttpRequest) -> ProjectFilter:
    qs = Project.objects.visible_to(request.user).select_related(
        "manager", "department"
    )
    return ProjectFilter(request.GET or None, queryset=qs)


def _filtered(filterset: ProjectFilter) -> Any:
    if filterset.is_bound and filterset.is_valid():
        return filterset.qs
    return filterset.queryset


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    filterset = _projects(request)
    qs = _filtered(filterset)
    paginator = Paginator(qs, PAGE_SIZE)
    if tallies.unfiltered(request.GET):
        # Every visible project: counted from the managers' rollups.
        paginator.count = tallies.count(request.user, Project)
    page = paginator.get_page(request.GET.get("page"))
    # The stats of the page's rows only: paginating the annotated queryset
    # would compute them for every row the OFFSET skips (deep pages).
    start = page.start_index() - 1 if page.paginator.count else 0
    page_ids = page_slice(qs.values("pk"), start, PAGE_SIZE, page.paginator.count)
    # Only the ids carry the access and filter conditions; the outer query
    # reads those 25 rows by key instead of testing every project again.
    rows_qs = Project.objects.select_related("manager", "department")
    rows_qs = rows_qs.order_by(*total_order(qs))
    page.object_list = selectors.with_stats(rows_qs.filter(pk__in=page_ids))
    rows = []
    for project in page.object_list:
        internal = access.can(request.user, access.VIEW, CostEntry(project=project))
        rows.append((project, selectors.health(project, internal=internal)))
    # Everything the table shows, for its cached HTML (config/fragments.py).
    shown = [
        (
            p.pk,
            p.code,
            p.name,
            p.customer,
            p.manager.get_full_name(),
            p.manager.username,
            p.status,
            p.target_date,
            p.milestones_done,  # type: ignore[attr-defined]
            p.milestones_total,  # type: ignore[attr-defined]
            p.milestones_overdue,  # type: ignore[attr-defined]
            health.colour,
            health.reasons,
        )
        for p, health in rows
    ]
    table_key = digest(
        request.GET.urlencode(), page.number, page.paginator.count, shown
    )
    template = "projects/project_list.html"
    if getattr(request, "htmx", False):
        template += "#project-table"
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page_obj": page,
            "rows": rows,
            "table_key": table_key,
            "can_create": access.can_create_project(request.user),
        },
    )


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        selectors.with_stats(
            Project.objects.visible_to(request.user).select_related(
                "manager", "department"
            )
        ),
        pk=pk,
    )
    user = request.user
    tabs = project_tabs(user, project)
    internal = tabs["costs"]
    context: dict[str, Any] = {
        "project": project,
        "tabs": tabs,
        "active_tab": "overview",
        "internal": internal,
        "show_risks": access.can(user, access.VIEW, Risk(project=project)),
        "show_issues": access.can(user, access.VIEW, Issue(project=project)),
        "can_edit": access.can(user, access.CHANGE, project),
        "can_delete": access.can(user, access.DELETE, project),
        "can_approve": access.can(user, access.APPROVE, project)
        and not access.is_director(user)
        and project.baselined_on is None,
        "today": timezone.localdate(),
    }
    context |= selectors.overview(
        project, internal=internal, docs_visible=tabs["documents"]
    )
    return render(request, "projects/project_detail.html", context)


def _project_form(request: HttpRequest, instance: Project) -> ProjectForm:
    return ProjectForm(
        request.POST or None,
        instance=instance,
        may_choose_manager=access.is_admin(request.user),
        initial={"manager": instance.manager_id} if instance.manager_id else None,
    )


def _save(form: ProjectForm, save: Any) -> Project | None:
    if not form.is_valid():
        return None
    try:
        return save()  # type: ignore[no-any-return]
    except ValidationError as error:
        apply_errors(form, error)
    except StaleEdit as error:
        form.add_error(None, error.message)
    return None


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    project = Project(manager=request.user)  # type: ignore[misc]
    if not access.can_create_project(request.user):
        raise PermissionDenied
    form = _project_form(request, project)
    if request.method == "POST":
        saved = _save(
            form,
            lambda: services.project_create(project=form.instance, by=request.user),
        )
        if saved is not None:
            messages.success(
                request, _("Project %(code)s created.") % {"code": saved.code}
            )
            return redirect(saved)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "creating": True},
        status=400 if form.errors else 200,
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    if not access.can(request.user, access.CHANGE, project):
        raise PermissionDenied
    form = _project_form(request, project)
    if request.method == "POST":
        saved = _save(
            form,
            lambda: services.project_update(
                project=form.instance,
                by=request.user,
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("Project saved."))
            return redirect(saved)
    return render(
        request,
        "projects/project_form.html",
        {
            "form": form,
            "project": project,
            "creating": False,
            "tabs": project_tabs(request.user, project),
        },
        status=400 if form.errors else 200,
    )


@login_required
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    if not access.can(request.user, access.DELETE, project):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.record_delete(project)
        except ProtectedError:
            messages.error(request, _("Other records still refer to this project."))
            return redirect(project)
        messages.success(
            request, _("Project %(code)s deleted.") % {"code": project.code}
        )
        return redirect("projects:list")
    return render(request, "projects/project_confirm_delete.html", {"project": project})


@require_POST
@login_required
def project_approve(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    if access.is_director(request.user) and not access.is_admin(request.user):
        raise PermissionDenied
    if not access.can(request.user, access.APPROVE, project):
        raise PermissionDenied
    try:
        services.project_approve_plan(project=project, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Plan approved: planned dates are now the baseline and locked.")
        )
    return redirect(project)


@require_POST
@login_required
def requirement_status(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(
        Requirement.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    if not access.can(request.user, access.CHANGE, req):
        raise PermissionDenied
    req.status = request.POST.get("status", "")
    try:
        expected = int(request.POST.get("version") or 0) or None
        services.record_save(req, by=request.user, expected_version=expected)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except StaleEdit as error:
        messages.error(request, error.message)
    except ValueError:
        messages.error(request, _("Invalid request."))
    else:
        messages.success(
            request, _("Status changed to %(s)s.") % {"s": req.get_status_display()}
        )
    return redirect("projects:requirement_detail", req.pk)


@require_POST
@login_required
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    if not access.can(request.user, access.REVIEW, doc):
        raise PermissionDenied
    form = DocumentReviewForm(request.POST, instance=doc)
    if form.is_valid():
        try:
            services.document_review(
                document=doc,
                review_status=form.cleaned_data["review_status"],
                by=request.user,  # type: ignore[arg-type]
                expected_version=form.expected_version,
            )
        except (ValidationError, StaleEdit) as error:
            messages.error(
                request, getattr(error, "message", None) or " ".join(error.messages)
            )  # type: ignore[union-attr]
        else:
            messages.success(request, _("Review status saved."))
    else:
        messages.error(request, _("Choose a review status."))
    return redirect("projects:document_detail", doc.pk)


@login_required
def project_budget(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    if not access.can(request.user, access.VIEW, CostEntry(project=project)):
        raise Http404
    return render(
        request,
        "projects/project_budget.html",
        {
            "project": project,
            "tabs": project_tabs(request.user, project),
            "active_tab": "costs",
            "report": selectors.budget_report(project),
            "can_add": access.can(request.user, access.ADD, CostEntry(project=project)),
        },
    )


@login_required
def resources(request: HttpRequest) -> HttpResponse:
    """Each person's allocation on active projects per month; >100% flagged."""
    user = request.user
    if access.is_full_reader(user):
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
    months = [selectors.add_months(start, n) for n in range(6)]
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
    page = Paginator(rows_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "person": person,
            "cells": [getattr(person, f"m{i}") for i in range(len(months))],
        }
        for person in page.object_list
    ]
    return render(
        request,
        "projects/resources.html",
        {
            "months": months,
            "rows": rows,
            "page_obj": page,
            "q": q,
            "over": request.GET.get("over") == "1",
            "prev_month": selectors.add_months(start, -1).strftime("%Y-%m"),
            "next_month": selectors.add_months(start, 1).strftime("%Y-%m"),
        },
    )


# ------------------------------------------------------------------ timelines


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
    chart = timeline.project_chart(project, phases, milestones, edges, _milestone_url)
    return render(
        request,
        "projects/project_timeline.html",
        {
            "project": project,
            "chart": chart,
            "tabs": project_tabs(request.user, project),
            "active_tab": "timeline",
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
    if not request.GET.get("ordering"):
        qs = qs.order_by("start_date", "code")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
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
        projects, by_project, lambda p: reverse("projects:timeline", args=[p.pk])
    )
    return render(
        request,
        "projects/timeline_all.html",
        {"filter": filterset, "page_obj": page, "chart": chart},
    )
