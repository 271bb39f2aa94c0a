"""users (read-only, who sees whom), departments (admins write), tokens."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles
from accounts.models import Department
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"
DEPARTMENTS = "/api/v1/departments/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def usernames(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["username"] for row in response.json()["results"]}


# ----------------------------------------------------------------------- users


def test_user_fields_are_the_documented_ones():
    department = DepartmentFactory()
    user = UserFactory(department=department)
    body = client_for(user).get(f"{USERS}{user.pk}/").json()
    assert body == {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "department": department.pk,
    }


def test_users_filter_on_username():
    alice = UserFactory(username="alice", role=roles.MEMBER)
    UserFactory(username="bob")
    response = client_for(alice).get(USERS, {"username": "bob"})
    assert usernames(response) == {"bob"}


@pytest.mark.parametrize(
    "role", [roles.DIRECTOR, roles.PROJECT_MANAGER, roles.MEMBER, roles.ADMIN]
)
def test_staff_see_every_active_user(role):
    viewer = UserFactory(role=role)
    others = UserFactory.create_batch(3)
    gone = UserFactory(is_active=False)

    seen = usernames(client_for(viewer).get(USERS, {"page_size": 100}))

    assert {u.username for u in [viewer, *others]} <= seen
    # Admins manage accounts, so they see the inactive ones too.
    assert (gone.username in seen) is (role == roles.ADMIN)


def test_customer_sees_only_people_on_their_projects():
    project = ProjectFactory()
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=project, user=customer, role="customer_rep")
    teammate = MembershipFactory(project=project).user
    stranger = UserFactory(role=roles.MEMBER)

    client = client_for(customer)
    seen = usernames(client.get(USERS, {"page_size": 100}))

    assert seen == {customer.username, teammate.username, project.manager.username}
    assert client.get(f"{USERS}{stranger.pk}/").status_code == 404


def test_users_are_read_only():
    admin = UserFactory(role=roles.ADMIN)
    client = client_for(admin)
    assert client.post(USERS, {"username": "new"}).status_code == 405
    assert client.patch(f"{USERS}{admin.pk}/", {"email": "x@y.z"}).status_code == 405
    assert client.delete(f"{USERS}{admin.pk}/").status_code == 405


# ----------------------------------------------------------------- departments


def test_everyone_signed_in_reads_departments():
    DepartmentFactory(name="Engineering")
    customer = UserFactory(role=roles.CUSTOMER)
    names = [
        row["name"] for row in client_for(customer).get(DEPARTMENTS).json()["results"]
    ]
    assert "Engineering" in names


def test_admin_creates_a_sub_department():
    parent = DepartmentFactory()
    head = UserFactory()
    response = client_for(UserFactory(role=roles.ADMIN)).post(
        DEPARTMENTS,
        {"name": "Platform", "code": "platform", "parent": parent.pk, "head": head.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    created = Department.objects.get(code="platform")
    assert (created.parent, created.head) == (parent, head)


@pytest.mark.parametrize("role", [roles.DIRECTOR, roles.PROJECT_MANAGER, roles.MEMBER])
def test_non_admins_cannot_write_departments(role):
    department = DepartmentFactory(name="Before")
    client = client_for(UserFactory(role=role))

    assert client.post(DEPARTMENTS, {"name": "X", "code": "x"}).status_code == 403
    url = f"{DEPARTMENTS}{department.pk}/"
    assert client.patch(url, {"name": "After"}).status_code == 403
    assert client.delete(url).status_code == 403
    department.refresh_from_db()
    assert department.name == "Before"
    assert not Department.objects.filter(code="x").exists()


def test_parent_cycle_is_400_naming_parent():
    top = DepartmentFactory()
    child = DepartmentFactory(parent=top)
    client = client_for(UserFactory(role=roles.ADMIN))

    into_child = client.patch(
        f"{DEPARTMENTS}{top.pk}/", {"parent": child.pk}, format="json"
    )
    into_itself = client.patch(
        f"{DEPARTMENTS}{top.pk}/", {"parent": top.pk}, format="json"
    )

    for response in (into_child, into_itself):
        assert response.status_code == 400
        assert "parent" in response.json()
    top.refresh_from_db()
    assert top.parent is None


def test_duplicate_code_and_missing_name_name_the_fields():
    DepartmentFactory(code="ops")
    response = client_for(UserFactory(role=roles.ADMIN)).post(
        DEPARTMENTS, {"code": "ops"}, format="json"
    )
    assert response.status_code == 400
    assert {"code", "name"} <= set(response.json())


def test_department_in_use_cannot_be_deleted():
    department = DepartmentFactory()
    ProjectFactory(department=department)
    response = client_for(UserFactory(role=roles.ADMIN)).delete(
        f"{DEPARTMENTS}{department.pk}/"
    )
    assert response.status_code == 409
    assert "detail" in response.json()
    assert Department.objects.filter(pk=department.pk).exists()


# ---------------------------------------------------------------------- tokens


def test_drf_create_token_command_gives_a_working_token(capsys):
    user = UserFactory(username="scripted", role=roles.MEMBER)
    call_command("drf_create_token", "scripted")
    key = Token.objects.get(user=user).key
    assert key in capsys.readouterr().out

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get(USERS, {"username": "scripted"})
    assert usernames(response) == {"scripted"}


def test_anonymous_gets_401_with_token_challenge():
    response = APIClient().get(USERS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_revoked_token_stops_working():
    user = UserFactory()
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(USERS).status_code == 200

    web = APIClient()
    web.force_login(user)
    web.post(reverse("portfolio:token_revoke"))

    assert client.get(USERS).status_code == 401


def test_inactive_users_token_is_refused():
    user = UserFactory(is_active=False)
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(USERS).status_code == 401


def test_session_writes_need_csrf():
    """Session-authenticated writes keep Django's CSRF protection."""
    admin = UserFactory(role=roles.ADMIN)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post(DEPARTMENTS, {"name": "X", "code": "x"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Department.objects.filter(code="x").exists()


def test_user_without_role_or_project_sees_only_themselves():
    loner = UserFactory(role="")
    UserFactory.create_batch(2, role=roles.MEMBER)
    assert usernames(client_for(loner).get(USERS)) == {loner.username}


def test_out_of_range_id_in_a_filter_is_400_not_500():
    client = client_for(UserFactory(role=roles.MEMBER))
    response = client.get(DEPARTMENTS, {"parent": "9" * 40})
    assert response.status_code == 400
    assert "detail" in response.json() or "parent" in response.json()
