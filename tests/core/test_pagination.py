"""The capped count (core/pagination.py) counts without sorting: the
database stops at the cap instead of ordering every row first."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import CappedPaginator
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_count_has_no_order_by_and_stops_at_the_cap():
    ProjectFactory.create_batch(4)
    pages = CappedPaginator(Project.objects.order_by("-name", "pk"), 2, cap=3)

    with CaptureQueriesContext(connection) as queries:
        assert pages.count == 4  # cap + 1: "more than 3"
    (count_sql,) = [q["sql"] for q in queries.captured_queries]
    assert "COUNT(" in count_sql
    assert "ORDER BY" not in count_sql
    assert pages.capped
    assert pages.total_label == "3+"
    # The page itself keeps the order asked for.
    names = sorted(Project.objects.values_list("name", flat=True), reverse=True)
    assert [p.name for p in pages.page(1)] == names[:2]


def test_a_distinct_list_keeps_its_order_in_the_count():
    ProjectFactory.create_batch(2)
    rows = Project.objects.order_by("name").distinct()
    pages = CappedPaginator(rows, 10, cap=5)

    with CaptureQueriesContext(connection) as queries:
        assert pages.count == 2
    assert "ORDER BY" in queries.captured_queries[0]["sql"]
