"""Record tallies under concurrent writers, on PostgreSQL (projects/tallies.py)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from projects import tallies
from risks.models import Risk
from tests.factories import ProjectFactory, RiskFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _no_waiting() -> None:
    """Fail fast (instead of hanging) if this transaction has to wait for a lock."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '2s'")


def test_writers_never_wait_and_compaction_leaves_uncommitted_rows():
    project = ProjectFactory()
    inserted, finish = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                RiskFactory(project=project, probability=5, impact=5)
                inserted.set()
                assert finish.wait(30)
        except BaseException as error:  # reported by the main thread
            failures.append(error)
            inserted.set()
        finally:
            connection.close()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    try:
        assert inserted.wait(30)
        # Another risk in the same project and cell while the first is open:
        # tallies are only ever inserted, so nobody waits for a row lock.
        with transaction.atomic():
            _no_waiting()
            RiskFactory(project=project, probability=5, impact=5)
        with transaction.atomic():
            _no_waiting()
            tallies.compact()
        # Compaction saw only the committed risk; the open one is not lost.
        assert tallies.heat_map(project.manager, project) == {(5, 5): 1}
    finally:
        finish.set()
        writer.join(30)
    assert not failures
    assert Risk.objects.filter(project=project).count() == 2
    assert tallies.heat_map(project.manager, project) == {(5, 5): 2}
    assert tallies.check() == {}
    tallies.compact()
    assert tallies.count(project.manager, Risk, project) == 2
