"""The profile page: details, API token created and revoked by POST forms."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from accounts import roles
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_profile_requires_sign_in(client):
    response = client.get(reverse("portfolio:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_profile_shows_details_and_no_token(client):
    user = UserFactory(
        first_name="Ada", last_name="Lovelace", department=DepartmentFactory(name="R&D")
    )
    MembershipFactory(user=user, role="qa")
    client.force_login(user)

    page = client.get(reverse("portfolio:profile")).content.decode()

    assert "Ada Lovelace" in page
    assert user.email in page
    assert "R&amp;D" in page
    assert "Quality assurance" in page
    assert "You have no API token." in page


def test_navbar_links_to_profile(client):
    client.force_login(UserFactory())
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("portfolio:profile")}"' in page


def test_create_token_shows_key_once(client):
    user = UserFactory()
    client.force_login(user)

    created = client.post(reverse("portfolio:token_create"))

    token = Token.objects.get(user=user)
    assert created.status_code == 200
    assert token.key in created.content.decode()
    assert "it will not be shown again" in created.content.decode()
    later = client.get(reverse("portfolio:profile")).content.decode()
    assert token.key not in later
    assert token.key[:4] in later


def test_replacing_the_token_invalidates_the_old_one(client):
    user = UserFactory()
    old = Token.objects.create(user=user)
    client.force_login(user)

    client.post(reverse("portfolio:token_create"))

    assert not Token.objects.filter(key=old.key).exists()
    assert Token.objects.filter(user=user).count() == 1


def test_revoke_token_redirects_with_message(client):
    user = UserFactory()
    Token.objects.create(user=user)
    client.force_login(user)

    response = client.post(reverse("portfolio:token_revoke"), follow=True)

    assert not Token.objects.filter(user=user).exists()
    assert "Your API token was revoked" in response.content.decode()
    again = client.post(reverse("portfolio:token_revoke"), follow=True)
    assert "You had no API token to revoke." in again.content.decode()


def test_token_forms_are_post_only_and_csrf_protected(client):
    from django.test import Client

    user = UserFactory(role=roles.MEMBER)
    client.force_login(user)
    assert client.get(reverse("portfolio:token_create")).status_code == 405
    assert client.get(reverse("portfolio:token_revoke")).status_code == 405

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(reverse("portfolio:token_create")).status_code == 403
    assert not Token.objects.filter(user=user).exists()


def test_one_user_cannot_touch_anothers_token(client):
    victim = UserFactory()
    token = Token.objects.create(user=victim)
    client.force_login(UserFactory())

    client.post(reverse("portfolio:token_revoke"))
    client.post(reverse("portfolio:token_create"))

    assert Token.objects.filter(key=token.key, user=victim).exists()
