"""Accessibility basics and phone width, checked in a real browser.

The checks (tests/browser/a11y.js) run inside the page: every form control
has a label, every image alt text, one h1 and no skipped heading level, and
every visible text reaches the WCAG AA contrast ratio (4.5:1, 3:1 for large
text) against the colours actually painted behind it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from projects.demo import DEMO_PASSWORD
from projects.models import Project
from reviews.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = (Path(__file__).parent / "a11y.js").read_text()
PHONE = {"width": 375, "height": 812}


def _seed() -> Project:
    call_command("seed_demo", "--projects", "3")  # with the KPI snapshots
    return Project.objects.get(code="PRJ-001")


def _pages(project: Project) -> list[tuple[str, str, str]]:
    meeting = Meeting.objects.filter(project=project).order_by("-held_on").first()
    return [
        ("home", project.manager.username, "/"),
        ("project-list", project.manager.username, "/projects/"),
        ("project-overview", project.manager.username, f"/projects/{project.pk}/"),
        ("risk-register", project.manager.username, f"/projects/{project.pk}/risks/"),
        ("meeting", project.manager.username, f"/meetings/{meeting.pk}/"),
        ("dashboard", "director", "/kpis/"),
    ]


def _visit(page, sign_in, signed_in: list[str], user: str, url: str) -> None:
    if not signed_in or signed_in[-1] != user:
        page.context.clear_cookies()
        sign_in(page, user, DEMO_PASSWORD)
        signed_in.append(user)
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")


def test_pages_pass_the_accessibility_basics(page, sign_in):
    project = _seed()
    signed_in: list[str] = []
    report: dict[str, list[str]] = {}
    for name, user, url in _pages(project):
        _visit(page, sign_in, signed_in, user, url)
        result = page.evaluate(CHECKS)
        # The checks really looked at the palette: navbar, buttons, text.
        assert result["checked"] >= 15, (name, result)
        if result["problems"]:
            report[name] = result["problems"]
    assert report == {}, "\n".join(f"{k}: {p}" for k, v in report.items() for p in v)
    assert page.js_errors == []


def test_pages_fit_a_phone_without_sideways_scrolling(
    browser, live_server, sign_in, shot
):
    project = _seed()
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en-GB", is_mobile=True
    )
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        signed_in: list[str] = []
        pages = {name: (user, url) for name, user, url in _pages(project)}
        wide = {}
        for name in ("home", "project-overview", "dashboard"):
            user, url = pages[name]
            _visit(page, sign_in, signed_in, user, url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide[name] = width
            shot(page, f"mobile-{name}")
        assert wide == {}
    finally:
        context.close()
