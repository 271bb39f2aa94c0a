from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from changes.models import ChangeRequest, MilestoneChange
from tests.factories import (
    ChangeRequestFactory,
    MilestoneChangeFactory,
    MilestoneFactory,
    ProjectFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status
URL = "/api/v1/change-requests/"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_member_creates_with_nested_milestone_changes(project, make_member):
    member = make_member("member")
    milestone = MilestoneFactory(project=project)
    requirement = RequirementFactory(project=project)
    new_date = (milestone.planned_date + timedelta(days=7)).isoformat()

    response = api(member).post(
        URL,
        {
            "project": project.pk,
            "title": "New report",
            "kind": "scope",
            "impact_days": 7,
            "impact_cost": "500.00",
            "affected_requirements": [requirement.pk],
            "milestone_changes": [
                {"milestone": milestone.pk, "new_planned_date": new_date}
            ],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["requested_by"] == member.pk
    assert body["affected_requirements"] == [requirement.pk]
    assert body["milestone_changes"][0]["milestone"] == milestone.pk
    assert body["milestone_changes"][0]["new_planned_date"] == new_date


def test_create_with_foreign_milestone_is_400(project, make_member):
    member = make_member("member")
    foreign = MilestoneFactory(project=ProjectFactory())
    MilestoneFactory(project=project)

    response = api(project.manager).post(
        URL,
        {
            "project": project.pk,
            "title": "x",
            "milestone_changes": [
                {"milestone": foreign.pk, "new_planned_date": "2027-01-01"}
            ],
        },
        format="json",
    )

    assert response.status_code == 400
    assert "milestone_changes" in response.json()
    assert not ChangeRequest.objects.exists()
    assert member  # a member exists but did not act


def test_put_replaces_the_milestone_set_while_draft(project):
    cr = ChangeRequestFactory(project=project, requested_by=project.manager)
    MilestoneChangeFactory(change_request=cr)
    other = MilestoneFactory(project=project)

    response = api(project.manager).patch(
        f"{URL}{cr.pk}/",
        {
            "version": 1,
            "milestone_changes": [
                {"milestone": other.pk, "new_planned_date": "2027-02-01"}
            ],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert [c["milestone"] for c in response.json()["milestone_changes"]] == [other.pk]
    stale = api(project.manager).patch(
        f"{URL}{cr.pk}/", {"version": 1, "title": "late"}, format="json"
    )
    assert stale.status_code == 409
    assert ChangeRequest.objects.get(pk=cr.pk).title == cr.title


def test_patch_of_submitted_request_is_400(project):
    cr = ChangeRequestFactory(project=project, status=Status.SUBMITTED)
    response = api(project.manager).patch(
        f"{URL}{cr.pk}/", {"title": "Changed", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert ChangeRequest.objects.get(pk=cr.pk).title == cr.title


def test_workflow_through_the_api(project, make_member):
    member = make_member("member")
    cr = ChangeRequestFactory(project=project, requested_by=member)
    change = MilestoneChangeFactory(change_request=cr)
    planned = change.milestone.planned_date

    submitted = api(member).post(f"{URL}{cr.pk}/submit/", {}, format="json")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"

    decided_on = (timezone.localdate() - timedelta(days=1)).isoformat()
    approved = api(project.manager).post(
        f"{URL}{cr.pk}/approve/",
        {"decided_on": decided_on, "note": "ok", "version": 2},
        format="json",
    )
    assert approved.status_code == 200, approved.json()
    body = approved.json()
    assert body["status"] == "approved"
    assert body["decided_on"] == decided_on
    assert body["decided_by"] == project.manager.pk
    assert body["milestone_changes"][0]["old_planned_date"] == planned.isoformat()
    change.milestone.refresh_from_db()
    assert change.milestone.planned_date == change.new_planned_date

    implemented = api(project.manager).post(f"{URL}{cr.pk}/implement/")
    assert implemented.status_code == 200
    assert implemented.json()["status"] == "implemented"


@pytest.mark.parametrize(
    ("step", "status"),
    [
        ("submit", Status.SUBMITTED),
        ("approve", Status.DRAFT),
        ("approve", Status.REJECTED),
        ("reject", Status.APPROVED),
        ("implement", Status.SUBMITTED),
        ("implement", Status.IMPLEMENTED),
    ],
)
def test_illegal_transition_is_400(project, step, status):
    # Raised by a team member: the manager may decide it (issue 20: not their own).
    cr = ChangeRequestFactory(project=project, status=status)

    response = api(project.manager).post(f"{URL}{cr.pk}/{step}/")

    assert response.status_code == 400
    assert "cannot be" in str(response.json())
    assert ChangeRequest.objects.get(pk=cr.pk).status == status


@pytest.mark.parametrize("step", ["approve", "reject", "implement"])
def test_decisions_refused_to_director_member_and_customer(
    project, make_member, director, step
):
    status = Status.APPROVED if step == "implement" else Status.SUBMITTED
    member = make_member("member")
    customer = make_member("customer_rep")
    cr = ChangeRequestFactory(project=project, status=status, requested_by=member)
    for user in (director, member, customer):
        response = api(user).post(f"{URL}{cr.pk}/{step}/")
        assert response.status_code == 403
    assert ChangeRequest.objects.get(pk=cr.pk).status == status


def test_submit_refused_to_others_and_hidden_from_outsiders(
    project, make_member, outsider
):
    author = make_member("member")
    cr = ChangeRequestFactory(project=project, requested_by=author)

    assert api(make_member("member")).post(f"{URL}{cr.pk}/submit/").status_code == 403
    assert api(outsider).post(f"{URL}{cr.pk}/submit/").status_code == 404
    assert api(outsider).post(f"{URL}{cr.pk}/approve/").status_code == 404
    assert api(outsider).get(f"{URL}{cr.pk}/").status_code == 404
    assert ChangeRequest.objects.get(pk=cr.pk).status == Status.DRAFT


def test_customer_sees_and_raises_but_director_cannot_create(
    project, make_member, director
):
    customer = make_member("customer_rep")
    ChangeRequestFactory(project=project)
    ChangeRequestFactory(project=ProjectFactory())

    listed = api(customer).get(URL)
    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    created = api(customer).post(
        URL, {"project": project.pk, "title": "From customer"}, format="json"
    )
    assert created.status_code == 201
    refused = api(director).post(
        URL, {"project": project.pk, "title": "From director"}, format="json"
    )
    assert refused.status_code == 403
    assert ChangeRequest.objects.filter(project=project).count() == 2


def test_filters_and_query_count(project):
    def measure(n):
        for _ in range(n):
            cr = ChangeRequestFactory(project=project, status=Status.SUBMITTED)
            MilestoneChangeFactory(change_request=cr)
            cr.affected_requirements.add(RequirementFactory(project=project))
        client = api(project.manager)
        client.get(URL)  # warm per-process caches (content types)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"status": "submitted", "ordering": "-id"})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    small, count_small = measure(2)
    large, count_large = measure(30)
    assert small == large
    assert (count_small, count_large) == (2, 32)
    assert MilestoneChange.objects.count() == 32
