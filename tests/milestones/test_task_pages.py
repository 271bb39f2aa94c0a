"""The task pages (issue 26): list with filters and bulk edit, the board's
moves with the stale-edit check, logging time, the weekly timesheet and its
totals, copy last week, exports; each page's query count stays flat."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from milestones.models import Task, WorkLog
from milestones.task_services import week_start
from tests.factories import (
    MembershipFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
    WorkLogFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def manager():
    return UserFactory(role=roles.PROJECT_MANAGER)


@pytest.fixture
def team(manager):
    project = ProjectFactory(manager=manager)
    member = UserFactory(role=roles.MEMBER, first_name="Mia", last_name="Wong")
    MembershipFactory(project=project, user=member, role="member")
    return project, member


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


# ------------------------------------------------------------------ list


def test_list_filters_and_sorts(client, team, manager):
    project, member = team
    TaskFactory(project=project, title="Alpha", owner=member, status="in_progress")
    TaskFactory(project=project, title="Beta", status="todo")
    client.force_login(manager)
    url = reverse("milestones:task_list", args=[project.pk])

    mine = client.get(url, {"owner": member.pk}).content.decode()
    todo = client.get(url, {"status": "todo", "ordering": "-title"}).content.decode()

    assert "Alpha" in mine
    assert "Beta" not in mine
    assert "Beta" in todo
    assert "Alpha" not in todo


def test_list_queries_stay_flat(client, team, manager):
    project, member = team
    for _ in range(3):
        WorkLogFactory(task__project=project, task__owner=member, user=member)
    client.force_login(manager)
    url = reverse("milestones:task_list", args=[project.pk])
    few = queries(client, url)
    for _ in range(30):
        task = TaskFactory(project=project, owner=member, due_date=today())
        WorkLogFactory(task=task, user=member)

    assert queries(client, url) == few
    assert few <= 14


def test_outsider_and_customer_get_404_on_task_pages(client, team):
    project, _member = team
    task = TaskFactory(project=project)
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=project, user=customer, role="customer_rep")
    for user in (UserFactory(), customer):
        client.force_login(user)
        for url in (
            reverse("milestones:task_list", args=[project.pk]),
            reverse("milestones:task_board", args=[project.pk]),
            reverse("milestones:task_detail", args=[task.pk]),
        ):
            assert client.get(url).status_code == 404, url


def test_bulk_edit_sets_owner_status_and_due_date(client, team, manager):
    project, member = team
    tasks = [TaskFactory(project=project) for _ in range(3)]
    client.force_login(manager)
    due = today() + timedelta(days=9)

    response = client.post(
        reverse("milestones:task_bulk", args=[project.pk]),
        {
            "tasks": [t.pk for t in tasks[:2]],
            "owner": member.pk,
            "status": "in_progress",
            "due_date": due.isoformat(),
        },
    )

    assert response.status_code == 302
    changed = Task.objects.filter(owner=member, status="in_progress", due_date=due)
    assert set(changed) == set(tasks[:2])
    assert Task.objects.get(pk=tasks[2].pk).owner is None


def test_bulk_edit_is_all_or_nothing(client, team):
    project, member = team
    own = TaskFactory(project=project, owner=member)
    others = TaskFactory(project=project)
    client.force_login(member)

    response = client.post(
        reverse("milestones:task_bulk", args=[project.pk]),
        {"tasks": [own.pk, others.pk], "status": "done"},
    )

    assert response.status_code == 403
    assert not Task.objects.filter(status="done").exists()


def test_bulk_edit_refuses_an_invalid_change_naming_the_task(client, team, manager):
    project, _member = team
    ok = TaskFactory(project=project)
    started = TaskFactory(project=project, title="Starts late", start_date=today())
    client.force_login(manager)

    response = client.post(
        reverse("milestones:task_bulk", args=[project.pk]),
        {
            "tasks": [ok.pk, started.pk],
            "due_date": (today() - timedelta(days=3)).isoformat(),
        },
        follow=True,
    )

    assert "Starts late" in response.content.decode()
    assert not Task.objects.filter(due_date__isnull=False).exists()


def test_task_export_csv_and_xlsx(client, team, manager):
    project, member = team
    task = TaskFactory(project=project, title="=cmd()", estimate_hours=Decimal("5"))
    WorkLogFactory(task=task, user=member, hours=Decimal("2"))
    client.force_login(manager)

    csv = client.get(reverse("milestones:task_export", args=[project.pk, "csv"]))
    xlsx = client.get(reverse("milestones:task_export", args=[project.pk, "xlsx"]))

    text = csv.content.decode("utf-8-sig")
    assert "'=cmd()" in text
    assert ",5,2,3," in text
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "=cmd()"
    assert sheet["H2"].value == 2


# ------------------------------------------------------------------ board


def test_board_shows_columns_and_queries_stay_flat(client, team, manager):
    project, member = team
    TaskFactory(project=project, title="Doing", status="in_progress", owner=member)
    client.force_login(manager)
    url = reverse("milestones:task_board", args=[project.pk])
    few = queries(client, url)
    for n in range(20):
        TaskFactory(project=project, status=["todo", "done"][n % 2], owner=member)

    assert queries(client, url) == few
    page = client.get(url).content.decode()
    assert 'data-status="in_progress"' in page
    assert "Doing" in page


def test_move_by_form_and_by_script(client, team):
    project, member = team
    task = TaskFactory(project=project, owner=member)
    client.force_login(member)
    url = reverse("milestones:task_move", args=[task.pk])

    plain = client.post(url, {"status": "in_progress", "version": task.version})
    assert plain.status_code == 302
    task.refresh_from_db()
    assert task.status == "in_progress"

    card = client.post(
        url, {"status": "done", "version": task.version}, HTTP_HX_REQUEST="true"
    )
    assert card.status_code == 200
    assert f'data-version="{task.version + 1}"' in card.content.decode()
    task.refresh_from_db()
    assert task.status == "done"
    assert task.completed_on == today()


def test_move_from_a_stale_board_is_409_and_changes_nothing(client, team, manager):
    project, member = team
    task = TaskFactory(project=project, owner=member)
    stale = task.version
    client.force_login(manager)
    client.post(
        reverse("milestones:task_move", args=[task.pk]),
        {"status": "in_progress", "version": stale},
    )

    response = client.post(
        reverse("milestones:task_move", args=[task.pk]),
        {"status": "done", "version": stale},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 409
    assert "Someone else changed" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "in_progress"


def test_member_cannot_move_someone_elses_task(client, team):
    project, member = team
    task = TaskFactory(project=project)
    client.force_login(member)

    response = client.post(
        reverse("milestones:task_move", args=[task.pk]), {"status": "done"}
    )

    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == "todo"


def test_move_to_blocked_without_reason_is_refused(client, team, manager):
    project, _member = team
    task = TaskFactory(project=project)
    client.force_login(manager)

    response = client.post(
        reverse("milestones:task_move", args=[task.pk]),
        {"status": "blocked"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    task.refresh_from_db()
    assert task.status == "todo"


# ------------------------------------------------------------------ logging


def test_log_time_on_the_task_page(client, team):
    project, member = team
    task = TaskFactory(project=project, owner=member)
    client.force_login(member)

    detail = client.get(reverse("milestones:task_detail", args=[task.pk]))
    assert "Log time" in detail.content.decode()
    client.post(
        reverse("milestones:task_log", args=[task.pk]),
        {"date": today().isoformat(), "hours": "1.5", "note": "Pairing"},
    )

    log = WorkLog.objects.get()
    assert (log.user, log.hours, log.note) == (member, Decimal("1.5"), "Pairing")


# ------------------------------------------------------------------ timesheet


def test_timesheet_totals(client, team):
    project, member = team
    monday = week_start(today()) - timedelta(days=7)  # a whole week in the past
    a = TaskFactory(project=project, owner=member, title="Task A")
    b = TaskFactory(project=project, title="Task B")
    WorkLogFactory(task=a, user=member, date=monday, hours=Decimal("3"))
    WorkLogFactory(task=a, user=member, date=monday, hours=Decimal("1.5"))
    WorkLogFactory(
        task=b, user=member, date=monday + timedelta(days=6), hours=Decimal("2")
    )
    WorkLogFactory(
        task=b, user=member, date=monday - timedelta(days=1), hours=Decimal("8")
    )
    client.force_login(member)
    week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"

    response = client.get(reverse("milestones:timesheet"), {"week": week})

    grid = response.context
    totals = {row["task"].title: row["total"] for row in grid["rows"]}
    assert totals == {"Task A": Decimal("4.5"), "Task B": Decimal("2")}
    assert grid["day_totals"][0] == Decimal("4.5")
    assert grid["day_totals"][6] == Decimal("2")
    assert grid["week_total"] == Decimal("6.5")


def test_timesheet_queries_stay_flat(client, team):
    project, member = team
    client.force_login(member)
    url = reverse("milestones:timesheet")
    WorkLogFactory(task__project=project, user=member)
    few = queries(client, url)
    for _ in range(15):
        WorkLogFactory(task__project=project, task__owner=member, user=member)

    assert queries(client, url) == few


def test_timesheet_save_sets_and_clears_cells(client, team):
    project, member = team
    monday = week_start(today()) - timedelta(days=7)
    task = TaskFactory(project=project, owner=member)
    WorkLogFactory(task=task, user=member, date=monday, hours=Decimal("3"))
    client.force_login(member)
    week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"

    client.post(
        reverse("milestones:timesheet"),
        {"week": week, f"h-{task.pk}-0": "", f"h-{task.pk}-1": "6,5", "save": "1"},
    )

    logs = list(WorkLog.objects.values_list("date", "hours"))
    assert logs == [(monday + timedelta(days=1), Decimal("6.50"))]


def test_timesheet_refuses_a_day_over_24_hours_and_saves_nothing(client, team):
    project, member = team
    monday = week_start(today()) - timedelta(days=7)
    a = TaskFactory(project=project, owner=member)
    b = TaskFactory(project=project, owner=member)
    client.force_login(member)
    week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"

    response = client.post(
        reverse("milestones:timesheet"),
        {"week": week, f"h-{a.pk}-2": "20", f"h-{b.pk}-2": "5"},
        follow=True,
    )

    assert "at most 24" in response.content.decode()
    assert not WorkLog.objects.exists()


def test_copy_last_week(client, team):
    project, member = team
    this_monday = week_start(today()) - timedelta(days=7)
    last_monday = this_monday - timedelta(days=7)
    open_task = TaskFactory(project=project, owner=member)
    done_task = TaskFactory(project=project, status="done")
    WorkLogFactory(task=open_task, user=member, date=last_monday, hours=Decimal("4"))
    WorkLogFactory(task=done_task, user=member, date=last_monday, hours=Decimal("2"))
    WorkLogFactory(
        task=open_task,
        user=member,
        date=last_monday + timedelta(days=1),
        hours=Decimal("3"),
    )
    WorkLogFactory(
        task=open_task, user=member, date=this_monday + timedelta(days=1), hours=1
    )
    client.force_login(member)
    week = f"{this_monday.isocalendar()[0]}-W{this_monday.isocalendar()[1]:02d}"

    client.post(reverse("milestones:timesheet"), {"week": week, "copy": "1"})

    copied = WorkLog.objects.filter(date__gte=this_monday).order_by("date")
    assert [(log.date, log.hours) for log in copied] == [
        (this_monday, Decimal("4.00")),
        (this_monday + timedelta(days=1), Decimal("1.00")),  # already logged
    ]


def test_manager_sees_a_team_members_timesheet_of_their_projects_only(
    client, team, manager
):
    project, member = team
    other = ProjectFactory()
    MembershipFactory(project=other, user=member, role="member")
    WorkLogFactory(task__project=project, task__title="Ours", user=member)
    WorkLogFactory(task__project=other, task__title="Theirs", user=member)
    client.force_login(manager)

    page = client.get(reverse("milestones:timesheet"), {"person": member.pk})

    text = page.content.decode()
    assert "Ours" in text
    assert "Theirs" not in text


def test_timesheet_export(client, team):
    project, member = team
    WorkLogFactory(task__project=project, task__title="Exported", user=member, note="n")
    client.force_login(member)

    response = client.get(reverse("milestones:timesheet_export", args=["csv"]))

    assert response.status_code == 200
    assert "Exported" in response.content.decode("utf-8-sig")


def test_estimate_against_actual_by_phase(client, team, manager):
    from tests.factories import PhaseFactory

    project, member = team
    design = PhaseFactory(project=project, name="Design", order=1)
    build = PhaseFactory(project=project, name="Build", order=2)
    a = TaskFactory(project=project, phase=design, estimate_hours=Decimal("10"))
    TaskFactory(project=project, phase=design, estimate_hours=Decimal("6"))
    b = TaskFactory(project=project, phase=build, estimate_hours=Decimal("4"))
    WorkLogFactory(task=a, user=member, hours=Decimal("7"))
    WorkLogFactory(task=b, user=member, hours=Decimal("5"))
    client.force_login(manager)

    response = client.get(reverse("milestones:task_list", args=[project.pk]))

    figures = [
        (row["phase"], row["tasks"], row["estimate"], row["actual"])
        for row in response.context["phases"]
    ]
    assert figures == [
        ("Design", 2, Decimal("16"), Decimal("7")),
        ("Build", 1, Decimal("4"), Decimal("5")),
    ]
