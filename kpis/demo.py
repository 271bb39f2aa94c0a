"""Demo KPI snapshots: yesterday, 30 days before and the last 12 month-ends, so the
dashboard shows a change and a trend. Computed by the nightly job's service."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from kpis import services
from kpis.models import KpiDefinition

if TYPE_CHECKING:
    from projects.demo import DemoContext


def snapshot_dates(today: date) -> list[date]:
    days = {today, today - timedelta(days=30)}
    month_end = today.replace(day=1) - timedelta(days=1)
    for _ in range(12):
        days.add(month_end)
        month_end = month_end.replace(day=1) - timedelta(days=1)
    return sorted(days)


def seed(ctx: DemoContext) -> None:
    _target_changed_by_director(ctx)
    if ctx.skip_kpis:
        return
    # As the nightly job does: the latest snapshot is of yesterday, the last
    # complete day.
    for day in snapshot_dates(ctx.today - timedelta(days=1)):
        services.snapshots_compute(as_of=day)


def _target_changed_by_director(ctx: DemoContext) -> None:
    """The director raised the on-time target once: the targets page shows
    who changed it (only on a fresh demo, so reruns change nothing)."""
    definition = KpiDefinition.objects.filter(code="on_time_delivery").first()
    director = ctx.users.get("director")
    if definition is None or director is None:
        return
    if definition.history.filter(history_user=director).exists():  # type: ignore[attr-defined]
        return
    services.kpi_target_set(definition=definition, target=Decimal("0.92"), by=director)
