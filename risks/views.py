"""Risk register, heat map, response actions and the problem log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import User
from core import exports
from core.forms import apply_errors
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from projects.models import Membership, Project
from projects.records import PAGE_SIZE, get_project
from risks import selectors, services
from risks.filters import IssueFilter, RiskFilter
from risks.forms import IssueForm, RiskForm, RiskResponseForm
from risks.models import Issue, Risk, RiskResponse

SCALE = [1, 2, 3, 4, 5]
# The risk_score_desc index's order: a page is read off it, never sorted.
REGISTER_ORDER = ("-score", "pk")


def _owners(project: Project | None) -> QuerySet[User]:
    """People who can own a record: the project's team (all active users when None)."""
    users = User.objects.filter(is_active=True)
    if project is not None:
        # A subquery of this project's team (customer representatives are not
        # on it), not a join: its cost follows the project, not the company.
        team = (
            Membership.objects.filter(project=project)
            .exclude(role=Membership.Role.CUSTOMER_REP)
            .values("user_id")
        )
        users = users.filter(Q(pk__in=team) | Q(pk=project.manager_id))
    return users.order_by("first_name", "last_name")


# ---------------------------------------------------------------- register


def _risk_scope(request: HttpRequest, project: Project | None) -> QuerySet[Risk]:
    qs = Risk.objects.visible_to(request.user)
    if project is not None:
        # The customer rule of access.can: risks are internal to the team.
        access.require(request.user, access.VIEW, Risk(project=project))
        qs = qs.filter(project=project)
    return qs


def _heat_params(request: HttpRequest) -> QueryDict:
    params = request.GET.copy()
    for key in ("probability", "impact", "page"):
        params.pop(key, None)
    return params


def _matching(counts: dict[tuple[int, int], int], params: QueryDict) -> int:
    """How many risks the register lists: the heat map's cells that match its
    probability and impact filters."""
    wanted = {
        name: int(params[name])
        for name in ("probability", "impact")
        if params.get(name, "").isdigit()
    }
    return sum(
        n
        for (probability, impact), n in counts.items()
        if wanted.get("probability", probability) == probability
        and wanted.get("impact", impact) == impact
    )


def _heat_map(
    request: HttpRequest, counts: dict[tuple[int, int], int]
) -> list[dict[str, Any]]:
    params = _heat_params(request)
    selected = (request.GET.get("probability"), request.GET.get("impact"))
    rows = []
    for probability in reversed(SCALE):
        cells = []
        for impact in SCALE:
            score = probability * impact
            query: QueryDict = params.copy()
            query["probability"], query["impact"] = str(probability), str(impact)
            cells.append(
                {
                    "probability": probability,
                    "impact": impact,
                    "score": score,
                    "count": counts.get((probability, impact), 0),
                    "level": (
                        "high" if score >= 15 else "medium" if score >= 8 else "low"
                    ),
                    "query": query.urlencode(),
                    "selected": selected == (str(probability), str(impact)),
                }
            )
        rows.append({"probability": probability, "cells": cells})
    return rows


def _register(request: HttpRequest, project: Project | None) -> HttpResponse:
    base = _risk_scope(request, project)
    owners = _owners(project)
    risk_filter = RiskFilter(request.GET, queryset=base, owners=owners)
    # The heat map counts the register's filter without its cell: one grouped
    # count over the (project, probability, impact) index.
    heat_params = _heat_params(request)
    heat_filter = RiskFilter(heat_params, queryset=base, owners=owners)
    counts = selectors.cached_heat_map_counts(
        heat_filter.qs,
        user=request.user,
        scope=project.pk if project else None,
        params=heat_params.urlencode(),
    )
    qs = risk_filter.qs.select_related("project", "owner")
    if not request.GET.get("o"):
        qs = qs.order_by(*REGISTER_ORDER)
    paginator = Paginator(qs, PAGE_SIZE)
    if risk_filter.is_valid():
        # The heat map counts the same risks, cell by cell: no COUNT(*).
        paginator.count = _matching(counts, request.GET)
    page = paginator.get_page(request.GET.get("page"))
    risks = selectors.with_response_counts(page.object_list)
    context = {
        "project": project,
        "filter": risk_filter,
        "page_obj": page,
        "risks": risks,
        "heat_map": _heat_map(request, counts),
        "impacts": SCALE,
        "can_add": project is not None
        and access.can(request.user, access.ADD, Risk(project=project)),
        "query": request.GET.urlencode(),
    }
    template = "risks/risk_register.html"
    if request.htmx:
        template += "#register-body"
    return render(request, template, context)


@login_required
def register(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _register(request, get_project(request, project_pk))


@login_required
def register_all(request: HttpRequest) -> HttpResponse:
    return _register(request, None)


EXPORT_COLUMNS = [
    exports.Column(gettext_lazy("Project"), width=12),
    exports.Column(gettext_lazy("Title"), width=40),
    exports.Column(gettext_lazy("Category")),
    exports.Column(gettext_lazy("Probability"), exports.INTEGER, 12),
    exports.Column(gettext_lazy("Impact"), exports.INTEGER, 10),
    exports.Column(gettext_lazy("Score"), exports.INTEGER, 10),
    exports.Column(gettext_lazy("Strategy")),
    exports.Column(gettext_lazy("Owner"), width=24),
    exports.Column(gettext_lazy("Status"), width=12),
    exports.Column(gettext_lazy("Identified on"), exports.DATE, 14),
    exports.Column(gettext_lazy("Responses"), exports.INTEGER, 12),
    exports.Column(gettext_lazy("Open responses"), exports.INTEGER, 16),
    exports.Column(gettext_lazy("Overdue responses"), exports.INTEGER, 18),
    exports.Column(gettext_lazy("Next response due"), exports.DATE, 18),
]


def _export_row(risk: Any) -> list[Any]:
    return [
        risk.project.code,
        risk.title,
        risk.get_category_display(),
        risk.probability,
        risk.impact,
        risk.score,
        risk.get_strategy_display(),
        risk.owner.get_full_name() if risk.owner else "",
        risk.get_status_display(),
        risk.identified_on,
        risk.response_count,
        risk.open_response_count,
        risk.overdue_count,
        risk.next_due,
    ]


def _export(request: HttpRequest, project: Project | None, fmt: str) -> HttpResponse:
    base = _risk_scope(request, project)
    risk_filter = RiskFilter(request.GET, queryset=base, owners=_owners(project))
    qs = selectors.register(risk_filter.qs)
    if not request.GET.get("o"):
        qs = qs.order_by(*REGISTER_ORDER)
    stamp = timezone.localdate().isoformat()
    name = f"risks-{project.code if project else 'all'}-{stamp}"
    rows = (_export_row(risk) for risk in qs.iterator(2000))
    return exports.export_response(
        fmt, name, EXPORT_COLUMNS, rows, sheet_name=str(_("Risks"))
    )


@login_required
def export(request: HttpRequest, project_pk: int, fmt: str) -> HttpResponse:
    return _export(request, get_project(request, project_pk), fmt)


@login_required
def export_all(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export(request, None, fmt)


# ------------------------------------------------------------------- risks


def _risk(request: HttpRequest, pk: int) -> Risk:
    return get_object_or_404(
        Risk.objects.visible_to(request.user).select_related("project", "owner"),
        pk=pk,
    )


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    responses = list(risk.responses.select_related("owner"))
    for response in responses:
        response.can_edit = access.can(request.user, access.CHANGE, response)
    can_add_response = access.can(request.user, access.ADD, RiskResponse(risk=risk))
    return render(
        request,
        "risks/risk_detail.html",
        {
            "risk": risk,
            "project": risk.project,
            "responses": responses,
            "can_edit": access.can(request.user, access.CHANGE, risk),
            "can_add_response": can_add_response,
            "response_form": RiskResponseForm(
                owners=_owners(risk.project), initial={"owner": risk.owner_id}
            )
            if can_add_response
            else None,
            "history": history_rows(risk),
        },
    )


@login_required
def risk_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.ADD, Risk(project=project))
    owners = _owners(project)
    form = RiskForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        first = None
        if (data.get("first_response") or "").strip():
            first = {
                "description": data["first_response"],
                "owner": data.get("owner"),
                "due_date": data["first_response_due"],
            }
        try:
            risk = services.risk_create(
                project=project, by=request.user, data=data, first_response=first
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Risk “%s” added.") % risk.title)
            return redirect("risks:detail", risk.pk)
    return render(request, "risks/risk_form.html", {"form": form, "project": project})


@login_required
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    access.require(request.user, access.CHANGE, risk)
    form = RiskForm(request.POST or None, instance=risk, owners=_owners(risk.project))
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(
                risk=Risk.objects.get(pk=risk.pk),
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version"),
            )
        except (StaleEdit, ValidationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Risk saved."))
            return redirect("risks:detail", risk.pk)
    return render(
        request,
        "risks/risk_form.html",
        {"form": form, "project": risk.project, "risk": risk},
    )


# ---------------------------------------------------------------- responses


def _response(request: HttpRequest, pk: int) -> RiskResponse:
    return get_object_or_404(
        RiskResponse.objects.visible_to(request.user).select_related(
            "risk", "risk__project", "owner"
        ),
        pk=pk,
    )


@login_required
@require_POST
def response_create(request: HttpRequest, risk_pk: int) -> HttpResponse:
    risk = _risk(request, risk_pk)
    access.require(request.user, access.ADD, RiskResponse(risk=risk))
    form = RiskResponseForm(request.POST, owners=_owners(risk.project))
    if form.is_valid():
        services.response_create(risk=risk, by=request.user, data=form.cleaned_data)
        messages.success(request, _("Response action added."))
    else:
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )
        messages.error(request, _("The response was not added. %s") % errors)
    return redirect("risks:detail", risk.pk)


@login_required
def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    response = _response(request, pk)
    access.require(request.user, access.CHANGE, response)
    form = RiskResponseForm(
        request.POST or None, instance=response, owners=_owners(response.risk.project)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_update(
                response=RiskResponse.objects.get(pk=response.pk),
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version"),
            )
        except StaleEdit as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Response action saved."))
            return redirect("risks:detail", response.risk_id)
    return render(
        request,
        "risks/response_form.html",
        {
            "form": form,
            "response": response,
            "risk": response.risk,
            "project": response.risk.project,
            "history": history_rows(response),
        },
    )


@login_required
@require_POST
def response_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a response done today (htmx swaps the row in place)."""
    response = _response(request, pk)
    access.require(request.user, access.CHANGE, response)
    version = request.POST.get("version")
    try:
        response = services.response_update(
            response=response,
            by=request.user,
            data={"completed_on": timezone.localdate()},
            expected_version=int(version) if version else None,
        )
    except StaleEdit as error:
        messages.error(request, str(error.message))
        return redirect("risks:detail", response.risk_id)
    if request.htmx:
        response.can_edit = True
        return render(
            request,
            "risks/risk_detail.html#response-row",
            {"response": response, "risk": response.risk},
        )
    messages.success(request, _("Response action marked done."))
    target = request.POST.get("next", "")  # My work sends its own page back
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("risks:detail", response.risk_id)


# ------------------------------------------------------------------ issues


def _issue_scope(request: HttpRequest, project: Project | None) -> QuerySet[Issue]:
    qs = Issue.objects.visible_to(request.user)
    if project is not None:
        access.require(request.user, access.VIEW, Issue(project=project))
        qs = qs.filter(project=project)
    return qs


def _issue_list(request: HttpRequest, project: Project | None) -> HttpResponse:
    owners = _owners(project)
    issue_filter = IssueFilter(
        request.GET, queryset=_issue_scope(request, project), owners=owners
    )
    qs = issue_filter.qs.select_related("project", "owner")
    if not request.GET.get("o"):
        qs = qs.order_by("-reported_at", "pk")
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "risks/issue_list.html",
        {
            "project": project,
            "filter": issue_filter,
            "page_obj": page,
            "issues": page.object_list,
            "sla_hours": settings.ISSUE_SLA_HOURS,
            "can_add": project is not None
            and access.can(request.user, access.ADD, Issue(project=project)),
        },
    )


@login_required
def issue_list(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _issue_list(request, get_project(request, project_pk))


@login_required
def issue_list_all(request: HttpRequest) -> HttpResponse:
    return _issue_list(request, None)


def _issue(request: HttpRequest, pk: int) -> Issue:
    return get_object_or_404(
        Issue.objects.visible_to(request.user).select_related(
            "project", "owner", "reported_by"
        ),
        pk=pk,
    )


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    return render(
        request,
        "risks/issue_detail.html",
        {
            "issue": issue,
            "project": issue.project,
            "can_edit": access.can(request.user, access.CHANGE, issue),
            "sla_hours": settings.ISSUE_SLA_HOURS,
            "history": history_rows(issue),
        },
    )


@login_required
def issue_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.ADD, Issue(project=project))
    form = IssueForm(request.POST or None, owners=_owners(project))
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_create(
                project=project, by=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Issue “%s” logged.") % issue.title)
            return redirect("risks:issue_detail", issue.pk)
    return render(request, "risks/issue_form.html", {"form": form, "project": project})


@login_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    access.require(request.user, access.CHANGE, issue)
    form = IssueForm(
        request.POST or None, instance=issue, owners=_owners(issue.project)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_update(
                issue=Issue.objects.get(pk=issue.pk),
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version"),
            )
        except (StaleEdit, ValidationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Issue saved."))
            return redirect("risks:issue_detail", issue.pk)
    return render(
        request,
        "risks/issue_form.html",
        {"form": form, "project": issue.project, "issue": issue},
    )
