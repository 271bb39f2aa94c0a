"""Which language a page, an e-mail and the survey speak (DESIGN §5): the
user's own choice, else the browser's, else LANGUAGE_CODE; dates and numbers
in one format per language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reviews import services as review_services
from reviews.models import SurveyInvitation
from tests.factories import (
    ActionItemFactory,
    MeetingFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ZH = "zh-hans"


def lang_of(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    ("preference", "browser", "expected"),
    [
        ("", "zh-CN,zh;q=0.9", ZH),  # no preference: the browser's
        ("", "fr-FR", "en"),  # a browser language we lack: LANGUAGE_CODE
        ("en", "zh-CN,zh;q=0.9", "en"),  # the user's choice wins
        (ZH, "en-GB", ZH),
    ],
)
def test_the_users_choice_then_the_browser_then_the_default(
    preference, browser, expected
):
    user = UserFactory(language=preference)
    client = Client(HTTP_ACCEPT_LANGUAGE=browser)
    client.force_login(user)

    response = client.get(reverse("home"))

    assert lang_of(response) == expected
    assert response["Content-Language"] == expected


def test_default_language_comes_from_the_setting(settings):
    settings.LANGUAGE_CODE = ZH
    response = Client().get(reverse("login"))
    assert lang_of(response) == ZH
    assert "登录" in response.content.decode()


def test_the_switcher_keeps_a_signed_in_users_choice(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("set_language"), {"language": ZH, "next": reverse("home")}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == ZH
    assert lang_of(client.get(reverse("home"))) == ZH
    # "The browser's language" on the profile clears it again.
    client.post(reverse("set_language"), {"language": "", "next": "/"})
    user.refresh_from_db()
    assert user.language == ""


def test_the_switcher_works_signed_out_on_the_sign_in_page():
    client = Client()
    page = client.get(reverse("login")).content.decode()
    assert 'name="language" value="zh-hans"' in page

    client.post(reverse("set_language"), {"language": ZH, "next": reverse("login")})

    assert "登录" in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize(("language", "greeting"), [(ZH, "满意"), ("en", "satisfied")])
def test_survey_mail_and_page_speak_the_invitations_language(language, greeting):
    project = ProjectFactory(name="计费平台")
    invitation, path = review_services.survey_invite(
        project=project,
        email="kunde@example.com",
        by=project.manager,
        language=language,
    )
    review_services.survey_send_mail(
        invitation=invitation, url=f"http://testserver{path}", sender=project.manager
    )

    assert greeting in mail.outbox[-1].subject + mail.outbox[-1].body
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)
    assert lang_of(page) == language
    assert SurveyInvitation.objects.get().language == language


def test_the_invite_form_sends_the_chosen_language(client):
    project = ProjectFactory()
    client.force_login(project.manager)

    client.post(
        reverse("reviews:survey_invite", args=[project.pk]),
        {"email": "kunde@example.com", "days": 14, "language": ZH},
    )

    assert SurveyInvitation.objects.get().language == ZH
    assert "满意" in mail.outbox[-1].subject


def test_reminders_reach_each_owner_in_their_language():
    today = timezone.localdate()
    meeting = MeetingFactory(held_on=today - timedelta(days=3))
    chinese = UserFactory(language=ZH, email="zh@example.com")
    english = UserFactory(language="en", email="en@example.com")
    for owner in (chinese, english):
        ActionItemFactory(meeting=meeting, owner=owner, due_date=today)

    review_services.action_item_reminders_send(today=today)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert "到期" in by_address["zh@example.com"].subject
    assert "due" in by_address["en@example.com"].subject.lower()


def test_a_refused_field_is_named_in_chinese(client):
    project = ProjectFactory()
    project.manager.language = ZH
    project.manager.save()
    client.force_login(project.manager)

    response = client.post(
        reverse("projects:phase_create", args=[project.pk]),
        {"name": "", "order": 1, "start_date": "2026-01-01", "end_date": "2025-01-01"},
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "名称" in body  # the field's Chinese label next to its error
    assert "必填" in body  # Django's own "this field is required", in Chinese


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "7 Dec 2026"), (ZH, "2026-12-07")]
)
def test_one_date_format_per_language(language, shown, client):
    project = ProjectFactory(target_date=date(2026, 12, 7), start_date=date(2026, 1, 1))
    project.manager.language = language
    project.manager.save()
    client.force_login(project.manager)

    body = client.get(reverse("portfolio:project_list")).content.decode()

    assert shown in body
    assert "Dec. 7, 2026" not in body
    assert "12/07/2026" not in body
