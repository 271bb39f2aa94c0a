# ruff: noqa: S603, S106 - a benchmark driver: runs its own commands
"""Performance at scale (issue 9): `make bench` runs this.

    .venv/bin/python bench/run.py [--sizes 1000,10000] [--seconds 2] [--rounds 3]
                                  [--runs 3] [--label NAME] [--skip pages,kpi]

On PostgreSQL (one database per size, postgres://postgres@127.0.0.1:5432/
milepost_bench_<N>, created, migrated and seeded with `seed_demo --projects N`
the first time; later runs reuse them) it

1. installs its load generator (Debian's `wrk`) if missing;
2. counts the SQL queries of every page at every size (test client);
3. serves the app with gunicorn (DJANGO_DEBUG=0, several workers, loopback),
   one server per size, and times each page with wrk against a trivial
   signed-in page (the floor, /bench/floor/, same middleware and server):
   p50 and p95, in rounds that interleave sizes and floors (see time_pages);
4. times the nightly KPI job at the largest size in process, through one real
   Celery worker and through two workers splitting the chunks, each run next
   to one hand-written SQL aggregate per KPI (read only) and the same
   aggregates written into the snapshot table (the write floor), with the
   workers' peak memory;

and writes bench/results/<label>.json and <label>.md (gitignored).
Environment: BENCH_PG (server URL without database), BENCH_REDIS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PY = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
WORKERS = 3  # gunicorn processes (the machine has 2 cores)
CONNECTIONS = 2  # wrk connections: latency, not throughput
GOALS = {"p50_floor": 5, "p95_floor": 10, "growth": 1.25, "queries": 12, "kpi": 1.5}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def env_for(size: int, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"{PG}/milepost_bench_{size}",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="0",
        MILEPOST_BENCH="1",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def probe(size: int, *args: str, **extra: str) -> Any:
    out = run([PY, str(BENCH / "probe.py"), *args], env_for(size, **extra))
    return json.loads(out.strip().splitlines()[-1])


# ------------------------------------------------------------------ set-up


def install_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("installing wrk (Debian package)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=apt)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=apt
    )
    return shutil.which("wrk") or sys.exit("wrk did not install")


def psql(sql: str, database: str = "postgres") -> str:
    return run(["psql", f"{PG}/{database}", "-Atqc", sql])


def prepare(size: int) -> dict[str, Any]:
    """Create, migrate and seed milepost_bench_<size> unless already there."""
    name = f"milepost_bench_{size}"
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'").strip():
        psql(f"CREATE DATABASE {name}")
    env = env_for(size)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    seed_file = RESULTS / f"seed-{size}.json"
    count = int(psql("SELECT count(*) FROM projects_project", name).strip())
    if count < size:
        log(f"seeding {size} projects (seed_demo)")
        started = time.perf_counter()
        run([PY, "manage.py", "seed_demo", "--projects", str(size)], env)
        seconds = round(time.perf_counter() - started, 1)
        psql("ANALYZE", name)
        seed_file.write_text(json.dumps({"projects": size, "seconds": seconds}))
    seeded = json.loads(seed_file.read_text()) if seed_file.exists() else {}
    seeded["snapshots"] = probe(size, "snapshots")
    # What autovacuum does in production after big writes: fresh statistics and
    # a visibility map (index-only scans) before anything is timed.
    psql("VACUUM ANALYZE", name)
    seeded["volumes"] = probe(size, "volumes")
    return seeded


# ------------------------------------------------------------------- pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(size: int, port: int) -> subprocess.Popen[bytes]:
    cmd = [
        str(Path(PY).with_name("gunicorn")),
        "--config=config/gunicorn.py",
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--log-level=warning",
        "--timeout=120",
    ]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env_for(size), start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/accounts/login/", timeout=2
            )
            return server
        except OSError:  # refused, reset or timed out while it starts
            time.sleep(0.3)
    stop(server)
    sys.exit("gunicorn did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def fetch(url: str, cookie: str) -> tuple[int, int]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def wrk(wrk_bin: str, url: str, cookie: str, seconds: int) -> dict[str, Any]:
    env = {**os.environ, "BENCH_COOKIE": cookie}
    cmd = [wrk_bin, "-t1", f"-c{CONNECTIONS}", "--timeout", "30s", f"-d{seconds}s"]
    out = subprocess.run(
        [*cmd, "-s", str(BENCH / "wrk_report.lua"), url],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("{"))
    data = json.loads(line)
    if data["requests"] == 0 and seconds < 30:
        # Not one answer within the window (a loaded machine): time it longer
        # rather than divide by a latency of zero.
        return wrk(wrk_bin, url, cookie, seconds * 4)
    return {
        "requests": data["requests"],
        "errors": data["errors"],
        "non_2xx": data["status_errors"],
        "p50_ms": round(data["p50"] / 1000, 2),
        "p95_ms": round(data["p95"] / 1000, 2),
        "p99_ms": round(data["p99"] / 1000, 2),
        "rps": round(data["requests"] / (data["duration_us"] / 1e6), 1),
    }


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def time_pages(
    sizes: list[int], wrk_bin: str, seconds: int, rounds: int
) -> dict[str, Any]:
    """Time every page at every size, interleaved, each next to its floor.

    This machine's speed drifts by tens of percent within minutes (the floor
    alone moved from 6.4 to 9.7 ms in one run), so timing all of one size and
    then all of the other put that drift into every ratio. Instead one server
    per size runs throughout, and for each page every round times, back to
    back, the floor and the page on each size (the size order alternating
    between rounds). Each ratio (page ÷ floor, 10,000 ÷ 1,000) is taken within
    its round, and the report gives the median over rounds.
    """
    listed = {size: probe(size, "pages") for size in sizes}
    cookies = {
        size: {u: probe(size, "session", u)["cookie"] for u in {p["user"] for p in ps}}
        for size, ps in listed.items()
    }
    ports = {size: free_port() for size in sizes}
    servers: list[subprocess.Popen[bytes]] = []
    out: dict[str, Any] = {str(size): {} for size in sizes}
    try:
        for size, port in ports.items():
            servers.append(serve(size, port))
        bases = {size: f"http://127.0.0.1:{port}" for size, port in ports.items()}
        for size, pages in listed.items():
            for page in pages:  # every URL answers, and its caches are warm
                url = bases[size] + page["path"]
                status, length = fetch(url, cookies[size][page["user"]])
                if status != 200:
                    sys.exit(f"N={size} {page['name']} {page['path']}: HTTP {status}")
                page["bytes"] = length
                wrk(wrk_bin, url, cookies[size][page["user"]], 1)
        floors = {size: pages[0] for size, pages in listed.items()}
        names = [p["name"] for p in listed[sizes[0]]]
        # A bar on a terminal only (disable=None): logs and CI stay plain.
        for n, name in enumerate(tqdm(names, desc="bench pages", disable=None)):
            runs: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
            for r in range(rounds):
                for size in sizes if r % 2 == 0 else sizes[::-1]:
                    page, floor = listed[size][n], floors[size]
                    cookie = cookies[size][page["user"]]
                    f = wrk(wrk_bin, bases[size] + floor["path"], cookie, seconds)
                    t = wrk(wrk_bin, bases[size] + page["path"], cookie, seconds)
                    runs[size].append({"page": t, "floor": f})
            small, large = str(min(sizes)), str(max(sizes))
            for size in sizes:
                page, timed = listed[size][n], runs[size]
                out[str(size)][name] = {
                    "path": page["path"],
                    "user": page["user"],
                    "bytes": page["bytes"],
                    "rounds": timed,
                    **{
                        key: median([x["page"][key] for x in timed])
                        for key in ("p50_ms", "p95_ms", "p99_ms", "rps")
                    },
                    "floor_p50_ms": median([x["floor"]["p50_ms"] for x in timed]),
                    "p50_x_floor": median(
                        [x["page"]["p50_ms"] / x["floor"]["p50_ms"] for x in timed]
                    ),
                    "p95_x_floor": median(
                        [x["page"]["p95_ms"] / x["floor"]["p95_ms"] for x in timed]
                    ),
                    "errors": sum(
                        x["page"]["errors"] + x["page"]["non_2xx"] for x in timed
                    ),
                }
            if len(sizes) > 1:
                out[large][name]["growth"] = median(
                    [
                        a["page"]["p50_ms"] / b["page"]["p50_ms"]
                        for a, b in zip(runs[int(large)], runs[int(small)], strict=True)
                    ]
                )
            log(
                f"{name}: "
                + ", ".join(
                    f"N={s} p50 {out[str(s)][name]['p50_ms']} ms "
                    f"({out[str(s)][name]['p50_x_floor']}× floor)"
                    for s in sizes
                )
                + (
                    f", growth {out[large][name].get('growth')}"
                    if len(sizes) > 1
                    else ""
                )
            )
    finally:
        for server in servers:
            stop(server)
    return out


# ---------------------------------------------------------------- KPI job


def peak_rss_kb(pid: int) -> int:
    """Peak resident memory (VmHWM) of a process and its children, the largest."""
    peak = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak


def kpi_celery(size: int, workers: int, runs: int) -> dict[str, Any]:
    queue = f"bench-{os.getpid()}-{workers}"
    extra = {"REDIS_URL": REDIS, "CELERY_QUEUE": queue}
    env = env_for(size, **extra)
    procs = [
        subprocess.Popen(
            [
                str(Path(PY).with_name("celery")),
                "-A",
                "config",
                "worker",
                "-c",
                "1",
                "-Q",
                queue,
                "-n",
                f"bench{n}-{os.getpid()}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for n in range(workers)
    ]
    try:
        time.sleep(4)
        result = probe(size, "kpi-celery", str(runs), **extra)
        result["workers"] = workers
        result["peak_rss_mb"] = [round(peak_rss_kb(p.pid) / 1024, 1) for p in procs]
    finally:
        for p in procs:
            stop(p)
    return result


# ----------------------------------------------------------------- report


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("nan")


def summarise(result: dict[str, Any]) -> None:
    sizes = result["sizes"]
    pages = result["pages"]
    small, large = str(min(sizes)), str(max(sizes))
    goals: dict[str, Any] = {"failed": []}
    for name, page in pages.get(large, {}).items():
        if name.startswith("floor"):
            continue
        q_small = result["queries"][small][name]["queries"]
        q_large = result["queries"][large][name]["queries"]
        checks = {
            "p50 ≤ 5× floor": page["p50_x_floor"] <= GOALS["p50_floor"],
            "p95 ≤ 10× floor": page["p95_x_floor"] <= GOALS["p95_floor"],
            "p50 growth ≤ 1.25×": page.get("growth", 1) <= GOALS["growth"],
            "queries equal": q_small == q_large,
            "queries ≤ 12": q_large <= GOALS["queries"],
        }
        goals["failed"] += [f"{name}: {c}" for c, ok in checks.items() if not ok]
    kpi = result.get("kpi", {})
    for mode, job in kpi.items():
        if job["ratio_write_floor"] > GOALS["kpi"]:
            goals["failed"].append(
                f"KPI job {mode}: {job['ratio_write_floor']}× SQL write floor"
            )
    for size, timed in result.get("reports", {}).items():
        for name, report in timed.items():
            if report["goal_s"] is not None and report["median_s"] > report["goal_s"]:
                goals["failed"].append(
                    f"{name} at N={size}: {report['median_s']} s > {report['goal_s']} s"
                )
    both = "celery, 1 worker" in kpi and "celery, 2 workers" in kpi
    if both and kpi["celery, 2 workers"]["best"] >= kpi["celery, 1 worker"]["best"]:
        goals["failed"].append("KPI job: two workers not faster than one")
    result["goals"] = goals


def markdown(result: dict[str, Any]) -> str:
    sizes = [str(s) for s in result["sizes"]]
    small, large = sizes[0], sizes[-1]
    pages = result["pages"]
    md = [
        f"# Milepost benchmark: {result['label']} ({result['started']})",
        "",
        f"Machine: {result['machine']['cores']} cores, load average before "
        f"{result['machine']['load_before']}, after {result['machine']['load_after']}. "
        f"gunicorn {WORKERS} workers per size, wrk {CONNECTIONS} connections, "
        f"{result['rounds']} rounds of {result['seconds']} s per page and size, each "
        "next to its floor, sizes interleaved; loopback, DJANGO_DEBUG=0, PostgreSQL. "
        "Every figure is the median over rounds; ratios are taken within a round.",
        "",
        f"| page | queries N={small} | queries N={large} | p50 ms {small} "
        f"| p50 ms {large} | p95 ms {large} | p50 ×floor {small} | p50 ×floor {large} "
        f"| p95 ×floor {large} | p50 {large}/{small} |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    q = result["queries"]
    for name, page in pages.get(large, {}).items():
        md.append(
            f"| {name} | {q[small].get(name, {}).get('queries', '')} "
            f"| {q[large].get(name, {}).get('queries', '')} "
            f"| {pages[small][name]['p50_ms']} | {page['p50_ms']} | {page['p95_ms']} "
            f"| {pages[small][name]['p50_x_floor']} | {page['p50_x_floor']} "
            f"| {page['p95_x_floor']} | {page.get('growth', '')} |"
        )
    if result.get("kpi"):
        md += [
            "",
            f"Nightly KPI job at N={large}, each run on a date never computed (the "
            "nightly case), interleaved with the floors: the SQL floor is one "
            "hand-written SQL aggregate per KPI (read only, best of JIT on/off); the "
            "write floor is the same aggregates INSERTed by hand as the day's project "
            "rows into the same table (same indexes, committed). Ratios are medians "
            "of per-round ratios.",
            "",
            "| mode | runs s | median s | SQL floor s | write floor s | ×SQL floor "
            "| ×write floor | rows | mismatches | peak RSS MB |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for mode, job in result["kpi"].items():
            md.append(
                f"| {mode} | {', '.join(map(str, job['runs']))} | {job['median']} "
                f"| {job['sql_floor']['median']} | {job['sql_write_floor']['median']} "
                f"| {job['ratio_floor']} | {job['ratio_write_floor']} "
                f"| {job['rows']} | {job['mismatches']} "
                f"| {job.get('peak_rss_mb', '')} |"
            )
    if result.get("reports"):
        md += [
            "",
            "Report packs in process (read for the reader, then drawn by "
            "WeasyPrint or written by openpyxl), median and worst of the runs:",
            "",
            "| report | N | median s | max s | goal s | KB | queries |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for size, timed in result["reports"].items():
            for name, report in timed.items():
                md.append(
                    f"| {name} | {size} | {report['median_s']} | {report['max_s']} "
                    f"| {report['goal_s'] or ''} | {report['bytes'] // 1024} "
                    f"| {report['queries']} |"
                )
    md += ["", "Seed (seed_demo --projects N):", ""]
    for size in sizes:
        seed = result["seed"][size]
        md.append(
            f"- N={size}: {seed.get('seconds', '?')} s; "
            + ", ".join(f"{k.split('.')[-1]} {v}" for k, v in seed["volumes"].items())
        )
    failed = result["goals"]["failed"]
    md += ["", "Goals missed:" if failed else "All goals met.", ""]
    md += [f"- {f}" for f in failed]
    return "\n".join(md) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument(
        "--seconds", type=int, default=2, help="wrk seconds per page, size and round"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page")
    parser.add_argument("--runs", type=int, default=3, help="KPI job runs per mode")
    parser.add_argument("--label", default="latest")
    parser.add_argument("--skip", default="", help="comma list: pages,kpi,reports")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    skip = set(args.skip.split(","))
    RESULTS.mkdir(parents=True, exist_ok=True)
    wrk_bin = install_wrk()
    result: dict[str, Any] = {
        "label": args.label,
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "sizes": sizes,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "machine": {"cores": os.cpu_count(), "load_before": os.getloadavg()},
        "seed": {},
        "queries": {},
        "pages": {},
    }
    log("collectstatic")
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env_for(sizes[0]))
    for size in sizes:
        result["seed"][str(size)] = prepare(size)
        result["queries"][str(size)] = probe(size, "queries")
        bad = {
            k: v["status"]
            for k, v in result["queries"][str(size)].items()
            if v["status"] != 200
        }
        if bad:
            sys.exit(f"pages not 200 at N={size}: {bad}")
    if "pages" not in skip:
        result["pages"] = time_pages(sizes, wrk_bin, args.seconds, args.rounds)
    if "reports" not in skip:
        log("report packs (PDF and XLSX) in process")
        result["reports"] = {
            str(size): probe(size, "reports", str(args.runs)) for size in sizes
        }
    if "kpi" not in skip:
        large = max(sizes)
        log("KPI job in process")
        result["kpi"] = {"in process": probe(large, "kpi-inprocess", str(args.runs))}
        for workers in (1, 2):
            log(f"KPI job through {workers} Celery worker(s)")
            label = f"celery, {workers} worker" + ("s" if workers > 1 else "")
            result["kpi"][label] = kpi_celery(large, workers, args.runs)
    result["machine"]["load_after"] = os.getloadavg()
    summarise(result)
    (RESULTS / f"{args.label}.json").write_text(
        json.dumps(result, indent=2, default=str)
    )
    (RESULTS / f"{args.label}.md").write_text(markdown(result))
    print(markdown(result))
    log(f"results in {RESULTS}/{args.label}.json")


if __name__ == "__main__":
    main()
