"""Team records over the API: who sees what (DESIGN §4) and bad input
(DESIGN §7): each refusal names the field or the rule, nothing is saved."""

from __future__ import annotations

import pytest

from teams.models import Person, SkillAssessment, TrainingPlan, TrainingRecord
from tests.teams.factories import (
    PositionFactory,
    SkillAssessmentFactory,
    TrainingItemFactory,
    TrainingPlanFactory,
)

pytestmark = pytest.mark.django_db

# Who sees the engineer's records: the engineer, their line (lead, director
# as head and manager of the lead), the general manager, HR, admins.
VISIBILITY = {
    "engineer": True,
    "lead": True,
    "director": True,
    "gm": True,
    "hr": True,
    "admin": True,
    "lead2": False,
    "engineer2": False,
    "member": False,  # on the same project as the engineer
    "customer": False,
}


@pytest.fixture
def records(team):
    assessment = SkillAssessmentFactory(
        person=team.engineer, skill=team.skill, assessed_by=team.lead
    )
    plan = TrainingPlanFactory(owner=team.lead, state=TrainingPlan.FILED)
    item = TrainingItemFactory(plan=plan, skill=team.skill)
    item.participants.set([team.engineer])
    record = TrainingRecord.objects.create(item=item, participant=team.engineer)
    return {
        "skill-assessments": assessment.pk,
        "training-records": record.pk,
        "people": team.engineer.pk,
    }


@pytest.mark.parametrize(
    "resource", ["skill-assessments", "training-records", "people"]
)
@pytest.mark.parametrize(("who", "sees"), list(VISIBILITY.items()))
def test_visibility_of_an_engineers_records(api, team, records, resource, who, sees):
    client = api(getattr(team, who))
    pk = records[resource]

    detail = client.get(f"/api/v1/{resource}/{pk}/")
    listed = client.get(f"/api/v1/{resource}/")

    assert detail.status_code == (200 if sees else 404)
    assert listed.status_code == 200
    assert (pk in [row["id"] for row in listed.json()["results"]]) is sees


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("lead", True),
        ("director", True),
        ("gm", True),
        ("hr", True),
        ("engineer", False),
        ("lead2", False),
        ("member", False),
        ("customer", False),
    ],
)
def test_visibility_of_a_training_plan(api, team, who, sees):
    plan = TrainingPlanFactory(owner=team.lead)

    response = api(getattr(team, who)).get(f"/api/v1/training-plans/{plan.pk}/")

    assert response.status_code == (200 if sees else 404)


def test_customer_sees_no_skills_or_positions(api, team):
    PositionFactory()
    client = api(team.customer)

    assert client.get("/api/v1/skills/").json()["results"] == []
    assert client.get("/api/v1/positions/").json()["results"] == []


def assess(api, by, **body):
    return api(by).post(
        "/api/v1/skill-assessments/", body, content_type="application/json"
    )


@pytest.mark.parametrize("level", [0, 6, -1])
def test_level_outside_the_scale_is_400(api, team, level):
    response = assess(
        api, team.lead, person=team.engineer.pk, skill=team.skill.pk, level=level
    )

    assert response.status_code == 400
    assert "level" in response.json()
    assert not SkillAssessment.objects.exists()


def test_self_assessment_cannot_count_as_current(api, team):
    response = assess(
        api,
        team.engineer,
        person=team.engineer.pk,
        skill=team.skill.pk,
        level=5,
        source="manager",
    )

    assert response.status_code == 400
    assert "source" in response.json()
    assert not SkillAssessment.objects.exists()


def test_self_assessment_is_recorded_but_not_current(api, team):
    from teams.selectors import current_levels

    SkillAssessmentFactory(
        person=team.engineer, skill=team.skill, level=2, assessed_by=team.lead
    )
    response = assess(
        api, team.engineer, person=team.engineer.pk, skill=team.skill.pk, level=5
    )

    assert response.status_code == 201, response.content
    assert response.json()["source"] == "self"
    assert current_levels([team.engineer.pk]) == {(team.engineer.pk, team.skill.pk): 2}


def test_manager_assessment_becomes_current(api, team):
    from teams.selectors import current_levels

    SkillAssessmentFactory(
        person=team.engineer, skill=team.skill, level=2, assessed_by=team.lead
    )
    response = assess(
        api, team.lead, person=team.engineer.pk, skill=team.skill.pk, level=4
    )

    assert response.status_code == 201
    assert response.json()["assessed_by"] == team.lead.pk
    assert current_levels([team.engineer.pk]) == {(team.engineer.pk, team.skill.pk): 4}


def test_assessing_someone_outside_ones_line_is_refused(api, team):
    response = assess(
        api, team.lead2, person=team.engineer.pk, skill=team.skill.pk, level=3
    )

    assert response.status_code == 400
    assert "person" in response.json()
    assert not SkillAssessment.objects.exists()


def test_assessments_are_append_only(api, team):
    row = SkillAssessmentFactory(
        person=team.engineer, skill=team.skill, assessed_by=team.lead
    )
    client = api(team.admin)

    assert (
        client.patch(
            f"/api/v1/skill-assessments/{row.pk}/",
            {"level": 1},
            content_type="application/json",
        ).status_code
        == 405
    )
    assert client.delete(f"/api/v1/skill-assessments/{row.pk}/").status_code == 405


def plan_body(team, participants):
    return {
        "title": "Q3 training",
        "period_start": "2026-07-01",
        "period_end": "2026-09-30",
        "items": [
            {
                "topic": "Advanced SQL",
                "skill": team.skill2.pk,
                "target_level": 3,
                "participants": participants,
                "planned_on": "2026-08-01",
                "hours": "16",
                "cost": "1200",
            }
        ],
    }


def test_team_lead_proposes_a_plan(api, team):
    response = api(team.lead).post(
        "/api/v1/training-plans/",
        plan_body(team, [team.engineer.pk]),
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["owner"] == team.lead.pk
    assert body["state"] == "draft"
    assert body["items"][0]["participants"] == [team.engineer.pk]


def test_participant_outside_the_plans_team_is_400(api, team):
    response = api(team.lead).post(
        "/api/v1/training-plans/",
        plan_body(team, [team.engineer2.pk]),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "participants" in str(response.json())
    assert not TrainingPlan.objects.exists()


def test_engineer_without_subordinates_cannot_own_a_plan(api, team):
    response = api(team.engineer).post(
        "/api/v1/training-plans/", plan_body(team, []), content_type="application/json"
    )

    assert response.status_code == 403
    assert "manager" in response.json()["detail"]
    assert not TrainingPlan.objects.exists()


def test_plan_target_level_outside_scale_is_400(api, team):
    body = plan_body(team, [team.engineer.pk])
    body["items"][0]["target_level"] = 9

    response = api(team.lead).post(
        "/api/v1/training-plans/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "target_level" in str(response.json())
    assert not TrainingPlan.objects.exists()


def test_submitted_plan_cannot_be_edited(api, team):
    plan = TrainingPlanFactory(owner=team.lead, state=TrainingPlan.SUBMITTED)

    response = api(team.lead).patch(
        f"/api/v1/training-plans/{plan.pk}/",
        {"title": "Changed"},
        content_type="application/json",
    )

    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.title != "Changed"


def test_completion_proposes_a_level_the_manager_confirms(api, team):
    plan = TrainingPlanFactory(owner=team.lead, state=TrainingPlan.FILED)
    item = TrainingItemFactory(plan=plan, skill=team.skill, target_level=4)
    item.participants.set([team.engineer])

    created = api(team.lead).post(
        "/api/v1/training-records/",
        {
            "item": item.pk,
            "participant": team.engineer.pk,
            "hours": "8",
            "completed_on": "2026-03-02",
            "result": "Passed",
            "proposed_level": 4,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    record = created.json()["id"]
    assert created.json()["attended"] is True

    # The participant gives feedback only.
    feedback = api(team.engineer).patch(
        f"/api/v1/training-records/{record}/",
        {"feedback": 5},
        content_type="application/json",
    )
    assert feedback.status_code == 200
    assert (
        api(team.engineer)
        .patch(
            f"/api/v1/training-records/{record}/",
            {"hours": "40"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert (
        api(team.engineer)
        .post(f"/api/v1/training-records/{record}/confirm-level/")
        .status_code
        == 403
    )

    confirmed = api(team.lead).post(f"/api/v1/training-records/{record}/confirm-level/")
    assert confirmed.status_code == 200, confirmed.content
    assessment = SkillAssessment.objects.get()
    assert (assessment.level, assessment.source, assessment.assessed_by) == (
        4,
        "training",
        team.lead,
    )
    again = api(team.lead).post(f"/api/v1/training-records/{record}/confirm-level/")
    assert again.status_code == 400
    assert SkillAssessment.objects.count() == 1


def test_record_for_someone_not_a_participant_is_400(api, team):
    plan = TrainingPlanFactory(owner=team.director, state=TrainingPlan.FILED)
    item = TrainingItemFactory(plan=plan)
    item.participants.set([team.engineer])

    response = api(team.director).post(
        "/api/v1/training-records/",
        {"item": item.pk, "participant": team.lead.pk},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "participant" in response.json()
    assert not TrainingRecord.objects.exists()


def test_hr_sets_position_and_line(api, team):
    position = PositionFactory(title="Backend engineer")

    response = api(team.hr).patch(
        f"/api/v1/people/{team.engineer2.pk}/",
        {"position": position.pk, "weekly_capacity_hours": "32"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["position"] == position.pk
    assert Person.objects.get(user=team.engineer2).position == position
    # An engineer may read but not change their own record.
    assert (
        api(team.engineer2)
        .patch(
            f"/api/v1/people/{team.engineer2.pk}/",
            {"weekly_capacity_hours": "10"},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_reporting_cycle_is_400(api, team):
    response = api(team.hr).patch(
        f"/api/v1/people/{team.director.pk}/",
        {"reports_to": team.engineer.pk},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "reports_to" in response.json()
