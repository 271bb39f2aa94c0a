"""The baseline lock, dependency rules and slipped highlighting of milestones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import roles
from changes.models import MilestoneChange  # noqa: F401  (the change path exists)
from milestones.models import Milestone
from tests.factories import MilestoneFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def manager():
    return UserFactory(role=roles.PROJECT_MANAGER)


@pytest.fixture
def plan(manager):
    project = ProjectFactory(manager=manager)
    milestone = MilestoneFactory(
        project=project, planned_date=today() + timedelta(days=30)
    )
    return project, milestone


def form_data(m, **changes):
    data = {
        "name": m.name,
        "planned_date": m.planned_date.isoformat(),
        "forecast_date": "",
        "completed_on": "",
        "deliverables": "",
        "version": m.version,
    }
    data.update(changes)
    return data


def test_manager_approves_plan_and_baselined_on_is_set(client, plan, manager):
    project, _ = plan
    client.force_login(manager)

    response = client.post(reverse("projects:approve", args=[project.pk]))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.baselined_on == today()


def test_member_cannot_approve_plan(client, plan, make_member):
    project, _ = plan
    member = UserFactory(role=roles.MEMBER)
    from tests.factories import MembershipFactory

    MembershipFactory(project=project, user=member, role="member")
    client.force_login(member)

    response = client.post(reverse("projects:approve", args=[project.pk]))

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.baselined_on is None


def test_director_cannot_approve_plan(client, plan, director):
    project, _ = plan
    client.force_login(director)

    assert (
        client.post(reverse("projects:approve", args=[project.pk])).status_code == 403
    )
    project.refresh_from_db()
    assert project.baselined_on is None


def test_planned_date_is_editable_before_baseline(client, plan, manager):
    _project, m = plan
    client.force_login(manager)
    new = today() + timedelta(days=40)

    response = client.post(
        reverse("milestones:edit", args=[m.pk]),
        form_data(m, planned_date=new.isoformat()),
    )

    assert response.status_code == 302
    m.refresh_from_db()
    assert m.planned_date == new


def test_planned_date_field_is_disabled_and_ignored_after_baseline(
    client, plan, manager
):
    project, m = plan
    project.baselined_on = today()
    project.save()
    client.force_login(manager)
    original = m.planned_date

    page = client.get(reverse("milestones:edit", args=[m.pk]))
    assert 'name="planned_date"' in page.content.decode()
    assert page.context["form"].fields["planned_date"].disabled

    response = client.post(
        reverse("milestones:edit", args=[m.pk]),
        form_data(
            m, planned_date=(original + timedelta(days=9)).isoformat(), name="Moved?"
        ),
    )

    assert response.status_code == 302  # the other fields save
    m.refresh_from_db()
    assert m.planned_date == original
    assert m.name == "Moved?"


def test_service_refuses_planned_date_change_after_baseline(plan, manager):
    from django.core.exceptions import ValidationError

    from milestones import services

    project, m = plan
    project.baselined_on = today()
    project.save()
    m.project.refresh_from_db()
    original = m.planned_date
    m.planned_date = original + timedelta(days=5)

    with pytest.raises(ValidationError) as error:
        services.milestone_update(milestone=m, by=manager, data={})

    assert "planned_date" in error.value.message_dict
    m.refresh_from_db()
    assert m.planned_date == original


def test_api_refuses_planned_date_change_after_baseline_with_400(plan, manager):
    project, m = plan
    project.baselined_on = today()
    project.save()
    api = APIClient()
    api.force_authenticate(manager)
    original = m.planned_date

    response = api.patch(
        f"/api/v1/milestones/{m.pk}/",
        {"planned_date": (original + timedelta(days=3)).isoformat(), "version": 1},
        format="json",
    )

    assert response.status_code == 400
    assert "planned_date" in response.json()
    m.refresh_from_db()
    assert m.planned_date == original
    # Other fields still change after the baseline.
    ok = api.patch(
        f"/api/v1/milestones/{m.pk}/",
        {"forecast_date": (original + timedelta(days=3)).isoformat(), "version": 1},
        format="json",
    )
    assert ok.status_code == 200


def test_approved_change_path_can_still_move_planned_date(plan):
    """changes/services.py sets planned_date directly: the model does not block it."""
    project, m = plan
    project.baselined_on = today()
    project.save()
    new = m.planned_date + timedelta(days=14)

    m.planned_date = new
    m.save()

    m.refresh_from_db()
    assert m.planned_date == new
    assert m.history.count() >= 2  # the move is kept in history


def test_new_milestone_outside_project_dates_is_refused(client, plan, manager):
    project, _ = plan
    client.force_login(manager)
    before = Milestone.objects.count()

    response = client.post(
        reverse("milestones:create", args=[project.pk]),
        {
            "name": "Too late",
            "planned_date": (project.target_date + timedelta(days=1)).isoformat(),
        },
    )

    assert response.status_code == 400
    assert "between the project" in response.content.decode()
    assert Milestone.objects.count() == before


def test_dependency_cycle_is_refused_with_a_message(client, manager):
    project = ProjectFactory(manager=manager)
    a = MilestoneFactory(project=project, name="A")
    b = MilestoneFactory(project=project, name="B")
    c = MilestoneFactory(project=project, name="C")
    b.depends_on.add(a)
    c.depends_on.add(b)
    client.force_login(manager)

    response = client.post(
        reverse("milestones:edit", args=[a.pk]), form_data(a, depends_on=[c.pk])
    )

    assert response.status_code == 400
    assert "cycle" in response.content.decode()
    assert list(a.depends_on.all()) == []


def test_dependency_across_projects_is_refused_by_the_api(manager):
    project = ProjectFactory(manager=manager)
    other = ProjectFactory(manager=manager)
    a = MilestoneFactory(project=project)
    foreign = MilestoneFactory(project=other)
    api = APIClient()
    api.force_authenticate(manager)

    response = api.patch(
        f"/api/v1/milestones/{a.pk}/",
        {"depends_on": [foreign.pk], "version": 1},
        format="json",
    )

    assert response.status_code == 400
    assert "depends_on" in response.json()
    assert list(a.depends_on.all()) == []


def test_api_cycle_is_400_naming_depends_on(manager):
    project = ProjectFactory(manager=manager)
    a = MilestoneFactory(project=project)
    b = MilestoneFactory(project=project)
    b.depends_on.add(a)
    api = APIClient()
    api.force_authenticate(manager)

    response = api.patch(
        f"/api/v1/milestones/{a.pk}/",
        {"depends_on": [b.pk], "version": 1},
        format="json",
    )

    assert response.status_code == 400
    assert "depends_on" in response.json()


def test_slipped_milestones_are_highlighted_in_the_list(client, manager):
    project = ProjectFactory(manager=manager)
    MilestoneFactory(
        project=project,
        name="Late forecast",
        planned_date=today() + timedelta(days=5),
        forecast_date=today() + timedelta(days=20),
    )
    MilestoneFactory(
        project=project, name="Overdue", planned_date=today() - timedelta(days=5)
    )
    MilestoneFactory(
        project=project, name="Fine", planned_date=today() + timedelta(days=5)
    )
    client.force_login(manager)

    response = client.get(reverse("milestones:list", args=[project.pk]))

    rows = {r["obj"].name: r["css"] for r in response.context["rows"]}
    assert rows == {
        "Late forecast": "row-slipped",
        "Overdue": "row-slipped",
        "Fine": "",
    }


def test_stale_edit_is_refused(client, plan, manager):
    _project, m = plan
    client.force_login(manager)
    stale = form_data(m, name="Second editor")
    client.post(
        reverse("milestones:edit", args=[m.pk]), form_data(m, name="First editor")
    )

    response = client.post(reverse("milestones:edit", args=[m.pk]), stale)

    assert response.status_code == 400
    assert "Someone else changed this record" in response.content.decode()
    m.refresh_from_db()
    assert m.name == "First editor"
