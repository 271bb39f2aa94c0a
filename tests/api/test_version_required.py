"""The stale-edit check is required: a write that does not say which version
it read is refused, never saved blind (issue 20)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import RiskFactory

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_patch_without_version_is_428_and_changes_nothing(project):
    risk = RiskFactory(project=project, title="Before")

    response = api(project.manager).patch(
        f"/api/v1/risks/{risk.pk}/", {"title": "Blind"}, format="json"
    )

    assert response.status_code == 428
    assert "version" in response.json()["detail"]
    risk.refresh_from_db()
    assert risk.title == "Before"


def test_if_match_header_carries_the_version(project):
    risk = RiskFactory(project=project, title="Before")
    client = api(project.manager)

    ok = client.patch(
        f"/api/v1/risks/{risk.pk}/",
        {"title": "After"},
        format="json",
        HTTP_IF_MATCH=f'"{risk.version}"',
    )
    stale = client.patch(
        f"/api/v1/risks/{risk.pk}/",
        {"title": "Late"},
        format="json",
        HTTP_IF_MATCH=f'"{risk.version}"',
    )

    assert ok.status_code == 200, ok.content
    assert stale.status_code == 409
    risk.refresh_from_db()
    assert risk.title == "After"


def test_page_edit_without_version_is_refused(client, project):
    risk = RiskFactory(project=project, title="Before")
    client.force_login(project.manager)

    response = client.post(
        reverse("risks:edit", args=[risk.pk]),
        {
            "title": "Blind",
            "category": risk.category,
            "probability": 3,
            "impact": 3,
            "strategy": risk.strategy,
            "status": risk.status,
            "identified_on": risk.identified_on.isoformat(),
        },
    )

    assert response.status_code in (200, 400)
    assert "Reload the page" in response.content.decode()
    risk.refresh_from_db()
    assert risk.title == "Before"


def test_edit_page_form_carries_the_version(client, project):
    risk = RiskFactory(project=project)
    client.force_login(project.manager)

    page = client.get(reverse("risks:edit", args=[risk.pk])).content.decode()

    assert f'name="version" value="{risk.version}"' in page
