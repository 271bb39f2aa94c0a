"""Scorecards, drill-down, trends, exports and "numbers explained".

Every page reads stored snapshots only; nothing here computes a KPI. A scope
is (scope_type, scope_key): the organisation is ("organisation", 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from accounts.models import Department, User
from core import exports
from core.forms import apply_errors
from core.fragments import digest
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from kpis import registry, services
from kpis.forms import KpiTargetForm
from kpis.metrics import Window
from kpis.models import (
    KpiDefinition,
    KpiRun,
    KpiSnapshot,
    KpiTarget,
    can_edit_kpi_targets,
    can_see_dashboards,
    can_view_scope,
)
from projects import access
from projects.models import Project

Scope = KpiSnapshot.ScopeType
TREND_DAYS = 365
COMPARE_DAYS = 30


@dataclass
class ScopeRef:
    scope_type: str
    key: int
    name: str
    obj: Any = None
    subtree: list[int] | None = None  # a department's ids, loaded once
    departments: list[Department] | None = None  # the whole (small) tree, once

    @property
    def lookup(self) -> dict[str, Any]:
        """Filter for this scope's snapshot rows on the unique key's columns
        (scope_key is 0 for the organisation): with dates, each date is one
        descent of that index."""
        return {"scope_type": self.scope_type, "scope_key": self.key}

    @property
    def scope_id(self) -> int | None:
        return None if self.scope_type == Scope.ORGANISATION else self.key

    @property
    def url(self) -> str:
        if self.scope_type == Scope.ORGANISATION:
            return reverse("kpis:dashboard")
        return reverse("kpis:scorecard", args=[self.scope_type, self.key])


def _resolve(request: HttpRequest, scope_type: str, key: int) -> ScopeRef:
    """Fetch the scope (404 if unknown or an invisible project), then check (403)."""
    user = request.user
    if scope_type == Scope.ORGANISATION:
        ref = ScopeRef(scope_type, 0, pgettext("kpi scope", "Organisation"))
    elif scope_type == Scope.DEPARTMENT:
        # The whole tree in one query: the department, its sub-departments
        # and the subtree its projects are pooled from all come from it.
        tree = list(Department.objects.order_by("name"))
        dept = next((d for d in tree if d.pk == key), None)
        if dept is None:
            raise Http404
        ref = ScopeRef(scope_type, key, dept.name, dept, departments=tree)
    elif scope_type == Scope.MANAGER:
        person = User.objects.filter(pk=key).first()
        if person is None:
            raise Http404
        ref = ScopeRef(scope_type, key, str(person), person)
    elif scope_type == Scope.PROJECT:
        project = (
            Project.objects.visible_to(user).select_related("manager").filter(pk=key)
        ).first()
        if project is None:
            raise Http404
        ref = ScopeRef(scope_type, key, f"{project.code} {project.name}", project)
    else:
        raise Http404
    if not can_view_scope(user, scope_type, ref.scope_id):
        raise PermissionDenied
    return ref


def _crumbs(ref: ScopeRef) -> list[ScopeRef]:
    """The scopes above this one, for the breadcrumb: the department chain a
    department sits in, or a project's department chain, or a manager's own
    department chain."""
    if ref.scope_type == Scope.DEPARTMENT:
        tree, dept_id = ref.departments or [], ref.obj.parent_id
    elif ref.scope_type in (Scope.PROJECT, Scope.MANAGER) and ref.obj is not None:
        dept_id = ref.obj.department_id
        tree = list(Department.objects.order_by("name")) if dept_id else []
    else:
        return []
    by_pk = {d.pk: d for d in tree}
    chain: list[ScopeRef] = []
    while dept_id is not None and dept_id in by_pk and len(chain) < len(by_pk):
        dept = by_pk[dept_id]
        chain.insert(0, ScopeRef(Scope.DEPARTMENT, dept.pk, dept.name, dept))
        dept_id = dept.parent_id
    return chain


def _scope_projects(ref: ScopeRef) -> QuerySet[Project]:
    """The non-cancelled projects a scope pools."""
    live = Project.objects.not_cancelled()
    if ref.scope_type == Scope.PROJECT:
        return live.filter(pk=ref.key)
    if ref.scope_type == Scope.MANAGER:
        return live.filter(manager_id=ref.key)
    if ref.scope_type == Scope.DEPARTMENT:
        if ref.subtree is None:
            ref.subtree = sorted(_subtree(ref))
        return live.filter(department_id__in=ref.subtree)
    return live


def _subtree(ref: ScopeRef) -> set[int]:
    if ref.departments is None:
        return Department.objects.subtree_ids(ref.key)
    children: dict[int | None, list[int]] = {}
    for dept in ref.departments:
        children.setdefault(dept.parent_id, []).append(dept.pk)
    found, stack = set(), [ref.key]
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


def _run_dates(**lookup: Any) -> QuerySet[KpiRun]:
    """The dates the job computed, as a subquery: a scope's history is read
    date by date off the unique key (as_of, scope_type, scope_key, kpi)."""
    return KpiRun.objects.filter(**lookup).values("as_of")


def _dates(ref: ScopeRef) -> list[date]:
    """The scope's snapshot dates, newest first (the date picker, 60 at most)."""
    recent = _run_dates().order_by("-as_of")[:60]
    return list(
        KpiSnapshot.objects.filter(**ref.lookup, as_of__in=Subquery(recent))
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .distinct()
    )


def _as_of(
    request: HttpRequest, ref: ScopeRef, dates: list[date] | None = None
) -> date | None:
    """The requested date, else the newest snapshot date of the scope."""
    text = request.GET.get("as_of", "")
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if dates is None:
        dates = _dates(ref)
    return dates[0] if dates else None


def _last_night() -> date:
    """The as_of of the nightly run: yesterday, the last complete day."""
    return timezone.localdate() - timedelta(days=1)


def _cells(rows: list[KpiSnapshot]) -> dict[str, KpiSnapshot]:
    return {row.kpi.code: row for row in rows}


def _children(ref: ScopeRef) -> list[tuple[str, list[ScopeRef]]]:
    """The drill-down: organisation → departments → managers → projects."""
    if ref.scope_type == Scope.ORGANISATION:
        depts = Department.objects.filter(parent__isnull=True).order_by("name")
        return [
            (
                _("Departments"),
                [ScopeRef(Scope.DEPARTMENT, d.pk, d.name, d) for d in depts],
            )
        ]
    if ref.scope_type == Scope.DEPARTMENT:
        subs = (
            [d for d in ref.departments if d.parent_id == ref.key]
            if ref.departments is not None
            else Department.objects.filter(parent_id=ref.key).order_by("name")
        )
        managers = User.objects.filter(
            pk__in=_scope_projects(ref).values("manager_id")
        ).order_by("first_name", "last_name", "username")
        return [
            (
                _("Sub-departments"),
                [ScopeRef(Scope.DEPARTMENT, d.pk, d.name, d) for d in subs],
            ),
            (
                _("Project managers"),
                [ScopeRef(Scope.MANAGER, u.pk, str(u), u) for u in managers],
            ),
        ]
    return []


def _project_page(
    request: HttpRequest, ref: ScopeRef
) -> tuple[Any, list[ScopeRef]] | tuple[None, list[ScopeRef]]:
    if ref.scope_type not in (Scope.DEPARTMENT, Scope.MANAGER):
        return None, []
    projects = _scope_projects(ref).order_by("code").only("pk", "code", "name")
    page = CappedPaginator(projects, 25).get_page(request.GET.get("page"))
    return page, [ScopeRef(Scope.PROJECT, p.pk, f"{p.code} {p.name}", p) for p in page]


def _scopes(refs: list[ScopeRef]) -> Q:
    condition = Q()
    by_type: dict[str, list[int]] = {}
    for ref in refs:
        by_type.setdefault(ref.scope_type, []).append(ref.key)
    for scope_type, keys in by_type.items():
        # scope_key (0 for the organisation): the unique key's columns, so
        # each scope is found by index, not by filtering the whole date.
        condition |= Q(scope_type=scope_type, scope_key__in=keys)
    return condition


def _rows_for(refs: list[ScopeRef], as_of: date) -> dict[tuple[str, int], dict]:
    """The scopes' snapshots on as_of, whole: {(type, key): {code: row}}."""
    if not refs:
        return {}
    found: dict[tuple[str, int], dict] = {}
    rows = KpiSnapshot.objects.filter(_scopes(refs), as_of=as_of).select_related("kpi")
    for row in rows:
        found.setdefault((row.scope_type, row.scope_key), {})[row.kpi.code] = row
    return found


class Cell(NamedTuple):
    """What a drill-down table cell shows of a snapshot."""

    status: str
    value: Decimal | None


def _cells_for(refs: list[ScopeRef], as_of: date) -> dict[tuple[str, int], dict]:
    """The scopes' cells on as_of, {(type, key): {code: Cell}}: five columns
    read, no model objects built (a drill-down page holds up to 400)."""
    if not refs:
        return {}
    found: dict[tuple[str, int], dict] = {}
    rows = KpiSnapshot.objects.filter(_scopes(refs), as_of=as_of).values_list(
        "scope_type", "scope_key", "kpi__code", "status", "value"
    )
    for scope_type, key, code, status, value in rows:
        found.setdefault((scope_type, key), {})[code] = Cell(status, value)
    return found


def _worst_projects(ref: ScopeRef, as_of: date, computed: Any) -> list[dict[str, Any]]:
    """Projects of the scope missing the most targets on as_of (top 10).

    The ranking is an aggregate over the day's missed project rows of the
    scope's projects, so it grows with the scope: it is cached, keyed by the
    scope, the date and `computed`, when the job last wrote the scope's own
    rows for that date. Every run rewrites those rows along with the
    project rows the ranking reads, so a new run means a new key. On a miss,
    one query (the top ten as a subquery); on a hit, one read of ten projects.
    """
    key = "kpi-worst:" + digest(ref.scope_type, ref.key, as_of, computed)
    ranked = cache.get(key)
    if ranked is None:
        missed_rows = KpiSnapshot.objects.filter(
            as_of=as_of, scope_type=Scope.PROJECT, status=KpiSnapshot.Status.MISSED
        ).order_by()
        top = (
            missed_rows.filter(scope_id__in=_scope_projects(ref).values("pk"))
            .values("scope_id")
            .annotate(missed=Count("pk"))
            .order_by("-missed", "scope_id")
            .values("scope_id")[:10]
        )
        count = (
            missed_rows.filter(scope_id=OuterRef("pk"))
            .values("scope_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        found = list(
            Project.objects.filter(pk__in=top)
            .select_related("manager")
            .annotate(missed=Subquery(count))
            .order_by("-missed", "pk")
        )
        ranked = [(p.pk, p.missed) for p in found]  # type: ignore[attr-defined]
        cache.set(key, ranked, timeout=24 * 3600)
        projects = {p.pk: p for p in found}
    else:
        projects = Project.objects.select_related("manager").in_bulk(
            [pk for pk, _missed in ranked]
        )
    return [
        {
            "project": projects[pk],
            "missed": missed,
            "url": reverse("kpis:scorecard", args=[Scope.PROJECT, pk]),
        }
        for pk, missed in ranked
        if pk in projects
    ]


def _trend(ref: ScopeRef, as_of: date) -> dict[str, Any]:
    rows = (
        KpiSnapshot.objects.filter(
            **ref.lookup,
            as_of__in=_run_dates(
                as_of__range=(as_of - timedelta(days=TREND_DAYS), as_of)
            ),
        )
        .order_by("as_of")
        .values_list("kpi__code", "as_of", "value", "target")
    )
    series: dict[str, dict[str, list[Any]]] = {
        code: {"dates": [], "values": [], "targets": []} for code in registry.CODES
    }
    for code, day, value, target in rows:
        if code in series:
            kpi = registry.get(code)
            scale = 100 if kpi.is_rate else 1
            series[code]["dates"].append(day.isoformat())
            series[code]["values"].append(
                None if value is None else round(float(value) * scale, 2)
            )
            series[code]["targets"].append(round(float(target) * scale, 2))
    return series


def _groups_key(
    request: HttpRequest, as_of: date, entries: list[tuple[str, list[Any]]], page: Any
) -> str:
    """A digest of everything the drill-down tables show (scopes, names, each
    cell's status and value, the page's links): the key of their cached HTML,
    so up to 400 formatted cells are rendered once per distinct content."""
    shown = [
        (
            str(title),
            [
                (
                    r.scope_type,
                    r.key,
                    str(r.name),
                    sorted((code, c.status, str(c.value)) for code, c in row.items()),
                )
                for r, row in refs
            ],
        )
        for title, refs in entries
    ]
    paging = (page.number, page.paginator.count) if page is not None else None
    return digest(as_of, request.GET.urlencode(), paging, shown)


def _band(kpi: registry.Kpi, row: KpiSnapshot | None) -> str:
    """The card's colour: green (met), amber (missed by no more than the
    warning band: 5 points of the KPI's scale), red (missed by more), grey."""
    if row is None or row.value is None or row.status == KpiSnapshot.Status.NO_DATA:
        return "none"
    if row.status == KpiSnapshot.Status.MET:
        return "green"
    return (
        "amber"
        if abs(row.value - row.target) <= kpi.warning_band(row.target)
        else "red"
    )


def _scorecard_context(request: HttpRequest, ref: ScopeRef) -> dict[str, Any]:
    dates = _dates(ref)
    as_of = _as_of(request, ref, dates)
    dashboards = can_see_dashboards(request.user)
    context: dict[str, Any] = {
        "scope": ref,
        "as_of": as_of,
        "kpis": list(registry.all()),
        "can_edit_targets": can_edit_kpi_targets(request.user),
        "can_see_dashboards": dashboards,
        # Only for those who may open the scorecards above.
        "crumbs": _crumbs(ref) if dashboards else [],
        "scope_label": Scope(ref.scope_type).label,
        "projects_title": _("Projects"),
        "chart_labels": {"value": _("Value"), "target": _("Target")},
        "last_night": _last_night(),
    }
    if as_of is None:
        return context
    earlier = as_of - timedelta(days=COMPARE_DAYS)
    rows = list(
        KpiSnapshot.objects.filter(
            **ref.lookup, as_of__in=[as_of, earlier]
        ).select_related("kpi")
    )
    now = _cells([r for r in rows if r.as_of == as_of])
    before = _cells([r for r in rows if r.as_of == earlier])
    card = []
    for kpi in registry.all():
        row, old = now.get(kpi.code), before.get(kpi.code)
        change = None
        if row and old and row.value is not None and old.value is not None:
            change = row.value - old.value
        card.append({"kpi": kpi, "row": row, "change": change, "band": _band(kpi, row)})
    by_dimension: dict[str, list[dict[str, Any]]] = {}
    for item in card:
        by_dimension.setdefault(item["kpi"].dimension, []).append(item)
    groups = [(title, refs) for title, refs in _children(ref) if refs]
    page, project_refs = _project_page(request, ref)
    if project_refs:
        groups.append((_("Projects"), project_refs))
    cells = _cells_for([r for _title, refs in groups for r in refs], as_of)
    entries = [
        (title, [(r, cells.get((r.scope_type, r.key), {})) for r in refs])
        for title, refs in groups
    ]
    context |= {
        "earlier": earlier,
        "card": card,
        # The scorecard grouped as the job descriptions group it (考核维度).
        "dimensions": [
            (d, by_dimension[d.key])
            for d in registry.DIMENSIONS
            if d.key in by_dimension
        ],
        "groups": entries,
        "groups_key": _groups_key(request, as_of, entries, page),
        "page_obj": page,
        "worst": (
            _worst_projects(
                ref, as_of, max((r.computed_at for r in now.values()), default=None)
            )
            if ref.scope_type != Scope.PROJECT
            else []
        ),
        "trend": _trend(ref, as_of),
        "dates": dates,
    }
    return context


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    ref = _resolve(request, Scope.ORGANISATION, 0)
    return render(request, "kpis/scorecard.html", _scorecard_context(request, ref))


@login_required
def my_scorecard(request: HttpRequest) -> HttpResponse:
    manages = Project.objects.filter(manager=request.user).exists()
    if not manages and can_see_dashboards(request.user):
        return redirect("kpis:dashboard")
    if not manages:
        # A member's figures are their projects' scorecards; a customer's
        # project manager shares the figures with them.
        projects = Project.objects.filter(
            pk__in=access.team_projects(request.user)
        ).order_by("code")
        return render(request, "kpis/my_projects.html", {"projects": projects})
    ref = _resolve(request, Scope.MANAGER, request.user.pk)
    return render(request, "kpis/scorecard.html", _scorecard_context(request, ref))


@login_required
def scorecard(request: HttpRequest, scope_type: str, key: int) -> HttpResponse:
    ref = _resolve(request, scope_type, key)
    if ref.scope_type == Scope.ORGANISATION:
        return redirect("kpis:dashboard")
    return render(request, "kpis/scorecard.html", _scorecard_context(request, ref))


EXPORT_COLUMNS = [
    exports.Column(gettext_lazy("Scope type"), width=14),
    exports.Column(gettext_lazy("Scope id"), exports.INTEGER, 10),
    exports.Column(gettext_lazy("Scope"), width=32),
    exports.Column(gettext_lazy("As of"), exports.DATE, 12),
    exports.Column(gettext_lazy("KPI code"), width=26),
    exports.Column(gettext_lazy("KPI"), width=30),
    exports.Column(gettext_lazy("Numerator"), exports.DECIMAL, 14),
    exports.Column(gettext_lazy("Denominator"), exports.DECIMAL, 14),
    exports.Column(gettext_lazy("Value"), exports.DECIMAL, 12),
    exports.Column(gettext_lazy("Target"), exports.DECIMAL, 12),
    exports.Column(gettext_lazy("Status"), width=12),
]


def _export_rows(ref: ScopeRef, as_of: date) -> list[list[Any]]:
    """The scope's own rows, then its children's (projects unpaginated)."""
    refs = [ref]
    for _title, children in _children(ref):
        refs += children
    if ref.scope_type in (Scope.DEPARTMENT, Scope.MANAGER):
        refs += [
            ScopeRef(Scope.PROJECT, p.pk, f"{p.code} {p.name}")
            for p in _scope_projects(ref).order_by("code").only("pk", "code", "name")
        ]
    cells = _rows_for(refs, as_of)
    out = []
    for r in refs:
        for kpi in registry.all():
            row = cells.get((r.scope_type, r.key), {}).get(kpi.code)
            if row is None:
                continue
            out.append(
                [
                    r.scope_type,
                    r.scope_id,
                    r.name,
                    as_of,
                    kpi.code,
                    str(kpi.label),
                    _count_cell(kpi, row.numerator),
                    _count_cell(kpi, row.denominator),
                    _value_cell(kpi, row.value),
                    _value_cell(kpi, row.target),
                    str(KpiSnapshot.Status(row.status).label),
                ]
            )
    return out


def _count_cell(kpi: registry.Kpi, number: Decimal | None) -> exports.Cell:
    """A numerator or denominator: money with two decimals, a count whole."""
    if number is None:
        return exports.Cell(None)
    if kpi.metric.money or number != number.to_integral():
        return exports.Cell(number, exports.DECIMAL)
    return exports.Cell(number, exports.INTEGER)


def _value_cell(kpi: registry.Kpi, value: Decimal | None) -> exports.Cell:
    """A value or target in the KPI's unit: a rate as a percentage."""
    kind = exports.PERCENT if kpi.is_rate else exports.DECIMAL
    return exports.Cell(value, kind)


@login_required
def export(request: HttpRequest, scope_type: str, key: int, fmt: str) -> HttpResponse:
    ref = _resolve(request, scope_type, key)
    as_of = _as_of(request, ref)
    if as_of is None:
        raise Http404
    return exports.export_response(
        fmt,
        f"kpis-{scope_type}-{key}-{as_of.isoformat()}",
        EXPORT_COLUMNS,
        _export_rows(ref, as_of),
        sheet_name="KPIs",
    )


@login_required
def records(request: HttpRequest, scope_type: str, key: int, code: str) -> HttpResponse:
    """The records behind one KPI figure: the same querysets the job sums."""
    if code not in registry.BY_CODE:
        raise Http404
    ref = _resolve(request, scope_type, key)
    as_of = _as_of(request, ref)
    if as_of is None:
        raise Http404
    kpi = registry.get(code)
    window = Window.ending(as_of)
    metric = kpi.metric
    qs = metric.scoped(window, _scope_projects(ref).values("pk"))
    if metric.related:
        qs = qs.select_related(*metric.related)
    qs = qs.order_by(*metric.ordering)
    only = request.GET.get("only")
    if only == "numerator" and not metric.is_mean:
        qs = qs.filter(num_part__gt=0)
    page = CappedPaginator(qs, 25).get_page(request.GET.get("page"))
    snapshot = (
        KpiSnapshot.objects.filter(
            kpi__code=code, scope_type=ref.scope_type, scope_key=ref.key, as_of=as_of
        )
        .select_related("kpi")
        .first()
    )
    lines = [metric.describe(record) for record in page]
    return render(
        request,
        "kpis/records.html",
        {
            "scope": ref,
            "kpi": kpi,
            "as_of": as_of,
            "window": window,
            "snapshot": snapshot,
            "page_obj": page,
            "lines": lines,
            "only": only,
            "last_night": _last_night(),
        },
    )


# ------------------------------------------------------------------ targets


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    """Each KPI's organisation-wide target in its unit, the departments' own
    targets, and who changed a target when; directors edit from here."""
    if not (can_see_dashboards(request.user) or can_edit_kpi_targets(request.user)):
        raise PermissionDenied
    definitions = {
        d.code: d for d in KpiDefinition.objects.filter(code__in=registry.CODES)
    }
    overrides: dict[int, list[KpiTarget]] = {}
    for override in KpiTarget.objects.select_related("department").order_by(
        "department__name"
    ):
        overrides.setdefault(override.kpi_id, []).append(override)
    changes = (
        KpiDefinition.history.filter(code__in=registry.CODES)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("-history_date")[:20]
    )
    rows = [
        {
            "kpi": kpi,
            "definition": definitions[kpi.code],
            "overrides": overrides.get(definitions[kpi.code].pk, []),
        }
        for kpi in registry.all()
        if kpi.code in definitions
    ]
    return render(
        request,
        "kpis/targets.html",
        {
            "rows": rows,
            "changes": [
                (change, registry.BY_CODE.get(change.code)) for change in changes
            ],
            "can_edit_targets": can_edit_kpi_targets(request.user),
        },
    )


@login_required
def target_edit(request: HttpRequest, code: str) -> HttpResponse:
    """A director sets a KPI's target in its unit; it applies from the next run."""
    definition = get_object_or_404(
        KpiDefinition.objects.filter(code__in=registry.CODES), code=code
    )
    if not can_edit_kpi_targets(request.user):
        raise PermissionDenied
    form = KpiTargetForm(request.POST or None, definition=definition)
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_target_set(
                definition=definition,
                target=form.stored_target,
                by=request.user,
                expected=form.cleaned_data.get("read_target"),
            )
        except StaleEdit as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Target of %(kpi)s saved; it applies from the next nightly run.")
                % {"kpi": definition.name},
            )
            return redirect("kpis:targets")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "kpis/target_form.html",
        {"form": form, "definition": definition, "kpi": form.kpi},
        status=status,
    )
