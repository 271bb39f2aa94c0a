"""Roles are their groups' Django permissions (DESIGN §4, issue 19): what an
admin changes in Django admin takes effect in the app, and a user without a
role is flagged there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import roles
from kpis.models import can_edit_kpi_targets
from projects.models import Project
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _perm(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _fresh(user):
    """The user as the next request loads it (permissions are cached per object)."""
    return type(user).objects.get(pk=user.pk)


def test_removing_a_permission_from_a_group_takes_effect(client):
    pm = UserFactory(role=roles.PROJECT_MANAGER)
    client.force_login(pm)
    assert client.get(reverse("projects:create")).status_code == 200

    Group.objects.get(name=roles.PROJECT_MANAGER).permissions.remove(
        _perm("projects.add_project")
    )

    assert client.get(reverse("projects:create")).status_code == 403
    api = APIClient()
    api.force_authenticate(_fresh(pm))
    body = {
        "code": "NOPE-1",
        "name": "Not allowed",
        "start_date": "2026-01-01",
        "target_date": "2026-06-30",
        "budget": "1000",
    }
    response = api.post("/api/v1/projects/", body, format="json")
    assert response.status_code == 403, response.content
    assert not Project.objects.filter(code="NOPE-1").exists()


def test_removing_kpi_target_permission_from_directors_takes_effect():
    director = UserFactory(role=roles.DIRECTOR)
    assert can_edit_kpi_targets(director)

    Group.objects.get(name=roles.DIRECTOR).permissions.remove(
        _perm("kpis.change_kpidefinition")
    )

    assert not can_edit_kpi_targets(_fresh(director))


def test_a_group_an_admin_creates_grants_its_permissions(client):
    planners = Group.objects.create(name="Planners")
    planners.permissions.add(_perm("projects.add_project"))
    user = UserFactory(role="")
    client.force_login(user)
    assert client.get(reverse("projects:create")).status_code == 403

    user.groups.add(planners)

    assert client.get(reverse("projects:create")).status_code == 200


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role=roles.ADMIN, is_staff=True))
    return client


def test_admin_flags_a_user_without_a_role(admin_client):
    roleless = UserFactory(role="", username="nobody")
    UserFactory(role=roles.MEMBER, username="somebody")
    url = reverse("admin:accounts_user_changelist")

    listing = admin_client.get(url).content.decode()
    filtered = admin_client.get(url + "?has_role=no").content.decode()
    detail = admin_client.get(
        reverse("admin:accounts_user_change", args=[roleless.pk])
    ).content.decode()

    assert "No role: cannot use the app" in listing
    assert "1 active user has no role" in listing
    assert "nobody" in filtered
    assert "somebody" not in filtered
    assert "This user has no role" in detail


def test_admin_shows_no_warning_when_everyone_has_a_role(admin_client):
    UserFactory(role=roles.MEMBER)

    listing = admin_client.get(reverse("admin:accounts_user_changelist"))

    assert "has no role" not in listing.content.decode()
