"""The web process's settings on PostgreSQL: page queries plan without
parallel workers (config/settings.py) and gunicorn freezes the start-up heap
(config/gunicorn.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.services.conftest import ROOT, _database_url

PROBE = """
import gc, os, runpy
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
import config.wsgi
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW max_parallel_workers_per_gather")
    workers = cursor.fetchone()[0]
before = gc.get_freeze_count()
runpy.run_path("config/gunicorn.py")["post_worker_init"](None)
print(workers, gc.get_freeze_count() - before > 10000)
"""


def test_web_requests_plan_without_parallel_workers_and_freeze_the_heap(db):
    done = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": _database_url()},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0", "True"]
