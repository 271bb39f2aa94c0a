"""Pages of issue 21's KPIs: the dashboard grouped by 考核维度 with the amber
band, and each new figure's records page listing exactly the rows behind it,
in a fixed number of queries."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kpis import registry, services
from kpis.models import KpiSnapshot
from tests.factories import (
    CostEntryFactory,
    DocumentFactory,
    DocumentReviewFactory,
    DocumentVersionFactory,
    IssueFactory,
    ProjectFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)
NEW = (
    "projects_within_budget",
    "requirement_completeness",
    "requirement_fulfilment",
    "document_update_timeliness",
    "review_pass_rate",
    "conflict_resolution_rate",
    "retro_report_timeliness",
)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("UTC"))


def build(n: int) -> list:
    """n projects with records behind every new KPI, some met, some missed."""
    projects = []
    approved = at(AS_OF - timedelta(days=60))
    for i in range(n):
        p = ProjectFactory(baselined_at=approved, baselined_on=approved.date())
        CostEntryFactory(project=p, date=AS_OF, amount=p.budget + (1 if i % 2 else -1))
        RequirementFactory(project=p, created_at=approved - timedelta(days=1))
        RequirementFactory(
            project=p,
            created_at=approved + timedelta(days=i % 2),
            due_date=AS_OF,
            status="accepted" if i % 2 else "approved",
            accepted_on=AS_OF if i % 2 else None,
        )
        doc = DocumentFactory(project=p, update_every_days=7)
        DocumentVersionFactory(
            document=doc, number=1, submitted_on=AS_OF - timedelta(14)
        )
        DocumentVersionFactory(
            document=doc, number=2, submitted_on=AS_OF - timedelta(7 - i % 2)
        )
        DocumentReviewFactory(
            document=doc, reviewed_on=AS_OF, result="failed" if i % 3 else "passed"
        )
        IssueFactory(
            project=p,
            category="conflict",
            reported_at=at(AS_OF - timedelta(days=5)),
            resolve_by=AS_OF,
            resolved_at=at(AS_OF) if i % 2 else None,
            resolution="Agreed." if i % 2 else "",
        )
        DocumentFactory(
            project=p,
            kind="retrospective_report",
            due_date=AS_OF,
            submitted_on=AS_OF if i % 2 else None,
        )
        projects.append(p)
    services.snapshots_compute(as_of=AS_OF)
    return projects


@pytest.mark.parametrize("code", NEW)
def test_records_page_lists_the_rows_behind_each_new_figure(client, director, code):
    build(4)
    client.force_login(director)
    url = reverse("kpis:records", args=["organisation", 0, code])

    every = client.get(url, {"as_of": AS_OF.isoformat()})
    counted = client.get(url, {"as_of": AS_OF.isoformat(), "only": "numerator"})

    assert every.status_code == 200
    snapshot = every.context["snapshot"]
    assert snapshot.denominator > 0
    assert every.context["page_obj"].paginator.count == snapshot.denominator
    assert counted.context["page_obj"].paginator.count == snapshot.numerator
    assert 0 < snapshot.numerator < snapshot.denominator  # both kinds are listed


@pytest.mark.parametrize("size", [2, 8])
def test_new_records_pages_run_a_fixed_number_of_queries(client, director, size):
    build(size)
    client.force_login(director)
    client.get(reverse("kpis:dashboard"))  # warm the session
    counts = []
    for code in NEW:
        url = reverse("kpis:records", args=["organisation", 0, code])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert max(counts) <= 8, counts


def test_dashboard_groups_cards_by_dimension_with_amber_near_the_target(
    client, director
):
    p = ProjectFactory()
    doc = DocumentFactory(project=p)
    # 87 passed of 100: missed (target 90%) but within 5 points: amber.
    for n in range(100):
        DocumentReviewFactory(
            document=doc, reviewed_on=AS_OF, result="passed" if n < 87 else "failed"
        )
    services.snapshots_compute(as_of=AS_OF)
    client.force_login(director)

    response = client.get(reverse("kpis:dashboard"))

    dimensions = response.context["dimensions"]
    assert [d.key for d, _items in dimensions] == [d.key for d in registry.DIMENSIONS]
    documents = {d.key: items for d, items in dimensions}["documents"]
    bands = {item["kpi"].code: item["band"] for item in documents}
    assert bands == {"document_update_timeliness": "none", "review_pass_rate": "amber"}
    body = response.content.decode()
    assert "审查通过率" in body
    assert "kpi-band-amber" in body


def test_warning_band_is_five_points_in_each_unit():
    rate, score = (
        registry.get("review_pass_rate"),
        registry.get("customer_satisfaction"),
    )
    assert rate.warning_band(Decimal("0.9")) == Decimal("0.05")
    assert score.warning_band(Decimal(80)) == Decimal(5)
    assert registry.get("team_communication").warning_band(Decimal(4)) == Decimal(
        "0.25"
    )


def test_a_missed_figure_further_than_the_band_is_red(client, director):
    p = ProjectFactory()
    doc = DocumentFactory(project=p)
    DocumentReviewFactory(document=doc, reviewed_on=AS_OF, result="failed")
    services.snapshots_compute(as_of=AS_OF)
    client.force_login(director)

    response = client.get(reverse("kpis:dashboard"))

    card = {i["kpi"].code: i for i in response.context["card"]}
    assert card["review_pass_rate"]["band"] == "red"
    assert KpiSnapshot.objects.filter(
        kpi__code="review_pass_rate", scope_type="organisation", status="missed"
    ).exists()
