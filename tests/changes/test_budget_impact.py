"""An approved change request's cost impact shows in the project's budget
view (issue 19): the approved budget, the approved changes, the revised
budget, and what is left against it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from projects import selectors
from tests.factories import (
    ChangeRequestFactory,
    CostEntryFactory,
    MembershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory(budget=Decimal("100000"))
    MembershipFactory(project=project, user=project.manager, role="manager")
    return project


def test_budget_view_adds_approved_change_requests(client, project):
    approved = ChangeRequestFactory(
        project=project,
        title="Extra interface",
        status="approved",
        impact_cost=Decimal("25000"),
    )
    ChangeRequestFactory(
        project=project,
        title="Done already",
        status="implemented",
        impact_cost=Decimal("-5000"),
    )
    for status in ("draft", "submitted", "rejected"):
        ChangeRequestFactory(
            project=project,
            title=f"Not counted {status}",
            status=status,
            impact_cost=Decimal("99999"),
        )
    CostEntryFactory(project=project, amount=Decimal("110000"))
    client.force_login(project.manager)

    html = client.get(reverse("projects:budget", args=[project.pk])).content.decode()

    assert "Approved changes" in html
    assert "+20,000.00 EUR" in html
    assert "Revised budget" in html
    assert "120,000.00 EUR" in html
    assert reverse("changes:detail", args=[approved.pk]) in html
    assert "Not counted" not in html
    assert "Overspent" not in html  # 110,000 spent of 120,000 revised
    assert "10,000.00 EUR" in html  # remaining


def test_budget_report_without_changes_keeps_the_budget(project):
    CostEntryFactory(project=project, amount=Decimal("110000"))

    report = selectors.budget_report(project)

    assert report["revisions"] == []
    assert report["revised"] == Decimal("100000")
    assert report["overspent"] is True
