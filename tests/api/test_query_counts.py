"""Every list endpoint runs the same number of SQL queries at 3 and 30 rows.

One test walks all routes on config.urls.router (as the director, who reads
everything) so that an endpoint added later is measured too; the failure
message lists every endpoint whose count grows with the data.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import roles
from tests.api.resources import RESOURCES, missing_specs, registered
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30
# DESIGN's page budget; an API list page should not need more.
MAX_QUERIES = 12


def build(prefix: str, count: int) -> None:
    spec = RESOURCES[prefix]
    for _ in range(count):
        spec.make(ProjectFactory())


def count_queries(client: APIClient, url: str) -> tuple[int, int, list[str]]:
    client.get(url, {"page_size": 500})  # warm: one-off lookups (content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 500})
    assert response.status_code == 200, (url, response.content[:300])
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return len(captured), len(rows), [q["sql"] for q in captured.captured_queries]


def test_list_endpoints_have_a_fixed_query_count():
    assert not missing_specs(), f"routes without a spec: {missing_specs()}"
    director = UserFactory(role=roles.DIRECTOR)
    client = APIClient()
    client.force_login(director)
    # staff cases are seen by their own director only (DESIGN §4): an admin reads all
    admin_client = APIClient()
    admin_client.force_login(UserFactory(role=roles.ADMIN))
    measured: dict[str, tuple[int, int]] = {}
    growing: list[str] = []
    heavy: list[str] = []
    broken: list[str] = []
    for prefix, (_viewset, basename) in sorted(registered().items()):
        url = reverse(f"{basename}-list")
        reader = admin_client if prefix == "staff-action-cases" else client
        try:
            # Each endpoint starts from the same data: roll back what it built.
            with transaction.atomic():
                build(prefix, SMALL)
                small, small_rows, _ = count_queries(reader, url)
                build(prefix, LARGE - SMALL)
                large, large_rows, sql = count_queries(reader, url)
                transaction.set_rollback(True)
            if not RESOURCES[prefix].fixed_rows:
                assert large_rows > small_rows, "the list did not grow"
        except Exception as exc:
            broken.append(f"{prefix}: {type(exc).__name__}: {str(exc)[:300]}")
            continue
        measured[prefix] = (small, large)
        if small != large:
            growing.append(
                f"{prefix}: {small} queries at {small_rows} rows, {large} at "
                f"{large_rows}; last queries: {sql[-3:]}"
            )
        if large > MAX_QUERIES:
            heavy.append(f"{prefix}: {large} queries")
    print("\nAPI list query counts (small, large):", measured)  # noqa: T201
    assert not broken, "List endpoints that fail:\n" + "\n".join(broken)
    assert not growing, "List endpoints whose query count grows:\n" + "\n".join(growing)
    assert not heavy, f"List endpoints over {MAX_QUERIES} queries: {heavy}"
