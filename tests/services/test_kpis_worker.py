"""The nightly KPI job on PostgreSQL through Redis and a real Celery worker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from celery.result import AsyncResult
from django.db import connection

from kpis import registry, services, tasks
from kpis.models import KpiSnapshot
from tests.factories import (
    DepartmentFactory,
    MilestoneFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

AS_OF = date(2026, 6, 30)


def table() -> list[tuple]:
    return sorted(
        KpiSnapshot.objects.filter(as_of=AS_OF).values_list(
            "kpi__code",
            "scope_type",
            "scope_key",
            "numerator",
            "denominator",
            "value",
            "target",
            "status",
        )
    )


def test_worker_computes_the_same_rows_in_parallel_chunks(celery_worker, settings):
    assert connection.vendor == "postgresql"
    parent = DepartmentFactory()
    child = DepartmentFactory(parent=parent)
    manager = UserFactory()
    for n in range(5):
        project = ProjectFactory(manager=manager, department=child if n % 2 else parent)
        for k in range(n + 1):
            MilestoneFactory(
                project=project,
                planned_date=date(2026, 6, 20),
                completed_on=date(2026, 6, 20) if k % 2 == 0 else None,
            )

    # The chord: chunk tasks on the worker pool, then the pooling step.
    queued = tasks.compute_kpis_task.delay(AS_OF.isoformat()).get(timeout=60)
    AsyncResult(queued["finish_id"]).get(timeout=120)
    by_worker = table()

    assert queued["chunks"] >= 1
    org = KpiSnapshot.objects.get(
        kpi__code="on_time_delivery", as_of=AS_OF, scope_type="organisation"
    )
    # Milestones 1..5 per project, every other one on time: 1+1+2+2+3 of 15.
    assert (org.numerator, org.denominator) == (Decimal(9), Decimal(15))
    assert org.value == Decimal("0.6")
    assert KpiSnapshot.objects.filter(as_of=AS_OF).count() == len(registry.CODES) * (
        5 + 1 + 2 + 1
    )

    KpiSnapshot.objects.all().delete()
    services.snapshots_compute(as_of=AS_OF, size=2)
    assert table() == by_worker


def test_chunk_tasks_run_on_the_worker(celery_worker):
    project = ProjectFactory()
    queued = tasks.compute_kpi_chunk_task.delay(
        AS_OF.isoformat(), project.pk, project.pk
    )

    chunk = services.Chunk.from_json(queued.get(timeout=60))
    assert (chunk.first_id, chunk.last_id, chunk.reused) == (
        project.pk,
        project.pk,
        False,
    )
    # One partial sum per KPI: the project's manager and department, one row each.
    assert sorted((p.manager_id, p.department_id, p.rows) for p in chunk.partials) == [
        (project.manager_id, project.department_id, 1)
    ] * len(registry.CODES)
    assert KpiSnapshot.objects.filter(
        scope_type="project", scope_id=project.pk
    ).count() == len(registry.CODES)
