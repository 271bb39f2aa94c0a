"""The KPI job's run record: duplicate enqueues run once, a run a fault left
behind is re-queued by the watchdog, a failed run may be retried (issue 20)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kpis import services, tasks
from kpis.models import KpiJob, KpiSnapshot
from tests.factories import MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 30)


@pytest.fixture
def company(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    for _ in range(3):
        MilestoneFactory(project=ProjectFactory(), planned_date=AS_OF)


def test_five_enqueues_at_once_run_once_and_the_others_say_so(company, caplog):
    asked = timezone.now().isoformat()

    with caplog.at_level(logging.INFO, logger="kpis"):
        answers = [
            tasks.compute_kpis_task.apply(args=[AS_OF.isoformat(), asked]).get()
            for _ in range(5)
        ]

    job = KpiJob.objects.get(as_of=AS_OF)
    assert job.attempts == 1
    assert job.skipped == 4
    assert job.state == KpiJob.State.FINISHED
    assert [bool(a.get("skipped")) for a in answers] == [False, True, True, True, True]
    said = [r for r in caplog.records if r.name.startswith("kpis.")]
    assert sum("skipped" in r.getMessage() for r in said) == 4
    assert KpiSnapshot.objects.filter(as_of=AS_OF).exists()


def test_a_run_in_progress_makes_a_duplicate_skip(company):
    assert services.job_claim(as_of=AS_OF) is True

    answer = tasks.compute_kpis_task.apply(args=[AS_OF.isoformat()]).get()

    assert answer == {"as_of": AS_OF.isoformat(), "skipped": True}
    assert not KpiSnapshot.objects.filter(as_of=AS_OF).exists()


def test_a_later_request_runs_again(company):
    tasks.compute_kpis_task.apply(args=[AS_OF.isoformat()]).get()

    again = tasks.compute_kpis_task.apply(
        args=[AS_OF.isoformat(), timezone.now().isoformat()]
    ).get()

    assert "rows" in again
    assert KpiJob.objects.get(as_of=AS_OF).attempts == 2


def test_watchdog_requeues_a_run_left_unfinished(company, settings, caplog):
    settings.KPI_JOB_TIMEOUT_SECONDS = 60
    services.job_claim(as_of=AS_OF)  # a worker claimed it, then died
    KpiJob.objects.filter(as_of=AS_OF).update(
        started_at=timezone.now() - timedelta(minutes=5)
    )

    with caplog.at_level(logging.ERROR, logger="kpis"):
        requeued = tasks.kpi_watchdog_task.apply().get()

    assert requeued == [AS_OF.isoformat()]
    job = KpiJob.objects.get(as_of=AS_OF)
    assert job.state == KpiJob.State.FINISHED
    assert job.requeued == 1
    assert KpiSnapshot.objects.filter(as_of=AS_OF).exists()
    assert any("unfinished" in r.getMessage() for r in caplog.records)
    assert tasks.kpi_watchdog_task.apply().get() == []


def test_a_failed_run_releases_its_claim(company, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "snapshots_compute", boom)
    with pytest.raises(RuntimeError):
        tasks.compute_kpis_task.apply(args=[AS_OF.isoformat()]).get()
    assert KpiJob.objects.get(as_of=AS_OF).state == KpiJob.State.FAILED
    monkeypatch.undo()

    answer = tasks.compute_kpis_task.apply(args=[AS_OF.isoformat()]).get()

    assert "rows" in answer
    assert KpiJob.objects.get(as_of=AS_OF).state == KpiJob.State.FINISHED


def test_a_chunk_reported_twice_is_counted_once(company):
    chunks = [
        services.snapshots_compute_chunk(as_of=AS_OF, first_id=first, last_id=last)
        for first, last in services.project_chunks()
    ]
    services.snapshots_finish(as_of=AS_OF, chunks=chunks)
    once = sorted(
        KpiSnapshot.objects.filter(as_of=AS_OF).values_list(
            "scope_type", "scope_key", "kpi_id", "numerator", "denominator"
        )
    )

    services.snapshots_finish(as_of=AS_OF, chunks=chunks + chunks)

    twice = sorted(
        KpiSnapshot.objects.filter(as_of=AS_OF).values_list(
            "scope_type", "scope_key", "kpi_id", "numerator", "denominator"
        )
    )
    assert twice == once
