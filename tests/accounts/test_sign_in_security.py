"""Sign-in cannot be guessed: lockout (app and admin), logging, reset, API
throttling (issue 20)."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-1"


def _sign_in(client, url, username, password, ip="10.0.0.1"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_five_failures_lock_the_account_even_with_the_right_password(client, url_name):
    user = UserFactory(role=roles.ADMIN, is_staff=True)
    url = reverse(url_name)
    for _ in range(5):
        response = _sign_in(client, url, user.username, "wrong")
        assert "_auth_user_id" not in client.session

    response = _sign_in(client, url, user.username, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Try again in 15 minutes" in page


def test_lockout_by_username_holds_from_another_address(client):
    user = UserFactory()
    for attempt in range(5):
        _sign_in(
            client, reverse("login"), user.username, "wrong", ip=f"10.0.1.{attempt}"
        )

    response = _sign_in(
        client, reverse("login"), user.username, PASSWORD, ip="10.9.9.9"
    )

    assert response.status_code == 429


def test_lockout_by_address_holds_for_other_usernames(client):
    victim = UserFactory()
    for attempt in range(5):
        _sign_in(client, reverse("login"), f"guess{attempt}", "wrong", ip="10.0.2.1")

    response = _sign_in(
        client, reverse("login"), victim.username, PASSWORD, ip="10.0.2.1"
    )

    assert response.status_code == 429


def test_four_failures_then_the_right_password_signs_in(client):
    user = UserFactory()
    for _ in range(4):
        assert _sign_in(client, reverse("login"), user.username, "x").status_code == 200

    response = _sign_in(client, reverse("login"), user.username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_failed_sign_in_is_logged(client, caplog):
    user = UserFactory()
    with caplog.at_level(logging.INFO):
        _sign_in(client, reverse("login"), user.username, "wrong")

    failures = [r for r in caplog.records if "login failure" in r.getMessage().lower()]
    assert failures
    assert user.username in failures[0].getMessage()


def test_lockout_page_in_chinese(client):
    user = UserFactory()
    client.cookies["django_language"] = "zh-hans"
    for _ in range(6):
        response = _sign_in(client, reverse("login"), user.username, "wrong")

    assert response.status_code == 429
    assert "分钟后再试" in response.content.decode()


def test_password_reset_by_e_mail(client):
    user = UserFactory(email="ada@example.com")
    response = client.post(reverse("password_reset"), {"email": "ada@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line
    )
    path = link.split("testserver", 1)[1]

    form = client.get(path, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {
            "new_password1": "Corr3ct-horse-battery",
            "new_password2": "Corr3ct-horse-battery",
        },
    )

    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Corr3ct-horse-battery")


def test_password_reset_refuses_a_weak_password(client):
    user = UserFactory(email="bob@example.com")
    client.post(reverse("password_reset"), {"email": "bob@example.com"})
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line
    )
    form = client.get(link.split("testserver", 1)[1], follow=True)

    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == 200
    assert "too common" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.fixture
def low_rates(monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"}
    )


def test_api_throttles_signed_in_clients(low_rates):
    signed_in = APIClient()
    signed_in.force_authenticate(UserFactory())

    codes = [signed_in.get("/api/v1/projects/").status_code for _ in range(6)]

    assert codes == [200] * 5 + [429]


def test_api_throttles_anonymous_clients(low_rates, settings):
    settings.DEBUG = True  # the schema is public on a development server
    anonymous = APIClient()

    codes = [anonymous.get("/api/v1/schema/").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def test_schema_and_docs_need_sign_in_in_production(settings):
    settings.DEBUG = False
    anonymous = APIClient()

    assert anonymous.get("/api/v1/schema/").status_code == 401
    docs = anonymous.get("/api/v1/docs/")
    assert docs.status_code == 302
    assert docs["Location"].startswith(reverse("login"))

    token_client = APIClient()
    token_client.force_authenticate(UserFactory())
    assert token_client.get("/api/v1/schema/").status_code == 200


def test_production_refuses_to_start_without_allowed_hosts():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "",
    }
    code = "import django; django.setup()"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr

    env["DJANGO_ALLOWED_HOSTS"] = "milepost.example.com"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
