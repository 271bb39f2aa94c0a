"""Workload against capacity, My work's tasks, overdue tasks in a project's
health and logged hours on the resource page (issue 26)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from milestones.models import Task
from portfolio import selectors
from portfolio.workload import monday_of, spread, workload
from tests.factories import (
    MembershipFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
    WorkLogFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 30)


# ------------------------------------------------------------------ arithmetic


def test_spread_splits_across_a_week_edge_on_working_days():
    # Friday to Tuesday: Fri | Sat Sun skipped | Mon Tue → 1/3 and 2/3.
    weeks = spread(Decimal("9"), MONDAY + timedelta(days=4), MONDAY + timedelta(days=8))

    assert weeks == {MONDAY: Decimal("3"), MONDAY + timedelta(days=7): Decimal("6")}


def test_spread_of_a_weekend_only_task_uses_its_days():
    saturday = MONDAY + timedelta(days=5)

    assert spread(Decimal("4"), saturday, saturday + timedelta(days=1)) == {
        MONDAY: Decimal("4")
    }


def test_monday_of_a_sunday_is_the_monday_before():
    assert monday_of(MONDAY + timedelta(days=6)) == MONDAY
    assert monday_of(MONDAY + timedelta(days=7)) == MONDAY + timedelta(days=7)


def test_workload_adds_tasks_and_allocations_without_double_counting():
    person = UserFactory(weekly_capacity_hours=Decimal("40"))
    tasks_project = ProjectFactory(
        status="active",
        start_date=MONDAY - timedelta(days=30),
        target_date=MONDAY + timedelta(days=90),
    )
    other = ProjectFactory(
        status="active",
        start_date=MONDAY + timedelta(days=2),  # from Wednesday
        target_date=MONDAY + timedelta(days=90),
    )
    MembershipFactory(project=tasks_project, user=person, allocation_percent=50)
    MembershipFactory(project=other, user=person, allocation_percent=50)
    TaskFactory(
        project=tasks_project,
        owner=person,
        estimate_hours=Decimal("30"),
        start_date=MONDAY,
        due_date=MONDAY + timedelta(days=4),
    )
    WorkLogFactory(task__project=tasks_project, user=person, date=MONDAY, hours=5)

    first, second = workload([person], MONDAY, weeks=2)[person.pk]

    # Week 1: 30 h of tasks replace the tasks project's allocation; the other
    # project counts 50% of 40 h for 3 of 5 working days = 12 h.
    assert first.tasks == Decimal("30")
    assert first.allocation == Decimal("12")
    assert first.planned == Decimal("42.00")
    assert first.over is True
    assert first.actual == Decimal("5")
    # Week 2: no tasks, both allocations in full.
    assert second.tasks == 0
    assert second.planned == Decimal("40.00")
    assert second.over is False


def test_done_task_stops_at_its_completion():
    person = UserFactory()
    project = ProjectFactory()
    MembershipFactory(project=project, user=person, allocation_percent=0)
    TaskFactory(
        project=project,
        owner=person,
        estimate_hours=Decimal("10"),
        status="done",
        start_date=MONDAY,
        due_date=MONDAY + timedelta(days=11),
        completed_on=MONDAY + timedelta(days=1),
    )

    first, second = workload([person], MONDAY, weeks=2)[person.pk]

    assert first.tasks == Decimal("10")
    assert second.tasks == 0


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("UTC", MONDAY - timedelta(days=7)), ("Asia/Shanghai", MONDAY)],
)
def test_this_week_follows_the_site_time_zone(client, settings, zone, expected):
    settings.TIME_ZONE = zone
    director = UserFactory(role=roles.DIRECTOR)
    client.force_login(director)
    # Sunday 20:00 UTC is already Monday 04:00 in Shanghai.
    moment = datetime(2026, 11, 29, 20, 0, tzinfo=ZoneInfo("UTC"))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        response = client.get(reverse("portfolio:workload"))

    assert response.context["mondays"][0] == expected


# ------------------------------------------------------------------ page


def test_workload_page_access(client):
    member = UserFactory(role=roles.MEMBER)
    client.force_login(member)

    assert client.get(reverse("portfolio:workload")).status_code == 403


def test_manager_sees_own_team_only_and_queries_stay_flat(client):
    manager = UserFactory(role=roles.PROJECT_MANAGER)
    project = ProjectFactory(manager=manager, status="active")
    stranger = UserFactory(first_name="Stranger", last_name="Danger")
    client.force_login(manager)
    url = reverse("portfolio:workload")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    MembershipFactory(project=project, user=UserFactory(), allocation_percent=20)
    few = count()
    for _ in range(10):
        person = UserFactory()
        MembershipFactory(project=project, user=person, allocation_percent=20)
        TaskFactory(
            project=project,
            owner=person,
            start_date=timezone.localdate(),
            due_date=timezone.localdate() + timedelta(days=3),
        )
        WorkLogFactory(task__project=project, user=person)

    assert count() == few
    assert "Danger" not in client.get(url).content.decode()
    assert stranger.pk


# ------------------------------------------------------------------ elsewhere


def test_overdue_tasks_make_the_project_amber_with_the_reason():
    project = ProjectFactory(status="active")
    TaskFactory(project=project, due_date=timezone.localdate() - timedelta(days=4))
    TaskFactory(
        project=project,
        due_date=timezone.localdate() - timedelta(days=9),
        status="done",
        completed_on=timezone.localdate(),
    )

    [project] = selectors.attach_stats([project])
    health = selectors.health(project)

    assert project.tasks_overdue == 1
    assert any("1 task past its due date" in text for _c, text in health.reasons)
    assert health.colour in ("amber", "red")
    customer_view = selectors.health(project, internal=False)
    assert not any("task" in text for _c, text in customer_view.reasons)


def test_my_work_lists_my_open_tasks_with_a_status_form(client):
    member = UserFactory(role=roles.MEMBER)
    project = ProjectFactory()
    MembershipFactory(project=project, user=member, role="member")
    TaskFactory(project=project, owner=member, title="Mine open")
    TaskFactory(project=project, owner=member, title="Mine done", status="done")
    TaskFactory(project=project, title="Someone's")
    client.force_login(member)

    page = client.get(reverse("portfolio:my_work")).content.decode()

    assert "Mine open" in page
    assert "Mine done" not in page
    assert "Someone&#x27;s" not in page
    assert (
        reverse("milestones:task_move", args=[Task.objects.get(title="Mine open").pk])
        in page
    )


def test_resources_show_hours_logged_per_month(client):
    director = UserFactory(role=roles.DIRECTOR)
    project = ProjectFactory(status="active")
    person = UserFactory()
    MembershipFactory(project=project, user=person, allocation_percent=40)
    WorkLogFactory(task__project=project, user=person, hours=Decimal("3.5"))
    WorkLogFactory(task__project=project, user=person, hours=Decimal("2"))
    client.force_login(director)

    page = client.get(reverse("portfolio:resources"))

    [row] = [r for r in page.context["rows"] if r["person"] == person]
    planned, logged, seats = row["columns"][0]
    assert (planned, logged) == (40, Decimal("5.5"))
    assert [seat.allocation_percent for seat, _readable in seats] == [40]


def test_project_timeline_shows_tasks_under_their_milestone(client):
    from tests.factories import MilestoneFactory

    manager = UserFactory(role=roles.PROJECT_MANAGER)
    project = ProjectFactory(manager=manager)
    milestone = MilestoneFactory(project=project, name="Go-live")
    TaskFactory(
        project=project,
        milestone=milestone,
        title="Cut over the database",
        start_date=timezone.localdate(),
        due_date=timezone.localdate() + timedelta(days=2),
    )
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=project, user=customer, role="customer_rep")
    url = reverse("portfolio:project_timeline", args=[project.pk])

    client.force_login(manager)
    rows = client.get(url).context["chart"].rows
    client.force_login(customer)
    customer_rows = client.get(url).context["chart"].rows

    labels = [(row.kind, row.label) for row in rows]
    assert (
        labels.index(("task", "Cut over the database"))
        == labels.index(("milestone", "Go-live")) + 1
    )
    assert not [row for row in customer_rows if row.kind == "task"]
