"""Reviews in Chromium: a retrospective with its improvements, the customer survey."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews import services
from reviews.models import CustomerSatisfaction
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    MeetingFeedbackFactory,
    MembershipFactory,
    ProjectFactory,
    SurveyInvitationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pw-for-tests-1"


def test_retrospective_shows_improvements_and_earlier_progress(page, sign_in, shot):
    today = timezone.localdate()
    manager = UserFactory(username="paula", first_name="Paula", last_name="Park")
    project = ProjectFactory(
        manager=manager, code="PRJ-007", name="Customer portal relaunch"
    )
    team = [
        UserFactory(first_name=first, last_name=last)
        for first, last in [("Mike", "Okafor"), ("Mia", "Keller"), ("Tom", "Berg")]
    ]
    for person in team:
        MembershipFactory(project=project, user=person)
    old = MeetingFactory(
        project=project,
        kind="retrospective",
        title="Retrospective August",
        held_on=today - timedelta(days=90),
    )
    for text, done in [
        ("Timebox stand-ups to 15 minutes", True),
        ("Write acceptance criteria before estimating", True),
        ("Automate the deployment to test", False),
    ]:
        ActionItemFactory(
            meeting=old,
            kind="improvement",
            description=text,
            owner=team[0],
            due_date=today - timedelta(days=60),
            completed_on=today - timedelta(days=62) if done else None,
        )
    retro = MeetingFactory(
        project=project,
        kind="retrospective",
        title="Retrospective November",
        held_on=today - timedelta(days=2),
        minutes="The release went out on time. Test data preparation was slow.",
        guests="Lena (customer sponsor)",
    )
    retro.attendees.add(manager, *team)
    for order, title in enumerate(
        ["What went well", "What did not go well", "What we will change"], start=1
    ):
        AgendaItemFactory(meeting=retro, order=order, title=title)
    DecisionFactory(meeting=retro, description="Keep the Friday demo.")
    ActionItemFactory(
        meeting=retro,
        kind="improvement",
        description="Prepare anonymised test data before each sprint",
        owner=team[1],
        due_date=today + timedelta(days=14),
    )
    ActionItemFactory(
        meeting=retro,
        kind="improvement",
        description="Pair on code reviews for risky changes",
        owner=team[2],
        due_date=today - timedelta(days=1),
    )
    ActionItemFactory(
        meeting=retro,
        kind="follow_up",
        description="Send the retro summary to the customer",
        owner=manager,
        due_date=today + timedelta(days=3),
        completed_on=today,
    )
    for person, rating in zip(team, [5, 4, 4], strict=True):
        MeetingFeedbackFactory(meeting=retro, attendee=person, rating=rating)

    sign_in(page, "paula", PASSWORD)
    page.goto(f"/meetings/{retro.pk}/")

    assert page.get_by_role("heading", name="Retrospective November").is_visible()
    assert page.get_by_text("2 of 3", exact=True).is_visible()
    assert page.get_by_text("Pair on code reviews for risky changes").is_visible()
    assert page.locator("tr.row-overdue").count() == 1
    assert page.js_errors == []
    shot(page, "reviews-retrospective")


def test_customer_answers_the_survey_without_an_account(page, shot):
    project = ProjectFactory(name="Billing platform migration")
    invitation = SurveyInvitationFactory(project=project, email="buyer@example.com")
    url = f"/survey/{services.survey_token(invitation)}/"

    page.goto(url)
    assert page.get_by_role("heading", name="Billing platform migration").is_visible()
    page.locator("#score-range").fill("92")
    assert page.locator("input[name=score]").input_value() == "92"
    page.get_by_label("What should we keep doing, or do better?").fill(
        "Clear weekly updates. Please share test plans earlier."
    )
    assert page.js_errors == []
    shot(page, "reviews-survey")

    page.get_by_role("button", name="Send my answer").click()
    assert page.get_by_role("heading", name="Thank you!").is_visible()
    response = CustomerSatisfaction.objects.get()
    assert (response.score, response.source) == (92, "link")

    page.goto(url)
    assert page.get_by_role(
        "heading", name="This survey has already been answered"
    ).is_visible()
