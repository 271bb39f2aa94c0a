"""Django admin for users, groups, departments, projects and memberships."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from accounts.models import User
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role=roles.ADMIN, is_staff=True))
    return client


@pytest.mark.parametrize(
    "name",
    [
        "accounts_user",
        "accounts_department",
        "auth_group",
        "projects_project",
        "projects_membership",
    ],
)
def test_admin_changelists_open_with_search(admin_client, name):
    ProjectFactory()
    url = reverse(f"admin:{name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "x"}).status_code == 200


def test_admin_creates_user_with_role_and_department(admin_client):
    dept = DepartmentFactory(name="Platform")
    pm_group = Group.objects.get(name=roles.PROJECT_MANAGER)
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newpm",
            "email": "newpm@example.com",
            "first_name": "New",
            "last_name": "Pm",
            "department": dept.pk,
            "groups": [pm_group.pk],
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newpm")
    assert user.department == dept
    assert list(user.groups.values_list("name", flat=True)) == [roles.PROJECT_MANAGER]


def test_department_cannot_be_its_own_ancestor(admin_client):
    root = DepartmentFactory(name="Root")
    child = DepartmentFactory(name="Child", parent=root)
    response = admin_client.post(
        reverse("admin:accounts_department_change", args=[root.pk]),
        {"name": "Root", "code": root.code, "parent": child.pk, "head": ""},
    )
    assert response.status_code == 200
    assert "cannot sit inside itself" in response.content.decode()
    root.refresh_from_db()
    assert root.parent is None


def test_staff_project_manager_sees_only_own_projects_in_admin(client):
    pm = UserFactory(role=roles.PROJECT_MANAGER, is_staff=True)
    mine, other = ProjectFactory(manager=pm, name="Mine"), ProjectFactory(name="Theirs")
    client.force_login(pm)

    page = client.get(reverse("admin:projects_project_changelist")).content.decode()

    assert "Mine" in page
    assert "Theirs" not in page
    assert client.get(
        reverse("admin:projects_project_change", args=[other.pk])
    ).status_code in (302, 403, 404)
    assert (
        client.get(reverse("admin:projects_project_change", args=[mine.pk])).status_code
        == 200
    )


def test_member_staff_may_view_but_not_change_a_project(client):
    member = UserFactory(role=roles.MEMBER, is_staff=True)
    project = ProjectFactory(name="Original")
    MembershipFactory(project=project, user=member)
    client.force_login(member)
    url = reverse("admin:projects_project_change", args=[project.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "hijacked"})

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.name == "Original"
