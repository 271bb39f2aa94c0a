"""The benchmark's Django side, one command per call (run by bench/run.py).

    DATABASE_URL=… python bench/probe.py pages            # URLs to time, as JSON
    DATABASE_URL=… python bench/probe.py session USER     # a signed-in session key
    DATABASE_URL=… python bench/probe.py queries          # SQL queries per page
    DATABASE_URL=… python bench/probe.py snapshots        # demo KPI dates present
    DATABASE_URL=… python bench/probe.py kpi-inprocess    # job vs hand-written SQL
    DATABASE_URL=… python bench/probe.py kpi-celery       # job through the workers
    DATABASE_URL=… python bench/probe.py volumes          # rows per table
    DATABASE_URL=… python bench/probe.py reports [RUNS]   # report PDF/XLSX times

Each prints one JSON document on stdout.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Department, User  # noqa: E402
from projects.models import Project  # noqa: E402

PAGE_USER, DIRECTOR = "paula", "director"
# An engineer of the generated team (projects.demo.seed_engineers): the
# timesheet is a person's own week, and managers own no tasks at bench sizes.
ENGINEER = "eng-00001"


def pages() -> list[dict[str, str]]:
    """(name, user, path) of every timed page; ids picked the same way at any N."""
    from projects.records import PAGE_SIZE

    paula = User.objects.get(username=PAGE_USER)
    first = Project.objects.filter(manager=paula).order_by("code").first()
    visible = Project.objects.visible_to(paula).count()
    last_page = max(1, -(-visible // PAGE_SIZE))
    dept = Department.objects.filter(parent__isnull=True).order_by("name").first()
    if first is None or dept is None:
        sys.exit("seed the demo first")
    p = first.pk
    rows = [
        ("floor", PAGE_USER, "/bench/floor/"),
        ("floor (plain text)", PAGE_USER, "/bench/floor/plain/"),
        ("home", PAGE_USER, "/"),
        ("project list", PAGE_USER, "/projects/"),
        ("project list, deep page", PAGE_USER, f"/projects/?page={last_page}"),
        ("project overview", PAGE_USER, f"/projects/{p}/"),
        ("project timeline", PAGE_USER, f"/projects/{p}/timeline/"),
        ("portfolio timeline", PAGE_USER, "/projects/timeline/"),
        ("risk register + heat map (all)", PAGE_USER, "/risks/"),
        ("risk register + heat map (project)", PAGE_USER, f"/projects/{p}/risks/"),
        ("change requests", PAGE_USER, "/changes/"),
        ("director dashboard", DIRECTOR, "/kpis/"),
        ("drill-down: department", DIRECTOR, f"/kpis/department/{dept.pk}/"),
        ("drill-down: manager", DIRECTOR, f"/kpis/manager/{paula.pk}/"),
        ("API projects", PAGE_USER, "/api/v1/projects/"),
        ("API milestones", PAGE_USER, "/api/v1/milestones/"),
        ("API risks", PAGE_USER, "/api/v1/risks/"),
        ("API issues", PAGE_USER, "/api/v1/issues/"),
        ("API change-requests", PAGE_USER, "/api/v1/change-requests/"),
        ("API meetings", PAGE_USER, "/api/v1/meetings/"),
        ("API kpi-snapshots", DIRECTOR, "/api/v1/kpi-snapshots/"),
        # tasks and time (issue 26)
        ("task list", PAGE_USER, f"/projects/{p}/tasks/"),
        ("task board", PAGE_USER, f"/projects/{p}/tasks/board/"),
        ("timesheet", ENGINEER, "/timesheet/"),
        ("workload", PAGE_USER, "/projects/workload/"),
        ("API tasks", PAGE_USER, "/api/v1/tasks/"),
        ("API work-logs", PAGE_USER, "/api/v1/work-logs/"),
    ]
    return [{"name": n, "user": u, "path": path} for n, u, path in rows]


def session(username: str) -> dict[str, str]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string

    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The backend a sign-in records: the one that loads users (axes' comes
    # first and only guards the door).
    store[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {"cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}"}


def queries() -> dict[str, Any]:
    """SQL queries of each page's second request (a signed-in test client)."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    out: dict[str, Any] = {}
    clients: dict[str, Client] = {}
    for page in pages():
        client = clients.get(page["user"])
        if client is None:
            client = clients[page["user"]] = Client()
            client.force_login(User.objects.get(username=page["user"]))
        client.get(page["path"])
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page["path"])
        out[page["name"]] = {
            "status": response.status_code,
            "queries": len(ctx.captured_queries),
            "sql": [q["sql"][:300] for q in ctx.captured_queries],
        }
    return out


def volumes() -> dict[str, int]:
    from changes.models import ChangeRequest
    from kpis.models import KpiSnapshot
    from milestones.models import Milestone, Task, WorkLog
    from projects.models import CostEntry, Document, Requirement
    from reviews.models import (
        ActionItem,
        CustomerSatisfaction,
        Meeting,
        MeetingFeedback,
        TeamCommunication,
    )
    from risks.models import Issue, Risk, RiskResponse

    models = [
        Project, Milestone, Risk, RiskResponse, Issue, ChangeRequest, Meeting,
        ActionItem, MeetingFeedback, CustomerSatisfaction, TeamCommunication,
        Requirement, Document, CostEntry, KpiSnapshot, Task, WorkLog,
    ]  # fmt: skip
    return {m._meta.label: m.objects.count() for m in models}


def snapshots() -> dict[str, Any]:
    """Compute the demo's KPI dates that are missing (a seed run with --no-kpis)."""
    from kpis import services
    from kpis.demo import snapshot_dates
    from kpis.models import KpiSnapshot

    have = set(
        KpiSnapshot.objects.filter(scope_type="organisation")
        .values_list("as_of", flat=True)
        .distinct()
    )
    started, done = time.perf_counter(), []
    for day in snapshot_dates(timezone.localdate()):
        if day not in have:
            services.snapshots_compute(as_of=day)
            done.append(day.isoformat())
    if done:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"computed": done, "seconds": round(time.perf_counter() - started, 2)}


# ------------------------------------------------------------------ KPI job


def _hand_sql_seconds(window: Any) -> float:
    """One hand-written aggregate per KPI (bench/kpi_bench.py), read only: the
    faster of a run with and one without PostgreSQL's JIT."""
    sys.path.insert(0, str(ROOT / "bench"))
    import kpi_bench

    times = []
    for jit in ("on", "off"):
        with connection.cursor() as cursor:
            cursor.execute(f"SET jit = {jit}")
        started = time.perf_counter()
        kpi_bench.hand_sql(window)
        times.append(time.perf_counter() - started)
    with connection.cursor() as cursor:
        cursor.execute("RESET jit")
    return min(times)


def _hand_write_seconds(window: Any, day: Any) -> float:
    """The database doing the job's whole work by hand: each KPI's hand-written
    aggregate per project (bench/kpi_bench.py), LEFT JOINed to the live
    projects and INSERTed as the day's project rows (value rounded by
    round(), status by comparison), committed. No rollups, no department
    targets: a lower bound for writing the same rows into the same table."""
    import re

    sys.path.insert(0, str(ROOT / "bench"))
    import kpi_bench
    from django.conf import settings
    from django.db import transaction

    from kpis import registry

    definitions = registry.sync_definitions()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        for code, sql in kpi_bench.SQL.items():
            grouped = re.sub(
                r"GROUP BY GROUPING SETS \(\((.*?)\), \(\)\)", r"GROUP BY \1", sql
            )
            definition = definitions[code]
            compare = ">=" if definition.direction == registry.AT_LEAST else "<="
            cursor.execute(
                f"""
                INSERT INTO kpis_kpisnapshot (kpi_id, scope_type, scope_id,
                    scope_key, as_of, numerator, denominator, value, target,
                    status, computed_at)
                SELECT %(kpi)s, 'project', p.id, p.id, %(day)s,
                    coalesce(f.n, 0), coalesce(f.d, 0),
                    CASE WHEN coalesce(f.d, 0) = 0 THEN NULL
                         ELSE round(f.n / f.d, 10) END,
                    %(target)s,
                    CASE WHEN coalesce(f.d, 0) = 0 THEN 'no_data'
                         WHEN coalesce(f.n, 0) {compare} %(target)s * f.d THEN 'met'
                         ELSE 'missed' END,
                    now()
                FROM projects_project p
                LEFT JOIN ({grouped}) AS f(pid, n, d) ON f.pid = p.id
                WHERE p.status <> 'cancelled'
                """,
                {
                    "kpi": definition.pk,
                    "day": day,
                    "target": definition.target,
                    "start": window.start,
                    "as_of": window.as_of,
                    "start_at": window.start_at,
                    "end_at": window.end_at,
                    "zone": settings.TIME_ZONE,
                },
            )
    return time.perf_counter() - started


def _check(window: Any) -> dict[str, int]:
    """The stored project and organisation rows equal the hand-written figures."""
    sys.path.insert(0, str(ROOT / "bench"))
    import kpi_bench

    from kpis.models import KpiSnapshot

    stored = {
        (code, sid): (num, den)
        for code, sid, num, den in KpiSnapshot.objects.filter(
            as_of=window.as_of, scope_type__in=["project", "organisation"]
        ).values_list("kpi__code", "scope_id", "numerator", "denominator")
    }
    checked = mismatches = 0
    for code, rows in kpi_bench.hand_sql(window).items():
        for pid, num, den in rows:
            checked += 1
            got = stored.get((code, pid))
            if (
                got is None
                or abs(Decimal(got[0]) - Decimal(num)) > Decimal("0.0001")
                or Decimal(got[1]) != Decimal(den)
            ):
                mismatches += 1
    return {"figures_checked": checked, "mismatches": mismatches}


NEW_DATES: list[Any] = []


def _new_dates(count: int) -> list[Any]:
    """Dates never computed, going back from yesterday: the nightly case (a
    date with no rows, not one whose rows were just deleted and whose dead
    index entries every insert would have to step over). Their rows are
    dropped again by `_drop_new_dates`."""
    from datetime import timedelta

    from kpis.models import KpiSnapshot

    taken = set(KpiSnapshot.objects.values_list("as_of", flat=True).distinct())
    day, found = timezone.localdate(), []
    while len(found) < count:
        day -= timedelta(days=1)
        if day not in taken:
            found.append(day)
    NEW_DATES.extend(found)
    return found


def _drop_new_dates() -> None:
    """Remove the timed dates' rows and vacuum, as autovacuum would."""
    from kpis.models import KpiRun, KpiSnapshot

    KpiSnapshot.objects.filter(as_of__in=NEW_DATES).delete()
    KpiRun.objects.filter(as_of__in=NEW_DATES).delete()
    NEW_DATES.clear()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE kpis_kpisnapshot")


def _rounds(job: Any, runs: int) -> dict[str, Any]:
    """Time `job(day)` on `runs` dates never computed, each run next to the SQL
    floor and the write floor (this machine's speed drifts within minutes, so
    each ratio is taken within its round; the result gives their median)."""
    from kpis.metrics import Window

    window = Window.ending(timezone.localdate())
    times, reads, writes = [], [], []
    days = _new_dates(2 * runs)
    for n in range(runs):
        started = time.perf_counter()
        job(days[2 * n])
        times.append(time.perf_counter() - started)
        reads.append(_hand_sql_seconds(window))
        writes.append(_hand_write_seconds(window, days[2 * n + 1]))
    _drop_new_dates()

    def figures(values: list[float]) -> dict[str, Any]:
        return {
            "runs": [round(t, 3) for t in values],
            "best": round(min(values), 3),
            "median": round(statistics.median(values), 3),
        }

    return {
        **figures(times),
        "sql_floor": figures(reads),
        "sql_write_floor": figures(writes),
        "ratio_floor": round(
            statistics.median(t / r for t, r in zip(times, reads, strict=True)), 2
        ),
        "ratio_write_floor": round(
            statistics.median(t / w for t, w in zip(times, writes, strict=True)), 2
        ),
    }


def kpi_inprocess(runs: int) -> dict[str, Any]:
    from kpis import services
    from kpis.metrics import Window
    from kpis.models import KpiSnapshot

    day = timezone.localdate()
    result = _rounds(lambda new: services.snapshots_compute(as_of=new), runs)
    services.snapshots_compute(as_of=day)
    rerun = []
    for _ in range(runs):  # a re-run over the date's rows
        started = time.perf_counter()
        services.snapshots_compute(as_of=day)
        rerun.append(time.perf_counter() - started)
    return {
        "as_of": day.isoformat(),
        "rows": KpiSnapshot.objects.filter(as_of=day).count(),
        **result,
        "rerun_runs": [round(t, 3) for t in rerun],
        **_check(Window.ending(day)),
    }


def kpi_celery(runs: int) -> dict[str, Any]:
    """The job queued as the nightly beat queues it: compute_kpis_task fans the
    chunks out as a chord on the running workers, finish pools them."""
    from celery.result import AsyncResult

    from kpis import services, tasks
    from kpis.metrics import Window
    from kpis.models import KpiSnapshot

    chunks = []

    def job(new: Any) -> None:
        queued = tasks.compute_kpis_task.delay(new.isoformat()).get(timeout=600)
        AsyncResult(queued["finish_id"]).get(timeout=600)
        chunks.append(queued["chunks"])

    result = _rounds(job, runs)
    day = timezone.localdate()
    job(day)  # today's rows once more through the workers, for the check
    return {
        "as_of": day.isoformat(),
        "chunks": chunks[0],
        "chunk_size": services.chunk_size(),
        "rows": KpiSnapshot.objects.filter(as_of=day).count(),
        **result,
        **_check(Window.ending(day)),
    }


def cases_scope(user: Any, project: Project) -> Any:
    from portfolio import reports as packs

    return packs.resolve_scope(user, "project", project.pk)


REPORT_GOALS = {"progress report PDF": 2.0, "organisation scorecard PDF": 5.0}


def reports(runs: int) -> dict[str, Any]:
    """Time the report packs in process, as the e-mail job builds them: read
    for the reader (reports.build), then drawn (WeasyPrint) or written
    (openpyxl). Median and worst of `runs`, with size and SQL queries of the
    last run and the goal in seconds where the issue sets one (issue 24)."""
    from django.test.utils import CaptureQueriesContext

    from portfolio import reports as packs

    paula = User.objects.get(username=PAGE_USER)
    director = User.objects.get(username=DIRECTOR)
    first = Project.objects.filter(manager=paula).order_by("code").first()
    if first is None:
        sys.exit("seed the demo first")
    cases = [
        (f"{key} report {fmt.upper()}", paula, "project", first.pk, key, fmt)
        for key, report in packs.REPORTS.items()
        if key != "scorecard"
        for fmt in (("pdf", "xlsx") if report.tabular else ("pdf",))
    ]
    cases += [
        ("organisation scorecard PDF", director, "organisation", 0, "scorecard", "pdf"),
        (
            "organisation scorecard XLSX",
            director,
            "organisation",
            0,
            "scorecard",
            "xlsx",
        ),
    ]
    out: dict[str, Any] = {}
    # Warm up once: WeasyPrint's first document loads the fonts (fontconfig).
    packs.pdf_bytes(
        packs.build(packs.REPORTS["plan"], paula, cases_scope(paula, first))
    )
    for name, user, scope_type, key, report_key, fmt in cases:
        report = packs.REPORTS[report_key]
        scope = packs.resolve_scope(user, scope_type, key)
        times, size, count = [], 0, 0
        for _ in range(runs):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                context = packs.build(report, user, scope)
                data = (
                    packs.pdf_bytes(context)
                    if fmt == "pdf"
                    else packs.xlsx_bytes(context)
                )
            times.append(time.perf_counter() - start)
            size, count = len(data), len(ctx.captured_queries)
        out[name] = {
            "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3),
            "bytes": size,
            "queries": count,
            "goal_s": REPORT_GOALS.get(name),
        }
    return out


def main() -> None:
    command, args = sys.argv[1], sys.argv[2:]
    if command == "pages":
        result: Any = pages()
    elif command == "session":
        result = session(args[0])
    elif command == "queries":
        result = queries()
    elif command == "volumes":
        result = volumes()
    elif command == "snapshots":
        result = snapshots()
    elif command == "kpi-inprocess":
        result = kpi_inprocess(int(args[0]) if args else 3)
    elif command == "reports":
        result = reports(int(args[0]) if args else 3)
    elif command == "kpi-celery":
        result = kpi_celery(int(args[0]) if args else 3)
    else:
        sys.exit(f"unknown command {command}")
    sys.stdout.write(json.dumps(result, default=str) + "\n")


if __name__ == "__main__":
    main()
