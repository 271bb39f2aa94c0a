"""Fault drills against PostgreSQL, Redis and real Celery workers (issue 20).

    make reliability        # DATABASE_URL, REDIS_URL, CELERY_QUEUE as for test-services

Each line prints its figure and PASS or FAIL; the script exits 1 when any
line fails (a line that cannot run, e.g. pip-audit without its database,
says so and fails: never a silent pass). Not part of `make test`.

It migrates the database it is given and seeds a small demo company there,
so point it at a database of its own (the Makefile's RELIABILITY_DB_URL).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
# Short timeouts, so a drill sees redelivery and the watchdog within minutes.
os.environ.setdefault("CELERY_VISIBILITY_TIMEOUT", "20")
os.environ.setdefault("KPI_JOB_TIMEOUT_SECONDS", "30")
os.environ.setdefault("KPI_CHUNK_SIZE", "50")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

RESULTS: list[tuple[str, bool, str]] = []


def line(name: str, ok: bool, figure: str) -> None:
    RESULTS.append((name, ok, figure))
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {figure}", flush=True)


def drill(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Run a drill; an exception fails its line with the reason."""

    def wrap(fn: Callable[[], None]) -> Callable[[], None]:
        @functools.wraps(fn)  # its name chooses it on the command line
        def run() -> None:
            try:
                fn()
            except Exception as error:  # a broken drill is a failed line
                line(name, False, f"could not run: {type(error).__name__}: {error}")

        return run

    return wrap


def manage(*args: str, env: dict[str, str] | None = None, **kw: object):
    return subprocess.run(  # noqa: S603
        [PY, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        **kw,  # type: ignore[arg-type]
    )


def start_worker(name: str) -> subprocess.Popen[bytes]:
    queue = os.environ.get("CELERY_QUEUE", "milepost-reliability")
    return subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "-n",
            f"{name}@%h",
            "--concurrency=2",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# ------------------------------------------------------------------- set-up


def setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database of its own.")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL (a Redis database of its own).")
    result = manage("migrate", "--noinput")
    if result.returncode:
        raise SystemExit(result.stderr)
    import django

    django.setup()
    from projects.models import Project

    if Project.objects.count() < 50:
        seeded = manage("seed_demo", "--projects", "60")
        if seeded.returncode:
            raise SystemExit(seeded.stderr)


def checksum(as_of: object) -> tuple[str, int]:
    """A checksum over the date's snapshot rows (what a run must reproduce)."""
    from kpis.models import KpiSnapshot

    rows = KpiSnapshot.objects.filter(as_of=as_of).order_by(
        "kpi_id", "scope_type", "scope_key"
    )
    digest = hashlib.sha256()
    count = 0
    for row in rows.values_list(
        "kpi_id",
        "scope_type",
        "scope_key",
        "numerator",
        "denominator",
        "value",
        "target",
        "status",
    ):
        digest.update(repr(row).encode())
        count += 1
    return digest.hexdigest()[:16], count


def reset_day(as_of: object) -> None:
    from kpis.models import KpiJob, KpiRun, KpiSnapshot

    KpiSnapshot.objects.filter(as_of=as_of).delete()
    KpiRun.objects.filter(as_of=as_of).delete()
    KpiJob.objects.filter(as_of=as_of).delete()


def job_state(as_of: object) -> str:
    from kpis.models import KpiJob

    job = KpiJob.objects.filter(as_of=as_of).first()
    return job.state if job else "none"


# ------------------------------------------------------------------- drills


@drill("KPI job killed in process (SIGKILL at 4 points), rerun identical")
def kpi_killed_in_process() -> None:
    from django.utils import timezone

    day = timezone.localdate() - timedelta(days=3)
    reset_day(day)
    started = time.monotonic()
    clean = manage("compute_kpis", "--date", day.isoformat())
    duration = time.monotonic() - started
    assert clean.returncode == 0, clean.stderr
    reference = checksum(day)
    identical = 0
    points = [0.05, 0.35, 0.65, 0.9]  # of an uninterrupted run's time
    for share in points:
        reset_day(day)
        process = subprocess.Popen(  # noqa: S603
            [PY, "manage.py", "compute_kpis", "--date", day.isoformat()],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * share)
        process.send_signal(signal.SIGKILL)
        process.wait()
        rerun = manage("compute_kpis", "--date", day.isoformat())
        assert rerun.returncode == 0, rerun.stderr
        identical += checksum(day) == reference
    line(
        "KPI job killed in process (SIGKILL at 4 points), rerun identical",
        identical == len(points),
        f"{identical}/{len(points)} reruns identical to an uninterrupted run "
        f"({reference[1]} rows, checksum {reference[0]}, run {duration:.1f} s)",
    )


@drill("KPI job: worker SIGKILLed mid-run, restarted, run finishes by itself")
def kpi_worker_killed() -> None:
    from django.utils import timezone

    from kpis.tasks import compute_kpis_task, kpi_watchdog_task

    day = timezone.localdate() - timedelta(days=4)
    reset_day(day)
    assert manage("compute_kpis", "--date", day.isoformat()).returncode == 0
    reference = checksum(day)
    finished = 0
    rounds = 2
    waits = []
    for attempt in range(rounds):
        reset_day(day)
        worker = start_worker(f"rel-kill-{attempt}")
        time.sleep(6)
        compute_kpis_task.delay(day.isoformat())
        time.sleep(1.5 + attempt)
        stop(worker, signal.SIGKILL)  # the whole worker, children included
        worker = start_worker(f"rel-restart-{attempt}")
        began = time.monotonic()
        while time.monotonic() - began < 180:
            if job_state(day) == "finished":
                break
            if time.monotonic() - began > 35:
                kpi_watchdog_task.delay()  # beat runs it every 15 minutes
            time.sleep(5)
        waits.append(time.monotonic() - began)
        stop(worker)
        finished += job_state(day) == "finished" and checksum(day) == reference
    line(
        "KPI job: worker SIGKILLed mid-run, restarted, run finishes by itself",
        finished == rounds,
        f"{finished}/{rounds} runs finished after the restart with identical "
        f"snapshots (waited {', '.join(f'{w:.0f} s' for w in waits)})",
    )


@drill("KPI task enqueued 5 times at once runs once")
def kpi_enqueued_five_times() -> None:
    from django.utils import timezone

    from kpis.models import KpiJob
    from kpis.tasks import compute_kpis_task

    day = timezone.localdate() - timedelta(days=5)
    reset_day(day)
    worker = start_worker("rel-five")
    time.sleep(6)
    asked = timezone.now().isoformat()
    results = [compute_kpis_task.delay(day.isoformat(), asked) for _ in range(5)]
    answers = [r.get(timeout=120) for r in results]
    began = time.monotonic()
    while job_state(day) != "finished" and time.monotonic() - began < 120:
        time.sleep(2)
    stop(worker)
    job = KpiJob.objects.get(as_of=day)
    skipped = sum(1 for a in answers if a.get("skipped"))
    line(
        "KPI task enqueued 5 times at once runs once",
        job.attempts == 1 and skipped == 4 and job.state == "finished",
        f"{job.attempts} execution(s), {skipped} skipped and logged as such",
    )


def _client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def _manager_and_project():
    from projects.models import Project

    project = Project.objects.exclude(status="cancelled").order_by("pk").first()
    return project.manager, project


@drill("Redis down: 200 writes and 200 page views")
def redis_down() -> None:
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client
    from django.test.utils import override_settings

    from risks.models import Risk

    manager, project = _manager_and_project()
    dead = dict(settings.CACHES["default"], LOCATION="redis://127.0.0.1:1/0")
    codes: list[int] = []
    committed = 0
    with override_settings(CACHES={"default": dead}, ALLOWED_HOSTS=["*"]):
        caches["default"].close()
        pages = Client()
        pages.force_login(manager)
        api = _client_for(manager)
        urls = [
            "/",
            "/projects/",
            f"/projects/{project.pk}/",
            f"/projects/{project.pk}/risks/",
            "/risks/",
            "/kpis/mine/",
            "/api/v1/risks/",
        ]
        for index in range(200):
            url = urls[index % len(urls)]
            codes.append(
                (api if url.startswith("/api") else pages).get(url).status_code
            )
            response = api.post(
                "/api/v1/risks/",
                {
                    "project": project.pk,
                    "title": f"Reliability drill {index}",
                    "probability": 2,
                    "impact": 3,
                },
                format="json",
            )
            codes.append(response.status_code)
            committed += response.status_code == 201
    errors = sum(code >= 500 for code in codes)
    stored = Risk.objects.filter(title__startswith="Reliability drill").count()
    Risk.objects.filter(title__startswith="Reliability drill").delete()
    line(
        "Redis down: 200 writes and 200 page views",
        errors == 0 and committed == 200 and stored == 200,
        f"{errors} 5xx, {committed}/200 writes committed ({stored} rows stored); "
        "Redis simulated as stopped by an unreachable address (the shared "
        "server is not stopped)",
    )


@drill("Stale-edit check required")
def version_required() -> None:
    from risks.models import Risk

    manager, project = _manager_and_project()
    risk = Risk.objects.filter(project=project).first()
    api = _client_for(manager)
    before = risk.title
    blind = api.patch(f"/api/v1/risks/{risk.pk}/", {"title": "blind"}, format="json")
    risk.refresh_from_db()
    line(
        "Stale-edit check required",
        blind.status_code in (400, 428) and risk.title == before,
        f"a PATCH without version or If-Match: {blind.status_code}, "
        f"record {'unchanged' if risk.title == before else 'OVERWRITTEN'}",
    )


@drill("100 concurrent stale edits of one record")
def concurrent_edits() -> None:
    from django.db import connection

    from risks.models import Risk

    manager, project = _manager_and_project()
    risk = Risk.objects.filter(project=project).first()
    version = risk.version
    codes: list[int] = []
    lock = threading.Lock()
    gate = threading.Barrier(20)

    def edit(index: int) -> None:
        try:
            if index < 20:
                gate.wait(timeout=30)
            response = _client_for(manager).patch(
                f"/api/v1/risks/{risk.pk}/",
                {"title": f"Edit {index}", "version": version},
                format="json",
            )
            with lock:
                codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    risk.refresh_from_db()
    saved = codes.count(200)
    told = codes.count(409)
    lost = saved - (risk.version - version)
    line(
        "100 concurrent stale edits of one record",
        saved == 1 and told == 99 and lost == 0,
        f"{saved} saved, {told} told (409), {lost} lost updates, "
        f"other answers: {sorted(set(codes) - {200, 409})}",
    )


@drill("PostgreSQL connections bounded under the development server")
def connections_bounded() -> None:
    import urllib.request

    from django.db import connection

    port = "8765"
    server = subprocess.Popen(  # noqa: S603
        [PY, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(8)

        def count() -> int:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                    "current_database() AND pid <> pg_backend_pid()"
                )
                return int(cursor.fetchone()[0])

        before = count()

        def hit() -> None:
            for _ in range(5):
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/accounts/login/", timeout=20
                    ).read()

        threads = [threading.Thread(target=hit) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(1)
        after = count()
    finally:
        stop(server)
    held = after - before
    line(
        "PostgreSQL connections bounded under the development server",
        held <= 2,
        f"200 requests from 40 threads left {held} connection(s) held "
        f"({before} before, {after} after)",
    )


@drill("schemathesis against the live schema")
def schemathesis_line() -> None:
    import re
    import tempfile

    from rest_framework.authtoken.models import Token

    from accounts.models import User

    seconds = int(os.environ.get("RELIABILITY_SCHEMATHESIS_SECONDS", "1800"))
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    token, _ = Token.objects.get_or_create(user=admin)
    port = "8766"
    served = {
        **os.environ,
        "API_THROTTLE_USER": "1000000/minute",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECRET_KEY": os.environ.get(
            "DJANGO_SECRET_KEY", "reliability-only-secret-key-0123456789abcdef"
        ),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    # With DEBUG off, static files are read from the collected manifest.
    manage("collectstatic", "--noinput", "-v0", env=served)
    # The server's log (a 5xx's traceback) and schemathesis' report are kept.
    reports = ROOT / "artifacts" / "reliability"
    reports.mkdir(parents=True, exist_ok=True)
    server_log = reports / "schemathesis-server.log"
    # gunicorn as in production (three processes on two cores): the threaded
    # development server is held to one core by the GIL.
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(PY).with_name("gunicorn")),
            "--config=config/gunicorn.py",
            "config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=3",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=served,
        stdout=subprocess.DEVNULL,
        stderr=server_log.open("w"),
        start_new_session=True,
    )
    try:
        time.sleep(8)
        with tempfile.TemporaryDirectory() as scratch:
            result = subprocess.run(  # noqa: S603
                [
                    str(Path(PY).with_name("schemathesis")),
                    "run",
                    f"http://127.0.0.1:{port}/api/v1/schema/",
                    "--header",
                    f"Authorization: Token {token.key}",
                    "--checks",
                    "not_a_server_error",
                    "--max-examples",
                    "200",
                    "--max-time",
                    str(seconds),
                    "--workers",
                    "3",
                    "--continue-on-failure",
                    "--generation-database",
                    "none",
                    "--no-color",
                    "--warnings",
                    "off",
                    "--wait-for-schema",
                    "120",
                ],
                cwd=scratch,
                capture_output=True,
                text=True,
                timeout=seconds + 300,
                check=False,
            )
    finally:
        stop(server)
    (reports / "schemathesis.txt").write_text(result.stdout + result.stderr)
    generated = re.search(r"(\d+) generated", result.stdout)
    errors = re.search(r"ST101 Server error: (\d+)", result.stdout)
    cases = int(generated.group(1)) if generated else 0
    server_errors = int(errors.group(1)) if errors else 0
    line(
        "schemathesis against the live schema",
        cases >= 10_000 and server_errors == 0,
        f"{cases} generated requests (at least 10,000 wanted), "
        f"{server_errors} answered 5xx, in at most {seconds} s"
        + ("" if cases else f" ({(result.stdout + result.stderr)[-300:]!r})"),
    )


@drill("pip-audit of the installed packages")
def pip_audit() -> None:
    audit = subprocess.run(  # noqa: S603
        [
            str(ROOT / ".venv/bin/pip-audit"),
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    try:
        report = json.loads(audit.stdout)
    except json.JSONDecodeError:
        line(
            "pip-audit of the installed packages",
            False,
            "not audited: " + (audit.stderr.strip().splitlines() or ["no output"])[-1],
        )
        return
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    skipped = len(deps) - len(audited)
    line(
        "pip-audit of the installed packages",
        bool(audited) and not vulnerable,
        f"{len(audited)} of {len(deps)} packages audited, {skipped} not audited, "
        f"{len(vulnerable)} with known vulnerabilities"
        + (f": {', '.join(d['name'] for d in vulnerable)}" if vulnerable else ""),
    )


def main() -> int:
    setup()
    for run in (
        kpi_killed_in_process,
        kpi_worker_killed,
        kpi_enqueued_five_times,
        redis_down,
        version_required,
        concurrent_edits,
        connections_bounded,
        schemathesis_line,
        pip_audit,
    ):
        # `scripts/reliability.py pip_audit redis` runs only the drills named.
        wanted = sys.argv[1:]
        if not wanted or any(name in run.__name__ for name in wanted):
            run()
    failed = [name for name, ok, _ in RESULTS if not ok]
    print(f"\n{len(RESULTS) - len(failed)} of {len(RESULTS)} lines passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
