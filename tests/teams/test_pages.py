"""Team pages: the skills matrix (levels, gaps, coverage, export, a query
count independent of the team's size), a person's page, training plans."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teams.models import PositionSkill, SkillAssessment, TrainingPlan
from tests.factories import UserFactory
from tests.teams.factories import (
    PositionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TrainingItemFactory,
    TrainingPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(team):
    """The engineer holds a position requiring Python 4 and is assessed 2
    (a gap); the second engineer is the only one at Python 3+."""
    position = PositionFactory(title="Backend engineer")
    PositionSkill.objects.create(position=position, skill=team.skill, min_level=4)
    from teams.services.people import person_update

    person_update(
        user=team.engineer,
        by=team.admin,
        data={"position": position},
        expected_version=None,
    )
    SkillAssessmentFactory(
        person=team.engineer, skill=team.skill, level=2, assessed_by=team.lead
    )
    SkillAssessmentFactory(
        person=team.engineer2, skill=team.skill, level=4, assessed_by=team.lead2
    )
    # A self-assessment at 5 changes nothing.
    SkillAssessmentFactory(
        person=team.engineer,
        skill=team.skill,
        level=5,
        assessed_by=team.engineer,
        source=SkillAssessment.Source.SELF,
    )
    return team


def test_matrix_shows_levels_gaps_and_coverage(client, staffed):
    client.force_login(staffed.director)

    response = client.get(reverse("teams:matrix"), {"department": staffed.tech.pk})

    assert response.status_code == 200
    grid = response.context["matrix"]
    rows = {row.person: row for row in grid.rows}
    python = grid.skills.index(staffed.skill)
    assert rows[staffed.engineer].cells[python].level == 2
    assert rows[staffed.engineer].cells[python].gap
    assert rows[staffed.engineer2].cells[python].level == 4
    coverage = grid.coverage[python]
    assert (coverage.covered, coverage.single_point, coverage.gaps) == (1, True, 1)
    assert staffed.member not in rows  # another department
    html = response.content.decode()
    assert "Single points of failure" in html


def test_team_lead_sees_only_their_team(client, staffed):
    client.force_login(staffed.lead)

    response = client.get(reverse("teams:matrix"))

    people = {row.person for row in response.context["matrix"].rows}
    assert people == {staffed.lead, staffed.engineer}


@pytest.mark.parametrize("who", ["customer", "member"])
def test_matrix_shows_nobody_else_to_outsiders(client, staffed, who):
    client.force_login(getattr(staffed, who))

    response = client.get(reverse("teams:matrix"))

    if response.status_code == 200:
        people = {row.person for row in response.context["matrix"].rows}
        assert people <= {getattr(staffed, who)}
    else:
        assert response.status_code == 404


def test_matrix_export_csv(client, staffed):
    client.force_login(staffed.director)

    response = client.get(
        reverse("teams:matrix_export", args=["csv"]), {"department": staffed.tech.pk}
    )

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Person", "Position"]
    by_name = {row[0]: row for row in rows[1:]}
    python = rows[0].index("Python")
    assert by_name[str(staffed.engineer)][python] == "2"
    assert by_name[str(staffed.engineer)][1] == "Backend engineer"
    xlsx = client.get(reverse("teams:matrix_export", args=["xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def _matrix_queries(client, user, department):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("teams:matrix"), {"department": department.pk})
    assert response.status_code == 200
    return len(queries), len(response.context["matrix"].rows)


def test_matrix_query_count_is_the_same_for_10_and_200_people(client, team):
    skills = [SkillFactory() for _ in range(8)]
    position = PositionFactory()
    for skill in skills[:3]:
        PositionSkill.objects.create(position=position, skill=skill, min_level=3)

    def hire(n):
        for _ in range(n):
            engineer = UserFactory(department=team.tech, reports_to=team.lead)
            from teams.models import Person

            Person.objects.create(user=engineer, position=position)
            SkillAssessment.objects.bulk_create(
                SkillAssessment(
                    person=engineer,
                    skill=skill,
                    level=1 + i % 5,
                    assessed_by=team.lead,
                    source="manager",
                )
                for i, skill in enumerate(skills)
            )

    client.force_login(team.director)
    hire(10)
    small, small_rows = _matrix_queries(client, team.director, team.tech)
    hire(190)
    large, large_rows = _matrix_queries(client, team.director, team.tech)

    assert large_rows > small_rows >= 10
    assert small == large
    assert large <= 20


def test_person_page_shows_skills_over_time(client, staffed):
    SkillAssessmentFactory(
        person=staffed.engineer, skill=staffed.skill, level=3, assessed_by=staffed.lead
    )
    client.force_login(staffed.lead)

    response = client.get(reverse("teams:person", args=[staffed.engineer.pk]))

    assert response.status_code == 200
    series = response.context["chart"]["series"]
    assert [p["y"] for p in series[0]["points"]] == [
        2,
        3,
    ]  # the self-assessment is not a point
    assert b"skill-history-chart" in response.content


@pytest.mark.parametrize(
    ("who", "expected"),
    [("lead2", 404), ("member", 404), ("customer", 404), ("hr", 200), ("gm", 200)],
)
def test_person_page_visibility(client, staffed, who, expected):
    client.force_login(getattr(staffed, who))

    response = client.get(reverse("teams:person", args=[staffed.engineer.pk]))

    assert response.status_code == expected


def test_lead_records_an_assessment_on_the_page(client, staffed):
    client.force_login(staffed.lead)

    response = client.post(
        reverse("teams:assess", args=[staffed.engineer.pk]),
        {"skill": staffed.skill.pk, "level": 4, "source": "manager"},
    )

    assert response.status_code == 302
    assert SkillAssessment.objects.filter(
        person=staffed.engineer, level=4, assessed_by=staffed.lead
    ).exists()


def test_training_pages_render_and_decide(client, team):
    plan = TrainingPlanFactory(owner=team.lead, state=TrainingPlan.SUBMITTED)
    item = TrainingItemFactory(plan=plan, skill=team.skill, target_level=3)
    item.participants.set([team.engineer])
    client.force_login(team.director)

    listed = client.get(reverse("teams:plans"))
    detail = client.get(reverse("teams:plan", args=[plan.pk]))
    returned = client.post(
        reverse("teams:plan_decide", args=[plan.pk, "return"]), {"reason": ""}
    )

    assert listed.status_code == 200
    assert plan.title in listed.content.decode()
    assert detail.status_code == 200
    assert b"approve-plan" in detail.content
    assert returned.status_code == 200  # the form again, with the reason required
    plan.refresh_from_db()
    assert plan.state == TrainingPlan.SUBMITTED
    approved = client.post(
        reverse("teams:plan_decide", args=[plan.pk, "approve"]),
        {"version": plan.version},
    )
    assert approved.status_code == 302
    plan.refresh_from_db()
    assert plan.state == TrainingPlan.CONFIRMED


def test_training_list_query_count(client, team, django_assert_max_num_queries):
    for _ in range(30):
        TrainingItemFactory(plan=TrainingPlanFactory(owner=team.lead))
    client.force_login(team.director)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("teams:plans"))

    assert response.status_code == 200


def test_my_work_shows_the_due_step_to_its_holder_only(client, team):
    from teams import approvals

    plan = TrainingPlanFactory(owner=team.lead, title="Lead's Q3 plan")
    TrainingItemFactory(plan=plan)
    approvals.approval_submit(record=plan, by=team.lead)

    client.force_login(team.director)
    mine = client.get(reverse("portfolio:my_work")).content.decode()
    client.force_login(team.gm)
    not_yet = client.get(reverse("portfolio:my_work")).content.decode()

    assert "Lead&#x27;s Q3 plan" in mine
    assert "Confirmation by the owner" in mine
    assert "Lead&#x27;s Q3 plan" not in not_yet
