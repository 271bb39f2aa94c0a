"""API list pages read as plain rows (config/values.py) equal DRF's own
representation of the same records, field for field, on every endpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from changes.models import MilestoneChange
from config.api import ProjectRecordViewSet
from config.values import ValuesReader
from reviews.models import AgendaItem, Decision
from tests.api.resources import RESOURCES, registered
from tests.factories import (
    MilestoneFactory,
    ProjectFactory,
    RequirementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def fill(obj) -> None:
    """Give a record the nested lists and links its serializer shows."""
    project = getattr(obj, "project", None)
    if hasattr(obj, "attendees"):  # a meeting: people, agenda, decisions
        obj.attendees.set([UserFactory(username=f"zz{obj.pk}"), UserFactory()])
        AgendaItem.objects.create(meeting=obj, order=2, title="Second", notes="b")
        AgendaItem.objects.create(meeting=obj, order=1, title="First")
        Decision.objects.create(meeting=obj, description="Go ahead")
    if hasattr(obj, "affected_requirements"):  # a change request
        obj.affected_requirements.set(
            [RequirementFactory(project=project) for _ in range(3)]
        )
        milestone = MilestoneFactory(project=project)
        MilestoneChange.objects.create(
            change_request=obj,
            milestone=milestone,
            new_planned_date=milestone.planned_date + timedelta(days=7),
            old_planned_date=milestone.planned_date,
        )


def reference(viewset, prefix, user, rows):
    """DRF's representation of the listed records, from model instances."""
    request = Request(APIRequestFactory().get("/"))
    request.user = user
    view = viewset(request=request, format_kwarg=None, action="list", kwargs={})
    by_pk = {obj.pk: obj for obj in view.get_queryset()}
    instances = [by_pk[row["id"]] for row in rows]
    return view.get_serializer(instances, many=True).data


def reader(prefix):
    viewset = registered()[prefix][0]
    serializer = viewset.serializer_class(context={"request": None})
    return ValuesReader.plan(serializer, viewset.queryset.model)


def planned():
    """The endpoints that read their pages as rows (the others keep DRF's path)."""
    for prefix, (viewset, _basename) in sorted(registered().items()):
        if issubclass(viewset, ProjectRecordViewSet) and reader(prefix):
            yield prefix


@pytest.mark.parametrize("prefix", list(planned()))
def test_list_rows_equal_drf_representation(prefix):
    admin = UserFactory(is_superuser=True)
    for _ in range(3):
        fill(RESOURCES[prefix].make(ProjectFactory()))
    client = APIClient()
    client.force_login(admin)

    body = client.get(reverse(f"{registered()[prefix][1]}-list")).json()

    viewset = registered()[prefix][0]
    rows = body["results"]
    assert len(rows) >= 3
    assert rows == reference(viewset, prefix, admin, rows)


def test_the_heavy_lists_are_read_as_rows():
    """The endpoints issue 9 measured take the plain-rows path (issues show
    two computed fields, hours_open and breaches_sla, and keep DRF's)."""
    assert {"meetings", "change-requests", "risks", "milestones"} <= set(planned())


def test_a_serializer_with_a_computed_field_keeps_drf_path():
    """Action items show `is_overdue` (a property) and documents their file's
    URL: no plan, instances as before."""
    assert reader("action-items") is None
    assert reader("documents") is None
