"""Record tallies under concurrent writers, on PostgreSQL (projects/tallies.py)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from accounts import roles
from projects import tallies
from projects.models import Project
from risks.models import Risk
from tests.factories import ProjectFactory, RiskFactory, UserFactory

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


def _in_thread(work, failures: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _waits_for(held, then) -> None:
    """Run `held` in a transaction kept open, then `then` in another thread:
    `then` must wait until that transaction commits, and neither may fail."""
    ready, finish = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold() -> None:
        with transaction.atomic():
            held()
            ready.set()
            assert finish.wait(30)

    holder = _in_thread(hold, failures)
    try:
        assert ready.wait(30)
        waiter = _in_thread(then, failures)
        waiter.join(1)
        assert waiter.is_alive(), "it should wait for the open transaction"
    finally:
        finish.set()
        holder.join(30)
    waiter.join(30)
    assert not failures


def test_a_change_of_manager_waits_for_writers_adding_to_the_old_one():
    """A risk written (not yet committed) while its project changes hands is
    rolled up to the old manager; the handover waits for it, then moves it."""
    project = ProjectFactory()
    old, new = project.manager, UserFactory(role=roles.PROJECT_MANAGER)

    def handover() -> None:
        with transaction.atomic():
            Project.objects.filter(pk=project.pk).update(manager=new)

    _waits_for(lambda: RiskFactory(project=project, probability=2, impact=3), handover)
    assert tallies.check_managers() == {}
    assert tallies.count(new, Risk) == 1
    assert tallies.count(old, Risk) == 0
    assert tallies.heat_map(new) == {(2, 3): 1}


def test_a_writer_after_an_open_handover_adds_to_the_new_manager():
    project = ProjectFactory()
    RiskFactory(project=project)
    old, new = project.manager, UserFactory(role=roles.PROJECT_MANAGER)

    _waits_for(
        lambda: Project.objects.filter(pk=project.pk).update(manager=new),
        lambda: RiskFactory(project=project),
    )
    assert tallies.check_managers() == {}
    assert tallies.count(new, Risk) == 2
    assert tallies.count(old, Risk) == 0
