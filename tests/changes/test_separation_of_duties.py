"""Nobody decides the change request they raised (DESIGN §4, issue 20)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import roles
from changes import services
from changes.models import ChangeRequest
from tests.factories import ChangeRequestFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _submitted(project, by):
    return ChangeRequestFactory(
        project=project, requested_by=by, status=Status.SUBMITTED
    )


def test_project_manager_cannot_approve_their_own_request_alone(project):
    manager = project.manager
    client = api(manager)
    created = client.post(
        "/api/v1/change-requests/",
        {"project": project.pk, "title": "More scope", "kind": "scope"},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    submitted = client.post(f"/api/v1/change-requests/{pk}/submit/", {"version": 1})
    assert submitted.status_code == 200, submitted.content

    approved = client.post(
        f"/api/v1/change-requests/{pk}/approve/", {"version": 2}, format="json"
    )
    rejected = client.post(
        f"/api/v1/change-requests/{pk}/reject/", {"version": 2}, format="json"
    )

    assert approved.status_code == 403
    assert rejected.status_code == 403
    change = ChangeRequest.objects.get(pk=pk)
    assert change.status == Status.SUBMITTED
    assert change.decided_by is None


@pytest.mark.parametrize(
    ("decider", "allowed"),
    [
        ("director", True),
        ("general_manager", True),
        ("customer_rep", True),
        ("admin", True),
        ("member", False),
        ("outsider", False),
    ],
)
def test_request_raised_by_the_manager_is_decided_by_others(
    project, make_member, decider, allowed
):
    change = _submitted(project, project.manager)
    user = {
        "director": lambda: UserFactory(role=roles.DIRECTOR),
        "general_manager": lambda: UserFactory(role=roles.GENERAL_MANAGER),
        "admin": lambda: UserFactory(role=roles.ADMIN),
        "outsider": lambda: UserFactory(role=roles.MEMBER),
        "customer_rep": lambda: make_member("customer_rep"),
        "member": lambda: make_member("member"),
    }[decider]()

    response = api(user).post(
        f"/api/v1/change-requests/{change.pk}/approve/",
        {"version": change.version},
        format="json",
    )

    change.refresh_from_db()
    if allowed:
        assert response.status_code == 200, response.content
        assert change.status == Status.APPROVED
        assert change.decided_by == user
    else:
        assert response.status_code in (403, 404)
        assert change.status == Status.SUBMITTED


def test_member_cannot_decide_their_own_request_and_manager_can(project, make_member):
    member = make_member("member")
    change = _submitted(project, member)

    assert (
        api(member)
        .post(
            f"/api/v1/change-requests/{change.pk}/approve/",
            {"version": 1},
            format="json",
        )
        .status_code
        == 403
    )
    ok = api(project.manager).post(
        f"/api/v1/change-requests/{change.pk}/approve/", {"version": 1}, format="json"
    )

    assert ok.status_code == 200
    change.refresh_from_db()
    assert change.decided_by == project.manager


def test_director_decides_but_cannot_edit_or_implement(project):
    change = _submitted(project, project.manager)
    director = UserFactory(role=roles.DIRECTOR)
    services.change_request_approve(change_request=change, by=director)

    implement = api(director).post(
        f"/api/v1/change-requests/{change.pk}/implement/", {"version": 2}, format="json"
    )
    assert implement.status_code == 403
    ok = api(project.manager).post(
        f"/api/v1/change-requests/{change.pk}/implement/", {"version": 2}, format="json"
    )
    assert ok.status_code == 200, ok.content


def test_the_service_refuses_a_self_decision_whoever_calls_it(project):
    change = _submitted(project, project.manager)

    with pytest.raises(PermissionDenied):
        services.change_request_reject(change_request=change, by=project.manager)

    change.refresh_from_db()
    assert change.status == Status.SUBMITTED


def test_page_hides_the_decision_from_the_raiser_and_refuses_the_post(client, project):
    change = _submitted(project, project.manager)
    client.force_login(project.manager)

    page = client.get(reverse("changes:detail", args=[change.pk])).content.decode()
    response = client.post(
        reverse("changes:approve", args=[change.pk]),
        {"version": change.version},
    )

    assert f"/changes/{change.pk}/approve/" not in page
    assert response.status_code == 403
    change.refresh_from_db()
    assert change.status == Status.SUBMITTED
