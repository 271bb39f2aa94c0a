"""The ten KPIs of DESIGN.md §3: what each measures and its default target.

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

    @property
    def is_rate(self) -> bool:
        return self.unit == RATE


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
    ),
    Kpi(
        "plan_submission",
        _("Documents submitted on time"),
        "计划文档及时提交率",
        RATE,
        AT_LEAST,
        Decimal("0.90"),
        Decimal(1),
        _(
            "Documents due in the window and submitted by their due date, out of "
            "all documents due in the window."
        ),
        metrics.PLAN_SUBMISSION,
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
    ),
)
BY_CODE: dict[str, Kpi] = {kpi.code: kpi for kpi in KPIS}
CODES: tuple[str, ...] = tuple(BY_CODE)


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
