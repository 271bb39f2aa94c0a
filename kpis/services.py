"""Writes of the KPI engine: snapshots and targets.

The nightly job for one date runs in two steps, each in its own transaction:

1. `snapshots_compute_chunk` — the project rows of a range of project ids:
   one aggregate query per KPI grouped by project that writes the rows and
   returns their sums per (manager, department). Chunks are independent and
   run in parallel on several workers.
2. `snapshots_finish` — on a date computed before, drops rows of scopes that
   no longer exist; pools the chunks' sums into manager, department and
   organisation rows (sum of numerators ÷ sum of denominators, exactly).

One Python path on every database: an aggregate query per KPI grouped by
project (kpis/metrics.py), the rows built from its sums and bulk-inserted.
A re-run upserts the same keys, so a run killed halfway and run again ends
with exactly the rows of an uninterrupted run. `snapshots_compute` runs both
steps in process (management command, tests, demo, eager Celery).
"""

from __future__ import annotations

import decimal
import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Department
from core.versioning import StaleEdit
from kpis import registry
from kpis.metrics import PLACES, Window
from kpis.models import KpiDefinition, KpiJob, KpiRun, KpiSnapshot, KpiTarget
from projects.models import Project

logger = logging.getLogger(__name__)
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


class Partial(NamedTuple):
    """A chunk's project rows of one KPI, summed per (manager, department)."""

    kpi_id: int
    manager_id: int | None
    department_id: int | None
    rows: int
    numerator: Decimal
    denominator: Decimal


@dataclass
class Chunk:
    """What a chunk of projects wrote: its range, whether the date already had
    rows in it (a re-run), and its sums for the finish step."""

    first_id: int
    last_id: int
    reused: bool
    partials: list[Partial] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe form (decimals as exact strings) for the Celery chord."""
        return {
            "first_id": self.first_id,
            "last_id": self.last_id,
            "reused": self.reused,
            "partials": [
                [*p[:4], str(p.numerator), str(p.denominator)] for p in self.partials
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chunk:
        return cls(
            data["first_id"],
            data["last_id"],
            data["reused"],
            [
                Partial(k, m, d, n, Decimal(num), Decimal(den))
                for k, m, d, n, num, den in data["partials"]
            ],
        )


def last_complete_day() -> date:
    """The nightly run's as_of: yesterday, the last complete day in the site
    time zone (a run at 01:30 for today would count all due today as not done)."""
    return timezone.localdate() - timedelta(days=1)


def chunk_size() -> int:
    return int(settings.KPI_CHUNK_SIZE)


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


class Row(NamedTuple):
    """One snapshot row, as the table stores it."""

    kpi_id: int
    scope_type: str
    scope_id: int | None
    scope_key: int
    as_of: date
    numerator: Decimal
    denominator: Decimal
    value: Decimal | None
    target: Decimal
    status: str
    computed_at: Any


def snapshot(
    definition: KpiDefinition,
    scope_type: str,
    scope_id: int | None,
    as_of: date,
    numerator: Decimal,
    denominator: Decimal,
    target: Decimal,
    now: Any,
) -> Row:
    return Row(
        definition.pk,
        scope_type,
        scope_id,
        scope_id or 0,
        as_of,
        numerator,
        denominator,
        value_of(numerator, denominator),
        target,
        status_of(numerator, denominator, target, definition.direction),
        now,
    )


COLUMNS = ", ".join(Row._fields)
KEY = "kpi_id, scope_type, scope_key, as_of"


def _copy(cursor: Any, table: str, rows: list[Row]) -> None:
    with cursor.cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _upsert(rows: list[Row], *, upsert: bool = True) -> int:
    """Write rows; with upsert, a row of the same key is replaced.

    On PostgreSQL through COPY, its bulk-load path: building a model instance
    per row for bulk_create cost five times the job's queries (bench/results,
    issue 17). Elsewhere bulk_create.
    """
    if connection.vendor != "postgresql":
        objects = [KpiSnapshot(**row._asdict()) for row in rows]
        if not upsert:
            KpiSnapshot.objects.bulk_create(objects, batch_size=2000)
        else:
            KpiSnapshot.objects.bulk_create(
                objects,
                batch_size=2000,
                update_conflicts=True,
                unique_fields=["kpi", "scope_type", "scope_key", "as_of"],
                update_fields=UPDATE_FIELDS,
            )
        return len(rows)
    table = KpiSnapshot._meta.db_table
    with connection.cursor() as cursor:
        if not upsert:
            _copy(cursor, table, rows)
            return len(rows)
        cursor.execute(
            f"CREATE TEMP TABLE kpi_rows ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {COLUMNS} FROM {table} WITH NO DATA"
        )
        _copy(cursor, "kpi_rows", rows)
        changes = ", ".join(f"{name} = EXCLUDED.{name}" for name in UPDATE_FIELDS)
        cursor.execute(
            f"INSERT INTO {table} ({COLUMNS}) SELECT {COLUMNS} FROM kpi_rows "  # noqa: S608
            f"ON CONFLICT ({KEY}) DO UPDATE SET {changes}"
        )
        cursor.execute("DROP TABLE kpi_rows")
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
def kpi_target_set(
    *,
    definition: KpiDefinition,
    target: Decimal,
    by: Any = None,
    expected: Decimal | None = None,
) -> KpiDefinition:
    """Set the organisation's target for a KPI (it applies from the next run).

    `expected` is the target the editor read: if someone changed it since,
    StaleEdit is raised and nothing is saved."""
    definition = KpiDefinition.objects.select_for_update().get(pk=definition.pk)
    if expected is not None and definition.target != expected:
        raise StaleEdit
    definition.target = target
    if by is not None:
        definition._history_user = by  # type: ignore[attr-defined]
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


def _session_for_aggregates() -> None:
    """The job's big aggregates, in this transaction only: no JIT (it compiled
    each aggregate for longer than it ran) and parallel workers allowed (the
    web settings turn them off for short page queries)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 2")


@transaction.atomic
def snapshots_compute_chunk(*, as_of: date, first_id: int, last_id: int) -> Chunk:
    """Upsert the project rows of every KPI for projects first_id..last_id and
    return their sums per (KPI, manager, department) for `snapshots_finish`."""
    window = Window.ending(as_of)
    definitions = registry.sync_definitions()
    targets = Targets(definitions)
    now = timezone.now()
    _session_for_aggregates()
    # A new date (the nightly case) has no rows yet: plain inserts skip the
    # conflict check of every row. A re-run upserts. (Two runs of one chunk at
    # once: the later insert fails on the unique key and its task retries.)
    upsert = KpiSnapshot.objects.filter(
        as_of=as_of, scope_type=Scope.PROJECT, scope_key__range=(first_id, last_id)
    ).exists()
    chunk = Chunk(first_id, last_id, reused=upsert)
    projects = list(
        Project.objects.not_cancelled()
        .filter(pk__range=(first_id, last_id))
        .values_list("pk", "manager_id", "department_id")
    )
    rows: list[Row] = []
    zero = (Decimal(0), Decimal(0))
    for kpi in registry.all():
        definition = definitions[kpi.code]
        figures = kpi.metric.per_project(window, first_id=first_id, last_id=last_id)
        sums: dict[tuple[int, int | None], list[Any]] = {}
        # One target lookup per department, not per project (the lookup walks
        # the department tree: a quarter of the job's Python time at 10,000).
        target_of = {
            dept_id: targets.department(definition, dept_id)
            for dept_id in {dept_id for _pk, _m, dept_id in projects}
        }
        for pk, manager_id, dept_id in projects:
            numerator, denominator = figures.get(pk, zero)
            row = snapshot(
                definition,
                Scope.PROJECT,
                pk,
                as_of,
                numerator,
                denominator,
                target_of[dept_id],
                now,
            )
            rows.append(row)
            pair = sums.setdefault((manager_id, dept_id), [0, Decimal(0), Decimal(0)])
            pair[0] += 1
            pair[1] = EXACT.add(pair[1], row.numerator)
            pair[2] = EXACT.add(pair[2], row.denominator)
        chunk.partials += [
            Partial(definition.pk, manager_id, dept_id, n, num, den)
            for (manager_id, dept_id), (n, num, den) in sums.items()
        ]
    _upsert(rows, upsert=upsert)
    return chunk


def _pool(
    chunks: list[Chunk],
) -> dict[str | None, dict[tuple[int, int | None], list[Decimal]]]:
    """The chunks' sums pooled per manager, per department (its own projects
    only) and overall, in exact arithmetic: {field: {(kpi_id, owner): [n, d]}}."""
    sums: dict[str | None, dict[tuple[int, int | None], list[Decimal]]] = {
        "manager_id": {},
        "department_id": {},
        None: {},
    }
    for part in (p for chunk in chunks for p in chunk.partials):
        for by, owner in (
            ("manager_id", part.manager_id),
            ("department_id", part.department_id),
            (None, None),
        ):
            pair = sums[by].setdefault((part.kpi_id, owner), [Decimal(0)] * 2)
            pair[0] = EXACT.add(pair[0], part.numerator)
            pair[1] = EXACT.add(pair[1], part.denominator)
    return sums


def _untouched(as_of: date, chunks: list[Chunk]) -> bool:
    """True if the date had no rows before this run: every chunk inserted into
    an empty range, and no row lies outside them (no earlier run's rollups,
    no row of a project that has since gone)."""
    if not chunks or any(chunk.reused for chunk in chunks):
        return False
    day = KpiSnapshot.objects.filter(as_of=as_of)
    first = min(chunk.first_id for chunk in chunks)
    last = max(chunk.last_id for chunk in chunks)
    projects = day.filter(scope_type=Scope.PROJECT)
    # Ranges of the unique key, each empty on a new date and each probed with
    # equalities on its leading columns (an IN list or an OR would walk all of
    # the date's fresh rows).
    ranges = [
        day.filter(scope_type=scope)
        for scope in (Scope.MANAGER, Scope.DEPARTMENT, Scope.ORGANISATION)
    ]
    ranges += [
        projects.filter(scope_key__lt=first),
        projects.filter(scope_key__gt=last),
    ]
    return not any(qs.exists() for qs in ranges)


@transaction.atomic
def snapshots_finish(*, as_of: date, chunks: list[Chunk]) -> int:
    """Pool the chunks' project rows into manager, department and organisation
    rows; return how many rows the date has."""
    _session_for_aggregates()
    definitions = registry.sync_definitions()
    by_pk = {d.pk: d for d in definitions.values()}
    targets = Targets(definitions)
    day = KpiSnapshot.objects.filter(as_of=as_of)
    # On a date computed before, drop what the earlier run wrote and this one
    # did not: rows of projects cancelled or deleted since (below, rollups of
    # scopes left without projects). A new date (the nightly case) has none.
    untouched = _untouched(as_of, chunks)
    if not untouched:
        live = Project.objects.not_cancelled().values("pk")
        day.filter(scope_type=Scope.PROJECT).exclude(scope_id__in=live).delete()
    # A chunk redelivered after a worker died may report twice: count it once.
    chunks = list({(c.first_id, c.last_id): c for c in chunks}.values())
    sums = _pool(chunks)
    now = timezone.now()
    rows: list[Row] = []
    for (kpi_id, manager_id), (num, den) in sums["manager_id"].items():
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
    # are added to it and to every department above it.
    tree: dict[tuple[int, int], list[Decimal]] = defaultdict(
        lambda: [Decimal(0), Decimal(0)]
    )
    for (kpi_id, dept_id), (num, den) in sums["department_id"].items():
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
    for (kpi_id, _none), (num, den) in sums[None].items():
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
    if not untouched:
        # Scopes without projects on this date (e.g. a manager whose only
        # project was cancelled) lose their rows, so a re-run equals a fresh run.
        wanted: dict[str, set[int]] = defaultdict(set)
        for row in rows:
            wanted[row.scope_type].add(row.scope_key)
        for scope in (Scope.MANAGER, Scope.DEPARTMENT, Scope.ORGANISATION):
            day.filter(scope_type=scope).exclude(scope_key__in=wanted[scope]).delete()
    _upsert(rows)
    if untouched:  # exactly what this run wrote
        total = sum(p.rows for c in chunks for p in c.partials) + len(rows)
    else:
        total = day.count()
    # The run's record, in the same transaction as its rows: its finish time
    # is the stamp under which costly snapshot reads are cached.
    KpiRun.objects.update_or_create(
        as_of=as_of, defaults={"finished_at": now, "rows": total}
    )
    job_finished(as_of=as_of)
    return total


def snapshots_compute(*, as_of: date, size: int | None = None) -> int:
    """Run the whole job for one date in this process: every chunk, then finish.
    Return how many rows the date has."""
    started = time.monotonic()
    chunks = [
        snapshots_compute_chunk(as_of=as_of, first_id=first_id, last_id=last_id)
        for first_id, last_id in project_chunks(size)
    ]
    rows = snapshots_finish(as_of=as_of, chunks=chunks)
    logger.info(
        "KPI run: as_of=%s chunks=%d rows=%d duration=%.2fs",
        as_of.isoformat(),
        len(chunks),
        rows,
        time.monotonic() - started,
    )
    return rows


# ------------------------------------------------------------ job run record


def job_claim(
    *, as_of: date, requested_at: datetime | None = None, force: bool = False
) -> bool:
    """Claim the date's run: False (and say so in the log) when another run
    of it is under way, or finished after this one was requested. `force`
    (the watchdog, a backfill) takes over a run that a fault left behind."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.KPI_JOB_TIMEOUT_SECONDS)
    with transaction.atomic():
        try:
            with transaction.atomic():
                job = KpiJob.objects.create(
                    as_of=as_of,
                    state=KpiJob.State.RUNNING,
                    started_at=now,
                    attempts=1,
                )
                return True
        except IntegrityError:
            job = KpiJob.objects.select_for_update().get(as_of=as_of)
        running = job.state == KpiJob.State.RUNNING and job.started_at > stale
        done_since = (
            job.state == KpiJob.State.FINISHED
            and requested_at is not None
            and job.finished_at is not None
            and job.finished_at >= requested_at
        )
        if not force and (running or done_since):
            job.skipped += 1
            job.save(update_fields=["skipped"])
            reason = (
                f"already running since {job.started_at.isoformat()}"
                if running
                else f"finished at {job.finished_at}, after it was requested"
            )
            logger.info("KPI job for %s skipped: %s", as_of, reason)
            return False
        job.state, job.started_at, job.finished_at = KpiJob.State.RUNNING, now, None
        job.attempts += 1
        job.save(update_fields=["state", "started_at", "finished_at", "attempts"])
        return True


def job_finished(*, as_of: date) -> None:
    """Mark the date's run finished (in the transaction that wrote its rows)."""
    KpiJob.objects.update_or_create(
        as_of=as_of,
        defaults={
            "state": KpiJob.State.FINISHED,
            "finished_at": timezone.now(),
        },
        create_defaults={
            "state": KpiJob.State.FINISHED,
            "started_at": timezone.now(),
            "finished_at": timezone.now(),
            "attempts": 1,
        },
    )


def job_failed(*, as_of: date) -> None:
    """Release the claim of a run that raised, so its retry may run."""
    KpiJob.objects.filter(as_of=as_of, state=KpiJob.State.RUNNING).update(
        state=KpiJob.State.FAILED
    )


def jobs_unfinished() -> list[KpiJob]:
    """Runs that failed, or are still marked running past
    KPI_JOB_TIMEOUT_SECONDS (a worker died, the broker lost the chord): the
    watchdog re-queues them."""
    stale = timezone.now() - timedelta(seconds=settings.KPI_JOB_TIMEOUT_SECONDS)
    return list(
        KpiJob.objects.filter(
            Q(state=KpiJob.State.RUNNING, started_at__lt=stale)
            | Q(state=KpiJob.State.FAILED)
        )
    )
