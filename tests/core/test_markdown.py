"""Markdown in minutes and descriptions, rendered safely (issue 19)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.markdown import render
from tests.factories import MeetingFactory, MembershipFactory, RiskFactory

pytestmark = pytest.mark.django_db


def test_markdown_renders_headings_emphasis_and_lists():
    html = render("## Decisions\n\n**Go** live on *Friday*\n\n- one\n- two")

    assert "<h4>Decisions</h4>" in html
    assert "<strong>Go</strong>" in html
    assert "<em>Friday</em>" in html
    assert "<li>one</li>" in html
    assert "##" not in html
    assert "**" not in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
    ],
)
def test_no_raw_html_passes(attack):
    html = render(f"Minutes\n\n{attack}")

    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert '<a href="javascript' not in html  # only as escaped text


def test_links_are_kept_with_safe_rel():
    html = render("[docs](https://example.com/a)")

    assert 'href="https://example.com/a"' in html
    assert "noopener" in html


def test_meeting_minutes_show_as_formatted_text(client, project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    meeting = MeetingFactory(
        project=project, minutes="## Outcome\n\n**Approved** <script>x()</script>"
    )
    client.force_login(project.manager)

    html = client.get(reverse("reviews:meeting_detail", args=[meeting.pk])).content
    text = html.decode()

    assert "<strong>Approved</strong>" in text
    assert "## Outcome" not in text
    assert "<script>x()" not in text


def test_risk_description_is_markdown(client, project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    risk = RiskFactory(project=project, description="*vendor* may be **late**")
    client.force_login(project.manager)

    text = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()

    assert "<strong>late</strong>" in text
