"""PostgreSQL + Redis + a real Celery worker process.

These tests run under `make test-services` (MILEPOST_SERVICES=1). There, a
missing PostgreSQL or Redis is a failure, never a skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    for item in items:
        if "tests/services/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.services)


@pytest.fixture(scope="session", autouse=True)
def _services_answer() -> None:
    if connection.vendor != "postgresql":
        pytest.fail(
            "The services suite needs DATABASE_URL pointing at PostgreSQL "
            f"(got {connection.vendor}). Run `make test-services`."
        )
    if not settings.CELERY_BROKER_URL:
        pytest.fail("The services suite needs REDIS_URL (a Redis broker).")
    import redis

    try:
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=3).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis at {settings.CELERY_BROKER_URL} does not answer: {error}")


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker(
    django_db_setup, django_db_blocker, tmp_path_factory
) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery worker` process reading the test database."""
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    env = os.environ | {
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--concurrency=2",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                "-n",
                f"test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    from config.celery import ping

    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"The Celery worker exited early:\n{log.read_text()[-3000:]}"
                )
            try:
                ping.delay(0).get(timeout=5)
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"The Celery worker did not answer:\n{log.read_text()[-3000:]}"
                    )
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
