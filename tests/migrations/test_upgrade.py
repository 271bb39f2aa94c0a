"""One migration path: a database built before issue 17 (record tallies, their
triggers and the `manages` column; dumped by `sqlite3 .dump` from the code of
that day, with a project and a record of each counted kind) upgrades to the
same schema as a new database, keeps its rows, and takes writes again.

The PostgreSQL twin is tests/services/test_migrations_postgresql.py.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUMP = Path(__file__).with_name("before_issue_17.sqlite.sql")
WRITE = (
    "from datetime import date; from risks.models import Risk; "
    "from projects.models import Project, Membership; "
    "p = Project.objects.get(code='OLD-1'); "
    "Risk.objects.create(project=p, title='After', probability=2, impact=2); "
    "Membership.objects.filter(project=p).update(allocation_percent=40); "
    "print(Risk.objects.filter(project=p).count())"
)


def manage(database: Path, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def schema(database: Path) -> dict[str, object]:
    """Tables with their columns, and our indexes (not SQLite's own)."""
    with sqlite3.connect(database) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        columns = {
            table: sorted(row[1] for row in db.execute(f'PRAGMA table_info("{table}")'))
            for table in tables
        }
        indexes = sorted(
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND name NOT LIKE 'sqlite_autoindex%'"
            )
        )
        triggers = [
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ]
    return {"columns": columns, "indexes": indexes, "triggers": triggers}


def test_a_database_from_before_issue_17_upgrades_to_the_new_schema(tmp_path):
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    with sqlite3.connect(old) as db:
        db.executescript(DUMP.read_text())
    before = schema(old)
    assert "projects_tally" in before["columns"]
    assert before["triggers"], "the dump holds the tally triggers"

    manage(old, "migrate", "--noinput")
    manage(new, "migrate", "--noinput")

    upgraded, fresh = schema(old), schema(new)
    assert upgraded["triggers"] == fresh["triggers"] == []
    assert upgraded["columns"] == fresh["columns"]
    assert upgraded["indexes"] == fresh["indexes"]
    assert "manages" not in upgraded["columns"]["projects_membership"]
    # The rows survive, and a write that fired the old triggers works.
    assert manage(old, "shell", "-c", WRITE).split()[-1] == "2"
    with sqlite3.connect(old) as db:
        tasks = [row[0] for row in db.execute("SELECT name FROM django_celery_beat_periodictask")]
    assert "Record tallies: compact (hourly)" not in tasks
    # Nothing is left to migrate on either.
    manage(old, "migrate", "--check")
