"""Project planning in a real browser: the overview and the timeline of a
seed_demo project, as its manager sees them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from projects.demo import DEMO_PASSWORD
from projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_sees_overview_and_timeline(page, sign_in, shot):
    call_command("seed_demo", "--projects", "4", "--no-kpis")
    # A running project: target ahead, so it has upcoming and slipping milestones.
    project = (
        Project.objects.filter(status="active", target_date__gt=timezone.localdate())
        .order_by("code")
        .first()
    )

    sign_in(page, project.manager.username, DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")

    assert page.get_by_role("heading", name="Health").is_visible()
    assert page.get_by_role("heading", name="Phase progress").is_visible()
    assert page.get_by_role("heading", name="Next milestones").is_visible()
    assert page.get_by_text("Budget used").first.is_visible()
    assert page.js_errors == []
    shot(page, "planning-overview")

    page.get_by_role("link", name="Timeline", exact=True).last.click()
    page.wait_for_url(f"**/projects/{project.pk}/timeline/")
    svg = page.locator("svg.timeline-svg")
    assert svg.is_visible()
    # One row label per phase and milestone, and the today line is drawn.
    assert svg.get_by_text("Go-live", exact=True).is_visible()
    assert svg.get_by_text("Today", exact=True).is_visible()
    assert page.js_errors == []
    shot(page, "planning-timeline")


def test_director_sees_timeline_across_projects(page, sign_in, shot):
    call_command("seed_demo", "--projects", "6", "--no-kpis")

    sign_in(page, "director", DEMO_PASSWORD)
    page.goto("/projects/timeline/")

    svg = page.locator("svg.timeline-svg")
    assert svg.is_visible()
    assert svg.get_by_text(
        "PRJ-001 Billing platform migration", exact=True
    ).is_visible()
    assert page.js_errors == []
    shot(page, "planning-timeline-all")
