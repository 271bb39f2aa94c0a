"""The journeys' pages pass axe-core (issue 19).

axe-core is installed from npm (pinned in package.json) and injected into
the real page; serious and critical violations fail. The hand-written
checks (a11y.js) stay for what axe does not see (contrast on painted
backgrounds, heading order).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from projects.demo import DEMO_PASSWORD
from projects.models import Project
from reviews.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _seed() -> Project:
    call_command("seed_demo", "--projects", "3")
    return Project.objects.get(code="PRJ-001")


def _journey_pages(project: Project) -> list[tuple[str, str]]:
    """The pages the journeys visit, with who visits them."""
    meeting = Meeting.objects.filter(project=project).order_by("-held_on").first()
    pm = project.manager.username
    pk = project.pk
    return [
        (pm, "/"),
        (pm, "/projects/"),
        (pm, f"/projects/{pk}/"),
        (pm, f"/projects/{pk}/milestones/"),
        (pm, f"/projects/{pk}/timeline/"),
        (pm, f"/projects/{pk}/risks/"),
        (pm, f"/projects/{pk}/changes/"),
        (pm, f"/meetings/{meeting.pk}/"),
        (pm, "/my-work/"),
        ("mike", "/my-work/"),
        ("director", "/kpis/"),
        ("director", "/kpis/targets/"),
        ("director", "/projects/resources/"),
        ("carl", "/"),
        ("admin", "/"),
    ]


def _context(browser, live_server, **kwargs):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", bypass_csp=True, **kwargs
    )
    context.set_default_timeout(15_000)
    return context


def _signed_in(context, sign_in, user: str):
    page = context.new_page()
    sign_in(page, user, DEMO_PASSWORD)
    return page


def test_journey_pages_have_no_serious_axe_violations(browser, live_server, sign_in):
    project = _seed()
    found: dict[str, list[str]] = {}
    checked = 0
    current, page, context = "", None, None
    try:
        for user, url in _journey_pages(project):
            if user != current:
                if context is not None:
                    context.close()
                context = _context(
                    browser, live_server, viewport={"width": 1366, "height": 900}
                )
                page, current = _signed_in(context, sign_in, user), user
            assert page.goto(url).status == 200, url
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            checked += 1
            bad = [
                f"{v['id']} ({v['impact']}): "
                + "; ".join(n["target"][0] for n in v["nodes"][:3])
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            # A desktop screen holds every role's menu: no sideways scroll.
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > 1366:
                bad.append(f"page is {width} px wide at 1366 px")
            if bad:
                found[f"{user} {url}"] = bad
    finally:
        if context is not None:
            context.close()
    print(f"\naxe: {checked} pages, {len(found)} with serious/critical violations")  # noqa: T201
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
