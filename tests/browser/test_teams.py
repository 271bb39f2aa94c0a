"""The technical team in Chromium, in English and in Chinese: the director
reviews the skills matrix, a team lead proposes a training plan, the
director confirms, the general manager approves, HR files it, and the
engineer's completion, confirmed by the lead, updates the matrix."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts import roles
from teams.models import PositionSkill, SkillAssessment, TrainingPlan
from tests.factories import DepartmentFactory, UserFactory
from tests.teams.factories import PositionFactory, SkillFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pw-for-tests-1"


def _cell(page, name: str):
    """The matrix cell of the engineer's only skill column."""
    row = page.locator("#skills-matrix tbody tr", has_text=name)
    return row.locator("td.lvl").first


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_training_plan_journey_updates_the_matrix(page, sign_in, shot, language):
    tech = DepartmentFactory(name="Platform Engineering", code="platform")
    director = UserFactory(
        username="dora",
        first_name="Dora",
        last_name="Diaz",
        role=roles.DIRECTOR,
        department=tech,
    )
    tech.head = director
    tech.save()
    lead = UserFactory(
        username="lena",
        first_name="Lena",
        last_name="Fischer",
        department=tech,
        reports_to=director,
    )
    engineer = UserFactory(
        username="mike",
        first_name="Mike",
        last_name="Okafor",
        department=tech,
        reports_to=lead,
    )
    gm = UserFactory(username="grace", role=roles.GENERAL_MANAGER)
    hr = UserFactory(username="helen", role=roles.HR)
    for user in (director, lead, engineer, gm, hr):
        user.language = language
        user.save()
    python = SkillFactory(name="Python")
    position = PositionFactory(title="Backend engineer", department=tech)
    PositionSkill.objects.create(position=position, skill=python, min_level=3)
    from teams.models import Person

    Person.objects.create(user=engineer, position=position)
    SkillAssessment.objects.create(
        person=engineer, skill=python, level=2, assessed_by=lead, source="manager"
    )
    today = timezone.localdate().isoformat()
    suffix = "zh" if language == "zh-hans" else "en"

    def as_user(user) -> None:
        page.context.clear_cookies()
        sign_in(page, user.username, PASSWORD)

    # The director sees the gap in the matrix.
    as_user(director)
    page.goto("/team/skills/")
    cell = _cell(page, "Mike Okafor")
    assert "gap" in cell.get_attribute("class")
    assert cell.inner_text().startswith("2")
    shot(page, f"issue-22-matrix-before-{suffix}")

    # The team lead proposes a plan with one item for the engineer.
    as_user(lead)
    page.goto("/team/training/")
    page.locator("a[href$='/team/training/new/']").click()
    page.fill("input[name=title]", "Backend training")
    page.fill("input[name=period_start]", today)
    page.fill("input[name=period_end]", today)
    page.locator("form button[type=submit].btn-primary").click()
    page.fill("input[name=topic]", "Python testing course")
    page.select_option("select[name=skill]", str(python.pk))
    page.select_option("select[name=target_level]", "3")
    page.check(f"input[name=participants][value='{engineer.pk}']")
    page.fill("input[name=planned_on]", today)
    page.fill("input[name=hours]", "8")
    page.fill("input[name=cost]", "300")
    page.locator("form[action$='/items/'] button[type=submit]").click()
    page.locator("#item-" + str(TrainingPlan.objects.get().items.get().pk)).wait_for()
    page.locator("#submit-plan").click()
    page.locator("#due-step").wait_for()
    shot(page, f"issue-22-plan-submitted-{suffix}")
    plan = TrainingPlan.objects.get()
    assert plan.state == TrainingPlan.SUBMITTED

    # Director confirms, the general manager approves, HR files.
    for user, state in (
        (director, TrainingPlan.CONFIRMED),
        (gm, TrainingPlan.APPROVED),
        (hr, TrainingPlan.FILED),
    ):
        as_user(user)
        page.goto("/my-work/")
        page.locator("#my-approvals a", has_text="Backend training").click()
        page.locator("#approve-plan").click()
        page.locator("#approval-steps").wait_for()
        plan.refresh_from_db()
        assert plan.state == state
    shot(page, f"issue-22-plan-filed-{suffix}")

    # The lead records the completion, proposing level 3, and confirms it.
    as_user(lead)
    page.goto(f"/team/training/{plan.pk}/")
    page.locator("a[href*='/records/']").click()
    page.fill("input[name=hours]", "8")
    page.fill("input[name=completed_on]", today)
    page.select_option("select[name=proposed_level]", "3")
    page.locator("form button[type=submit].btn-primary").click()
    page.locator("form[action*='/confirm/'] button").click()
    page.locator(".alert-success, .alert").first.wait_for()

    # The director sees the gap closed.
    as_user(director)
    page.goto("/team/skills/")
    cell = _cell(page, "Mike Okafor")
    assert cell.inner_text().strip().startswith("3")
    assert "gap" not in cell.get_attribute("class")
    shot(page, f"issue-22-matrix-after-{suffix}")
    html = page.content()
    if language == "zh-hans":
        assert "技能矩阵" in html
    assert not page.js_errors
