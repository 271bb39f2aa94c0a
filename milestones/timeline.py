"""Gantt geometry computed on the server; templates only draw the SVG.

Dates map linearly onto the x axis of a fixed-width chart so the same SVG
scales to the screen and to paper (viewBox + width 100%).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.dates import clamp
from core.fragments import digest
from projects.selectors import month_starts

LABEL_W = 260
CHART_W = 900
ROW_H = 30
HEADER_H = 40
PAD = 10


@dataclass
class Scale:
    start: date
    end: date
    top: int = HEADER_H

    @property
    def days(self) -> int:
        return max((self.end - self.start).days, 1)

    def x(self, day: date) -> float:
        offset = min(max((day - self.start).days, 0), self.days)
        return round(LABEL_W + CHART_W * offset / self.days, 1)


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Row:
    y: int
    label: str
    kind: str  # phase, milestone, project
    url: str = ""
    title: str = ""
    slipped: bool = False
    bar: tuple[float, float] | None = None  # x, width
    bar_colour: str = "#9bb3d6"
    baseline_x: float | None = None
    forecast_x: float | None = None
    actual_x: float | None = None
    slip_line: tuple[float, float] | None = None
    markers: list[dict[str, Any]] = field(default_factory=list)
    anchor_x: float = 0

    @property
    def mid(self) -> int:
        return self.y + ROW_H // 2


@dataclass
class Chart:
    width: int
    height: int
    ticks: list[Tick]
    rows: list[Row]
    today_x: float | None
    arrows: list[str] = field(default_factory=list)
    label_w: int = LABEL_W
    chart_right: int = LABEL_W + CHART_W

    @property
    def fingerprint(self) -> str:
        """A digest of everything the SVG shows: its fragment cache key, so
        the (slow) template runs once per distinct chart, never for a stale one."""
        return digest(self)


def _ticks(scale: Scale) -> list[Tick]:
    months = month_starts(scale.start, scale.end)
    step = (
        max(1, len(months) // 12 + (1 if len(months) % 12 else 0))
        if len(months) > 12
        else 1
    )
    fmt_ = "M Y" if len(months) > 12 else "M y"
    return [
        Tick(scale.x(m), formats.date_format(m, fmt_))
        for i, m in enumerate(months)
        if m >= scale.start and i % step == 0
    ]


def _range(dates: list[date]) -> tuple[date, date]:
    """The chart's span: the dates with a week's margin, clamped to the
    accepted dates (core/dates.py), so a record saved before the bounds
    existed is drawn at the edge instead of stretching the chart."""
    first = clamp(min(dates)) - timedelta(days=7)
    last = clamp(max(dates)) + timedelta(days=7)
    return first, last


@functools.lru_cache(maxsize=4096)
def _long_date(day: date, language: str) -> str:
    """A date as the page shows it (DATE_FORMAT in `language`): a chart of 25
    projects formats 250 dates, many the same, each costing a translation
    lookup; memoised per date and language."""
    return formats.date_format(day)


def _date(day: date) -> str:
    return _long_date(day, translation.get_language())


def _expected(m: Any) -> date:
    return m.completed_on or m.forecast_date or m.planned_date


def _bar(scale: Scale, start: date, end: date) -> tuple[float, float]:
    x1 = scale.x(start)
    return x1, round(max(scale.x(end) - x1, 2), 1)


def _span(name: str, start: date, end: date) -> str:
    return f"{name}: {_date(start)} – {_date(end)}"


def _short(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


TASK_COLOURS = {
    "todo": "#dcdfe3",
    "in_progress": "#9bb3d6",
    "blocked": "#f1aeb5",
    "done": "#b8dcc4",
}


def project_chart(
    project: Any,
    phases: list[Any],
    milestones: list[Any],
    edges: list[tuple[int, int]],
    url_for: Any,
    tasks: list[Any] | None = None,
    task_url: Any = None,
) -> Chart:
    """Rows: each phase bar followed by its milestones, each milestone by its
    tasks, then the phase's tasks without a milestone; then the rest."""
    today = timezone.localdate()
    tasks = [t for t in tasks or [] if t.start_date or t.due_date]
    dates = [project.start_date, project.target_date, today]
    for p in phases:
        dates += [p.start_date, p.end_date]
    for m in milestones:
        dates += [d for d in (m.planned_date, m.forecast_date, m.completed_on) if d]
    for t in tasks:
        dates += [d for d in (t.start_date, t.due_date) if d]
    scale = Scale(*_range(dates))
    by_phase: dict[int | None, list[Any]] = {}
    for m in milestones:
        by_phase.setdefault(m.phase_id, []).append(m)
    under_milestone: dict[int, list[Any]] = {}
    loose: dict[int | None, list[Any]] = {}
    shown = {m.pk for m in milestones}
    for t in tasks:
        if t.milestone_id in shown:
            under_milestone.setdefault(t.milestone_id, []).append(t)
        else:
            loose.setdefault(t.phase_id, []).append(t)

    def with_tasks(ms: list[Any], phase_id: int | None) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = []
        for m in ms:
            rows.append(("milestone", m))
            rows += [("task", t) for t in under_milestone.get(m.pk, [])]
        rows += [("task", t) for t in loose.pop(phase_id, [])]
        return rows

    ordered: list[tuple[str, Any]] = []
    for p in phases:
        ordered.append(("phase", p))
        ordered += with_tasks(by_phase.pop(p.pk, []), p.pk)
    for phase_id, rest in by_phase.items():
        ordered += with_tasks(rest, phase_id)
    for rest in loose.values():
        ordered += [("task", t) for t in rest]
    rows: list[Row] = []
    anchors: dict[int, Row] = {}
    for index, (kind, obj) in enumerate(ordered):
        y = HEADER_H + index * ROW_H
        if kind == "phase":
            rows.append(
                Row(
                    y=y,
                    label=_short(obj.name),
                    kind="phase",
                    title=_span(obj.name, obj.start_date, obj.end_date),
                    bar=_bar(scale, obj.start_date, obj.end_date),
                )
            )
            continue
        if kind == "task":
            start, end = obj.start_date or obj.due_date, obj.due_date or obj.start_date
            overdue = obj.status != "done" and end < today
            rows.append(
                Row(
                    y=y,
                    label=_short(obj.title, 30),
                    kind="task",
                    url=task_url(obj) if task_url else "",
                    slipped=overdue,
                    title=" · ".join(
                        [
                            _span(obj.title, start, end),
                            str(obj.get_status_display()),
                            *([_("Overdue")] if overdue else []),
                        ]
                    ),
                    bar=_bar(scale, start, end),
                    bar_colour=TASK_COLOURS.get(obj.status, "#dcdfe3"),
                )
            )
            continue
        m = obj
        row = Row(
            y=y,
            label=_short(m.name),
            kind="milestone",
            url=url_for(m),
            slipped=m.is_slipped,
            baseline_x=scale.x(getattr(m, "baseline", m.planned_date)),
        )
        parts = [
            m.name,
            _("Planned %(d)s") % {"d": _date(m.planned_date)},
        ]
        if m.forecast_date:
            row.forecast_x = scale.x(m.forecast_date)
            parts.append(_("Forecast %(d)s") % {"d": _date(m.forecast_date)})
            if m.forecast_date != m.planned_date and not m.completed_on:
                row.slip_line = (row.baseline_x, row.forecast_x)
        if m.completed_on:
            row.actual_x = scale.x(m.completed_on)
            parts.append(_("Completed %(d)s") % {"d": _date(m.completed_on)})
        elif m.planned_date < today:
            parts.append(_("Overdue"))
        row.title = " · ".join(parts)
        row.anchor_x = scale.x(_expected(m))
        anchors[m.pk] = row
        rows.append(row)
    arrows = []
    for source, target in edges:  # source depends on target: arrow target → source
        a, b = anchors.get(target), anchors.get(source)
        if a is None or b is None:
            continue
        x1, y1, x2, y2 = a.anchor_x + 7, a.mid, b.anchor_x - 8, b.mid
        bend = max(20.0, abs(x2 - x1) / 3)
        arrows.append(f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}")
    height = HEADER_H + max(len(rows), 1) * ROW_H + PAD
    today_x = scale.x(today) if scale.start <= today <= scale.end else None
    return Chart(LABEL_W + CHART_W + PAD, height, _ticks(scale), rows, today_x, arrows)


def portfolio_chart(
    projects: list[Any], milestones: dict[int, list[Any]], url_for: Any
) -> Chart:
    """One row per project: start-target bar with its milestones on it."""
    today = timezone.localdate()
    dates = [today]
    for p in projects:
        dates += [p.start_date, p.target_date]
        for m in milestones.get(p.pk, []):
            dates.append(_expected(m))
    scale = Scale(*_range(dates))
    rows = []
    for index, p in enumerate(projects):
        row = Row(
            y=HEADER_H + index * ROW_H,
            label=_short(f"{p.code} {p.name}", 36),
            kind="project",
            url=url_for(p),
            title=_span(f"{p.code} {p.name}", p.start_date, p.target_date),
            bar=_bar(scale, p.start_date, p.target_date),
            bar_colour={
                "active": "#9bb3d6",
                "planning": "#c9d6ea",
                "on_hold": "#e6c98f",
                "closed": "#b8c9b8",
                "cancelled": "#dddddd",
            }.get(p.status, "#9bb3d6"),
        )
        for m in milestones.get(p.pk, []):
            state = "done" if m.completed_on else "slipped" if m.is_slipped else "open"
            row.markers.append(
                {
                    "x": scale.x(_expected(m)),
                    "baseline_x": scale.x(m.planned_date),
                    "state": state,
                    "title": f"{m.name} · {_date(_expected(m))}",
                }
            )
            row.slipped = row.slipped or state == "slipped"
        rows.append(row)
    height = HEADER_H + max(len(rows), 1) * ROW_H + PAD
    today_x = scale.x(today) if scale.start <= today <= scale.end else None
    return Chart(LABEL_W + CHART_W + PAD, height, _ticks(scale), rows, today_x)
