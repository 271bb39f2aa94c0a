"""Reads of KPI snapshots for pages and the API (they never compute)."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet

from config.fragments import digest
from kpis.models import KpiRun, KpiSnapshot
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


def snapshots_stamp() -> str:
    """What changes whenever the stored snapshots may have: the job's latest
    finish (it alone writes and deletes them) and the newest row's id (rows
    added some other way, as tests and the admin shell may). One query that
    reads the two index ends."""
    run, snap = KpiRun._meta.db_table, KpiSnapshot._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(finished_at) FROM {run}), (SELECT max(id) FROM {snap})"  # noqa: S608 - model table names
        )
        finished, newest = cursor.fetchone()
    return f"{finished}|{newest}"


def snapshot_cache_key(kind: str, *parts: Any) -> str:
    """A cache key for a read of snapshots: `kind`, the parts, and the stamp."""
    return f"kpi-{kind}:{digest(snapshots_stamp(), parts)}"


class SnapshotPaginator(Paginator):
    """A Paginator whose exact count is cached under `snapshots_stamp()` and the
    exact SQL of the filtered list (so per user and per filter). Counting every
    snapshot (1.4 million rows at 10,000 projects) costs about 90 ms; the rows
    change only when the job runs, so one request after each run pays it."""

    @cached_property
    def count(self) -> int:
        sql, params = self.object_list.query.sql_with_params()
        key = snapshot_cache_key("count", sql, params)
        found = cache.get(key)
        if found is None:
            found = self.object_list.count()
            cache.set(key, found, timeout=24 * 3600)
        return int(found)
