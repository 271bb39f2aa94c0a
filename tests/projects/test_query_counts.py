"""The project list, overview and timelines run a fixed number of queries
whether a project has 5 or 500 milestones."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from milestones.models import Milestone
from tests.factories import (
    CostEntryFactory,
    DocumentFactory,
    PhaseFactory,
    ProjectFactory,
    RiskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
# The health figures are five grouped counts over a page's projects (one per
# table: milestones, costs, risks, issues, documents), not SQL text.
MAX_QUERIES = 16


def add_milestones(project, count):
    today = timezone.localdate()
    phase = PhaseFactory(project=project)
    rows = Milestone.objects.bulk_create(
        Milestone(
            project=project,
            phase=phase if n % 2 else None,
            name=f"M{n}",
            planned_date=project.start_date + timedelta(days=n % 150),
            forecast_date=today + timedelta(days=n % 30) if n % 3 == 0 else None,
            completed_on=today - timedelta(days=1) if n % 4 == 0 else None,
        )
        for n in range(count)
    )
    through = Milestone.depends_on.through
    through.objects.bulk_create(
        through(from_milestone_id=b.pk, to_milestone_id=a.pk) for a, b in pairwise(rows)
    )
    CostEntryFactory(project=project)
    DocumentFactory(project=project, due_date=today - timedelta(days=2))
    RiskFactory(project=project, probability=5, impact=5)


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page",
    ["portfolio:project_detail", "portfolio:project_timeline", "milestones:list"],
)
def test_project_pages_have_fixed_query_count(client, page):
    pm = UserFactory(role=roles.PROJECT_MANAGER)
    small, large = ProjectFactory(manager=pm), ProjectFactory(manager=pm)
    add_milestones(small, 5)
    add_milestones(large, 500)
    client.force_login(pm)
    client.get(reverse(page, args=[small.pk]))  # warm the session

    at_5 = count(client, reverse(page, args=[small.pk]))
    at_500 = count(client, reverse(page, args=[large.pk]))

    assert at_5 == at_500, (page, at_5, at_500)
    assert at_500 <= MAX_QUERIES, (page, at_500)


@pytest.mark.parametrize(
    "page", ["portfolio:project_list", "portfolio:timeline", "portfolio:resources"]
)
def test_cross_project_pages_have_fixed_query_count(client, page):
    pm = UserFactory(role=roles.PROJECT_MANAGER)
    first = ProjectFactory(manager=pm)
    add_milestones(first, 5)
    client.force_login(pm)
    client.get(reverse(page))
    at_5 = count(client, reverse(page))

    add_milestones(first, 495)
    for _ in range(30):  # more projects than one page
        add_milestones(ProjectFactory(manager=pm), 5)
    at_500 = count(client, reverse(page))

    assert at_5 == at_500, (page, at_5, at_500)
    assert at_500 <= MAX_QUERIES, (page, at_500)
