"""The PostgreSQL twin of tests/migrations/test_upgrade.py: a database dumped
(pg_dump) from the code before issue 17, with its statement triggers and
their functions, upgrades to the schema of a new database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from tests.services.conftest import ROOT, _database_url

DUMP = ROOT / "tests" / "migrations" / "before_issue_17.postgresql.sql"
SCHEMA = """
SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_schema = 'public' ORDER BY 1, 2
"""
INDEXES = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
TRIGGERS = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
FUNCTIONS = (
    "SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE n.nspname = 'public'"
)


def _server() -> str:
    return _database_url().rsplit("/", 1)[0]


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    names = [f"milepost_upgrade_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(f"{_server()}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    yield tuple(f"{_server()}/{name}" for name in names)  # type: ignore[misc]
    with psycopg.connect(f"{_server()}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(url: str, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def read(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as db:
        return db.execute(sql).fetchall()


def test_a_postgresql_database_from_before_issue_17_upgrades(databases):
    old, new = databases
    psql = shutil.which("psql") or "psql"
    command = [psql, "-q", "-v", "ON_ERROR_STOP=1", "-f", str(DUMP), old]
    loaded = subprocess.run(  # noqa: S603 - psql with a fixed dump
        command,
        capture_output=True,
        text=True,
        check=False,
    )
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert read(old, TRIGGERS), "the dump holds the tally triggers"

    manage(old, "migrate", "--noinput")
    manage(new, "migrate", "--noinput")

    assert read(old, TRIGGERS) == read(new, TRIGGERS) == []
    assert read(old, FUNCTIONS) == read(new, FUNCTIONS) == []
    assert read(old, SCHEMA) == read(new, SCHEMA)
    assert sorted(read(old, INDEXES)) == sorted(read(new, INDEXES))
    write = (
        "from risks.models import Risk; from projects.models import Project; "
        "p = Project.objects.get(code='OLD-1'); "
        "Risk.objects.create(project=p, title='After', probability=2, impact=2); "
        "print(Risk.objects.filter(project=p).count())"
    )
    assert manage(old, "shell", "-c", write).split()[-1] == "2"
    manage(old, "migrate", "--check")
