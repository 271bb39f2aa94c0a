"""The API base classes on their own (core/api.py and projects/rest.py): the
apps' viewsets override parts of them, so the generic matrix alone would not
notice a regression."""

from __future__ import annotations

import pytest
from django.db import DataError
from rest_framework.test import APIRequestFactory, force_authenticate

from accounts import roles
from core.api import ServiceCreate, ServiceUpdate
from core.rest import exception_handler
from core.versioning import StaleEdit
from projects import services as project_services
from projects.models import Phase
from projects.rest import (
    ProjectRecordViewSet,
    StaysPut,
    VisibleProjectField,
    VisibleRecordField,
)
from risks import services as risk_services
from risks.models import Risk, RiskResponse
from tests.factories import (
    MembershipFactory,
    PhaseFactory,
    ProjectFactory,
    RiskFactory,
    RiskResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class PhaseSerializer(StaysPut):
    project = VisibleProjectField()

    class Meta:
        model = Phase
        fields = ["id", "project", "name", "order", "start_date", "end_date"]


class PhaseViewSet(ServiceCreate, ServiceUpdate, ProjectRecordViewSet):
    queryset = Phase.objects.all()
    serializer_class = PhaseSerializer

    def create_service(self, serializer):
        data = dict(serializer.validated_data)
        return project_services.phase_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer, version):
        return project_services.phase_update(
            phase=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )


class ResponseSerializer(StaysPut):
    anchor = "risk"
    risk = VisibleRecordField(queryset=Risk.objects.all())

    class Meta:
        model = RiskResponse
        fields = ["id", "risk", "description", "due_date", "version"]


class ResponseViewSet(ServiceCreate, ServiceUpdate, ProjectRecordViewSet):
    queryset = RiskResponse.objects.all()
    serializer_class = ResponseSerializer

    def create_service(self, serializer):
        data = dict(serializer.validated_data)
        return risk_services.response_create(
            risk=data.pop("risk"), by=self.request.user, data=data
        )

    def update_service(self, serializer, version):
        data = dict(serializer.validated_data)
        data.pop("risk", None)
        return risk_services.response_update(
            response=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )


def call(viewset, user, method, data=None, pk=None):
    factory = APIRequestFactory()
    request = getattr(factory, method)("/x/", data or {}, format="json")
    force_authenticate(request, user)
    actions = {
        "get": "retrieve" if pk else "list",
        "patch": "partial_update",
        "post": "create",
        "delete": "destroy",
    }
    view = viewset.as_view({method: actions[method]})
    return view(request, pk=pk) if pk else view(request)


def manager_of(project):
    return project.manager


@pytest.mark.parametrize("other_managed_by_user", [False, True])
def test_a_record_never_moves_to_another_project(other_managed_by_user):
    """One rule for every record (projects.rest.StaysPut): an update that
    changes the project is refused with a 400 naming it, even between two
    projects the user manages."""
    phase = PhaseFactory()
    user = manager_of(phase.project)
    other = ProjectFactory(manager=user) if other_managed_by_user else ProjectFactory()
    if not other_managed_by_user:
        MembershipFactory(project=other, user=user, role="member")

    response = call(PhaseViewSet, user, "patch", {"project": other.pk}, pk=phase.pk)

    assert response.status_code == 400
    assert "project" in response.data
    phase.refresh_from_db()
    assert phase.project_id != other.pk


def test_a_response_never_moves_under_another_risk():
    response_row = RiskResponseFactory()
    user = manager_of(response_row.risk.project)
    foreign = RiskFactory(project=ProjectFactory(manager=user))

    answer = call(
        ResponseViewSet, user, "patch", {"risk": foreign.pk}, pk=response_row.pk
    )

    assert answer.status_code == 400
    assert "risk" in answer.data
    response_row.refresh_from_db()
    assert response_row.risk_id != foreign.pk


def test_visible_record_field_hides_other_projects_rows():
    hidden = RiskFactory()
    user = UserFactory(role=roles.PROJECT_MANAGER)
    mine = ProjectFactory(manager=user)

    answer = call(
        ResponseViewSet,
        user,
        "post",
        {"risk": hidden.pk, "description": "x", "due_date": "2026-12-01"},
    )

    assert answer.status_code == 400
    assert "risk" in answer.data
    assert not RiskResponse.objects.exists()
    assert mine.pk  # the user has a project of their own, just not that one


@pytest.mark.parametrize(
    ("sent", "status"), [("abc", 400), (0, 400), (True, 400), (99, 409), (1, 200)]
)
def test_base_update_checks_the_version(sent, status):
    row = RiskResponseFactory(description="before")
    answer = call(
        ResponseViewSet,
        manager_of(row.risk.project),
        "patch",
        {"description": "after", "version": sent},
        pk=row.pk,
    )
    assert answer.status_code == status, answer.data
    row.refresh_from_db()
    assert (row.description == "after") is (status == 200)
    if status == 400:
        assert "version" in answer.data


def test_base_create_asks_access_for_add():
    project = ProjectFactory()
    member = UserFactory(role=roles.MEMBER)
    MembershipFactory(project=project, user=member, role="member")

    answer = call(
        PhaseViewSet,
        member,
        "post",
        {
            "project": project.pk,
            "name": "P",
            "order": 1,
            "start_date": "2026-01-01",
            "end_date": "2026-02-01",
        },
    )

    assert answer.status_code == 403
    assert not Phase.objects.filter(project=project).exists()


def test_exception_handler_maps_domain_errors():
    assert exception_handler(StaleEdit(), {}).status_code == 409
    assert exception_handler(OverflowError(), {}).status_code == 400
    assert exception_handler(DataError("value too long"), {}).status_code == 400
