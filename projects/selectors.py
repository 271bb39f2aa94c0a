"""Reads for project pages: the budget report and month arithmetic.

A fixed number of queries whatever the data size (grouped sums, never a
per-row Python loop).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from projects import links
from projects.models import CostEntry, Project


def month_starts(first: date, last: date) -> list[date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def add_months(day: date, months: int) -> date:
    """Return the first of the month `months` after day's month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


# The budget table shows this many months at a time, paged by period, so a
# project of any span builds the same small page.
BUDGET_MONTHS = 24


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_param(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def budget_report(project: Project, start: date | None = None) -> dict[str, Any]:
    """Budget against actual costs per month and per category (two queries).

    The months shown are BUDGET_MONTHS from `start` (by default the year
    around today), kept inside the project's span and its costs; `earlier`
    and `later` name the neighbouring periods, if any."""
    costs = CostEntry.objects.filter(project=project).order_by()
    per_month = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row[
            "total"
        ]
        for row in costs.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Sum("amount"))
    }
    per_category = list(
        costs.values("category").annotate(total=Sum("amount")).order_by("-total")
    )
    labels = dict(CostEntry.Category.choices)
    total = sum(per_month.values(), Decimal(0))
    for row in per_category:
        row["label"] = labels.get(row["category"], row["category"])
        row["pct"] = round(row["total"] * 100 / total) if total else 0
    first = min([project.start_date, *per_month.keys()]).replace(day=1)
    last = max([project.target_date, *per_month.keys()]).replace(day=1)
    count = _month_index(last) - _month_index(first) + 1
    if start is None:
        start = add_months(timezone.localdate(), -(BUDGET_MONTHS // 2))
    # the window's first month, as near to `start` as the span allows
    offset = _month_index(start) - _month_index(first)
    offset = max(0, min(offset, count - BUDGET_MONTHS))
    window = add_months(first, offset)
    shown = min(BUDGET_MONTHS, count)
    span = max((project.target_date - project.start_date).days + 1, 1)
    rows = []
    cumulative = sum((v for k, v in per_month.items() if k < window), Decimal(0))
    for month in (add_months(window, n) for n in range(shown)):
        spent = per_month.get(month, Decimal(0))
        cumulative += spent
        days_in = (
            min(month_end(month), project.target_date) - project.start_date
        ).days + 1
        planned = project.budget * Decimal(min(max(days_in, 0), span)) / Decimal(span)
        rows.append(
            {
                "month": month,
                "spent": spent,
                "cumulative": cumulative,
                "planned": planned.quantize(Decimal("0.01")),
                "over_plan": cumulative > planned and spent > 0,
                "over_budget": project.budget > 0 and cumulative > project.budget,
            }
        )
    earlier = (
        _month_param(add_months(first, max(0, offset - BUDGET_MONTHS)))
        if offset > 0
        else None
    )
    later = (
        _month_param(add_months(window, BUDGET_MONTHS))
        if offset + shown < count
        else None
    )
    # Approved change requests revise the budget the costs are held against
    # (the KPI keeps to the approved plan's budget, DESIGN §3).
    revisions = links.budget_changes(project)
    approved = sum((c.amount for c in revisions), Decimal(0))
    revised = project.budget + approved
    for row in rows:
        row["over_budget"] = revised > 0 and row["cumulative"] > revised
    return {
        "rows": rows,
        "per_category": per_category,
        "total": total,
        "revisions": revisions,
        "approved_changes": approved,
        "revised": revised,
        "remaining": revised - total,
        "overspent": total > revised,
        "pct": round(total * 100 / revised) if revised else None,
        "earlier": earlier,
        "later": later,
    }
