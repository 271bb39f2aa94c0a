"""Reads of KPI snapshots for pages and the API (they never compute)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from kpis.models import KpiSnapshot
from projects import access

if TYPE_CHECKING:
    from accounts.models import User


def snapshots_visible_to(
    user: User | Any, qs: QuerySet[KpiSnapshot]
) -> QuerySet[KpiSnapshot]:
    return access.visible_kpi_snapshots(user, qs)


def latest_as_of(on_or_before: date | None = None) -> date | None:
    """Return the newest date with an organisation snapshot (≤ on_or_before)."""
    qs = KpiSnapshot.objects.all()
    if on_or_before is not None:
        qs = qs.filter(as_of__lte=on_or_before)
    return qs.order_by("-as_of").values_list("as_of", flat=True).first()
