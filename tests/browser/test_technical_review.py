"""Browser journey of a technical review decision, in English and Chinese:
the author submits, a director approves it with a condition, which shows
on the review and in its owner's My work. Screenshots under
artifacts/screenshots/issue-23-technical-review-*."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from accounts import roles
from teams.models import TechnicalReview
from tests.browser.test_team_appraisals_hiring import _as
from tests.factories import ProjectFactory, UserFactory, today

pytestmark = pytest.mark.django_db(transaction=True)
WORDS = {
    "en": {
        "submit": "Submit",
        "decision": "Decision",
        "rationale": "Rationale",
        "record": "Record decision",
        "with_conditions": "Approved with conditions",
    },
    "zh-hans": {
        "submit": "提交",
        "decision": "决议",
        "rationale": "理由",
        "record": "记录决议",
        "with_conditions": "附条件通过",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_director_decides_a_technical_review(page, live_server, shot, lang):
    words = WORDS[lang]
    director = UserFactory(role=roles.DIRECTOR, language=lang, first_name="Dora")
    author = UserFactory(role=roles.PROJECT_MANAGER, language=lang, first_name="Paula")
    project = ProjectFactory(manager=author)
    review = TechnicalReview.objects.create(
        title="Event sourcing for orders",
        project=project,
        author=author,
        proposal="Store order changes as **events**.",
        options="CRUD with audit tables; event sourcing",
    )

    _as(page, author, words)
    page.goto(f"/team/reviews/{review.pk}/")
    page.get_by_role("button", name=words["submit"], exact=True).click()
    review.refresh_from_db()
    assert review.state == TechnicalReview.SUBMITTED

    _as(page, director, words)
    page.goto(f"/team/reviews/{review.pk}/")
    form = page.locator("#decide-form")
    form.get_by_label(words["decision"]).select_option("approved_with_conditions")
    form.get_by_label(words["rationale"]).fill("Sound; needs a rollback runbook")
    form.locator("input[name=c0-description]").fill("Write the rollback runbook")
    form.locator("select[name=c0-owner]").select_option(str(author.pk))
    form.locator("input[name=c0-due_date]").fill(
        (today() + timedelta(days=7)).isoformat()
    )
    form.get_by_role("button", name=words["record"]).click()

    expect(page.locator("#review-decision")).to_have_text(words["with_conditions"])
    expect(page.locator("#conditions")).to_contain_text("Write the rollback runbook")
    shot(page, f"issue-23-technical-review-decided-{lang}")
    review.refresh_from_db()
    assert review.decision == TechnicalReview.Decision.APPROVED_WITH_CONDITIONS
    assert review.decided_by == director

    _as(page, author, words)
    page.goto("/my-work/")
    expect(page.locator("body")).to_contain_text("Write the rollback runbook")
