"""Risk heat map and a change request's approval in a real browser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from accounts.models import User
from changes import services
from changes.models import ChangeRequest
from milestones.models import Milestone
from projects.demo import DEMO_PASSWORD
from projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_reads_the_heat_map_and_drills_into_a_cell(page, sign_in, shot):
    call_command("seed_demo", "--projects", "3", "--no-kpis")
    project = Project.objects.get(code="PRJ-001")
    sign_in(page, project.manager.username, DEMO_PASSWORD)

    page.goto(f"/projects/{project.pk}/risks/")

    assert page.get_by_role("heading", name="Heat map").is_visible()
    cells = page.locator("#heat-map td a")
    assert cells.count() == 25
    total = sum(int(c.get_attribute("data-count")) for c in cells.all())
    assert total == project.risks.count() == 20
    shot(page, "risks-heatmap")
    busiest = max(cells.all(), key=lambda c: int(c.get_attribute("data-count")))
    expected = int(busiest.get_attribute("data-count"))
    busiest.click()
    page.wait_for_url("**impact=*")
    assert page.locator("#risk-table tbody tr").count() == expected
    assert page.js_errors == []


def test_manager_approves_a_change_request_and_the_baseline_moves(page, sign_in, shot):
    call_command("seed_demo", "--projects", "3", "--no-kpis")
    member = User.objects.get(username="mike")
    project = next(  # a project of mike's with two open milestones to move
        p
        for p in Project.objects.filter(memberships__user=member).order_by("code")
        if p.baselined_on
        and Milestone.objects.filter(project=p, completed_on__isnull=True).count() >= 2
    )
    milestones = list(
        Milestone.objects.filter(project=project, completed_on__isnull=True)[:2]
    )
    assert project.baselined_on is not None
    assert len(milestones) == 2
    old_dates = [m.planned_date for m in milestones]
    cr = services.change_request_create(
        project=project,
        by=member,
        data={
            "title": "Add single sign-on for partner staff",
            "description": "Partners need to sign in with their own identity provider.",
            "kind": "scope",
            "impact_days": 21,
            "impact_cost": 18500,
        },
        affected_requirements=list(project.requirements.all()[:2]),
        milestone_changes=[
            {"milestone": m, "new_planned_date": m.planned_date + timedelta(days=21)}
            for m in milestones
        ],
    )
    services.change_request_submit(change_request=cr, by=member)

    sign_in(page, project.manager.username, DEMO_PASSWORD)
    page.goto(f"/changes/{cr.pk}/")
    page.get_by_label("Decision note").fill("Approved at the steering committee.")
    page.get_by_role("button", name="Approve").click()

    assert page.get_by_text("milestone dates updated").is_visible()
    cr.refresh_from_db()
    assert cr.status == ChangeRequest.Status.APPROVED
    for milestone, old in zip(milestones, old_dates, strict=True):
        milestone.refresh_from_db()
        assert milestone.planned_date == old + timedelta(days=21)
        assert milestone.history.filter(
            planned_date=old + timedelta(days=21), history_user=project.manager
        ).exists()
    assert page.locator("#history-heading").is_visible()
    assert page.js_errors == []
    shot(page, "changes-detail")
