"""Lists of a project's records filter on `project`; unknown query parameters
are refused by name; the schema documents exactly what each list accepts
(issue 25)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts import roles
from core.rest import known_query_params
from tests.api.resources import RESOURCES, registered
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

# The projects list is the projects themselves, not records of one.
SCOPED = sorted(
    p
    for p, spec in RESOURCES.items()
    if spec.scoped and not spec.team and p != "projects"
)


@pytest.fixture
def director_api():
    api = APIClient()
    api.force_login(UserFactory(role=roles.DIRECTOR))  # sees every project
    return api


def ids(rows: list[dict]) -> set:
    return {row.get("id", (row.get("kpi"), row.get("scope_id"))) for row in rows}


@pytest.mark.parametrize("prefix", SCOPED)
def test_every_list_of_project_records_filters_on_project(director_api, prefix):
    spec = RESOURCES[prefix]
    ours, other = ProjectFactory(), ProjectFactory()
    mine, theirs = spec.make(ours), spec.make(other)

    everything = director_api.get(f"/api/v1/{prefix}/", {"page_size": 500})
    only_ours = director_api.get(f"/api/v1/{prefix}/", {"project": ours.pk})

    assert everything.status_code == only_ours.status_code == 200
    rows = only_ours.json()["results"]
    assert rows, prefix
    match = spec.match or (lambda row, obj: row.get("id") == obj.pk)
    assert any(match(row, mine) for row in rows)
    assert not any(match(row, theirs) for row in rows)
    assert any(match(row, theirs) for row in everything.json()["results"])


@pytest.mark.parametrize("prefix", sorted(registered()))
def test_an_unknown_query_parameter_is_refused_by_name(director_api, prefix):
    answer = director_api.get(f"/api/v1/{prefix}/", {"projet": 7, "page": 1})

    assert answer.status_code == 400
    body = answer.json()
    assert list(body) == ["projet"]
    assert "Unknown query parameter" in body["projet"][0]
    assert "page_size" in body["projet"][0]  # it says what the list accepts


def test_known_parameters_including_range_suffixes_pass(director_api):
    answer = director_api.get(
        "/api/v1/kpi-snapshots/",
        {"as_of_after": "2026-01-01", "ordering": "-as_of", "format": "json"},
    )
    assert answer.status_code == 200, answer.content
    answer = director_api.get(
        "/api/v1/risk-responses/",
        {"due_date__gte": "2026-01-01", "completed_on__isnull": "true", "page": 1},
    )
    assert answer.status_code == 200, answer.content


def test_the_schema_lists_exactly_what_each_list_accepts(director_api):
    schema = director_api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    paths = schema.json()["paths"]
    user = UserFactory()
    for prefix, (viewset, _basename) in registered().items():
        documented = {
            p["name"] for p in paths[f"/api/v1/{prefix}/"]["get"]["parameters"]
        }
        view = viewset(request=None, format_kwarg=None, action="list")
        view.request = type("R", (), {"user": user})()
        assert known_query_params(view) - {"format"} == documented, prefix
        if prefix in SCOPED:
            assert "project" in documented, prefix


def test_a_view_that_reads_a_parameter_itself_may_name_it():
    from risks.api import RiskViewSet

    class MineOnly(RiskViewSet):
        extra_query_params = ("mine",)

    view = MineOnly(request=None, format_kwarg=None, action="list")
    view.request = type("R", (), {"user": UserFactory()})()
    assert "mine" in known_query_params(view)
    assert "risk__project" not in known_query_params(view)
    assert {"project", "score", "ordering", "page"} <= known_query_params(view)
    assert "mine" not in known_query_params(RiskViewSet(action="list", request=None))
