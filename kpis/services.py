"""Writes of the KPI engine: snapshots and targets.

The nightly job for one date runs in two steps, each in its own transaction:

1. `snapshots_compute_chunk` — the project rows of a range of project ids:
   one aggregate query per KPI grouped by project, then one upsert.
   Chunks are independent and run in parallel on several workers.
2. `snapshots_finish` — drops rows of scopes that no longer exist for that
   date, then pools the stored project rows into manager, department and
   organisation rows (sum of numerators ÷ sum of denominators, in SQL).

A re-run upserts the same keys, so a run killed halfway and run again ends
with exactly the rows of an uninterrupted run. `snapshots_compute` runs both
steps in process (management command, tests, demo, eager Celery).
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from accounts.models import Department
from kpis import registry
from kpis.metrics import PLACES, Window
from kpis.models import KpiDefinition, KpiSnapshot, KpiTarget
from projects.models import Project

Scope = KpiSnapshot.ScopeType
Status = KpiSnapshot.Status
UPDATE_FIELDS = [
    "scope_id",
    "numerator",
    "denominator",
    "value",
    "target",
    "status",
    "computed_at",
]
# Decimal context wide enough that target * denominator is always exact.
EXACT = decimal.Context(prec=80)


def chunk_size() -> int:
    return int(getattr(settings, "KPI_CHUNK_SIZE", 2000))


# ------------------------------------------------------------------ arithmetic


def value_of(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return EXACT.divide(numerator, denominator).quantize(PLACES, context=EXACT)


def status_of(
    numerator: Decimal, denominator: Decimal, target: Decimal, direction: str
) -> str:
    """Compare numerator/denominator with target inclusively, exactly.

    numerator / denominator ≥ target  <=>  numerator ≥ target * denominator
    (denominator > 0), so no rounded quotient is ever compared.
    """
    if denominator == 0:
        return Status.NO_DATA
    bound = EXACT.multiply(target, denominator)
    if direction == registry.AT_MOST:
        return Status.MET if numerator <= bound else Status.MISSED
    return Status.MET if numerator >= bound else Status.MISSED


def snapshot(
    definition: KpiDefinition,
    scope_type: str,
    scope_id: int | None,
    as_of: date,
    numerator: Decimal,
    denominator: Decimal,
    target: Decimal,
    now: Any,
) -> KpiSnapshot:
    return KpiSnapshot(
        kpi=definition,
        scope_type=scope_type,
        scope_id=scope_id,
        scope_key=scope_id or 0,
        as_of=as_of,
        numerator=numerator,
        denominator=denominator,
        value=value_of(numerator, denominator),
        target=target,
        status=status_of(numerator, denominator, target, definition.direction),
        computed_at=now,
    )


def _upsert(rows: list[KpiSnapshot]) -> int:
    KpiSnapshot.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["kpi", "scope_type", "scope_key", "as_of"],
        update_fields=UPDATE_FIELDS,
    )
    return len(rows)


# --------------------------------------------------------------------- targets


class Targets:
    """Effective targets: a department's nearest override, else the organisation's.

    Projects are held to their department's target; manager and organisation
    rows to the organisation's (a manager's projects may span departments).
    """

    def __init__(self, definitions: dict[str, KpiDefinition]) -> None:
        self.definitions = definitions
        self.parents: dict[int, int | None] = dict(
            Department.objects.values_list("pk", "parent_id")
        )
        self.overrides: dict[tuple[int, int], Decimal] = {
            (kpi_id, dept_id): target
            for kpi_id, dept_id, target in KpiTarget.objects.values_list(
                "kpi_id", "department_id", "target"
            )
        }

    def organisation(self, definition: KpiDefinition) -> Decimal:
        return definition.target

    def department(self, definition: KpiDefinition, dept_id: int | None) -> Decimal:
        seen: set[int] = set()
        while dept_id is not None and dept_id not in seen:
            found = self.overrides.get((definition.pk, dept_id))
            if found is not None:
                return found
            seen.add(dept_id)
            dept_id = self.parents.get(dept_id)
        return definition.target

    def ancestors(self, dept_id: int | None) -> list[int]:
        """Return the department and every department above it."""
        chain: list[int] = []
        while dept_id is not None and dept_id not in chain:
            chain.append(dept_id)
            dept_id = self.parents.get(dept_id)
        return chain


@transaction.atomic
def kpi_target_set(*, definition: KpiDefinition, target: Decimal) -> KpiDefinition:
    definition.target = target
    definition.save(update_fields=["target"])
    return definition


# ----------------------------------------------------------------- the job


def project_chunks(size: int | None = None) -> list[tuple[int, int]]:
    """Split the non-cancelled projects into (first_id, last_id) ranges."""
    size = size or chunk_size()
    ids = list(
        Project.objects.not_cancelled().order_by("pk").values_list("pk", flat=True)
    )
    return [(chunk[0], chunk[-1]) for chunk in _slices(ids, size)]


def _slices(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@transaction.atomic
def snapshots_compute_chunk(*, as_of: date, first_id: int, last_id: int) -> int:
    """Upsert the project rows of every KPI for projects first_id..last_id."""
    window = Window.ending(as_of)
    definitions = registry.sync_definitions()
    targets = Targets(definitions)
    projects = list(
        Project.objects.not_cancelled()
        .filter(pk__range=(first_id, last_id))
        .values_list("pk", "department_id")
    )
    now = timezone.now()
    rows: list[KpiSnapshot] = []
    zero = (Decimal(0), Decimal(0))
    for kpi in registry.all():
        definition = definitions[kpi.code]
        figures = kpi.metric.per_project(window, first_id=first_id, last_id=last_id)
        for pk, dept_id in projects:
            numerator, denominator = figures.get(pk, zero)
            rows.append(
                snapshot(
                    definition,
                    Scope.PROJECT,
                    pk,
                    as_of,
                    numerator,
                    denominator,
                    targets.department(definition, dept_id),
                    now,
                )
            )
    return _upsert(rows)


@transaction.atomic
def snapshots_finish(*, as_of: date) -> int:
    """Pool the stored project rows into manager, department and organisation rows."""
    definitions = registry.sync_definitions()
    by_pk = {d.pk: d for d in definitions.values()}
    targets = Targets(definitions)
    live = Project.objects.not_cancelled().values("pk")
    day = KpiSnapshot.objects.filter(as_of=as_of)
    # Cancelled or deleted projects leave no rows behind.
    day.filter(scope_type=Scope.PROJECT).exclude(scope_id__in=live).delete()
    base = day.filter(scope_type=Scope.PROJECT, kpi__code__in=registry.CODES)

    def pooled(field: str | None) -> list[tuple[int, int | None, Decimal, Decimal]]:
        qs = base.order_by()
        if field is None:
            grouped = qs.values("kpi_id")
        else:
            owner = Project.objects.filter(pk=OuterRef("scope_id")).values(field)
            grouped = qs.annotate(owner=Subquery(owner)).values("kpi_id", "owner")
        rows = grouped.annotate(n=Sum("numerator"), d=Sum("denominator"))
        return [
            (r["kpi_id"], r.get("owner"), Decimal(r["n"]), Decimal(r["d"]))
            for r in rows
        ]

    now = timezone.now()
    rows: list[KpiSnapshot] = []
    for kpi_id, manager_id, num, den in pooled("manager_id"):
        definition = by_pk[kpi_id]
        rows.append(
            snapshot(
                definition,
                Scope.MANAGER,
                manager_id,
                as_of,
                num,
                den,
                targets.organisation(definition),
                now,
            )
        )
    # Departments include their sub-departments: each department's direct sums
    # (one SQL aggregate) are added to it and to every department above it.
    tree: dict[tuple[int, int], list[Decimal]] = defaultdict(
        lambda: [Decimal(0), Decimal(0)]
    )
    for kpi_id, dept_id, num, den in pooled("department_id"):
        for ancestor in targets.ancestors(dept_id):
            tree[(kpi_id, ancestor)][0] += num
            tree[(kpi_id, ancestor)][1] += den
    for (kpi_id, dept_id), (num, den) in tree.items():
        definition = by_pk[kpi_id]
        rows.append(
            snapshot(
                definition,
                Scope.DEPARTMENT,
                dept_id,
                as_of,
                num,
                den,
                targets.department(definition, dept_id),
                now,
            )
        )
    for kpi_id, _none, num, den in pooled(None):
        definition = by_pk[kpi_id]
        rows.append(
            snapshot(
                definition,
                Scope.ORGANISATION,
                None,
                as_of,
                num,
                den,
                targets.organisation(definition),
                now,
            )
        )
    # Scopes without projects on this date (e.g. a manager whose only project
    # was cancelled) lose their rows, so a re-run equals a fresh run.
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        wanted[row.scope_type].add(row.scope_key)
    for scope in (Scope.MANAGER, Scope.DEPARTMENT, Scope.ORGANISATION):
        day.filter(scope_type=scope).exclude(scope_key__in=wanted[scope]).delete()
    return _upsert(rows)


def snapshots_compute(*, as_of: date, size: int | None = None) -> int:
    """Run the whole job for one date in this process: every chunk, then finish."""
    count = 0
    for first_id, last_id in project_chunks(size):
        count += snapshots_compute_chunk(
            as_of=as_of, first_id=first_id, last_id=last_id
        )
    return count + snapshots_finish(as_of=as_of)
