"""Foundation pages: sign-in, home, error pages, navigation by role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import roles
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_requires_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_lists_only_my_projects(client):
    user = UserFactory(role=roles.MEMBER)
    mine = ProjectFactory(name="Mine")
    ProjectFactory(name="Secret")
    MembershipFactory(project=mine, user=user)
    client.force_login(user)

    page = client.get(reverse("home")).content.decode()

    assert "Mine" in page
    assert "Secret" not in page


def test_home_empty_state(client):
    client.force_login(UserFactory(role=roles.MEMBER))
    page = client.get(reverse("home")).content.decode()
    assert "You are not on any open project yet" in page


def test_home_query_count_does_not_grow(client, django_assert_max_num_queries):
    user = UserFactory(role=roles.PROJECT_MANAGER)
    ProjectFactory.create_batch(3, manager=user)
    client.force_login(user)
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("home"))
    ProjectFactory.create_batch(20, manager=user)
    with django_assert_max_num_queries(10) as large:
        client.get(reverse("home"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_login_with_password_then_logout(client):
    UserFactory(username="ann", password="s3cret-pass-word")
    response = client.post(
        reverse("login"), {"username": "ann", "password": "s3cret-pass-word"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_admin_link_only_for_admins(client):
    client.force_login(UserFactory(role=roles.ADMIN))
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
    client.force_login(UserFactory(role=roles.MEMBER))
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()


def test_unknown_page_is_a_styled_404(client, settings):
    settings.DEBUG = False
    client.force_login(UserFactory())
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Milepost" in response.content.decode()


def test_groups_exist_with_permissions():
    from django.contrib.auth.models import Group

    groups = {g.name: g for g in Group.objects.prefetch_related("permissions")}
    assert set(roles.ALL_ROLES) <= set(groups)
    director = {p.codename for p in groups[roles.DIRECTOR].permissions.all()}
    assert "view_project" in director
    assert "change_kpidefinition" in director
    assert "change_project" not in director
    manager = {p.codename for p in groups[roles.PROJECT_MANAGER].permissions.all()}
    assert {"add_project", "change_risk", "delete_milestone"} <= manager


def test_seed_demo_is_idempotent():
    from django.core.management import call_command

    from accounts.models import User
    from projects.models import Membership, Project

    call_command("seed_demo", "--projects", "5", "--no-kpis")
    counts = (User.objects.count(), Project.objects.count(), Membership.objects.count())
    call_command("seed_demo", "--projects", "5", "--no-kpis")
    assert counts == (
        User.objects.count(),
        Project.objects.count(),
        Membership.objects.count(),
    )
    assert counts[1] == 5
    assert (
        User.objects.get(username="director")
        .groups.filter(name=roles.DIRECTOR)
        .exists()
    )
