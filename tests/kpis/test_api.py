"""kpi-definitions and kpi-snapshots (DESIGN.md §5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts import roles
from kpis import services
from kpis.models import KpiDefinition
from tests.factories import (
    MembershipFactory,
    MilestoneFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)
FIELDS = {
    "kpi",
    "scope_type",
    "scope_id",
    "as_of",
    "numerator",
    "denominator",
    "value",
    "target",
    "status",
}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def world():
    manager = UserFactory(role=roles.PROJECT_MANAGER)
    mine = ProjectFactory(manager=manager)
    theirs = ProjectFactory()
    MilestoneFactory(project=mine, planned_date=AS_OF, completed_on=AS_OF)
    for _ in range(9):
        MilestoneFactory(project=theirs, planned_date=AS_OF)
    services.snapshots_compute(as_of=AS_OF)
    return {"manager": manager, "mine": mine, "theirs": theirs}


def test_director_lists_snapshots_with_exact_fields_as_numbers(api, director, world):
    api.force_authenticate(director)
    response = api.get(
        "/api/v1/kpi-snapshots/",
        {
            "kpi": "on_time_delivery",
            "scope_type": "organisation",
            "as_of": AS_OF.isoformat(),
        },
    )
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert set(row) == FIELDS
    assert row == {
        "kpi": "on_time_delivery",
        "scope_type": "organisation",
        "scope_id": None,
        "as_of": "2026-06-30",
        "numerator": 1.0,
        "denominator": 10.0,
        "value": 0.1,
        "target": 0.9,
        "status": "missed",
    }


def test_filters_on_scope_id_and_date_range(api, director, world):
    api.force_authenticate(director)
    pid = world["mine"].pk
    rows = api.get(
        "/api/v1/kpi-snapshots/",
        {
            "scope_type": "project",
            "scope_id": pid,
            "as_of_after": "2026-06-01",
            "as_of_before": "2026-06-30",
        },
    ).json()["results"]
    assert len(rows) == 17
    assert {r["scope_id"] for r in rows} == {pid}
    assert (
        api.get("/api/v1/kpi-snapshots/", {"as_of_after": "2026-07-01"}).json()["count"]
        == 0
    )
    assert api.get("/api/v1/kpi-snapshots/", {"kpi": "nope"}).status_code == 400


def test_manager_sees_own_manager_row_and_own_projects_only(api, world):
    api.force_authenticate(world["manager"])
    rows = api.get("/api/v1/kpi-snapshots/", {"page_size": 500}).json()["results"]
    assert {(r["scope_type"], r["scope_id"]) for r in rows} == {
        ("project", world["mine"].pk),
        ("manager", world["manager"].pk),
    }


def test_member_sees_their_projects_rows_and_customer_sees_none(api, world):
    member = UserFactory(role=roles.MEMBER)
    MembershipFactory(project=world["theirs"], user=member, role="member")
    api.force_authenticate(member)
    rows = api.get("/api/v1/kpi-snapshots/", {"page_size": 500}).json()["results"]
    assert {(r["scope_type"], r["scope_id"]) for r in rows} == {
        ("project", world["theirs"].pk)
    }

    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=world["theirs"], user=customer, role="customer_rep")
    api.force_authenticate(customer)
    assert api.get("/api/v1/kpi-snapshots/").json()["count"] == 0


def test_snapshots_are_read_only(api, director, world):
    api.force_authenticate(director)
    assert api.post("/api/v1/kpi-snapshots/", {}, format="json").status_code == 405


def test_everyone_reads_definitions(api, world):
    api.force_authenticate(world["manager"])
    rows = api.get("/api/v1/kpi-definitions/").json()["results"]
    assert len(rows) == 17
    change = next(r for r in rows if r["code"] == "change_ratio")
    assert change["target"] == 0.1
    assert change["term_zh"] == "需求变更可控性"


@pytest.mark.parametrize("who", ["director", "admin_user"])
def test_directors_and_admins_patch_the_target(api, who, request):
    definition = KpiDefinition.objects.get(code="on_time_delivery")
    api.force_authenticate(request.getfixturevalue(who))
    response = api.patch(
        f"/api/v1/kpi-definitions/{definition.pk}/", {"target": 0.85}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["target"] == 0.85
    definition.refresh_from_db()
    assert definition.target == Decimal("0.85")


@pytest.mark.parametrize("role", [roles.PROJECT_MANAGER, roles.MEMBER, roles.CUSTOMER])
def test_others_cannot_patch_the_target(api, role):
    definition = KpiDefinition.objects.get(code="on_time_delivery")
    api.force_authenticate(UserFactory(role=role))
    response = api.patch(
        f"/api/v1/kpi-definitions/{definition.pk}/", {"target": 0.5}, format="json"
    )
    assert response.status_code == 403
    definition.refresh_from_db()
    assert definition.target == Decimal("0.9")


@pytest.mark.parametrize("target", [90, -1, "abc", None])
def test_bad_targets_are_400_naming_the_field(api, director, target):
    definition = KpiDefinition.objects.get(code="on_time_delivery")
    api.force_authenticate(director)
    response = api.patch(
        f"/api/v1/kpi-definitions/{definition.pk}/", {"target": target}, format="json"
    )
    assert response.status_code == 400
    assert "target" in response.json()
    definition.refresh_from_db()
    assert definition.target == Decimal("0.9")


def test_only_the_target_changes_on_patch(api, director):
    definition = KpiDefinition.objects.get(code="team_communication")
    api.force_authenticate(director)
    response = api.patch(
        f"/api/v1/kpi-definitions/{definition.pk}/",
        {"target": "4.5", "code": "hacked", "unit": "rate"},
        format="json",
    )
    assert response.status_code == 200
    definition.refresh_from_db()
    assert (definition.code, definition.unit, definition.target) == (
        "team_communication",
        "score",
        Decimal("4.5"),
    )


# ------------------------------------------------- the count cache and KpiRun


def _counts(api, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = api.get("/api/v1/kpi-snapshots/", params or {})
    assert response.status_code == 200
    counted = [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    return response.json()["count"], len(counted)


def test_the_job_records_its_run_for_each_date(world):
    from kpis.models import KpiRun, KpiSnapshot

    run = KpiRun.objects.get(as_of=AS_OF)
    assert run.rows == KpiSnapshot.objects.filter(as_of=AS_OF).count() > 0
    first = run.finished_at
    services.snapshots_compute(as_of=AS_OF)
    run.refresh_from_db()
    assert run.finished_at > first
    assert KpiRun.objects.count() == 1


def test_snapshot_count_is_exact_below_the_cap_and_capped_above(
    api, director, world, settings
):
    """The list counts at most LIST_COUNT_CAP rows (core/pagination.py): one
    bounded COUNT, exact below the cap; above it `count_capped` says so and
    the pages still reach every row through `next`."""
    from kpis.models import KpiSnapshot

    api.force_authenticate(director)
    total = KpiSnapshot.objects.count()
    settings.LIST_COUNT_CAP = total + 1
    assert _counts(api) == (total, 1)
    assert api.get("/api/v1/kpi-snapshots/").json()["count_capped"] is False

    settings.LIST_COUNT_CAP = 10
    body = api.get("/api/v1/kpi-snapshots/", {"page_size": 7}).json()
    assert (body["count"], body["count_capped"]) == (10, True)
    seen, url = 0, "/api/v1/kpi-snapshots/?page_size=7"
    while url:
        page = api.get(url).json()
        seen += len(page["results"])
        url = page["next"]
    assert seen == total > 10


def test_manager_count_is_their_own_not_the_directors(api, director, world):
    api.force_authenticate(director)
    everyone = _counts(api)[0]
    api.force_authenticate(world["manager"])
    mine = _counts(api)
    assert mine[1] == 1  # not served from the director's entry
    assert mine[0] < everyone


def test_default_order_is_newest_date_then_scope(api, director, world):
    services.snapshots_compute(as_of=date(2026, 7, 31))
    api.force_authenticate(director)
    rows = api.get("/api/v1/kpi-snapshots/", {"page_size": 500}).json()["results"]
    keys = [(r["as_of"], r["scope_type"], r["scope_id"] or 0, r["kpi"]) for r in rows]
    assert keys[0][0] == "2026-07-31"
    assert keys[-1][0] == AS_OF.isoformat()
    dates = [k[0] for k in keys]
    assert dates == sorted(dates, reverse=True)
    for day in set(dates):
        scopes = [(k[1], k[2]) for k in keys if k[0] == day]
        assert scopes == sorted(scopes)
