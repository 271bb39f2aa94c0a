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
import sys
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from accounts.models import Department
from kpis import metrics, registry
from kpis.metrics import PLACES, Window, hours
from kpis.models import KpiDefinition, KpiRun, KpiSnapshot, KpiTarget
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


# ------------------------------------------------------- project rows in SQL
#
# On PostgreSQL a chunk's project rows never come into Python: one
# `INSERT … SELECT … ON CONFLICT DO UPDATE` per KPI reads the KPI's aggregate
# query (the same queryset as `Metric.per_project`) and writes the rows.
# numeric arithmetic there is exact, so the SQL below gives bit for bit what
# `value_of` and `status_of` give: the quotient rounded half-even to ten
# places from an exact integer division and remainder, and the status from
# numerator against target * denominator, never from a rounded value.
# (SQLite stores decimals as floats, so it keeps the Python path.)

SCALE = "10000000000"  # 10**10: ten decimal places
STEP = "0.0000000001"  # 10**-10


def _half_even(a: str, b: str) -> str:
    """SQL for a / b rounded half-even to ten places, exactly; NULL when b = 0."""
    a, b = f"({a})::numeric", f"({b})::numeric"  # sign() of an integer is a float
    q = f"div(({a}) * {SCALE}, NULLIF({b}, 0))"
    r = f"(({a}) * {SCALE} - {q} * ({b}))"
    away = f"2 * abs({r}) > abs({b}) OR (2 * abs({r}) = abs({b}) AND mod({q}, 2) <> 0)"
    return f"(({q} + CASE WHEN {away} THEN sign({r}) * sign({b}) ELSE 0 END) * {STEP})"


def _no_jit() -> None:
    """PostgreSQL's JIT compiles each big aggregate for 0.1-0.3 s and then runs
    it for less than that; this transaction's statements do without."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def _sql_path(kpi: registry.Kpi) -> bool:
    return connection.vendor == "postgresql" and kpi.metric.to_number in (
        hours,
        metrics.to_decimal,
    )


ON_CONFLICT = f"""
    ON CONFLICT (kpi_id, scope_type, scope_key, as_of) DO UPDATE SET
        {", ".join(f"{f} = EXCLUDED.{f}" for f in UPDATE_FIELDS)}
"""


def _chunk_in_sql(
    kpi: registry.Kpi,
    definition: KpiDefinition,
    targets: Targets,
    window: Window,
    first_id: int,
    last_id: int,
    now: Any,
    upsert: bool = True,
) -> int:
    figures, params = kpi.metric.per_project_rows(
        window, first_id=first_id, last_id=last_id
    ).query.sql_with_params()
    if kpi.metric.to_number is hours:
        # Summed interval -> microseconds -> hours, rounded like `hours()`.
        micros = "(extract(epoch FROM f.numerator) * 1000000)"
        number = f"COALESCE({_half_even(micros, '3600000000')}, 0)"
    else:
        number = "COALESCE(f.numerator, 0)::numeric"
    depts = list(targets.parents)
    compare = ">=" if definition.direction != registry.AT_MOST else "<="
    snap, project = KpiSnapshot._meta.db_table, Project._meta.db_table
    sql = f"""
        INSERT INTO {snap} (kpi_id, scope_type, scope_id, scope_key, as_of,
            numerator, denominator, value, target, status, computed_at)
        SELECT %s, %s, x.id, x.id, %s, x.num, x.den, {_half_even("x.num", "x.den")},
            x.target,
            CASE WHEN x.den = 0 THEN %s WHEN x.num {compare} x.target * x.den
                 THEN %s ELSE %s END,
            %s
        FROM (
            SELECT p.id, {number} AS num,
                COALESCE(f.denominator, 0)::numeric AS den,
                COALESCE(t.target, %s) AS target
            FROM {project} p
            LEFT JOIN ({figures}) f ON f.pid = p.id
            LEFT JOIN unnest(%s::bigint[], %s::numeric[]) AS t(dept, target)
                ON t.dept = p.department_id
            WHERE p.status <> %s AND p.id BETWEEN %s AND %s
        ) x
        {ON_CONFLICT if upsert else ""}
    """  # noqa: S608 - table names from the models; every value is a parameter
    args = [
        definition.pk,
        Scope.PROJECT,
        window.as_of,
        Status.NO_DATA,
        Status.MET,
        Status.MISSED,
        now,
        definition.target,
        *params,
        depts,
        [targets.department(definition, d) for d in depts],
        Project.Status.CANCELLED,
        first_id,
        last_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.rowcount


@transaction.atomic
def snapshots_compute_chunk(*, as_of: date, first_id: int, last_id: int) -> int:
    """Upsert the project rows of every KPI for projects first_id..last_id."""
    window = Window.ending(as_of)
    definitions = registry.sync_definitions()
    targets = Targets(definitions)
    now = timezone.now()
    count = 0
    python_kpis = []
    _no_jit()
    # A new date (the nightly case) has no rows yet: plain inserts skip the
    # conflict check of every row. A re-run upserts. (Two runs of one chunk at
    # once: the later insert fails on the unique key and its task retries.)
    upsert = KpiSnapshot.objects.filter(
        as_of=as_of, scope_type=Scope.PROJECT, scope_key__range=(first_id, last_id)
    ).exists()
    for kpi in registry.all():
        if _sql_path(kpi):
            count += _chunk_in_sql(
                kpi,
                definitions[kpi.code],
                targets,
                window,
                first_id,
                last_id,
                now,
                upsert=upsert,
            )
        else:
            python_kpis.append(kpi)
    if not python_kpis:
        return count
    projects = list(
        Project.objects.not_cancelled()
        .filter(pk__range=(first_id, last_id))
        .values_list("pk", "department_id")
    )
    rows: list[KpiSnapshot] = []
    zero = (Decimal(0), Decimal(0))
    for kpi in python_kpis:
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
    return count + _upsert(rows)


def _pools_in_sql() -> bool:
    return connection.vendor == "postgresql"


def _pooled_in_sql(
    as_of: date, kpi_ids: list[int]
) -> dict[str | None, list[tuple[int, int | None, Decimal, Decimal]]]:
    """The stored project rows summed by (kpi, manager, department) in one join,
    then pooled per manager, per department and overall in exact arithmetic
    (PostgreSQL returns exact numerics): the same sums as three GROUP BYs."""
    snap, project = KpiSnapshot._meta.db_table, Project._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT s.kpi_id, p.manager_id, p.department_id,
                   sum(s.numerator), sum(s.denominator)
            FROM {snap} s JOIN {project} p ON p.id = s.scope_id
            WHERE s.as_of = %s AND s.scope_type = %s AND s.kpi_id = ANY(%s)
            GROUP BY s.kpi_id, p.manager_id, p.department_id
            """,  # noqa: S608 - table names from the models; values are parameters
            [as_of, Scope.PROJECT, kpi_ids],
        )
        found = cursor.fetchall()
    sums: dict[str | None, dict[tuple[int, int | None], list[Decimal]]] = {
        "manager_id": {},
        "department_id": {},
        None: {},
    }
    for kpi_id, manager_id, dept_id, num, den in found:
        for field, owner in (
            ("manager_id", manager_id),
            ("department_id", dept_id),
            (None, None),
        ):
            pair = sums[field].setdefault((kpi_id, owner), [Decimal(0), Decimal(0)])
            pair[0] = EXACT.add(pair[0], num)
            pair[1] = EXACT.add(pair[1], den)
    return {
        field: [(k, owner, n, d) for (k, owner), (n, d) in by_owner.items()]
        for field, by_owner in sums.items()
    }


@transaction.atomic
def snapshots_finish(*, as_of: date) -> int:
    """Pool the stored project rows into manager, department and organisation rows."""
    _no_jit()
    definitions = registry.sync_definitions()
    by_pk = {d.pk: d for d in definitions.values()}
    targets = Targets(definitions)
    live = Project.objects.not_cancelled().values("pk")
    day = KpiSnapshot.objects.filter(as_of=as_of)
    # Cancelled or deleted projects leave no rows behind.
    day.filter(scope_type=Scope.PROJECT).exclude(scope_id__in=live).delete()
    base = day.filter(scope_type=Scope.PROJECT, kpi__code__in=registry.CODES)

    groups = _pooled_in_sql(as_of, list(by_pk)) if _pools_in_sql() else None

    def pooled(field: str | None) -> list[tuple[int, int | None, Decimal, Decimal]]:
        if groups is not None:
            return groups[field]
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
    written = _upsert(rows)
    # The run's record, in the same transaction as its rows: its finish time
    # is the stamp under which costly snapshot reads are cached.
    KpiRun.objects.update_or_create(
        as_of=as_of, defaults={"finished_at": now, "rows": day.count()}
    )
    return written


def snapshots_compute(*, as_of: date, size: int | None = None) -> int:
    """Run the whole job for one date in this process: every chunk, then finish.

    On the SQL path (PostgreSQL) one process gains nothing from chunks: each
    chunk re-reads the window's rows of tables without a project column (risk
    responses, action items, feedback), so it runs one chunk of every project
    unless a size is asked for.
    """
    if size is None and all(_sql_path(kpi) for kpi in registry.all()):
        size = sys.maxsize
    count = 0
    for first_id, last_id in project_chunks(size):
        count += snapshots_compute_chunk(
            as_of=as_of, first_id=first_id, last_id=last_id
        )
    return count + snapshots_finish(as_of=as_of)
