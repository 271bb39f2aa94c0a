"""Staff-action cases (不合格员工处理): the chain per role, and the most
sensitive visibility in the product — 404 to everyone outside the proposer,
the approvers, HR and admins (DESIGN §4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import roles
from teams.models.approvals import ApprovalStep
from teams.models.cases import StaffActionCase
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    director = UserFactory(role=roles.DIRECTOR, username="dir")
    manager = UserFactory(
        role=roles.PROJECT_MANAGER, reports_to=director, username="mgr"
    )
    department = DepartmentFactory(head=UserFactory(role=roles.MEMBER, username="head"))
    person = UserFactory(reports_to=manager, department=department, username="person")
    project = ProjectFactory(manager=manager)
    teammate = UserFactory(username="teammate")
    MembershipFactory(project=project, user=teammate, role="member")
    MembershipFactory(project=project, user=person, role="member")
    customer = UserFactory(role=roles.CUSTOMER, username="customer")
    MembershipFactory(project=project, user=customer, role="customer_rep")
    case = StaffActionCase.objects.create(
        person=person,
        action=StaffActionCase.Action.IMPROVEMENT_PLAN,
        reasons="Missed three releases",
        proposed_by=manager,
        director=director,
    )
    return {
        "case": case,
        "proposer": manager,
        "director": director,
        "gm": UserFactory(role=roles.GENERAL_MANAGER, username="gm"),
        "hr": UserFactory(role=roles.HR, username="hr"),
        "admin": UserFactory(role=roles.ADMIN, username="admin1"),
        "person": person,
        "head": department.head,
        "other_director": UserFactory(role=roles.DIRECTOR, username="dir2"),
        "teammate": teammate,
        "customer": customer,
        "peer_manager": UserFactory(role=roles.PROJECT_MANAGER, reports_to=director),
        "outsider": UserFactory(),
    }


SEES = ["proposer", "director", "gm", "hr", "admin"]
BLIND = [
    "person",
    "head",
    "other_director",
    "teammate",
    "customer",
    "peer_manager",
    "outsider",
]


@pytest.mark.parametrize("who", SEES + BLIND)
def test_staff_case_seen_only_by_proposer_approvers_hr_admins(client, org, who):
    case = org["case"]
    client.force_login(org[who])
    expected = 200 if who in SEES else 404

    api = client.get(f"/api/v1/staff-action-cases/{case.pk}/")
    listed = client.get("/api/v1/staff-action-cases/").json()["results"]
    page = client.get(reverse("teams:staff_case_detail", args=[case.pk]))
    step = client.post(f"/api/v1/staff-action-cases/{case.pk}/approve/", {})

    assert api.status_code == expected
    assert page.status_code == expected
    assert [row["id"] for row in listed] == ([case.pk] if who in SEES else [])
    if who not in SEES:
        assert step.status_code == 404
        case.refresh_from_db()
        assert case.state == "draft"


def test_the_chain_by_its_holders(client, org):
    case = org["case"]
    url = f"/api/v1/staff-action-cases/{case.pk}/"

    client.force_login(org["proposer"])
    assert client.post(url + "submit/", {}).json()["state"] == "submitted"
    client.force_login(org["director"])
    assert client.post(url + "approve/", {}).json()["state"] == "confirmed"
    client.force_login(org["gm"])
    assert client.post(url + "approve/", {}).json()["state"] == "decided"
    client.force_login(org["hr"])
    done = client.post(url + "approve/", {"comment": "Plan signed on 3 March"})

    assert done.json()["state"] == "carried_out"
    takers = list(
        ApprovalStep.objects.filter(object_id=case.pk).values_list(
            "by__username", flat=True
        )
    )
    assert takers == ["mgr", "dir", "gm", "hr"]
    assert ApprovalStep.objects.get(by=org["hr"]).comment == "Plan signed on 3 March"


@pytest.mark.parametrize(
    ("state", "actor", "expected"),
    [
        ("submitted", "gm", 403),
        ("submitted", "hr", 403),
        ("submitted", "proposer", 403),
        ("confirmed", "director", 403),
        ("confirmed", "hr", 403),
        ("decided", "gm", 403),
        ("decided", "director", 403),
        ("carried_out", "hr", 400),
    ],
)
def test_wrong_holder_or_no_step_due_changes_nothing(
    client, org, state, actor, expected
):
    case = org["case"]
    StaffActionCase.objects.filter(pk=case.pk).update(state=state)
    client.force_login(org[actor])

    answer = client.post(f"/api/v1/staff-action-cases/{case.pk}/approve/", {})

    assert answer.status_code == expected
    case.refresh_from_db()
    assert case.state == state
    assert not ApprovalStep.objects.exists()


def test_return_goes_back_to_the_proposer_with_a_reason(client, org):
    case = org["case"]
    StaffActionCase.objects.filter(pk=case.pk).update(state="submitted")
    client.force_login(org["director"])
    url = f"/api/v1/staff-action-cases/{case.pk}/return/"

    assert client.post(url, {"reason": ""}).status_code == 400
    answer = client.post(url, {"reason": "Try coaching first"})

    assert answer.json()["state"] == "returned"
    assert answer.json()["waiting_on"] == org["proposer"].pk


def test_only_a_manager_of_the_person_may_propose(client, org):
    client.force_login(org["peer_manager"])
    refused = client.post(
        "/api/v1/staff-action-cases/",
        {"person": org["person"].pk, "action": "dismissal", "reasons": "x"},
    )
    client.force_login(org["proposer"])
    made = client.post(
        "/api/v1/staff-action-cases/",
        {"person": org["person"].pk, "action": "reassignment", "reasons": "Better fit"},
    )
    assert refused.status_code == 403
    assert made.status_code == 201
    assert made.json()["director"] == org["director"].pk
    assert StaffActionCase.objects.count() == 2


def test_bad_action_is_a_400(client, org):
    client.force_login(org["proposer"])
    answer = client.post(
        "/api/v1/staff-action-cases/",
        {"person": org["person"].pk, "action": "flogging", "reasons": "x"},
    )
    assert answer.status_code == 400
    assert "action" in answer.json()


def test_staff_case_list_page_queries_flat(client, org, django_assert_max_num_queries):
    for _index in range(20):
        StaffActionCase.objects.create(
            person=org["person"],
            action="reassignment",
            reasons="r",
            proposed_by=org["proposer"],
            director=org["director"],
        )
    client.force_login(org["hr"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("teams:staff_cases"))
    assert page.status_code == 200
