"""Pooling over scopes, targets, re-runs and interrupted runs of the KPI job."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_celery_beat.models import PeriodicTask

from kpis import registry, schedule, services, tasks
from kpis.models import KpiDefinition, KpiRun, KpiSnapshot, KpiTarget
from projects.models import Project
from tests.factories import (
    CustomerSatisfactionFactory,
    DepartmentFactory,
    MilestoneFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)
D = Decimal


@pytest.fixture
def company(settings):
    """root ⊃ d1 ⊃ d2, and e. Manager m1 runs p1 (d1) and p2 (d2); m2 runs p3 (e);
    m3 only a cancelled project p4 (d1)."""
    settings.KPI_WINDOW_DAYS = 10
    root = DepartmentFactory(code="root")
    d1 = DepartmentFactory(code="d1", parent=root)
    d2 = DepartmentFactory(code="d2", parent=d1)
    e = DepartmentFactory(code="e")
    m1, m2, m3 = UserFactory(), UserFactory(), UserFactory()
    p1 = ProjectFactory(department=d1, manager=m1)
    p2 = ProjectFactory(department=d2, manager=m1)
    p3 = ProjectFactory(department=e, manager=m2)
    p4 = ProjectFactory(department=d1, manager=m3, status=Project.Status.CANCELLED)
    on_plan = date(2026, 6, 25)

    def milestones(project: Project, done: int, total: int) -> None:
        for n in range(total):
            MilestoneFactory(
                project=project,
                planned_date=on_plan,
                completed_on=on_plan if n < done else None,
            )

    milestones(p1, 1, 2)
    milestones(p2, 3, 3)
    milestones(p3, 0, 1)
    milestones(p4, 5, 5)
    CustomerSatisfactionFactory(project=p1, score=100, responded_on=on_plan)
    for score in (50, 60, 70):
        CustomerSatisfactionFactory(project=p2, score=score, responded_on=on_plan)
    return locals()


def rows(code: str) -> dict[tuple[str, int | None], tuple]:
    return {
        (r.scope_type, r.scope_id): (r.numerator, r.denominator, r.value, r.status)
        for r in KpiSnapshot.objects.filter(kpi__code=code, as_of=AS_OF)
    }


def table() -> list[tuple]:
    return sorted(
        KpiSnapshot.objects.filter(as_of=AS_OF).values_list(
            "kpi__code",
            "scope_type",
            "scope_key",
            "scope_id",
            "numerator",
            "denominator",
            "value",
            "target",
            "status",
        )
    )


def test_scopes_pool_numerators_and_denominators(company):
    c = company
    services.snapshots_compute(as_of=AS_OF)

    on_time = rows("on_time_delivery")
    assert on_time == {
        ("project", c["p1"].pk): (D(1), D(2), D("0.5"), "missed"),
        ("project", c["p2"].pk): (D(3), D(3), D(1), "met"),
        ("project", c["p3"].pk): (D(0), D(1), D(0), "missed"),
        ("manager", c["m1"].pk): (D(4), D(5), D("0.8"), "missed"),
        ("manager", c["m2"].pk): (D(0), D(1), D(0), "missed"),
        ("department", c["d2"].pk): (D(3), D(3), D(1), "met"),
        ("department", c["d1"].pk): (D(4), D(5), D("0.8"), "missed"),
        ("department", c["root"].pk): (D(4), D(5), D("0.8"), "missed"),
        ("department", c["e"].pk): (D(0), D(1), D(0), "missed"),
        ("organisation", None): (D(4), D(6), D("0.6666666667"), "missed"),
    }
    # A mean pools sums and counts: (100 + 50 + 60 + 70) / 4 = 70, not (100 + 60) / 2.
    satisfaction = rows("customer_satisfaction")
    assert satisfaction[("manager", c["m1"].pk)] == (D(280), D(4), D(70), "missed")
    assert satisfaction[("department", c["root"].pk)] == (D(280), D(4), D(70), "missed")
    assert satisfaction[("manager", c["m2"].pk)] == (D(0), D(0), None, "no_data")
    assert satisfaction[("organisation", None)] == (D(280), D(4), D(70), "missed")


def test_cancelled_projects_and_their_only_manager_get_no_rows(company):
    c = company
    services.snapshots_compute(as_of=AS_OF)

    assert not KpiSnapshot.objects.filter(scope_type="project", scope_id=c["p4"].pk)
    assert not KpiSnapshot.objects.filter(scope_type="manager", scope_id=c["m3"].pk)
    # 3 projects + 2 managers + 4 departments + organisation, 17 KPIs each.
    assert KpiSnapshot.objects.filter(as_of=AS_OF).count() == 10 * 17


def test_rerun_gives_the_same_rows(company):
    services.snapshots_compute(as_of=AS_OF)
    first = table()
    ids = set(KpiSnapshot.objects.values_list("pk", flat=True))

    services.snapshots_compute(as_of=AS_OF)

    assert table() == first
    assert set(KpiSnapshot.objects.values_list("pk", flat=True)) == ids


def test_a_run_killed_after_one_chunk_and_rerun_equals_a_fresh_run(company):
    services.snapshots_compute(as_of=AS_OF)
    fresh = table()
    KpiSnapshot.objects.all().delete()
    first_chunk = services.project_chunks(size=1)[0]
    services.snapshots_compute_chunk(
        as_of=AS_OF, first_id=first_chunk[0], last_id=first_chunk[1]
    )  # ... and the process died here.

    services.snapshots_compute(as_of=AS_OF, size=1)

    assert table() == fresh


def test_rerun_after_a_cancellation_removes_stale_rows(company):
    c = company
    services.snapshots_compute(as_of=AS_OF)
    Project.objects.filter(pk=c["p3"].pk).update(status=Project.Status.CANCELLED)

    services.snapshots_compute(as_of=AS_OF)
    after = table()
    KpiSnapshot.objects.all().delete()
    services.snapshots_compute(as_of=AS_OF)

    assert after == table()
    assert not KpiSnapshot.objects.filter(scope_type="manager", scope_id=c["m2"].pk)
    assert not KpiSnapshot.objects.filter(scope_type="department", scope_id=c["e"].pk)
    assert rows("on_time_delivery")[("organisation", None)][:2] == (D(4), D(5))


def test_a_new_date_is_pooled_from_the_chunks_without_reading_its_rows_back(company):
    chunks = [
        services.snapshots_compute_chunk(as_of=AS_OF, first_id=first, last_id=last)
        for first, last in services.project_chunks(size=1)
    ]
    assert not any(chunk.reused for chunk in chunks)

    with CaptureQueriesContext(connection) as ctx:
        total = services.snapshots_finish(as_of=AS_OF, chunks=chunks)

    snapshot_sql = [
        q["sql"] for q in ctx.captured_queries if "kpis_kpisnapshot" in q["sql"]
    ]
    assert not [
        sql for sql in snapshot_sql if sql.startswith(("DELETE", "SELECT COUNT"))
    ]
    # 3 projects + 2 managers + 4 departments + organisation, 17 KPIs each.
    assert total == KpiSnapshot.objects.filter(as_of=AS_OF).count() == 170
    assert KpiRun.objects.get(as_of=AS_OF).rows == 170
    assert rows("on_time_delivery")[("department", company["root"].pk)][:2] == (
        D(4),
        D(5),
    )


def test_rows_of_a_deleted_project_outside_every_chunk_are_dropped(company):
    services.snapshots_compute(as_of=AS_OF)
    fresh = table()
    gone = ProjectFactory(department=company["e"], manager=company["m2"])
    services.snapshots_compute(as_of=AS_OF)
    # Only the newest project's rows are left of that run, then it is deleted:
    # no chunk covers its id any more, and nothing else marks the date as used.
    KpiSnapshot.objects.filter(as_of=AS_OF).exclude(
        scope_type="project", scope_id=gone.pk
    ).delete()
    gone.delete()

    total = services.snapshots_compute(as_of=AS_OF)

    assert table() == fresh
    assert total == len(fresh) == KpiRun.objects.get(as_of=AS_OF).rows


def test_chunk_sizes_do_not_change_the_rows(company):
    services.snapshots_compute(as_of=AS_OF, size=1)
    small = table()
    KpiSnapshot.objects.all().delete()
    services.snapshots_compute(as_of=AS_OF, size=1000)
    assert table() == small


def test_department_override_is_inherited_by_sub_departments_and_projects(company):
    c = company
    on_time = KpiDefinition.objects.get(code="on_time_delivery")
    KpiTarget.objects.create(kpi=on_time, department=c["d1"], target=D("0.8"))
    services.kpi_target_set(definition=on_time, target=D("0.95"))

    services.snapshots_compute(as_of=AS_OF)

    def row(scope_type, scope_id):
        return KpiSnapshot.objects.get(
            kpi=on_time, as_of=AS_OF, scope_type=scope_type, scope_id=scope_id
        )

    # 4/5 = 0.8 meets the department's 0.8 (inclusive), misses the org's 0.95.
    assert (
        row("department", c["d1"].pk).target,
        row("department", c["d1"].pk).status,
    ) == (D("0.8"), "met")
    assert row("department", c["d2"].pk).target == D("0.8")
    assert row("project", c["p2"].pk).target == D("0.8")
    assert row("department", c["root"].pk).target == D("0.95")
    assert row("project", c["p3"].pk).target == D("0.95")
    assert row("manager", c["m1"].pk).target == D("0.95")
    assert row("organisation", None).target == D("0.95")


def test_sync_keeps_an_edited_target_and_restores_missing_rows():
    definition = KpiDefinition.objects.get(code="customer_satisfaction")
    services.kpi_target_set(definition=definition, target=D(85))
    KpiDefinition.objects.filter(code="change_ratio").delete()

    registry.sync_definitions()
    registry.sync_definitions()

    assert KpiDefinition.objects.get(code="customer_satisfaction").target == D(85)
    assert KpiDefinition.objects.get(code="change_ratio").target == D("0.10")
    assert KpiDefinition.objects.filter(code__in=registry.CODES).count() == 17


def test_registry_holds_the_seventeen_kpis_with_their_default_targets():
    assert {k.code: k.default_target for k in registry.all()} == {
        "on_time_delivery": D("0.9"),
        "customer_satisfaction": D(80),
        "risk_response_rate": D("0.95"),
        "team_communication": D("4.0"),
        "issue_resolution_hours": D(48),
        "change_ratio": D("0.10"),
        "improvement_rate": D("0.75"),
        "meeting_satisfaction": D("0.80"),
        "plan_submission": D("0.90"),
        "budget_adherence": D("1.00"),
        "projects_within_budget": D("0.90"),
        "requirement_completeness": D("0.95"),
        "requirement_fulfilment": D("0.95"),
        "document_update_timeliness": D("0.95"),
        "review_pass_rate": D("0.90"),
        "conflict_resolution_rate": D("0.85"),
        "retro_report_timeliness": D("0.90"),
    }
    assert registry.get("change_ratio").term_zh == "需求变更可控性"


def test_nightly_schedule_exists_once_and_keeps_admin_edits():
    task = PeriodicTask.objects.get(name=schedule.NIGHTLY_NAME)
    assert task.task == "kpis.tasks.compute_kpis_task"
    task.enabled = False
    task.save()

    assert schedule.ensure_nightly_schedule() is False
    assert PeriodicTask.objects.get(name=schedule.NIGHTLY_NAME).enabled is False


def test_command_and_eager_task_run_the_same_service(company, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker: chunks run in process
    call_command("compute_kpis", "--date", AS_OF.isoformat())
    by_command = table()
    KpiSnapshot.objects.all().delete()

    result = tasks.compute_kpis_task.apply(args=[AS_OF.isoformat()]).get()

    assert result["rows"] == 170
    assert table() == by_command


def test_command_backfills_a_range(company):
    call_command("compute_kpis", "--from", "2026-06-28", "--to", "2026-06-30")

    days = set(KpiSnapshot.objects.values_list("as_of", flat=True))
    assert days == {date(2026, 6, 28), date(2026, 6, 29), date(2026, 6, 30)}


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "2026-13-01"],
        ["--from", "2026-06-30"],
        ["--from", "2026-06-30", "--to", "2026-06-01"],
        ["--date", "2026-06-30", "--from", "2026-06-01", "--to", "2026-06-02"],
    ],
)
def test_command_refuses_bad_dates(args):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("compute_kpis", *args)
    assert not KpiSnapshot.objects.exists()
