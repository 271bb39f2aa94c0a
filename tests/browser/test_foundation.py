"""The foundation in a real browser: sign in as the demo director, see home."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from projects.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_director_signs_in_and_sees_projects(page, sign_in, shot):
    call_command("seed_demo", "--projects", "6", "--no-kpis")

    sign_in(page, "director", DEMO_PASSWORD)

    assert page.get_by_role("heading", name="Welcome, Dora").is_visible()
    assert page.get_by_text("Billing platform migration").is_visible()
    # The page's stylesheet and scripts came from this server (no CDN) and ran.
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("typeof window.bootstrap") == "object"
    assert page.js_errors == []
    shot(page, "foundation-home-director")


def test_wrong_password_is_refused_with_a_message(page, sign_in):
    call_command("seed_demo", "--projects", "1", "--no-kpis")
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()

    assert page.get_by_text("Please enter a correct username and password").is_visible()
