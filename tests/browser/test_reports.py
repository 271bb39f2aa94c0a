"""Report packs in a real browser: a seed_demo project's manager opens the
Reports tab, reads the progress report, downloads its PDF and subscribes."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from portfolio.models import ReportSubscription
from projects.demo import DEMO_PASSWORD
from projects.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_reads_downloads_and_subscribes(page, sign_in, shot):
    call_command("seed_demo", "--projects", "4")
    project = Project.objects.filter(status="active").order_by("code").first()
    sign_in(page, project.manager.username, DEMO_PASSWORD)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("link", name="Reports", exact=True).last.click()
    page.wait_for_url(f"**/projects/{project.pk}/reports/")
    shot(page, "reports-tab")

    page.get_by_role("link", name="Project progress report").click()
    page.wait_for_url(f"**/projects/{project.pk}/reports/progress/")
    assert page.get_by_role("heading", name="KPI figures").is_visible()
    assert page.locator("img.timeline").is_visible()
    assert page.js_errors == []
    shot(page, "reports-progress")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert project.code in text

    page.goto(f"/projects/{project.pk}/reports/risks/")
    shot(page, "reports-risks")
    page.get_by_role("link", name="Subscribe").click()
    page.get_by_label("Frequency").select_option("monthly")
    page.locator("#id_day").fill("15")
    shot(page, "reports-subscribe")
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/reports/")
    assert page.get_by_text("Risk management report").first.is_visible()
    shot(page, "reports-subscriptions")
    sub = ReportSubscription.objects.get(user=project.manager, report="risks")
    assert (sub.frequency, sub.day, sub.project_id) == ("monthly", 15, project.pk)
