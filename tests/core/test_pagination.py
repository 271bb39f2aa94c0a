"""The capped count (core/pagination.py) counts without sorting: the
database stops at the cap instead of ordering every row first."""

from __future__ import annotations

import pytest
from django.core.paginator import EmptyPage
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


@pytest.mark.parametrize("number", [0, -1, "-5"])
def test_a_page_below_1_of_a_capped_list_is_an_empty_page(number):
    """Past the cap any page number is allowed but one below 1 (schemathesis
    found ?page=0 answered 500 on lists longer than the cap)."""
    ProjectFactory.create_batch(4)
    pages = CappedPaginator(Project.objects.order_by("pk"), 2, cap=3)

    assert pages.capped
    with pytest.raises(EmptyPage, match="less than 1"):
        pages.page(number)


def test_the_api_answers_404_to_page_0_of_a_capped_list(client, settings):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    ProjectFactory.create_batch(4)
    settings.LIST_COUNT_CAP = 2
    client.force_login(admin)

    response = client.get("/api/v1/projects/?page=0")

    assert response.status_code == 404
    assert client.get("/api/v1/projects/?page=1").status_code == 200


def test_the_count_leaves_out_per_row_annotations():
    from django.db.models import Count

    from milestones.models import Task
    from tests.factories import TaskFactory

    TaskFactory.create_batch(3)
    annotated = CappedPaginator(Task.objects.with_actuals().order_by("pk"), 2, cap=10)
    rows = Project.objects.annotate(seats=Count("memberships")).filter(seats__gte=0)
    grouped = CappedPaginator(rows.order_by("pk"), 2, cap=10)
    projects = Project.objects.count()

    with CaptureQueriesContext(connection) as queries:
        assert annotated.count == 3
        assert grouped.count == projects
    plain, with_group = (q["sql"] for q in queries.captured_queries)
    # The task list is counted by its ids, without the per-row sum of hours;
    # the grouped list keeps its GROUP BY (its rows are groups).
    assert "worklog" not in plain.lower()
    assert "GROUP BY" in with_group
    # The pages themselves still carry the annotation.
    assert all(t.actual_hours == 0 for t in annotated.page(1))
