"""The rough edges a new user hits (issue 19): labels, empty states, the
customer's menu, "My scorecard" for members and customers, action items
without an owner."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import roles
from reviews.models import ActionItem
from tests.factories import MeetingFactory, MembershipFactory, UserFactory, today

pytestmark = pytest.mark.django_db


def test_record_labels_read_as_a_sentence(client, project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    client.force_login(project.manager)

    phases = client.get(reverse("projects:phase_list", args=[project.pk])).content
    team = client.get(reverse("projects:member_list", args=[project.pk])).content

    assert "No phases yet" in phases.decode()
    assert "Add phase" in phases.decode()
    assert "Add team member" in team.decode()
    assert "Add Membership" not in team.decode()


def test_empty_list_without_filters_does_not_blame_the_filters(client, project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    client.force_login(project.manager)
    url = reverse("risks:issue_list", args=[project.pk])

    plain = client.get(url).content.decode()
    filtered = client.get(url + "?q=nothing-like-this").content.decode()

    assert "No issues yet" in plain
    assert "match these filters" not in plain
    assert "No issues match these filters." in filtered


def test_customer_menu_has_no_team_pages(client, project):
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=project, user=customer, role="customer_rep")
    member = UserFactory(role=roles.MEMBER)
    MembershipFactory(project=project, user=member, role="member")

    client.force_login(customer)
    customer_home = client.get(reverse("home")).content.decode()
    client.force_login(member)
    member_home = client.get(reverse("home")).content.decode()

    assert reverse("risks:register_all") not in customer_home
    assert reverse("reviews:meeting_list_all") not in customer_home
    assert reverse("risks:register_all") in member_home
    assert reverse("reviews:meeting_list_all") in member_home


def test_my_scorecard_for_a_member_lists_their_projects(client, project):
    member = UserFactory(role=roles.MEMBER)
    MembershipFactory(project=project, user=member, role="member")
    client.force_login(member)

    html = client.get(reverse("kpis:my_scorecard")).content.decode()

    assert reverse("kpis:scorecard", args=["project", project.pk]) in html
    assert "Project manager" not in html
    assert "compute_kpis" not in html


def test_my_scorecard_for_a_customer_explains_instead_of_naming_a_role(client, project):
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=project, user=customer, role="customer_rep")
    client.force_login(customer)

    html = client.get(reverse("kpis:my_scorecard")).content.decode()

    assert "No scorecard for you" in html
    assert "Project manager" not in html


def test_action_item_needs_an_owner(client, project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    meeting = MeetingFactory(project=project)
    client.force_login(project.manager)

    client.post(
        reverse("reviews:action_item_create", args=[meeting.pk]),
        {"kind": "follow_up", "description": "x", "due_date": today().isoformat()},
    )

    assert not ActionItem.objects.exists()


def test_resources_count_planned_projects_and_show_the_breakdown(client):
    from datetime import timedelta

    from projects.models import Project
    from tests.factories import ProjectFactory

    person = UserFactory(role=roles.MEMBER, first_name="Ola", last_name="Berg")
    running = ProjectFactory(
        code="RUN-1",
        status=Project.Status.ACTIVE,
        start_date=today() - timedelta(days=30),
        target_date=today() + timedelta(days=90),
    )
    planned = ProjectFactory(
        code="PLAN-1",
        status=Project.Status.PLANNING,
        start_date=today() - timedelta(days=1),
        target_date=today() + timedelta(days=90),
    )
    MembershipFactory(project=running, user=person, allocation_percent=60)
    MembershipFactory(project=planned, user=person, allocation_percent=60)
    client.force_login(UserFactory(role=roles.DIRECTOR))

    html = client.get(reverse("portfolio:resources")).content.decode()

    row = html[html.index("Ola") :]
    row = row[: row.index("</tr>")]
    assert "120%" in row
    assert "alloc-over" in row
    assert "RUN-1" in row
    assert "PLAN-1" in row


def test_my_work_completes_responses_inline_and_filters_by_project(client):
    from tests.factories import (
        IssueFactory,
        ProjectFactory,
        RiskFactory,
        RiskResponseFactory,
    )

    person = UserFactory(role=roles.MEMBER)
    first, second = ProjectFactory(code="ONE-1"), ProjectFactory(code="TWO-2")
    for project in (first, second):
        MembershipFactory(project=project, user=person, role="member")
    response = RiskResponseFactory(
        risk=RiskFactory(project=first, owner=person), owner=person
    )
    IssueFactory(project=second, owner=person, title="Build broken")
    client.force_login(person)
    url = reverse("portfolio:my_work")

    page = client.get(url).content.decode()
    only_second = client.get(url + f"?project={second.pk}").content.decode()
    done = client.post(
        reverse("risks:response_complete", args=[response.pk]), {"next": url}
    )

    assert reverse("risks:response_complete", args=[response.pk]) in page
    assert reverse("portfolio:project_detail", args=[first.pk]) in page
    assert "Build broken" in only_second
    assert reverse("risks:response_complete", args=[response.pk]) not in only_second
    assert done.status_code == 302
    assert done.url == url
    response.refresh_from_db()
    assert response.completed_on == today()


def test_a_resource_cell_opens_the_projects_of_its_month(client):
    """Each month's figure opens its own breakdown: only the projects that
    run or are planned in that month (issue 19)."""
    from datetime import timedelta

    from projects.models import Project
    from tests.factories import ProjectFactory

    person = UserFactory(role=roles.MEMBER, first_name="Ola", last_name="Berg")
    now = ProjectFactory(
        code="NOW-1",
        status=Project.Status.ACTIVE,
        start_date=today().replace(day=1) - timedelta(days=60),
        target_date=today().replace(day=1) + timedelta(days=20),
    )
    later = ProjectFactory(
        code="LATER-1",
        status=Project.Status.PLANNING,
        start_date=today().replace(day=1) + timedelta(days=95),
        target_date=today().replace(day=1) + timedelta(days=150),
    )
    MembershipFactory(project=now, user=person, allocation_percent=50)
    MembershipFactory(project=later, user=person, allocation_percent=70)
    client.force_login(UserFactory(role=roles.DIRECTOR))

    html = client.get(reverse("portfolio:resources")).content.decode()

    row = html[html.index("Ola") :]
    row = row[: row.index("</tr>")]
    cells = row.split('<td class="text-end alloc-cell')[1:]
    with_now = [c for c in cells if "NOW-1" in c]
    with_later = [c for c in cells if "LATER-1" in c]
    assert with_now
    assert with_later
    assert not [c for c in with_now if "LATER-1" in c]
    assert all("<details" in c for c in with_now + with_later)
