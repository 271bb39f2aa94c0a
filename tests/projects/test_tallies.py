"""Record tallies (projects/tallies.py): kept exact by the database triggers
whatever writes the records, and read by the unfiltered lists."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from changes.models import ChangeRequest
from milestones.models import Milestone
from projects import tallies
from projects.models import ManagerTally, Membership, Project, Tally
from reviews.models import Meeting
from risks import selectors
from risks.models import Issue, Risk
from tests.factories import (
    ChangeRequestFactory,
    IssueFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    ProjectFactory,
    RiskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

COUNTED = [Risk, Milestone, Issue, ChangeRequest, Meeting]


def _agree() -> None:
    assert tallies.check() == {}
    assert tallies.check_managers() == {}


def test_every_kind_of_write_keeps_the_tallies_exact(project):
    other = ProjectFactory()
    risk = RiskFactory(project=project, probability=2, impact=5)
    RiskFactory.create_batch(3, project=project, probability=4, impact=4)
    Risk.objects.bulk_create(
        [
            Risk(project=other, title=f"bulk {n}", probability=1, impact=n % 5 + 1)
            for n in range(7)
        ]
    )
    MilestoneFactory.create_batch(2, project=project)
    IssueFactory(project=other)
    ChangeRequestFactory(project=project)
    MeetingFactory(project=other)
    assert tallies.tallied([project.pk])[project.pk] == {
        "risks_2_5": 1,
        "risks_4_4": 3,
        "milestones": 2,
        "change_requests": 1,
    }
    _agree()

    # Moving a risk to another cell, and to another project.
    risk.probability = 5
    risk.save()
    Risk.objects.filter(project=project, probability=4).update(impact=1)
    Risk.objects.filter(pk=risk.pk).update(project=other)
    Milestone.objects.filter(project=project).update(project=other)
    _agree()
    assert tallies.tallied([project.pk])[project.pk] == {
        "risks_4_1": 3,
        "change_requests": 1,
    }

    # Deletes: one row, a queryset, raw SQL, and a project with everything in it.
    Risk.objects.filter(project=project).first().delete()
    Risk.objects.filter(project=other, probability=1, impact__lte=2).delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM risks_issue WHERE project_id = %s", [other.pk])
    _agree()
    other.delete()
    _agree()
    assert other.pk not in tallies.tallied()


def test_updates_that_move_nothing_add_no_rows(project):
    risk = RiskFactory(project=project)
    before = Tally.objects.count()
    risk.title = "Renamed"
    risk.status = Risk.Status.CLOSED
    risk.save()
    Risk.objects.filter(pk=risk.pk).update(description="Still the same cell")
    assert Tally.objects.count() == before


def test_compact_folds_rows_and_keeps_sums(project):
    for _ in range(4):
        RiskFactory(project=project, probability=3, impact=2)
    MilestoneFactory(project=project)
    gone = ProjectFactory()
    RiskFactory(project=gone).delete()
    before = tallies.tallied()
    assert Tally.objects.filter(project=project).count() == 5

    assert tallies.compact() == Tally.objects.count()

    assert Tally.objects.filter(project=project).count() == 1
    assert tallies.tallied() == before
    # A project whose rows cancel out keeps no row at all.
    assert not Tally.objects.filter(project=gone).exists()
    _agree()


def test_check_and_rebuild_find_and_repair_a_wrong_tally(project):
    MilestoneFactory.create_batch(3, project=project)
    Tally.objects.filter(project=project).update(milestones=0)
    wrong = tallies.check()
    assert wrong == {project.pk: ({}, {"milestones": 3})}
    with pytest.raises(CommandError, match="1 projects' tallies and 0 managers'"):
        call_command("tallies")

    call_command("tallies", "--rebuild")

    _agree()
    assert tallies.count(UserFactory(role=roles.DIRECTOR), Milestone, project) == 3


@pytest.fixture
def company(project, make_member):
    """Records in three projects; who sees which differs by role."""
    customer_project, hidden = ProjectFactory(), ProjectFactory()
    for where, n in ((project, 3), (customer_project, 2), (hidden, 4)):
        RiskFactory.create_batch(n, project=where, probability=n, impact=2)
        MilestoneFactory.create_batch(n + 1, project=where)
        IssueFactory.create_batch(n, project=where)
        ChangeRequestFactory.create_batch(n + 2, project=where)
        MeetingFactory.create_batch(n, project=where)
    member = make_member("member")
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=customer_project, user=customer, role="customer_rep")
    MembershipFactory(project=customer_project, user=member, role="customer_rep")
    return {
        "manager": project.manager,
        "member": member,
        "customer": customer,
        "director": UserFactory(role=roles.DIRECTOR),
        "outsider": UserFactory(role=roles.MEMBER),
    }


@pytest.mark.parametrize("model", [*COUNTED, Project])
@pytest.mark.parametrize(
    "who", ["manager", "member", "customer", "director", "outsider"]
)
def test_count_is_what_the_user_may_see(company, model, who):
    user = company[who]
    assert tallies.count(user, model) == model.objects.visible_to(user).count()


def test_count_of_one_project(company, project):
    manager = company["manager"]
    assert tallies.count(manager, Risk, project) == 3
    assert tallies.count(manager, ChangeRequest, project) == 5


def test_heat_map_equals_the_counted_one(company, project):
    for who in ("manager", "member", "customer", "director"):
        user = company[who]
        visible = Risk.objects.visible_to(user)
        assert tallies.heat_map(user) == selectors.heat_map_counts(visible)
        assert tallies.heat_map(user, project) == selectors.heat_map_counts(
            visible.filter(project=project)
        )
    assert tallies.heat_map(company["director"]) == {(3, 2): 3, (2, 2): 2, (4, 2): 4}


def test_count_is_one_query_whatever_the_size(company, project):
    user = company["director"]
    tallies.count(user, Risk)  # the user's groups, read once per request
    with CaptureQueriesContext(connection) as small:
        tallies.count(user, Risk)
    RiskFactory.create_batch(30, project=ProjectFactory())
    with CaptureQueriesContext(connection) as large:
        counted = tallies.count(user, Risk)
    assert counted == Risk.objects.count() == 39
    assert len(small) == len(large) == 1
    assert "risks_risk" not in large[0]["sql"]
    # A full reader sums the managers' rollups, not a row per project.
    assert "projects_managertally" in large[0]["sql"]
    assert "projects_tally" not in large[0]["sql"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, True),
        ({"page": "3", "o": "-score", "ordering": "id", "page_size": "10"}, True),
        ({"q": "", "status": ""}, True),
        ({"status": "open"}, False),
        ({"page": "2", "project": "7"}, False),
        ({"unknown": "x"}, False),
    ],
)
def test_unfiltered(params, expected):
    assert tallies.unfiltered(params) is expected


# ------------------------------------------------------------ where they are read


def _count_queries(queries, table: str) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT COUNT(*)") and f'FROM "{table}"' in q["sql"]
    ]


@pytest.mark.parametrize(
    ("resource", "model", "filters"),
    [
        ("risks", Risk, {"probability": "3"}),
        ("milestones", Milestone, {"completed_on__isnull": "true"}),
        ("issues", Issue, {"severity": "high"}),
        ("change-requests", ChangeRequest, {"status": "draft"}),
        ("meetings", Meeting, {"kind": "review"}),
        ("projects", Project, {"status": "active"}),
    ],
)
def test_api_lists_count_from_tallies_unless_filtered(
    company, resource, model, filters
):
    from rest_framework.test import APIClient

    table = model._meta.db_table
    for who in ("manager", "member", "customer", "director"):
        user = company[who]
        client = APIClient()
        client.force_login(user)
        visible = model.objects.visible_to(user)
        with CaptureQueriesContext(connection) as queries:
            body = client.get(f"/api/v1/{resource}/", {"page_size": 2}).json()
        assert body["count"] == visible.count(), who
        assert _count_queries(queries, table) == [], who
        assert len(body["results"]) == min(2, body["count"])

        with CaptureQueriesContext(connection) as queries:
            body = client.get(f"/api/v1/{resource}/", filters).json()
        expected = visible.filter(
            **{k: True if v == "true" else v for k, v in filters.items()}
        )
        assert body["count"] == expected.count(), who
        assert len(_count_queries(queries, table)) == 1, who


def test_register_pages_count_from_tallies(company, client, project):
    manager = company["manager"]
    client.force_login(manager)
    for url, visible in (
        ("/risks/", Risk.objects.visible_to(manager)),
        (f"/projects/{project.pk}/risks/", Risk.objects.filter(project=project)),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == visible.count()
        cells = {
            (c["probability"], c["impact"]): c["count"]
            for row in response.context["heat_map"]()
            for c in row["cells"]
            if c["count"]
        }
        assert cells == selectors.heat_map_counts(visible)
        assert _count_queries(queries, "risks_risk") == []

    # A filter counts the register's own rows (grouped by heat-map cell).
    Risk.objects.filter(project=project).update(status=Risk.Status.CLOSED)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/risks/", {"status": "closed"})
    assert response.context["page_obj"].paginator.count == 3
    assert [q for q in queries if 'COUNT(*) AS "n" FROM "risks_risk"' in q["sql"]]


def test_change_request_list_counts_from_tallies(company, client, project):
    member = company["member"]  # on one team, a customer of another project
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/changes/")
    visible = ChangeRequest.objects.visible_to(member)
    assert response.context["page_obj"].paginator.count == visible.count() == 9
    assert _count_queries(queries, "changes_changerequest") == []
    response = client.get(f"/projects/{project.pk}/changes/")
    assert response.context["page_obj"].paginator.count == 5


def test_hourly_task_compacts(project):
    from django_celery_beat.models import PeriodicTask

    from projects.tasks import compact_tallies_task

    MilestoneFactory.create_batch(3, project=project)
    assert Tally.objects.filter(project=project).count() == 3
    entry = PeriodicTask.objects.get(task="projects.tasks.compact_tallies_task")
    assert entry.enabled
    assert entry.crontab.hour == "*"

    # Run here, as the worker would (tests/services runs the real worker).
    assert compact_tallies_task.apply().get() == Tally.objects.count()

    assert Tally.objects.filter(project=project).count() == 1
    _agree()


# ------------------------------------------------------------ manager rollups


def _visible_counts(user) -> dict[str, int]:
    return {
        model.__name__: (
            tallies.count(user, model),
            model.objects.visible_to(user).count(),
        )
        for model in COUNTED
    }


def _counts_agree(*users) -> None:
    for user in users:
        for name, (tallied, counted) in _visible_counts(user).items():
            assert tallied == counted, (user.username, name)


def test_a_change_of_manager_moves_the_whole_tally(project):
    old, new = project.manager, UserFactory(role=roles.PROJECT_MANAGER)
    second = ProjectFactory(manager=old)
    RiskFactory.create_batch(3, project=project, probability=4, impact=5)
    MilestoneFactory.create_batch(2, project=project)
    RiskFactory(project=second)
    _agree()
    assert tallies.count(old, Risk) == 4

    project.manager = new
    project.save()
    _agree()
    assert tallies.count(old, Risk) == 1
    assert tallies.count(new, Risk) == 3
    assert tallies.heat_map(new) == {(4, 5): 3}
    _counts_agree(old, new)

    # Several projects in one statement, and back again; edits that keep the
    # manager move nothing.
    Project.objects.filter(pk__in=[project.pk, second.pk]).update(manager=new)
    _agree()
    assert tallies.count(new, Risk) == 4
    assert tallies.count(old, Risk) == 0
    rows = ManagerTally.objects.count()
    Project.objects.filter(pk=project.pk).update(name="Renamed")
    assert ManagerTally.objects.count() == rows
    Project.objects.filter(pk=project.pk).update(manager=old)
    _agree()
    _counts_agree(old, new)


def test_a_deleted_project_leaves_nothing_in_its_managers_rollup(project):
    manager = project.manager
    kept, raw = ProjectFactory(manager=manager), ProjectFactory(manager=manager)
    for where in (project, kept, raw):
        RiskFactory.create_batch(2, project=where)
        MilestoneFactory(project=where)
    project.delete()  # Django deletes the records first
    _agree()
    assert tallies.count(manager, Risk) == 4
    # The project row first, then its records (as a database cascade would):
    # the records then have no manager to take their -1s from.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM projects_project WHERE id = %s", [raw.pk])
    Risk.objects.filter(project_id=raw.pk).delete()
    Milestone.objects.filter(project_id=raw.pk).delete()
    _agree()
    assert tallies.count(manager, Risk) == 2
    assert tallies.count(manager, Milestone) == 1


def test_seats_on_own_projects_are_not_counted_twice(project):
    """The demo's managers hold a 'manager' seat on their own projects, and
    a former manager keeps theirs after a handover."""
    manager = project.manager
    MembershipFactory(project=project, user=manager, role=Membership.Role.MANAGER)
    handed_over = ProjectFactory(manager=manager)
    MembershipFactory(project=handed_over, user=manager, role=Membership.Role.MANAGER)
    customer_of = ProjectFactory()
    MembershipFactory(project=customer_of, user=manager, role="customer_rep")
    for where in (project, handed_over, customer_of, ProjectFactory()):
        RiskFactory.create_batch(2, project=where)
        ChangeRequestFactory.create_batch(3, project=where)
    handed_over.manager = UserFactory(role=roles.PROJECT_MANAGER)
    handed_over.save()
    _agree()
    # Own project and the former one's seat; the customer seat shows change
    # requests, not risks.
    assert tallies.count(manager, Risk) == 4
    assert tallies.count(manager, ChangeRequest) == 9
    _counts_agree(manager, handed_over.manager)


def test_a_managers_count_reads_the_rollup_not_each_project(project):
    manager = project.manager
    for _ in range(5):
        MilestoneFactory(project=ProjectFactory(manager=manager))
    tallies.compact()
    assert tallies.count(manager, Milestone) == 5
    # A wrong project tally does not change the manager's count (it is not
    # read); a wrong rollup does, and check_managers() finds it.
    Tally.objects.filter(project__manager=manager).update(milestones=7)
    assert tallies.count(manager, Milestone) == 5
    ManagerTally.objects.filter(manager=manager).update(milestones=6)
    assert tallies.count(manager, Milestone) == 6
    assert tallies.check_managers() == {
        manager.pk: ({"projects": 6, "milestones": 6}, {"projects": 6, "milestones": 5})
    }
    call_command("tallies", "--rebuild")
    _agree()
    assert tallies.count(manager, Milestone) == 5


def test_compact_folds_each_managers_rollup(project):
    manager = project.manager
    for _ in range(4):
        RiskFactory(project=ProjectFactory(manager=manager))
    idle = ProjectFactory()
    RiskFactory(project=idle).delete()
    idle.delete()
    assert ManagerTally.objects.filter(manager=manager).count() > 1
    tallies.compact()
    assert ManagerTally.objects.filter(manager=manager).count() == 1
    # Rows summing to zero go (a manager whose project and risk came and
    # went); the compaction's own rows add nothing.
    assert not ManagerTally.objects.filter(manager=idle.manager).exists()
    tallies.compact()
    _agree()
    assert tallies.count(manager, Risk) == 4


def test_the_database_keeps_whether_a_seat_is_the_managers(project):
    manager, member = project.manager, UserFactory(role=roles.MEMBER)
    own = MembershipFactory(project=project, user=manager, role="manager")
    seat = MembershipFactory(project=project, user=member)

    def manages() -> dict[str, bool]:
        rows = Membership.objects.filter(project=project)
        return {m.user.username: m.manages for m in rows.select_related("user")}

    assert manages() == {manager.username: True, member.username: False}
    project.manager = member
    project.save()
    assert manages() == {manager.username: False, member.username: True}
    # A value written by hand does not stick, and moving a seat recomputes it.
    seat.manages = False
    seat.allocation_percent = 10
    seat.save()
    own.project = ProjectFactory(manager=manager)
    own.save()
    Membership.objects.filter(pk=seat.pk).update(manages=False)
    assert Membership.objects.get(pk=seat.pk).manages is True
    assert Membership.objects.get(pk=own.pk).manages is True


def test_project_list_counts_from_the_rollups(company, client, project):
    for who in ("manager", "member", "customer", "director"):
        user = company[who]
        client.force_login(user)
        visible = Project.objects.visible_to(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/projects/", {"page": "1", "ordering": "name"})
        assert response.context["page_obj"].paginator.count == visible.count(), who
        assert _count_queries(queries, "projects_project") == [], who
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/projects/", {"status": "active"})
        assert response.context["page_obj"].paginator.count == (
            visible.filter(status="active").count()
        )
        assert len(_count_queries(queries, "projects_project")) == 1, who
    with pytest.raises(ValueError, match="not counted within a project"):
        tallies.count(company["director"], Project, project)
