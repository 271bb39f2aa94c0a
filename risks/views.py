"""Risk register, heat map, response actions and the problem log."""

from __future__ import annotations

import csv
from datetime import date
from functools import partial
from io import BytesIO
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from config.fragments import digest
from projects import access, tallies
from projects.models import Membership, Project
from projects.versioning import StaleEdit
from risks import selectors, services
from risks.filters import IssueFilter, RiskFilter
from risks.forms import IssueForm, RiskForm, RiskResponseForm
from risks.history import history_rows
from risks.models import Issue, Risk, RiskResponse

PAGE_SIZE = 25
SCALE = [1, 2, 3, 4, 5]
REGISTER_ORDER = ("-score", "project__code", "pk")


def _project(request: HttpRequest, project_pk: int) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related("manager"),
        pk=project_pk,
    )


def _check(request: HttpRequest, action: str, obj: Any) -> None:
    if not access.can(request.user, action, obj):
        raise PermissionDenied


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


def _save_error(form: Any, error: Exception) -> None:
    if isinstance(error, StaleEdit):
        form.add_error(None, str(error.message))
    elif isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)


# ---------------------------------------------------------------- register


def _risk_scope(request: HttpRequest, project: Project | None) -> QuerySet[Risk]:
    qs = Risk.objects.visible_to(request.user)
    if project is not None:
        # The customer rule of access.can: risks are internal to the team.
        if not access.can(request.user, access.VIEW, Risk(project=project)):
            raise Http404
        qs = qs.filter(project=project)
    return qs


def _heat_params(request: HttpRequest) -> QueryDict:
    params = request.GET.copy()
    for key in ("probability", "impact", "page"):
        params.pop(key, None)
    return params


def _heat_counts(
    request: HttpRequest,
    project: Project | None,
    base: QuerySet[Risk],
    owners: QuerySet[User] | None,
) -> dict[tuple[int, int], int]:
    params = _heat_params(request)
    if tallies.unfiltered(params):
        # Every visible risk: summed from the projects' tallies, not counted.
        return tallies.heat_map(request.user, project)
    return selectors.heat_map_counts(
        RiskFilter(params, queryset=base, owners=owners).qs
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
    counts = _heat_counts(request, project, base, owners)
    # Without a cell picked, the heat map counts exactly the register's rows
    # (same filter, grouped): their sum is the paginator's count, and their
    # scores tell which score band holds the page, so the database sorts
    # that band only, not every visible risk (issue 9).
    whole = risk_filter.is_valid() and not any(
        request.GET.get(key) for key in ("probability", "impact")
    )
    banded = whole and not request.GET.get("o")
    if banded:  # the page's rows are read by id below
        qs = risk_filter.qs
    else:
        qs = selectors.register(risk_filter.qs)
        if not request.GET.get("o"):
            qs = qs.order_by(*REGISTER_ORDER)
    paginator = Paginator(qs, PAGE_SIZE)
    if whole:
        paginator.count = sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    if banded:
        start = (page.number - 1) * PAGE_SIZE
        one = selectors.one_score(counts, start, PAGE_SIZE)
        if one is not None and project is None:
            # The page holds one score (the top one, on the first pages of a
            # big register): its ids in project-code order, read by walking
            # the visible projects by code until the page is full.
            score, offset = one
            walk = access.visible_on_project_row(request.user, Risk.objects.all())
            walk = risk_filter.filter_queryset(walk)  # the same, valid filter
            walk = walk.filter(score=score).order_by("project__code", "pk")
            ids: Any = list(
                walk.values_list("pk", flat=True)[offset : offset + PAGE_SIZE]
            )
        else:
            # The page's ids first (index-only: score, id, project, its
            # code), then its rows with their response counts, in one query.
            floor = selectors.score_floor(counts, page.number * PAGE_SIZE)
            band = risk_filter.qs.filter(score__gte=floor).order_by(*REGISTER_ORDER)
            ids = band.values("pk")[start : start + PAGE_SIZE]
        page.object_list = selectors.register(Risk.objects.filter(pk__in=ids)).order_by(
            *REGISTER_ORDER
        )
    risks = list(page.object_list)
    page.object_list = risks
    # Everything the heat map and the table show, for their cached HTML
    # (config/fragments.py); the heat map's cells and links are built only
    # when its HTML is not cached (a callable in the context).
    query = request.GET.urlencode()
    shown = [
        (
            r.pk,
            r.score,
            r.probability,
            r.impact,
            r.title,
            r.category,
            r.project_id,
            r.project.code,
            r.strategy,
            r.owner.get_full_name() if r.owner else None,
            r.status,
            r.overdue_count,  # type: ignore[attr-defined]
            r.open_response_count,  # type: ignore[attr-defined]
            r.response_count,  # type: ignore[attr-defined]
            r.next_due,  # type: ignore[attr-defined]
        )
        for r in risks
    ]
    scope = project.pk if project else None
    context = {
        "project": project,
        "filter": risk_filter,
        "page_obj": page,
        "risks": risks,
        "heat_map": partial(_heat_map, request, counts),
        "heat_key": digest(scope, query, sorted(counts.items())),
        "register_key": digest(scope, query, page.number, paginator.count, shown),
        "impacts": SCALE,
        "can_add": project is not None
        and access.can(request.user, access.ADD, Risk(project=project)),
        "query": query,
    }
    template = "risks/risk_register.html"
    if request.htmx:
        template += "#register-body"
    return render(request, template, context)


@login_required
def register(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _register(request, _project(request, project_pk))


@login_required
def register_all(request: HttpRequest) -> HttpResponse:
    return _register(request, None)


EXPORT_COLUMNS = [
    ("project", lambda r: r.project.code),
    ("title", lambda r: r.title),
    ("category", lambda r: r.get_category_display()),
    ("probability", lambda r: r.probability),
    ("impact", lambda r: r.impact),
    ("score", lambda r: r.score),
    ("strategy", lambda r: r.get_strategy_display()),
    ("owner", lambda r: r.owner.get_full_name() if r.owner else ""),
    ("status", lambda r: r.get_status_display()),
    ("identified_on", lambda r: r.identified_on),
    ("responses", lambda r: r.response_count),
    ("open_responses", lambda r: r.open_response_count),
    ("overdue_responses", lambda r: r.overdue_count),
    ("next_due", lambda r: r.next_due or ""),
]


def _export(request: HttpRequest, project: Project | None, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    base = _risk_scope(request, project)
    risk_filter = RiskFilter(request.GET, queryset=base, owners=_owners(project))
    qs = selectors.register(risk_filter.qs)
    if not request.GET.get("o"):
        qs = qs.order_by(*REGISTER_ORDER)
    stamp = timezone.localdate().isoformat()
    name = f"risks-{project.code if project else 'all'}-{stamp}"
    header = [
        str(Risk._meta.get_field(c).verbose_name)
        if c in _FIELD_NAMES
        else str(_EXTRA_LABELS[c])
        for c, _get in EXPORT_COLUMNS
    ]
    rows = ([get(risk) for _c, get in EXPORT_COLUMNS] for risk in qs.iterator(2000))
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response)
        writer.writerow(header)
        for row in rows:
            writer.writerow([v.isoformat() if isinstance(v, date) else v for v in row])
        return response
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Risks"))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


_FIELD_NAMES = {f.name for f in Risk._meta.concrete_fields}
_EXTRA_LABELS = {
    "responses": _("responses"),
    "open_responses": _("open responses"),
    "overdue_responses": _("overdue responses"),
    "next_due": _("next response due"),
}


@login_required
def export(request: HttpRequest, project_pk: int, fmt: str) -> HttpResponse:
    return _export(request, _project(request, project_pk), fmt)


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
    project = _project(request, project_pk)
    _check(request, access.ADD, Risk(project=project))
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
            _save_error(form, error)
        else:
            messages.success(request, _("Risk “%s” added.") % risk.title)
            return redirect("risks:detail", risk.pk)
    return render(request, "risks/risk_form.html", {"form": form, "project": project})


@login_required
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    _check(request, access.CHANGE, risk)
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
            _save_error(form, error)
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
    _check(request, access.ADD, RiskResponse(risk=risk))
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
    _check(request, access.CHANGE, response)
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
            _save_error(form, error)
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
    _check(request, access.CHANGE, response)
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
    return redirect("risks:detail", response.risk_id)


# ------------------------------------------------------------------ issues


def _issue_scope(request: HttpRequest, project: Project | None) -> QuerySet[Issue]:
    qs = Issue.objects.visible_to(request.user)
    if project is not None:
        if not access.can(request.user, access.VIEW, Issue(project=project)):
            raise Http404
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
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
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
    return _issue_list(request, _project(request, project_pk))


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
    project = _project(request, project_pk)
    _check(request, access.ADD, Issue(project=project))
    form = IssueForm(request.POST or None, owners=_owners(project))
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_create(
                project=project, by=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            _save_error(form, error)
        else:
            messages.success(request, _("Issue “%s” logged.") % issue.title)
            return redirect("risks:issue_detail", issue.pk)
    return render(request, "risks/issue_form.html", {"form": form, "project": project})


@login_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    _check(request, access.CHANGE, issue)
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
            _save_error(form, error)
        else:
            messages.success(request, _("Issue saved."))
            return redirect("risks:issue_detail", issue.pk)
    return render(
        request,
        "risks/issue_form.html",
        {"form": form, "project": issue.project, "issue": issue},
    )
