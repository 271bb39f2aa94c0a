"""The API docs (Swagger UI from drf-spectacular-sidecar) and DRF's browsable
API render in a real browser under the app's Content-Security-Policy, and the
profile page hands out a token that the API accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from projects.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_swagger_ui_renders_under_csp(page, sign_in, shot, live_server):
    call_command("seed_demo", "--projects", "1", "--no-kpis")
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    outside: list[str] = []
    page.on(
        "request",
        lambda req: (
            outside.append(req.url)
            if not req.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    sign_in(page, "paula", DEMO_PASSWORD)

    page.goto("/api/v1/docs/")

    # Swagger UI fetched the schema and drew one block per operation.
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Milepost API" in page.locator(".swagger-ui .info .title").inner_text()
    # The resources are drawn folded, with a filter box; one opens on a click.
    page.locator(".opblock-tag-section").first.wait_for()
    tags = page.locator(".opblock-tag").all_inner_texts()
    assert any("users" in tag for tag in tags), tags
    assert page.locator(".opblock").count() == 0
    page.locator(".operation-filter-input").fill("users")
    page.locator("#operations-tag-users").click()
    page.locator(".opblock-get").first.wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "api-docs", full_page=False)

    # "Try it out" calls the API with the session (same origin, CSP-allowed).
    operation = page.locator("#operations-users-users_list")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_placeholder("username", exact=True).fill("paula")
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status")
    status.first.wait_for()
    status = status.first
    assert status.inner_text().strip() == "200"
    assert (
        '"username": "paula"'
        in operation.locator(".live-responses-table .microlight").first.inner_text()
    )
    shot(page, "api-docs-try-it-out", full_page=False)
    assert violations == []
    assert outside == []
    assert page.js_errors == []


def test_browsable_api_renders_under_csp(page, sign_in, shot):
    call_command("seed_demo", "--projects", "1", "--no-kpis")
    sign_in(page, "paula", DEMO_PASSWORD)
    missing: list[str] = []
    page.on(
        "response",
        lambda res: missing.append(res.url) if res.status >= 400 else None,
    )

    page.goto("/api/v1/users/?username=paula")

    assert page.get_by_role("heading", name="User List").is_visible()
    assert page.get_by_text('"username": "paula"').is_visible()
    # DRF's own scripts ran (jQuery is loaded from this server).
    assert page.evaluate("typeof window.jQuery") == "function"
    # DRF's page links no icon, so Chromium may ask for /favicon.ico (404).
    assert [url for url in missing if not url.endswith("/favicon.ico")] == []
    csp = [e for e in page.js_errors if "Content Security Policy" in e]
    assert csp == []
    shot(page, "api-browsable", full_page=False)


def test_profile_token_works_against_the_api(page, sign_in, shot):
    call_command("seed_demo", "--projects", "1", "--no-kpis")
    sign_in(page, "peter", DEMO_PASSWORD)

    page.get_by_role("button", name="Peter").click()
    page.get_by_role("link", name="Profile and API tokens").click()
    page.get_by_role("button", name="Create token").click()
    key = page.get_by_role("textbox", name="Token").input_value()
    shot(page, "api-profile-token")
    # The page passes the same accessibility basics as the others.
    checks = (Path(__file__).parent / "a11y.js").read_text()
    result = page.evaluate(checks)
    assert result["checked"] >= 15, result
    assert result["problems"] == []

    api = page.context.request
    response = api.get(
        "/api/v1/users/?username=peter",
        headers={"Authorization": f"Token {key}", "Cookie": ""},
    )
    assert response.status == 200
    assert response.json()["results"][0]["username"] == "peter"

    page.get_by_role("button", name="Revoke token").click()
    assert page.get_by_text("Your API token was revoked").is_visible()
    assert page.get_by_text("You have no API token.").is_visible()
    assert page.js_errors == []
