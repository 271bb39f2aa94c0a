"""The seventeen KPIs of DESIGN.md §3: what each measures and its default target.

A `KpiDefinition` row mirrors each entry (its editable side: the target). The
rows are created by a data migration and again, idempotently, after every
`migrate`/`flush` (tests flush tables), without touching an edited target.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kpis import metrics

if TYPE_CHECKING:
    from kpis.models import KpiDefinition

RATE, SCORE, HOURS = "rate", "score", "hours"
AT_LEAST, AT_MOST = "at_least", "at_most"


@dataclass(frozen=True)
class Dimension:
    """A 考核维度: how the job descriptions group the KPIs on a scorecard."""

    key: str
    label: Promise
    term_zh: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("plan", _("Plan completeness"), "计划完整性"),
    Dimension("coordination", _("Coordination"), "沟通协调"),
    Dimension("progress", _("Progress and risk"), "进度与风险控制"),
    Dimension("documents", _("Documents"), "文档管理"),
    Dimension("requirements", _("Requirements"), "需求管理"),
    Dimension("retrospectives", _("Retrospectives"), "项目回顾"),
    Dimension("customer", _("Customer"), "客户满意"),
    Dimension("budget", _("Budget"), "预算控制"),
)


@dataclass(frozen=True)
class Kpi:
    code: str
    label: Promise
    term_zh: str  # the Chinese management term of the job descriptions
    unit: str
    direction: str
    default_target: Decimal
    max_target: Decimal  # the largest target that makes sense in this unit
    description: Promise
    metric: metrics.Metric
    dimension: str = "progress"  # the key of its Dimension

    @property
    def is_rate(self) -> bool:
        return self.unit == RATE

    def warning_band(self, target: Decimal) -> Decimal:
        """How far from the target a missed figure is "near" it (amber): five
        points, i.e. 0.05 of a rate, 5 of a 0-100 score, 0.25 of a 1-5
        rating, and 5% of an hours target."""
        if self.unit == RATE:
            return Decimal("0.05")
        if self.unit == SCORE:
            return self.max_target * Decimal("0.05")
        return target * Decimal("0.05")


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "on_time_delivery",
        _("On-time delivery"),
        "项目按时交付率",
        RATE,
        AT_LEAST,
        Decimal("0.9"),
        Decimal(1),
        _(
            "Milestones planned in the window and completed on or before their "
            "planned date, out of all milestones planned in the window."
        ),
        metrics.ON_TIME_DELIVERY,
        "progress",
    ),
    Kpi(
        "customer_satisfaction",
        _("Customer satisfaction"),
        "客户满意度",
        SCORE,
        AT_LEAST,
        Decimal(80),
        Decimal(100),
        _("Mean score (0–100) of customer satisfaction responses in the window."),
        metrics.CUSTOMER_SATISFACTION,
        "customer",
    ),
    Kpi(
        "risk_response_rate",
        _("Risk responses implemented"),
        "风险应对计划实施率",
        RATE,
        AT_LEAST,
        Decimal("0.95"),
        Decimal(1),
        _(
            "Risk responses due in the window and completed by their due date, "
            "out of all risk responses due in the window."
        ),
        metrics.RISK_RESPONSE_RATE,
        "progress",
    ),
    Kpi(
        "team_communication",
        _("Team communication"),
        "沟通评分",
        SCORE,
        AT_LEAST,
        Decimal("4.0"),
        Decimal(5),
        _("Mean team communication rating (1–5) given in the window."),
        metrics.TEAM_COMMUNICATION,
        "coordination",
    ),
    Kpi(
        "issue_resolution_hours",
        _("Issue resolution time"),
        "问题解决及时性",
        HOURS,
        AT_MOST,
        Decimal(48),
        Decimal(100_000),
        _(
            "Mean hours from report to resolution of the issues resolved on a "
            "date in the window."
        ),
        metrics.ISSUE_RESOLUTION_HOURS,
        "progress",
    ),
    Kpi(
        "change_ratio",
        _("Requirement change ratio"),
        "需求变更可控性",
        RATE,
        AT_MOST,
        Decimal("0.10"),
        Decimal(1),
        _(
            "Requirements changed by a change request approved in the window, out "
            "of the requirements created by then and not rejected."
        ),
        metrics.CHANGE_RATIO,
        "requirements",
    ),
    Kpi(
        "improvement_rate",
        _("Improvements implemented"),
        "改进建议实施率",
        RATE,
        AT_LEAST,
        Decimal("0.75"),
        Decimal(1),
        _(
            "Improvement action items due in the window and completed by the "
            "snapshot date, out of all improvement items due in the window."
        ),
        metrics.IMPROVEMENT_RATE,
        "retrospectives",
    ),
    Kpi(
        "meeting_satisfaction",
        _("Meeting satisfaction"),
        "会议反馈满意度",
        RATE,
        AT_LEAST,
        Decimal("0.80"),
        Decimal(1),
        _(
            "Ratings of 4 or 5 for meetings held in the window, out of all "
            "ratings of those meetings."
        ),
        metrics.MEETING_SATISFACTION,
        "coordination",
    ),
    Kpi(
        "plan_submission",
        _("Plan documents submitted on time"),
        "计划文档及时提交率",
        RATE,
        AT_LEAST,
        Decimal("0.90"),
        Decimal(1),
        _(
            "Plan documents due in the window and submitted by their due date, "
            "out of all plan documents due in the window."
        ),
        metrics.PLAN_SUBMISSION,
        "plan",
    ),
    Kpi(
        "budget_adherence",
        _("Budget used"),
        "预算执行",
        RATE,
        AT_MOST,
        Decimal("1.00"),
        Decimal(10),
        _("Costs to date (all time) out of budget, over active and closed projects."),
        metrics.BUDGET_ADHERENCE,
        "budget",
    ),
    Kpi(
        "projects_within_budget",
        _("Projects within budget"),
        "项目在预算内完成",
        RATE,
        AT_LEAST,
        Decimal("0.90"),
        Decimal(1),
        _(
            "Active and closed projects with a budget whose costs to date are "
            "within it, out of all such projects."
        ),
        metrics.PROJECTS_WITHIN_BUDGET,
        "budget",
    ),
    Kpi(
        "requirement_completeness",
        _("Requirement completeness"),
        "需求完整度",
        RATE,
        AT_LEAST,
        Decimal("0.95"),
        Decimal(1),
        _(
            "Requirements that were in the approved plan, out of all requirements "
            "(not rejected) of baselined active and closed projects."
        ),
        metrics.REQUIREMENT_COMPLETENESS,
        "plan",
    ),
    Kpi(
        "requirement_fulfilment",
        _("Customer requirements fulfilled"),
        "客户需求满足率",
        RATE,
        AT_LEAST,
        Decimal("0.95"),
        Decimal(1),
        _(
            "Requirements due in the window and accepted by the customer by the "
            "snapshot date, out of all requirements (not rejected) due in the window."
        ),
        metrics.REQUIREMENT_FULFILMENT,
        "requirements",
    ),
    Kpi(
        "document_update_timeliness",
        _("Documents updated on time"),
        "文档更新及时率",
        RATE,
        AT_LEAST,
        Decimal("0.95"),
        Decimal(1),
        _(
            "Updates of documents kept current that fell due in the window and "
            "came by their due date, out of all updates due in the window."
        ),
        metrics.DOCUMENT_UPDATE_TIMELINESS,
        "documents",
    ),
    Kpi(
        "review_pass_rate",
        _("Review pass rate"),
        "审查通过率",
        RATE,
        AT_LEAST,
        Decimal("0.90"),
        Decimal(1),
        _("Document reviews in the window that passed, out of all reviews in it."),
        metrics.REVIEW_PASS_RATE,
        "documents",
    ),
    Kpi(
        "conflict_resolution_rate",
        _("Conflicts resolved on time"),
        "冲突解决及时率",
        RATE,
        AT_LEAST,
        Decimal("0.85"),
        Decimal(1),
        _(
            "Conflicts due in the window and resolved by their resolve-by date, "
            "out of all conflicts due in the window."
        ),
        metrics.CONFLICT_RESOLUTION_RATE,
        "coordination",
    ),
    Kpi(
        "retro_report_timeliness",
        _("Retrospective reports on time"),
        "回顾报告及时性",
        RATE,
        AT_LEAST,
        Decimal("0.90"),
        Decimal(1),
        _(
            "Retrospective reports due in the window and submitted by their due "
            "date, out of all retrospective reports due in the window."
        ),
        metrics.RETRO_REPORT_TIMELINESS,
        "retrospectives",
    ),
)
BY_CODE: dict[str, Kpi] = {kpi.code: kpi for kpi in KPIS}
CODES: tuple[str, ...] = tuple(BY_CODE)


DIMENSION_BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}


def all() -> Iterator[Kpi]:
    return iter(KPIS)


def get(code: str) -> Kpi:
    return BY_CODE[code]


def definition_defaults(kpi: Kpi) -> dict[str, Any]:
    return {
        "label": str(kpi.label),
        "unit": kpi.unit,
        "direction": kpi.direction,
        "description": str(kpi.description),
    }


def sync_definitions(model: type[KpiDefinition] | Any = None) -> dict[str, Any]:
    """Create missing KpiDefinition rows, refresh their wording; keep targets.

    `model` is the historical model inside a data migration. Return the rows
    by code. Safe to call any number of times.
    """
    if model is None:
        from kpis.models import KpiDefinition as model
    from django.utils import translation

    rows = {row.code: row for row in model.objects.filter(code__in=CODES)}
    with translation.override("en"):
        missing = [
            model(code=kpi.code, target=kpi.default_target, **definition_defaults(kpi))
            for kpi in KPIS
            if kpi.code not in rows
        ]
        stale = []
        for kpi in KPIS:
            row = rows.get(kpi.code)
            if row is None:
                continue
            wanted = definition_defaults(kpi)
            if any(getattr(row, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(row, k, v)
                stale.append(row)
    if missing:
        model.objects.bulk_create(missing, ignore_conflicts=True)
        rows = {row.code: row for row in model.objects.filter(code__in=CODES)}
    if stale:
        model.objects.bulk_update(stale, ["label", "unit", "direction", "description"])
    return rows
