"""The director dashboard and a drill-down in Chromium, with screenshots."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import Department
from projects.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_director_dashboard_and_drill_down(page, sign_in, shot):
    call_command("seed_demo", "--projects", "8")

    sign_in(page, "director", DEMO_PASSWORD)
    page.goto("/kpis/")

    assert page.get_by_role("heading", name="Scorecard").is_visible()
    assert page.get_by_text("On-time delivery").first.is_visible()
    # Chart.js drew the trend canvases (no CSP or script errors).
    expect(page.locator("canvas[data-kpi-trend]")).to_have_count(17)
    assert page.evaluate("typeof window.Chart") == "function"
    assert page.js_errors == []
    shot(page, "kpis-dashboard")

    technology = Department.objects.get(code="technology")
    page.get_by_role("link", name=technology.name).first.click()
    page.wait_for_url(f"**/kpis/department/{technology.pk}/**")
    assert page.get_by_role("heading", name="Projects", exact=True).is_visible()
    assert page.js_errors == []
    shot(page, "kpis-drilldown")
