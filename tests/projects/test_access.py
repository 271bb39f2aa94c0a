"""The access rules of DESIGN.md §4, asked of projects/access.py directly."""

from __future__ import annotations

import pytest

from accounts import roles
from projects import access
from projects.models import Project
from risks.models import Issue, Risk
from tests.factories import (
    ActionItemFactory,
    ChangeRequestFactory,
    CostEntryFactory,
    DocumentFactory,
    IssueFactory,
    MembershipFactory,
    MilestoneFactory,
    ProjectFactory,
    RiskFactory,
    RiskResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TEAM_ROLES = [
    "coordinator",
    "finance",
    "qa",
    "risk_officer",
    "tech_expert",
    "member",
    "consultant",
]


def test_outsider_sees_no_project_and_may_do_nothing(project, outsider):
    risk = RiskFactory(project=project)

    assert not Project.objects.visible_to(outsider).exists()
    assert not Risk.objects.visible_to(outsider).exists()
    for action in ("view", "change", "delete", "add"):
        assert not access.can(outsider, action, project)
        assert not access.can(outsider, action, risk)


def test_visible_to_lists_only_the_users_projects(outsider):
    mine, managed, other = (
        ProjectFactory(),
        ProjectFactory(manager=outsider),
        ProjectFactory(),
    )
    MembershipFactory(project=mine, user=outsider)

    visible = set(Project.objects.visible_to(outsider))

    assert visible == {mine, managed}
    assert other not in visible


@pytest.mark.parametrize("group", [roles.ADMIN, roles.DIRECTOR])
def test_admins_and_directors_read_every_project(group):
    user = UserFactory(role=group)
    projects = ProjectFactory.create_batch(3)
    IssueFactory(project=projects[0])

    assert set(Project.objects.visible_to(user)) == set(projects)
    assert Issue.objects.visible_to(user).count() == 1
    assert all(access.can(user, "view", p) for p in projects)


def test_superuser_may_do_everything(project):
    boss = UserFactory(is_superuser=True)
    assert access.can(boss, "delete", RiskFactory(project=project))
    assert access.can(boss, "approve", ChangeRequestFactory(project=project))


@pytest.mark.parametrize(
    "obj_factory",
    [
        RiskFactory,
        IssueFactory,
        CostEntryFactory,
        MilestoneFactory,
        ChangeRequestFactory,
    ],
)
def test_director_reads_but_may_not_write(director, obj_factory):
    obj = obj_factory()

    assert access.can(director, "view", obj)
    assert not access.can(director, "change", obj)
    assert not access.can(director, "delete", obj)
    assert not access.can(director, "approve", obj)
    from kpis.models import can_edit_kpi_targets

    assert can_edit_kpi_targets(director)


def test_director_may_not_create_projects(director):
    assert not access.can_create_project(director)
    assert access.can_create_project(UserFactory(role=roles.PROJECT_MANAGER))
    assert not access.can_create_project(UserFactory(role=roles.MEMBER))


def test_project_manager_edits_everything_in_own_project_only(project):
    other = ProjectFactory()
    manager = project.manager

    for obj in (
        project,
        RiskFactory(project=project),
        CostEntryFactory(project=project),
        DocumentFactory(project=project),
        ChangeRequestFactory(project=project),
    ):
        assert access.can(manager, "change", obj)
        assert access.can(manager, "delete", obj)
    assert access.can(manager, "approve", project)
    assert not access.can(manager, "view", other)
    assert not access.can(manager, "change", RiskFactory(project=other))


def test_manager_membership_role_counts_as_manager(project, make_member):
    deputy = make_member("manager")
    assert access.can(deputy, "change", project)
    assert access.can(deputy, "approve", ChangeRequestFactory(project=project))


@pytest.mark.parametrize("role", TEAM_ROLES)
def test_team_members_read_internal_records(project, make_member, role):
    user = make_member(role)
    for obj in (
        RiskFactory(project=project),
        IssueFactory(project=project),
        CostEntryFactory(project=project),
        DocumentFactory(project=project),
    ):
        assert access.can(user, "view", obj)
    assert access.visible(user, Risk.objects.all()).count() == 1


@pytest.mark.parametrize(
    ("role", "factory", "action", "expected"),
    [
        ("finance", CostEntryFactory, "change", True),
        ("finance", CostEntryFactory, "add", True),
        ("member", CostEntryFactory, "change", False),
        ("risk_officer", RiskFactory, "change", True),
        ("risk_officer", RiskFactory, "delete", True),
        ("member", RiskFactory, "change", False),
        ("qa", DocumentFactory, "review", True),
        ("member", DocumentFactory, "review", False),
        ("qa", DocumentFactory, "change", False),
        ("member", MilestoneFactory, "change", False),
        ("member", ChangeRequestFactory, "approve", False),
    ],
)
def test_project_role_grants(project, make_member, role, factory, action, expected):
    user = make_member(role)
    assert access.can(user, action, factory(project=project)) is expected


def test_members_update_what_they_own(project, make_member):
    user = make_member("member")
    risk = RiskFactory(project=project)
    mine = RiskResponseFactory(risk=risk, owner=user)
    theirs = RiskResponseFactory(risk=risk)
    my_issue = IssueFactory(project=project, owner=user)
    my_action = ActionItemFactory(meeting__project=project, owner=user)

    assert access.can(user, "change", mine)
    assert not access.can(user, "change", theirs)
    assert access.can(user, "change", my_issue)
    assert not access.can(user, "change", IssueFactory(project=project))
    assert access.can(user, "change", my_action)
    assert not access.can(user, "change", ActionItemFactory(meeting__project=project))


def test_members_may_raise_issues_and_change_requests(project, make_member):
    user = make_member("member")
    assert access.can(user, "add", Issue(project=project))
    assert access.can(
        user, "add", ChangeRequestFactory.build(project=project, requested_by=user)
    )
    assert not access.can(user, "add", Risk(project=project))


class TestCustomer:
    def test_sees_basic_record_milestones_changes_and_progress_reports(
        self, project, make_member
    ):
        carl = make_member("customer_rep")
        report = DocumentFactory(project=project, kind="progress_report")
        plan = DocumentFactory(project=project, kind="plan")
        milestone = MilestoneFactory(project=project)
        change = ChangeRequestFactory(project=project)

        assert access.can(carl, "view", project)
        assert access.can(carl, "view", milestone)
        assert access.can(carl, "view", change)
        assert access.can(carl, "view", report)
        assert not access.can(carl, "view", plan)
        docs = access.visible(carl, type(report).objects.all())
        assert list(docs) == [report]

    @pytest.mark.parametrize("factory", [RiskFactory, IssueFactory, CostEntryFactory])
    def test_internal_records_are_hidden(self, project, make_member, factory):
        carl = make_member("customer_rep")
        obj = factory(project=project)

        assert not access.can(carl, "view", obj)
        assert not access.visible(carl, type(obj).objects.all()).exists()

    def test_raises_and_submits_own_change_requests_only(self, project, make_member):
        carl = make_member("customer_rep")
        own = ChangeRequestFactory(project=project, requested_by=carl)
        other = ChangeRequestFactory(project=project)

        assert access.can(
            carl, "add", ChangeRequestFactory.build(project=project, requested_by=carl)
        )
        assert access.can(carl, "submit", own)
        assert not access.can(carl, "submit", other)
        assert not access.can(carl, "approve", own)
        assert not access.can(carl, "change", project)


def test_inactive_user_may_do_nothing(project):
    manager = project.manager
    manager.is_active = False
    manager.save()

    assert not access.can(manager, "view", project)
    assert not Project.objects.visible_to(manager).exists()


def test_only_project_managers_create_projects_and_manage_them_themselves():
    pm, member = UserFactory(role=roles.PROJECT_MANAGER), UserFactory(role=roles.MEMBER)

    assert access.can(pm, "add", ProjectFactory.build(manager=pm))
    assert not access.can(pm, "add", ProjectFactory.build(manager=member))
    assert not access.can(member, "add", ProjectFactory.build(manager=member))
    assert access.can(
        UserFactory(role=roles.ADMIN), "add", ProjectFactory.build(manager=member)
    )


def test_only_the_rater_may_change_a_rating(project, make_member):
    from tests.factories import MeetingFeedbackFactory, TeamCommunicationFactory

    rater, colleague = make_member("member"), make_member("member")
    team_rating = TeamCommunicationFactory(project=project, rater=rater)
    feedback = MeetingFeedbackFactory(meeting__project=project, attendee=rater)

    for rating in (team_rating, feedback):
        assert access.can(rater, "change", rating)
        assert access.can(project.manager, "view", rating)
        assert not access.can(project.manager, "change", rating)
        assert not access.can(project.manager, "delete", rating)
        assert not access.can(colleague, "change", rating)
    assert access.can(UserFactory(role=roles.ADMIN), "change", team_rating)


def test_manager_may_not_rate_own_communication(project):
    from reviews.models import TeamCommunication

    manager = project.manager
    assert not access.can(
        manager, "add", TeamCommunication(project=project, rater=manager)
    )
