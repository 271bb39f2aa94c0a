"""Milestone rules a planner expects (issue 19): no completion before the
predecessors, an approved move widens the milestone's phase and keeps it
after what it depends on, approving a plan needs milestones and starts the
project."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from changes import services as change_services
from milestones import services
from projects import services as project_services
from projects.models import Project
from tests.factories import (
    MembershipFactory,
    MilestoneFactory,
    PhaseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _director():
    """Who decides a change request the PM raised (DESIGN §4, issue 20)."""
    return UserFactory(role=roles.DIRECTOR)


def _today():
    return timezone.localdate()


def test_milestone_cannot_be_completed_while_its_predecessor_is_open(project):
    first = MilestoneFactory(project=project, name="Design signed off")
    second = MilestoneFactory(project=project)
    second.depends_on.add(first)

    with pytest.raises(ValidationError) as error:
        services.milestone_update(
            milestone=second, by=None, data={"completed_on": _today()}
        )

    assert "Design signed off" in str(error.value.message_dict["completed_on"])
    second.refresh_from_db()
    assert second.completed_on is None

    services.milestone_update(milestone=first, by=None, data={"completed_on": _today()})
    services.milestone_update(
        milestone=second, by=None, data={"completed_on": _today()}
    )
    second.refresh_from_db()
    assert second.completed_on == _today()


def _propose(project, moves):
    return change_services.change_request_create(
        project=project,
        by=project.manager,
        data={"title": "Move", "kind": "schedule", "impact_days": 1},
        milestone_changes=[
            {"milestone": m, "new_planned_date": day} for m, day in moves
        ],
    )


def test_approved_move_widens_the_milestones_phase(project):
    phase = PhaseFactory(
        project=project,
        name="Build",
        start_date=project.start_date,
        end_date=project.start_date + timedelta(days=30),
    )
    milestone = MilestoneFactory(
        project=project, phase=phase, planned_date=project.start_date
    )
    new_date = phase.end_date + timedelta(days=5)
    request = _propose(project, [(milestone, new_date)])
    change_services.change_request_submit(change_request=request, by=project.manager)

    change_services.change_request_approve(change_request=request, by=_director())

    phase.refresh_from_db()
    assert phase.end_date == new_date


def test_move_that_would_push_the_phase_past_the_project_is_refused(project):
    phase = PhaseFactory(
        project=project, start_date=project.start_date, end_date=project.target_date
    )
    milestone = MilestoneFactory(
        project=project, phase=phase, planned_date=project.start_date
    )
    request = _propose(project, [(milestone, project.target_date + timedelta(days=9))])
    change_services.change_request_submit(change_request=request, by=project.manager)

    with pytest.raises(ValidationError):
        change_services.change_request_approve(change_request=request, by=_director())

    milestone.refresh_from_db()
    assert milestone.planned_date == project.start_date


def test_change_request_cannot_leave_a_dependant_before_its_predecessor(project):
    day = project.start_date + timedelta(days=10)
    first = MilestoneFactory(project=project, name="API ready", planned_date=day)
    second = MilestoneFactory(project=project, name="UI", planned_date=day)
    second.depends_on.add(first)

    with pytest.raises(ValidationError) as error:
        _propose(project, [(first, day + timedelta(days=5))])
    assert "“UI” depends on “API ready”" in str(error.value)

    # moving both together is fine
    _propose(
        project, [(first, day + timedelta(days=5)), (second, day + timedelta(days=6))]
    )


def test_approval_checks_the_moves_again(project):
    day = project.start_date + timedelta(days=10)
    first = MilestoneFactory(project=project, planned_date=day)
    second = MilestoneFactory(project=project, planned_date=day + timedelta(days=9))
    request = _propose(project, [(first, day + timedelta(days=5))])
    change_services.change_request_submit(change_request=request, by=project.manager)
    second.depends_on.add(first)  # meanwhile the plan changed
    second.planned_date = day + timedelta(days=1)
    second.save()

    with pytest.raises(ValidationError):
        change_services.change_request_approve(change_request=request, by=_director())

    first.refresh_from_db()
    assert first.planned_date == day


def test_approving_the_plan_starts_a_planned_project(project):
    project.status = Project.Status.PLANNING
    project.save()
    MilestoneFactory(project=project)

    project_services.project_approve_plan(project=project, by=project.manager)

    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE
    assert project.baselined_on == _today()


def test_approve_plan_is_not_offered_without_milestones(client, project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    client.force_login(project.manager)
    url = reverse("portfolio:project_detail", args=[project.pk])

    empty = client.get(url).content.decode()
    MilestoneFactory(project=project)
    with_one = client.get(url).content.decode()

    assert "Approve plan" not in empty
    assert "Add milestones to approve the plan." in empty
    assert "Approve plan" in with_one
