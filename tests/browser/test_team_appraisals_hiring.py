"""Browser journeys of the team's part 2, in English and in Chinese: an
appraisal from self review to closed (with the director's calibration
grid), and a hire that creates the user. Screenshots under
artifacts/screenshots/issue-23-*."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts import roles
from accounts.models import User
from teams.models import Application, Candidate, Position, PositionRequest
from teams.models.appraisals import Appraisal
from tests.factories import DepartmentFactory, UserFactory, today
from tests.teams.appraisal_factories import (
    AppraisalCriterionFactory,
    AppraisalCycleFactory,
    AppraisalFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pw-for-tests-1"
WORDS = {
    "en": {
        "user": "Username",
        "password": "Password",
        "sign_in": "Sign in",
        "submit": "Submit",
        "hire": "Hire",
        "closed": "Closed",
        "grid": "Calibration grid",
        "hired": "Hired",
    },
    "zh-hans": {
        "user": "用户名",
        "password": "密码",
        "sign_in": "登录",
        "submit": "提交",
        "hire": "录用",
        "closed": "已关闭",
        "grid": "校准网格",
        "hired": "已录用",
    },
}


@pytest.fixture(params=["en", "zh-hans"])
def lang(request):
    return request.param


def _as(page, user, words):
    """Sign in (the form is in the browser's English); the pages after it
    are in the user's own language."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _people(lang):
    director = UserFactory(role=roles.DIRECTOR, language=lang, first_name="Dora")
    manager = UserFactory(
        role=roles.PROJECT_MANAGER,
        reports_to=director,
        language=lang,
        first_name="Paula",
    )
    person = UserFactory(reports_to=manager, language=lang, first_name="Mike")
    return director, manager, person


def test_an_appraisal_from_self_review_to_closed(page, live_server, shot, lang):
    words = WORDS[lang]
    director, manager, person = _people(lang)
    cycle = AppraisalCycleFactory(scheme__author=director, name="H2 2026")
    quality = AppraisalCriterionFactory(scheme=cycle.scheme, name="Quality", weight=60)
    teamwork = AppraisalCriterionFactory(
        scheme=cycle.scheme, name="Teamwork", weight=40
    )
    appraisal = AppraisalFactory(cycle=cycle, person=person)
    peer = UserFactory(reports_to=manager, language=lang)
    other = AppraisalFactory(cycle=cycle, person=peer)
    Appraisal.objects.filter(pk=other.pk).update(
        stage="calibration", manager_score=Decimal("4.50")
    )
    url = f"/team/appraisals/{appraisal.pk}/"

    def score(q, t):
        page.fill(f"input[name=score_{quality.pk}]", str(q))
        page.fill(f"input[name=score_{teamwork.pk}]", str(t))
        page.locator("#take-step").click()

    _as(page, person, words)
    page.goto(url)
    shot(page, f"issue-23-appraisal-self-review-{lang}")
    score(9, 3)  # outside the scale: refused, nothing saved
    expect(
        page.locator("#step-card .invalid-feedback, #step-card .alert")
    ).not_to_have_count(0)
    page.js_errors.clear()  # the refusal above is a 400, as it should be
    score(4, 3)
    expect(page.locator("#appraisal-stage")).not_to_have_text("")

    _as(page, manager, words)
    page.goto(url)
    score(5, 3)

    _as(page, director, words)
    page.goto(f"/team/appraisals/cycles/{cycle.pk}/")
    expect(page.get_by_role("heading", name=words["grid"])).to_be_visible()
    shot(page, f"issue-23-calibration-grid-{lang}")
    page.goto(url)
    page.locator("#take-step").click()

    _as(page, manager, words)
    page.goto(url)
    page.fill("input[name=held_on]", today().isoformat())
    page.locator("#take-step").click()
    expect(page.locator("#appraisal-stage")).to_have_text(words["closed"])
    shot(page, f"issue-23-appraisal-closed-{lang}")
    appraisal.refresh_from_db()
    assert appraisal.stage == "closed"
    assert appraisal.final_score == Decimal("4.20")
    assert not page.js_errors


def test_a_hire_creates_the_user(page, live_server, shot, lang):
    words = WORDS[lang]
    _director, manager, _person = _people(lang)
    hr = UserFactory(role=roles.HR, language=lang)
    department = DepartmentFactory()
    position = Position.objects.create(department=department, title="QA engineer")
    request = PositionRequest.objects.create(
        department=department,
        position=position,
        reason="Portal relaunch",
        requested_by=manager,
        state=PositionRequest.OPEN,
    )
    PositionRequest.objects.filter(pk=request.pk).update(
        opened_at=request.created_at - timedelta(days=12)
    )
    candidate = Candidate.objects.create(name="Ana Souza", created_by=hr)
    Application.objects.create(
        candidate=candidate, position_request=request, stage="offer"
    )
    Application.objects.create(
        candidate=Candidate.objects.create(name="陈静", created_by=hr),
        position_request=request,
        stage="first_interview",
    )

    _as(page, hr, words)
    page.goto("/team/hiring/")
    shot(page, f"issue-23-position-requests-{lang}")
    page.goto(f"/team/hiring/{request.pk}/")
    form = page.locator(".hire-form")
    form.locator("input[name=username]").fill(f"ana-{lang}")
    form.get_by_role("button", name=words["hire"]).click()
    expect(page.locator("#request-state")).not_to_have_text("")
    shot(page, f"issue-23-hired-{lang}")

    user = User.objects.get(username=f"ana-{lang}")
    assert user.reports_to == manager
    assert user.person.position == position
    request.refresh_from_db()
    assert request.state == "filled"
    assert request.days_to_fill == 12
    assert not page.js_errors
