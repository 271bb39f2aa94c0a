"""The OpenAPI schema: valid, warning-free, served, covering every resource."""

from __future__ import annotations

import io
from contextlib import redirect_stderr

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts import roles
from tests.api.resources import registered
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings(tmp_path):
    stderr = io.StringIO()
    target = tmp_path / "schema.yaml"
    try:
        with redirect_stderr(stderr):
            call_command(
                "spectacular",
                "--validate",
                "--fail-on-warn",
                "--file",
                str(target),
                "--skip-checks",
                stderr=stderr,
            )
    except Exception as exc:
        pytest.fail(f"{type(exc).__name__}: {exc}\n{stderr.getvalue()}")
    assert target.read_text().startswith("openapi: 3")


def test_schema_is_served_and_lists_every_resource():
    client = APIClient()
    client.force_login(UserFactory(role=roles.MEMBER))

    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    missing = [p for p in registered() if f"/api/v1/{p}/" not in paths]
    assert not missing, missing
    schemes = schema["components"]["securitySchemes"]
    assert {"tokenAuth", "cookieAuth"} <= set(schemes)


def test_docs_page_uses_packaged_assets_only():
    client = APIClient()
    client.force_login(UserFactory(role=roles.MEMBER))

    page = client.get("/api/v1/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "//cdn" not in html
    assert "unpkg" not in html
    assert "jsdelivr" not in html
    assert "<script>" not in html  # no inline code: the page's CSP forbids it
    assert "script-src" in page["Content-Security-Policy"]


def test_browsable_api_has_no_inline_script():
    client = APIClient()
    client.force_login(UserFactory(role=roles.MEMBER))
    page = client.get("/api/v1/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert "<script>" not in page.content.decode()


def test_error_answers_are_documented():
    client = APIClient()
    client.force_login(UserFactory(role=roles.MEMBER))
    paths = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()[
        "paths"
    ]

    patch = paths["/api/v1/departments/{id}/"]["patch"]["responses"]
    listing = paths["/api/v1/departments/"]["get"]["responses"]

    assert {"200", "400", "401", "403", "404", "409"} <= set(patch)
    assert {"200", "400", "401", "403", "404"} <= set(listing)
    assert "409" not in listing


@pytest.mark.parametrize(
    "url", ["/api/v1/projects/0.5/", "/api/v1/no-such-resource/", "/api/v1/users/x/y/"]
)
def test_unknown_api_urls_answer_json_404(url):
    client = APIClient()
    client.force_login(UserFactory(role=roles.MEMBER))
    for method in (client.get, client.post, client.patch, client.delete):
        response = method(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}


def test_missing_trailing_slash_still_redirects():
    client = APIClient()
    client.force_login(UserFactory(role=roles.MEMBER))
    response = client.get("/api/v1/users")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/users/"
