"""Baseline versus current plan (issue 19): an approved change request moves
the planned date, the baseline stays, and the milestone list shows both and
the variance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from changes import services
from tests.factories import MembershipFactory, MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db


def _director():
    """Who decides a change request the PM raised (DESIGN §4, issue 20)."""
    return UserFactory(role=roles.DIRECTOR)


def _approve_move(project, milestone, new_date):
    manager = project.manager
    draft = services.change_request_create(
        project=project,
        by=manager,
        data={"title": "Move", "kind": "schedule", "impact_days": 1},
        milestone_changes=[{"milestone": milestone, "new_planned_date": new_date}],
    )
    services.change_request_submit(change_request=draft, by=manager)
    services.change_request_approve(change_request=draft, by=_director())


def test_baseline_survives_two_approved_moves(project):
    project.baselined_on = timezone.localdate() - timedelta(days=10)
    project.save()
    planned = timezone.localdate() + timedelta(days=20)
    milestone = MilestoneFactory(project=project, planned_date=planned)

    _approve_move(project, milestone, planned + timedelta(days=14))
    milestone.refresh_from_db()
    _approve_move(project, milestone, planned + timedelta(days=21))
    milestone.refresh_from_db()

    assert milestone.baseline_date == planned
    assert milestone.planned_date == planned + timedelta(days=21)
    assert milestone.variance_days == 21


def test_milestone_list_shows_baseline_current_and_variance(client, project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    project.baselined_on = timezone.localdate() - timedelta(days=10)
    project.save()
    planned = timezone.localdate() + timedelta(days=20)
    milestone = MilestoneFactory(project=project, name="Go-live", planned_date=planned)
    _approve_move(project, milestone, planned + timedelta(days=14))
    client.force_login(project.manager)

    html = client.get(reverse("milestones:list", args=[project.pk])).content.decode()

    assert "Baseline" in html
    assert "Variance (days)" in html
    row = html[html.index("Go-live") :]
    row = row[: row.index("</tr>")]
    assert ">14<" in row.replace(" ", "").replace("\n", "")


def test_unmoved_milestone_has_no_variance(project):
    milestone = MilestoneFactory(project=project)

    assert milestone.baseline == milestone.planned_date
    assert milestone.variance_days == 0
