"""Every API write goes through a service (core/api.py): an endpoint offers
create, update or delete only by naming the service of each."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from changes.models import ChangeRequest
from config.urls import router
from core.api import ServiceCreate, ServiceDestroy, ServiceUpdate
from tests.factories import ChangeRequestFactory

WRITES = {
    "create": (ServiceCreate, "create_service"),
    "update": (ServiceUpdate, "update_service"),
    "destroy": (ServiceDestroy, "destroy_service"),
}


def test_each_routed_write_names_its_service():
    unnamed = []
    for prefix, viewset, _basename in router.registry:
        for action, (mixin, method) in WRITES.items():
            if not hasattr(viewset, action):
                continue  # not routed: 405, and absent from the schema
            if not issubclass(viewset, mixin):
                unnamed.append(f"{prefix}: {action} without {mixin.__name__}")
            elif getattr(viewset, method) is getattr(mixin, method):
                unnamed.append(f"{prefix}: {action} names no {method}")
    assert not unnamed, unnamed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "expected"),
    [("draft", 204), ("submitted", 400), ("approved", 400), ("implemented", 400)],
)
def test_only_a_draft_change_request_is_deleted(status, expected):
    change = ChangeRequestFactory(status=status)
    api = APIClient()
    api.force_authenticate(change.project.manager)

    response = api.delete(f"/api/v1/change-requests/{change.pk}/")

    assert response.status_code == expected, response.content
    assert ChangeRequest.objects.filter(pk=change.pk).exists() is (expected != 204)
    if expected == 400:
        assert "draft" in str(response.json())


def test_an_endpoint_without_a_service_is_not_routed():
    viewsets = {prefix: viewset for prefix, viewset, _b in router.registry}
    customer_satisfaction = viewsets["customer-satisfaction"]
    assert hasattr(customer_satisfaction, "create")
    assert not hasattr(customer_satisfaction, "update")
    assert not hasattr(customer_satisfaction, "destroy")
