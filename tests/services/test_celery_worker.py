"""A real task through Redis to a real worker process and back."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection

from config.celery import ping

pytestmark = pytest.mark.django_db(transaction=True)


def test_settings_use_postgres_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not settings.CELERY_TASK_ALWAYS_EAGER


def test_task_round_trip_through_a_worker_process(celery_worker):
    result = ping.delay(41).get(timeout=30)

    assert result["pong"] == 41
    # It ran in the worker (a child of the worker process), not in this one.
    assert result["worker_pid"] != os.getpid()
    assert celery_worker.poll() is None
