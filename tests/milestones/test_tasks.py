"""Tasks and work logs (issue 26): access per role, the rules that refuse
bad input with nothing saved, dependencies, history."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import roles
from milestones.models import Task, WorkLog
from tests.factories import (
    MembershipFactory,
    PhaseFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
    WorkLogFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def api(user):
    client = APIClient()
    client.force_login(user)
    return client


def patch(user, url, data, format="json"):
    """PATCH as a client does: with the version it last read (issue 20)."""
    client = api(user)
    read = client.get(url)
    version = read.json()["version"] if read.status_code == 200 else 1
    return client.patch(url, {**data, "version": version}, format=format)


@pytest.fixture
def manager():
    return UserFactory(role=roles.PROJECT_MANAGER)


@pytest.fixture
def team(manager):
    project = ProjectFactory(manager=manager)
    member = UserFactory(role=roles.MEMBER)
    MembershipFactory(project=project, user=member, role="member")
    return project, member


# ------------------------------------------------------------------ access


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 404),
        ("customer_rep", 404),
        ("member", 403),
        ("owner", 200),
        ("manager", 200),
        ("director", 403),
    ],
)
def test_who_may_update_a_task(team, manager, role, status):
    project, member = team
    task = TaskFactory(project=project)
    user = {"manager": manager, "owner": member}.get(role)
    if role == "owner":
        task.owner = member
        task.save()
    elif role == "director":
        user = UserFactory(role=roles.DIRECTOR)
    elif role in ("member", "customer_rep"):
        user = UserFactory(role=roles.CUSTOMER if role == "customer_rep" else None)
        MembershipFactory(project=project, user=user, role=role)
    elif role is None:
        user = UserFactory()
    before = Task.objects.values().get(pk=task.pk)

    response = patch(
        user,
        reverse("task-detail", args=[task.pk]),
        {"status": "in_progress"},
        format="json",
    )

    assert response.status_code == status, response.content
    task.refresh_from_db()
    assert (task.status == "in_progress") is (status == 200)
    if status != 200:
        assert Task.objects.values().get(pk=task.pk) == before


def test_member_cannot_create_tasks_but_manager_can(team, manager):
    project, member = team
    data = {"project": project.pk, "title": "Write the installer"}

    assert api(member).post(reverse("task-list"), data).status_code == 403
    response = api(manager).post(reverse("task-list"), data)

    assert response.status_code == 201, response.content
    assert Task.objects.filter(project=project).count() == 1


def test_customer_sees_no_tasks_nor_logs(team):
    project, member = team
    task = TaskFactory(project=project, owner=member)
    log = WorkLogFactory(task=task, user=member)
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=project, user=customer, role="customer_rep")
    client = api(customer)

    assert client.get(reverse("task-list")).json()["count"] == 0
    assert client.get(reverse("worklog-list")).json()["count"] == 0
    assert client.get(reverse("task-detail", args=[task.pk])).status_code == 404
    assert client.get(reverse("worklog-detail", args=[log.pk])).status_code == 404


def test_member_logs_own_time_but_not_for_someone_else(team):
    project, member = team
    colleague = UserFactory()
    MembershipFactory(project=project, user=colleague, role="member")
    task = TaskFactory(project=project)
    url = reverse("worklog-list")
    day = today().isoformat()

    own = api(member).post(url, {"task": task.pk, "date": day, "hours": "3"})
    other = api(member).post(
        url, {"task": task.pk, "date": day, "hours": "3", "user": colleague.pk}
    )

    assert own.status_code == 201, own.content
    assert own.json()["user"] == member.pk
    assert other.status_code == 403
    assert WorkLog.objects.filter(task=task).count() == 1


def test_manager_logs_for_a_team_member(team, manager):
    project, member = team
    task = TaskFactory(project=project)

    response = api(manager).post(
        reverse("worklog-list"),
        {
            "task": task.pk,
            "date": today().isoformat(),
            "hours": "2.5",
            "user": member.pk,
        },
    )

    assert response.status_code == 201, response.content
    assert WorkLog.objects.get().user == member
    assert WorkLog.objects.get().project == project


def test_member_cannot_change_someone_elses_log(team):
    project, member = team
    log = WorkLogFactory(task__project=project)

    response = patch(
        member, reverse("worklog-detail", args=[log.pk]), {"hours": "5"}, format="json"
    )

    assert response.status_code == 403
    log.refresh_from_db()
    assert log.hours == Decimal("2.00")


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("hours", ["0", "-1", "24.5", "25"])
def test_hours_out_of_bounds_are_refused(team, hours):
    project, member = team
    task = TaskFactory(project=project)

    response = api(member).post(
        reverse("worklog-list"),
        {"task": task.pk, "date": today().isoformat(), "hours": hours},
    )

    assert response.status_code == 400
    assert "hours" in response.json()
    assert not WorkLog.objects.exists()


def test_more_than_24_hours_a_day_across_projects_is_refused(team, manager):
    project, member = team
    other = ProjectFactory(manager=manager)
    MembershipFactory(project=other, user=member, role="member")
    WorkLogFactory(task__project=other, user=member, hours=Decimal("20"))
    task = TaskFactory(project=project)

    refused = api(member).post(
        reverse("worklog-list"),
        {"task": task.pk, "date": today().isoformat(), "hours": "4.5"},
    )
    fits = api(member).post(
        reverse("worklog-list"),
        {"task": task.pk, "date": today().isoformat(), "hours": "4"},
    )

    assert refused.status_code == 400
    assert "hours" in refused.json()
    assert fits.status_code == 201, fits.content
    assert WorkLog.objects.filter(user=member).count() == 2


def test_log_on_a_task_of_a_project_the_person_is_not_on(team, manager):
    project, _member = team
    stranger = UserFactory()
    task = TaskFactory(project=project)

    response = api(manager).post(
        reverse("worklog-list"),
        {
            "task": task.pk,
            "date": today().isoformat(),
            "hours": "2",
            "user": stranger.pk,
        },
    )

    assert response.status_code == 400
    assert "task" in response.json()
    assert not WorkLog.objects.exists()


def test_log_in_the_future_is_refused(team):
    project, member = team
    task = TaskFactory(project=project)

    response = api(member).post(
        reverse("worklog-list"),
        {
            "task": task.pk,
            "date": (today() + timedelta(days=1)).isoformat(),
            "hours": "1",
        },
    )

    assert response.status_code == 400
    assert "date" in response.json()


def test_due_before_start_is_refused(team, manager):
    project, _member = team
    response = api(manager).post(
        reverse("task-list"),
        {
            "project": project.pk,
            "title": "Backwards",
            "start_date": today().isoformat(),
            "due_date": (today() - timedelta(days=1)).isoformat(),
        },
    )

    assert response.status_code == 400
    assert "due_date" in response.json()
    assert not Task.objects.exists()


def test_blocked_needs_a_reason(team, manager):
    project, _member = team
    task = TaskFactory(project=project)
    url = reverse("task-detail", args=[task.pk])

    refused = patch(manager, url, {"status": "blocked"}, format="json")
    accepted = patch(
        manager,
        url,
        {"status": "blocked", "blocked_reason": "Waiting for the VPN"},
        format="json",
    )

    assert refused.status_code == 400
    assert "blocked_reason" in refused.json()
    assert accepted.status_code == 200
    task.refresh_from_db()
    assert task.blocked_reason == "Waiting for the VPN"


def test_dependency_cycle_is_refused(team, manager):
    project, _member = team
    a = TaskFactory(project=project, title="A")
    b = TaskFactory(project=project, title="B")
    c = TaskFactory(project=project, title="C")
    b.depends_on.add(a)
    c.depends_on.add(b)

    response = patch(
        manager,
        reverse("task-detail", args=[a.pk]),
        {"depends_on": [c.pk]},
        format="json",
    )
    itself = patch(
        manager,
        reverse("task-detail", args=[a.pk]),
        {"depends_on": [a.pk]},
        format="json",
    )

    assert response.status_code == 400
    assert "cycle" in str(response.json()["depends_on"])
    assert itself.status_code == 400
    assert list(a.depends_on.all()) == []


def test_dependency_on_another_projects_task_is_refused(team, manager):
    project, _member = team
    task = TaskFactory(project=project)
    elsewhere = TaskFactory(project=ProjectFactory(manager=manager))

    response = patch(
        manager,
        reverse("task-detail", args=[task.pk]),
        {"depends_on": [elsewhere.pk]},
        format="json",
    )

    assert response.status_code == 400
    assert "depends_on" in response.json()


def test_owner_must_be_on_the_team_and_phase_of_the_project(team, manager):
    project, _member = team
    task = TaskFactory(project=project)
    url = reverse("task-detail", args=[task.pk])

    stranger = patch(manager, url, {"owner": UserFactory().pk}, format="json")
    phase = patch(manager, url, {"phase": PhaseFactory().pk}, format="json")

    assert stranger.status_code == 400
    assert "owner" in stranger.json()
    assert phase.status_code == 400
    assert "phase" in phase.json()


# ------------------------------------------------------------------ figures


def test_actual_remaining_and_completion(team, manager):
    project, member = team
    task = TaskFactory(project=project, owner=member, estimate_hours=Decimal("10"))
    WorkLogFactory(task=task, user=member, hours=Decimal("3"))
    WorkLogFactory(
        task=task, user=member, hours=Decimal("4"), date=today() - timedelta(days=1)
    )

    body = api(member).get(reverse("task-detail", args=[task.pk])).json()
    assert Decimal(body["actual_hours"]) == 7
    assert Decimal(body["remaining_hours"]) == 3

    response = patch(
        member,
        reverse("task-detail", args=[task.pk]),
        {"status": "done"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["completed_on"] == today().isoformat()
    assert Decimal(response.json()["remaining_hours"]) == 0


def test_history_records_who_changed_a_task(team, manager):
    project, _member = team
    task = TaskFactory(project=project)

    patch(
        manager,
        reverse("task-detail", args=[task.pk]),
        {"title": "Renamed"},
        format="json",
    )

    latest = task.history.latest()
    assert latest.title == "Renamed"
    assert latest.history_user == manager
