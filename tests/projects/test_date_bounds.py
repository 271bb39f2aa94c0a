"""Absurd dates (issue 19): a typo such as 1900-01-01 or 9999-12-31 is
refused with a clear message, and records saved before the bounds existed
never break a page others share (timelines clamped, monthly tables paged)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import roles
from projects import selectors
from projects.models import CostEntry, Project
from tests.factories import (
    CostEntryFactory,
    MembershipFactory,
    MilestoneFactory,
    ProjectFactory,
    UserFactory,
    today,
)

pytestmark = pytest.mark.django_db


def _project_form(**dates):
    return {
        "code": "ODD-1",
        "name": "Odd dates",
        "status": "planning",
        "start_date": today(),
        "target_date": today() + timedelta(days=90),
        "budget": "1000",
        **dates,
    }


@pytest.mark.parametrize(
    "dates",
    [{"start_date": date(1900, 1, 1)}, {"target_date": date(9999, 12, 31)}],
)
def test_project_with_absurd_date_is_refused_with_a_message(client, dates):
    client.force_login(UserFactory(role=roles.PROJECT_MANAGER))

    response = client.post(reverse("projects:create"), _project_form(**dates))

    assert response.status_code == 400  # the form again, with its errors
    assert "Choose a date between" in response.content.decode()
    assert not Project.objects.filter(code="ODD-1").exists()


def test_date_pickers_offer_only_the_accepted_dates(client, settings):
    client.force_login(UserFactory(role=roles.PROJECT_MANAGER))

    html = client.get(reverse("projects:create")).content.decode()

    assert f'min="{settings.MILEPOST_EARLIEST_DATE.isoformat()}"' in html
    assert f'max="{settings.MILEPOST_LATEST_DATE.isoformat()}"' in html


def test_api_refuses_absurd_milestone_date(project):
    api = APIClient()
    api.force_authenticate(project.manager)
    MembershipFactory(project=project, user=project.manager, role="manager")

    response = api.post(
        "/api/v1/milestones/",
        {"project": project.pk, "name": "Typo", "planned_date": "9999-12-31"},
        format="json",
    )

    assert response.status_code == 400, response.content
    assert not project.milestones.filter(name="Typo").exists()


def test_bounds_are_a_setting(client, settings):
    settings.MILEPOST_LATEST_DATE = today() + timedelta(days=30)
    client.force_login(UserFactory(role=roles.PROJECT_MANAGER))

    response = client.post(reverse("projects:create"), _project_form())

    assert "Choose a date between" in response.content.decode()
    assert not Project.objects.filter(code="ODD-1").exists()


@pytest.fixture
def legacy_project():
    """A project saved with absurd dates before the bounds existed."""
    project = ProjectFactory(budget=Decimal("100000"))
    Project.objects.filter(pk=project.pk).update(
        start_date=date(1900, 1, 1), target_date=date(9999, 12, 31)
    )
    project.refresh_from_db()
    MembershipFactory(project=project, user=project.manager, role="manager")
    MilestoneFactory(project=project, planned_date=today())
    for day in (date(1900, 1, 1), today(), date(9999, 12, 31)):
        entry = CostEntryFactory(project=project)
        CostEntry.objects.filter(pk=entry.pk).update(date=day)
    return project


def test_shared_pages_survive_a_project_of_absurd_dates(client, legacy_project):
    client.force_login(UserFactory(role=roles.DIRECTOR))
    pk = legacy_project.pk

    for url in (
        reverse("portfolio:timeline"),
        reverse("portfolio:project_timeline", args=[pk]),
        reverse("portfolio:project_list"),
        reverse("projects:budget", args=[pk]),
        reverse("portfolio:resources") + "?from=0001-01",
        reverse("portfolio:resources") + "?from=9999-12",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < 400_000, url


def test_budget_table_is_paged_by_period(legacy_project):
    report = selectors.budget_report(legacy_project)

    assert len(report["rows"]) == selectors.BUDGET_MONTHS
    months = [row["month"] for row in report["rows"]]
    assert today().replace(day=1) in months
    assert report["earlier"]
    assert report["later"]
    # the 1900 cost counts in the cumulative figure of the months shown
    assert report["rows"][0]["cumulative"] >= Decimal("1000.00")

    last = selectors.budget_report(legacy_project, date(9999, 12, 1))
    assert last["rows"][-1]["month"] == date(9999, 12, 1)
    assert last["later"] is None
    assert last["rows"][-1]["cumulative"] == last["total"]


def test_short_project_budget_shows_every_month_unpaged(project):
    report = selectors.budget_report(project)

    assert report["earlier"] is None
    assert report["later"] is None
    assert report["rows"][0]["month"] == project.start_date.replace(day=1)
