"""Report packs: the deliverables of the job descriptions (DESIGN §1, issue 24).

Each report is read for one reader: `build(report, user, scope)` returns the
template context with only what that reader may see (a customer's progress
report has no risks, costs or internal documents). The same context draws the
printable page, the PDF (WeasyPrint) and, for the tabular ones, the XLSX
(core/exports). Every read is a fixed number of queries whatever the data
size: grouped counts and capped lists, never a loop of queries over rows.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Subquery, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Department
from changes.models import ChangeRequest
from core import exports
from kpis import registry
from kpis.models import KpiRun, KpiSnapshot, can_view_scope
from milestones import timeline
from milestones.models import Milestone
from portfolio import selectors
from projects import access
from projects.models import CostEntry, Membership, Project, Requirement
from reviews.models import ActionItem, Meeting
from risks.models import Issue, Risk

Scope = KpiSnapshot.ScopeType
PROJECT, DEPARTMENT, ORGANISATION = Scope.PROJECT, Scope.DEPARTMENT, Scope.ORGANISATION
LIST_CAP = 200  # rows a report lists of one kind; it says when there are more
MEETINGS_CAP = 20
RECENT_RUNS = 7  # KPI job dates searched for a scope's newest figures


@dataclass(frozen=True)
class ReportScope:
    """What a report is about: a project, a department or the organisation."""

    scope_type: str
    key: int  # 0 for the organisation
    name: str
    obj: Any = None

    @property
    def project(self) -> Project | None:
        return self.obj if self.scope_type == PROJECT else None


@dataclass(frozen=True)
class Report:
    key: str
    label: Promise
    scopes: tuple[str, ...]
    # May the user read this report of this scope (beyond seeing the scope)?
    allowed: Callable[[Any, ReportScope], bool]
    reader: Callable[[Any, ReportScope], dict[str, Any]]
    columns: tuple[exports.Column, ...] = ()  # the XLSX sheet, if tabular
    rows: Callable[[dict[str, Any]], list[list[Any]]] | None = None

    @property
    def tabular(self) -> bool:
        return self.rows is not None

    @property
    def template(self) -> str:
        return f"portfolio/reports/{self.key}.html"


# ------------------------------------------------------------------ helpers


def _sees(model: type[Any], **fields: Any) -> Callable[[Any, ReportScope], bool]:
    def allowed(user: Any, scope: ReportScope) -> bool:
        return access.can(user, access.VIEW, model(project=scope.obj, **fields))

    return allowed


def _anyone(user: Any, scope: ReportScope) -> bool:
    return True


def _kpi_reader(user: Any, scope: ReportScope) -> bool:
    return can_view_scope(user, scope.scope_type, None if not scope.key else scope.key)


def _internal(user: Any, project: Project) -> bool:
    return access.can(user, access.VIEW, CostEntry(project=project))


def kpi_figures(
    user: Any, scope_type: str, key: int, codes: list[str] | None = None
) -> dict[str, Any]:
    """The scope's newest KPI snapshot rows, in registry order, each with the
    URL of its drill-down; none when the reader may not read the scorecard."""
    scope_id = None if scope_type == ORGANISATION else key
    if not can_view_scope(user, scope_type, scope_id):
        return {"kpis": [], "kpi_as_of": None}
    mine = KpiSnapshot.objects.filter(scope_type=scope_type, scope_key=key)
    # The job's newest dates (KpiRun): each is one descent of the snapshots'
    # unique key (as_of, scope_type, scope_key, kpi), whatever the table's size.
    runs = KpiRun.objects.order_by("-as_of").values("as_of")[:RECENT_RUNS]
    recent = mine.filter(as_of__in=Subquery(runs))
    newest = recent.order_by("-as_of").values_list("as_of", flat=True).first()
    if newest is None:  # snapshots written outside the job (no run logged)
        newest = mine.order_by("-as_of").values_list("as_of", flat=True).first()
    if newest is None:
        return {"kpis": [], "kpi_as_of": None}
    rows = {r.kpi.code: r for r in mine.filter(as_of=newest).select_related("kpi")}
    figures = []
    for kpi in registry.all():
        row = rows.get(kpi.code)
        if row is None or (codes is not None and kpi.code not in codes):
            continue
        path = reverse("kpis:records", args=[scope_type, key, kpi.code])
        figures.append(
            {
                "kpi": kpi,
                "row": row,
                "url": f"{path}?as_of={newest.isoformat()}",
            }
        )
    return {"kpis": figures, "kpi_as_of": newest}


def _timeline_image(project: Project, milestones: list[Milestone]) -> dict[str, Any]:
    """The project's Gantt chart as an SVG image (data URI) for page and PDF."""
    phases = list(project.phases.all())  # type: ignore[attr-defined]
    if not phases and not milestones:
        return {"timeline_svg": ""}
    chart = timeline.project_chart(project, phases, milestones, [], lambda m: "")
    svg = render_to_string(
        "components/timeline_svg.html",
        {"chart": chart, "svg_title": str(_("Timeline"))},
    )
    start, end = svg.index("<svg"), svg.index("</svg>") + len("</svg>")
    data = base64.b64encode(svg[start:end].encode()).decode()
    return {
        "timeline_svg": f"data:image/svg+xml;base64,{data}",
        "timeline_width": chart.width,
        "timeline_height": chart.height,
    }


def _milestones(project: Project) -> list[Milestone]:
    return list(
        Milestone.objects.filter(project=project)
        .select_related("phase")
        .order_by("planned_date", "pk")[:LIST_CAP]
    )


# ------------------------------------------------------------------ readers


def read_progress(user: Any, scope: ReportScope) -> dict[str, Any]:
    project: Project = scope.obj
    internal = _internal(user, project)
    context = selectors.overview(project, internal=internal, user=user)
    milestones = _milestones(project)
    requirements = dict(
        Requirement.objects.filter(project=project)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    changes = ChangeRequest.objects.filter(project=project).aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status__in=["approved", "implemented"])),
        pending=Count("pk", filter=Q(status="submitted")),
    )
    context |= {
        "internal": internal,
        "milestones": milestones,
        "requirement_counts": [
            (label, requirements.get(value, 0))
            for value, label in Requirement.Status.choices
        ],
        "changes": changes,
        "show_risks": access.can(user, access.VIEW, Risk(project=project)),
        **_timeline_image(project, milestones),
        **kpi_figures(user, PROJECT, project.pk),
    }
    return context


def read_plan(user: Any, scope: ReportScope) -> dict[str, Any]:
    project: Project = scope.obj
    milestones = _milestones(project)
    phases = list(project.phases.order_by("order", "start_date"))  # type: ignore[attr-defined]
    return {
        "internal": _internal(user, project),
        "phases": phases,
        "milestones": milestones,
        **_timeline_image(project, milestones),
        **kpi_figures(
            user, PROJECT, project.pk, ["on_time_delivery", "plan_submission"]
        ),
    }


def read_resources(user: Any, scope: ReportScope) -> dict[str, Any]:
    project: Project = scope.obj
    seats = list(
        Membership.objects.filter(project=project)
        .select_related("user", "user__department")
        .order_by("user__department__name", "user__last_name", "user__username")[
            :LIST_CAP
        ]
    )
    groups: dict[str, dict[str, Any]] = {}
    for seat in seats:
        dept = seat.user.department
        name = dept.name if dept else str(_("No department"))
        group = groups.setdefault(name, {"name": name, "seats": [], "total": 0})
        group["seats"].append(seat)
        group["total"] += seat.allocation_percent
    return {
        "departments": list(groups.values()),
        "seat_count": len(seats),
        "total_allocation": sum(s.allocation_percent for s in seats),
    }


def resources_rows(context: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            group["name"],
            seat.user.get_full_name() or seat.user.username,
            str(seat.get_role_display()),
            Decimal(seat.allocation_percent) / 100,
        ]
        for group in context["departments"]
        for seat in group["seats"]
    ]


def read_risks(user: Any, scope: ReportScope) -> dict[str, Any]:
    project: Project = scope.obj
    risks = Risk.objects.filter(project=project)
    counts = risks.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=Risk.Status.OPEN)),
        high=Count(
            "pk",
            filter=Q(status=Risk.Status.OPEN, score__gte=selectors.HIGH_RISK_SCORE),
        ),
        occurred=Count("pk", filter=Q(status="occurred")),
        closed=Count("pk", filter=Q(status=Risk.Status.CLOSED)),
    )
    listed = list(
        risks.select_related("owner")
        .annotate(
            responses_total=Count("responses"),
            responses_done=Count(
                "responses", filter=Q(responses__completed_on__isnull=False)
            ),
        )
        .order_by("-score", "title", "pk")[:LIST_CAP]
    )
    issues = Issue.objects.filter(project=project).aggregate(
        open=Count("pk", filter=Q(resolved_at__isnull=True)),
    )
    return {
        "counts": counts,
        "risks": listed,
        "more": counts["total"] > len(listed),
        "open_issues": issues["open"],
        **kpi_figures(user, PROJECT, project.pk, ["risk_response_rate"]),
    }


def risks_rows(context: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            risk.title,
            risk.category,
            risk.probability,
            risk.impact,
            risk.score,
            str(risk.get_strategy_display()),
            str(risk.owner or ""),
            str(risk.get_status_display()),
            risk.identified_on,
            risk.responses_done,
            risk.responses_total,
        ]
        for risk in context["risks"]
    ]


def read_changes(user: Any, scope: ReportScope) -> dict[str, Any]:
    project: Project = scope.obj
    internal = _internal(user, project)
    crs = ChangeRequest.objects.filter(project=project)
    totals = crs.aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status__in=["approved", "implemented"])),
        rejected=Count("pk", filter=Q(status="rejected")),
        pending=Count("pk", filter=Q(status__in=["draft", "submitted"])),
        days=Sum("impact_days", filter=Q(status__in=["approved", "implemented"])),
        cost=Sum("impact_cost", filter=Q(status__in=["approved", "implemented"])),
    )
    listed = list(
        crs.select_related("requested_by", "decided_by")
        .annotate(requirements=Count("affected_requirements"))
        .order_by("-created_at", "-pk")[:LIST_CAP]
    )
    return {
        "internal": internal,
        "totals": totals,
        "changes": listed,
        "more": totals["total"] > len(listed),
        **kpi_figures(user, PROJECT, project.pk, ["change_ratio"]),
    }


def changes_rows(context: dict[str, Any]) -> list[list[Any]]:
    internal = context["internal"]
    return [
        [
            cr.title,
            str(cr.get_kind_display()),
            str(cr.requested_by or ""),
            str(cr.get_status_display()),
            cr.submitted_on,
            cr.decided_on,
            cr.impact_days,
            cr.impact_cost if internal else None,
            cr.requirements,
        ]
        for cr in context["changes"]
    ]


def _meetings(project: Project, kinds: list[str]) -> list[Meeting]:
    return list(
        Meeting.objects.filter(project=project, kind__in=kinds)
        .prefetch_related("attendees", "agenda_items", "decisions")
        .prefetch_related("action_items__owner")
        .order_by("-held_on", "-pk")[:MEETINGS_CAP]
    )


def read_minutes(user: Any, scope: ReportScope) -> dict[str, Any]:
    project: Project = scope.obj
    meetings = _meetings(project, [Meeting.Kind.REVIEW, Meeting.Kind.STATUS])
    return {"meetings": meetings}


def read_retrospective(user: Any, scope: ReportScope) -> dict[str, Any]:
    project: Project = scope.obj
    meetings = _meetings(project, [Meeting.Kind.RETROSPECTIVE])
    improvements = ActionItem.objects.filter(
        meeting__project=project, kind=ActionItem.Kind.IMPROVEMENT
    )
    today = timezone.localdate()
    counts = improvements.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(completed_on__isnull=False)),
        overdue=Count("pk", filter=Q(completed_on__isnull=True, due_date__lt=today)),
    )
    items = list(
        improvements.select_related("owner", "meeting").order_by("due_date", "pk")[
            :LIST_CAP
        ]
    )
    return {
        "meetings": meetings,
        "counts": counts,
        "improvements": items,
        "today": today,
        **kpi_figures(
            user, PROJECT, project.pk, ["improvement_rate", "retro_report_timeliness"]
        ),
    }


def retrospective_rows(context: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            item.description,
            item.meeting.title,
            str(item.owner or ""),
            item.due_date,
            item.completed_on,
        ]
        for item in context["improvements"]
    ]


def _children(scope: ReportScope) -> list[ReportScope]:
    """The scorecard's rows below its scope: top departments of the
    organisation; a department's sub-departments and its own projects."""
    if scope.scope_type == ORGANISATION:
        return [
            ReportScope(DEPARTMENT, d.pk, d.name, d)
            for d in Department.objects.filter(parent__isnull=True).order_by("name")
        ]
    if scope.scope_type == DEPARTMENT:
        subs = [
            ReportScope(DEPARTMENT, d.pk, d.name, d)
            for d in Department.objects.filter(parent_id=scope.key).order_by("name")
        ]
        projects = (
            Project.objects.not_cancelled()
            .filter(department_id=scope.key)
            .order_by("code")
            .only("pk", "code", "name")[:LIST_CAP]
        )
        return subs + [
            ReportScope(PROJECT, p.pk, f"{p.code} {p.name}", p) for p in projects
        ]
    return []


def read_scorecard(user: Any, scope: ReportScope) -> dict[str, Any]:
    figures = kpi_figures(user, scope.scope_type, scope.key)
    as_of = figures["kpi_as_of"]
    children = _children(scope)
    cells: dict[tuple[str, int], dict[str, Any]] = {}
    if as_of is not None and children:
        condition = Q()
        for child in children:
            condition |= Q(scope_type=child.scope_type, scope_key=child.key)
        rows = KpiSnapshot.objects.filter(condition, as_of=as_of).values_list(
            "scope_type", "scope_key", "kpi__code", "status", "value"
        )
        for scope_type, key, code, status, value in rows:
            cells.setdefault((scope_type, key), {})[code] = {
                "status": status,
                "value": value,
                "code": code,
            }
    codes = [f["kpi"].code for f in figures["kpis"]]
    table = [
        {
            "scope": child,
            "cells": [
                cells.get((child.scope_type, child.key), {}).get(code) for code in codes
            ],
        }
        for child in children
    ]
    return {**figures, "children": table, "codes": codes}


def scorecard_rows(context: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            str(f["kpi"].label),
            f["kpi"].code,
            f["row"].value if f["kpi"].is_rate else None,
            None if f["kpi"].is_rate else f["row"].value,
            f["row"].target,
            str(f["row"].get_status_display()),
            f["row"].numerator,
            f["row"].denominator,
        ]
        for f in context["kpis"]
    ]


Col = exports.Column
REPORTS: dict[str, Report] = {
    r.key: r
    for r in (
        Report(
            "progress",
            _("Project progress report"),
            (PROJECT,),
            _anyone,
            read_progress,
        ),
        Report("plan", _("Project plan"), (PROJECT,), _anyone, read_plan),
        Report(
            "resources",
            _("Resource allocation table"),
            (PROJECT,),
            _sees(Membership),
            read_resources,
            (
                Col(_("Department"), width=24),
                Col(_("Person"), width=28),
                Col(_("Role"), width=20),
                Col(_("Allocation"), exports.PERCENT, 12),
            ),
            resources_rows,
        ),
        Report(
            "risks",
            _("Risk management report"),
            (PROJECT,),
            _sees(Risk),
            read_risks,
            (
                Col(_("Risk"), width=40),
                Col(_("Category"), width=16),
                Col(_("Probability"), exports.INTEGER, 12),
                Col(_("Impact"), exports.INTEGER, 10),
                Col(_("Score"), exports.INTEGER, 10),
                Col(_("Strategy"), width=14),
                Col(_("Owner"), width=22),
                Col(_("Status"), width=12),
                Col(_("Identified on"), exports.DATE, 14),
                Col(_("Responses done"), exports.INTEGER, 16),
                Col(_("Responses"), exports.INTEGER, 12),
            ),
            risks_rows,
        ),
        Report(
            "changes",
            _("Customer requirement-change record"),
            (PROJECT,),
            _sees(ChangeRequest),
            read_changes,
            (
                Col(_("Change request"), width=40),
                Col(_("Kind"), width=12),
                Col(_("Requested by"), width=22),
                Col(_("Status"), width=14),
                Col(_("Submitted on"), exports.DATE, 14),
                Col(_("Decided on"), exports.DATE, 14),
                Col(_("Schedule impact (days)"), exports.INTEGER, 14),
                Col(_("Cost impact"), exports.DECIMAL, 14),
                Col(_("Requirements affected"), exports.INTEGER, 14),
            ),
            changes_rows,
        ),
        Report(
            "minutes",
            _("Review meeting minutes"),
            (PROJECT,),
            _sees(Meeting),
            read_minutes,
        ),
        Report(
            "retrospective",
            _("Retrospective report"),
            (PROJECT,),
            _sees(Meeting),
            read_retrospective,
            (
                Col(_("Improvement"), width=48),
                Col(_("Meeting"), width=30),
                Col(_("Owner"), width=22),
                Col(_("Due date"), exports.DATE, 14),
                Col(_("Completed on"), exports.DATE, 14),
            ),
            retrospective_rows,
        ),
        Report(
            "scorecard",
            _("KPI scorecard"),
            (PROJECT, DEPARTMENT, ORGANISATION),
            _kpi_reader,
            read_scorecard,
            (
                Col(_("KPI"), width=32),
                Col(pgettext_lazy("kpi", "Code"), width=26),
                Col(_("Rate"), exports.PERCENT, 12),
                Col(_("Value"), exports.DECIMAL, 12),
                Col(_("Target"), exports.DECIMAL, 12),
                Col(_("Status"), width=12),
                Col(_("Numerator"), exports.DECIMAL, 14),
                Col(_("Denominator"), exports.DECIMAL, 14),
            ),
            scorecard_rows,
        ),
    )
}


def reports_for(scope_type: str) -> list[Report]:
    return [r for r in REPORTS.values() if scope_type in r.scopes]


# ------------------------------------------------------------------ scopes


def resolve_scope(user: Any, scope_type: str, key: int) -> ReportScope | None:
    """The scope if the user may see it, else None (callers answer 404)."""
    if scope_type == PROJECT:
        project = (
            Project.objects.visible_to(user)
            .select_related("manager", "department")
            .filter(pk=key)
            .first()
        )
        if project is None:
            return None
        return ReportScope(
            PROJECT, project.pk, f"{project.code} {project.name}", project
        )
    if scope_type == DEPARTMENT:
        dept = Department.objects.filter(pk=key).first()
        if dept is None or not can_view_scope(user, DEPARTMENT, dept.pk):
            return None
        return ReportScope(DEPARTMENT, dept.pk, dept.name, dept)
    if scope_type == ORGANISATION and key == 0:
        if not can_view_scope(user, ORGANISATION, None):
            return None
        return ReportScope(ORGANISATION, 0, str(settings.MILEPOST_COMPANY_NAME))
    return None


def may_read(user: Any, report: Report, scope: ReportScope) -> bool:
    return scope.scope_type in report.scopes and report.allowed(user, scope)


def build(report: Report, user: Any, scope: ReportScope) -> dict[str, Any]:
    """The report's context for this reader (call with the reader's language
    active: names of statuses and kinds come out translated)."""
    return {
        "report": report,
        "scope": scope,
        "project": scope.project,
        "company": settings.MILEPOST_COMPANY_NAME,
        "currency": settings.MILEPOST_CURRENCY,
        "as_of": timezone.localdate(),
        "generated_at": timezone.now(),
        "reader": user,
        **report.reader(user, scope),
    }


def pdf_bytes(context: dict[str, Any]) -> bytes:
    """The report as a PDF: the paper layout (company name, as-of date and
    page numbers on every page), drawn by WeasyPrint."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        context["report"].template,
        {**context, "layout": "portfolio/reports/paper.html", "pdf": True},
    )
    # Everything a report draws is inline (the timeline is a data: image):
    # WeasyPrint fetches nothing from the network or the disk.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def xlsx_bytes(context: dict[str, Any]) -> bytes:
    report: Report = context["report"]
    if report.rows is None:
        raise ValueError(f"{report.key} is not a table")
    return exports.xlsx_bytes(str(report.label), report.columns, report.rows(context))


def filename(report: Report, scope: ReportScope, as_of: date) -> str:
    tag = (
        scope.obj.code
        if scope.scope_type == PROJECT
        else f"{scope.scope_type}-{scope.key}"
    )
    return f"{report.key}-{tag}-{as_of.isoformat()}"
