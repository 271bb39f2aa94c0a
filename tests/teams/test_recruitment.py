"""Recruitment (招聘): the position request chain per role, candidates
through 初试 and 复试 to offer and hire, interviews scored per required
skill, and who sees what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import User
from teams.models.people import Person, Position, PositionSkill
from teams.models.recruitment import Application, Candidate, Interview, PositionRequest
from teams.models.skills import Skill, SkillCategory
from tests.factories import DepartmentFactory, UserFactory, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def hiring():
    director = UserFactory(role=roles.DIRECTOR, username="dir")
    department = DepartmentFactory(head=director)
    lead = UserFactory(
        role=roles.PROJECT_MANAGER,
        reports_to=director,
        department=department,
        username="lead",
    )
    position = Position.objects.create(
        department=department, title="Backend engineer", responsibilities="APIs"
    )
    category = SkillCategory.objects.create(name="Engineering")
    python = Skill.objects.create(category=category, name="Python")
    sql = Skill.objects.create(category=category, name="SQL")
    PositionSkill.objects.create(position=position, skill=python, min_level=3)
    PositionSkill.objects.create(position=position, skill=sql, min_level=2)
    request = PositionRequest.objects.create(
        department=department,
        position=position,
        headcount=1,
        reason="New billing team",
        requested_by=lead,
    )
    return {
        "request": request,
        "lead": lead,
        "director": director,
        "gm": UserFactory(role=roles.GENERAL_MANAGER, username="gm"),
        "hr": UserFactory(role=roles.HR, username="hr"),
        "member": UserFactory(reports_to=lead, username="dev"),
        "outsider": UserFactory(username="outsider"),
        "customer": UserFactory(role=roles.CUSTOMER, username="customer"),
        "python": python,
        "sql": sql,
    }


def _open(client, hiring):
    url = f"/api/v1/position-requests/{hiring['request'].pk}/"
    client.force_login(hiring["lead"])
    client.post(url + "submit/", {})
    client.force_login(hiring["director"])
    client.post(url + "approve/", {})
    client.force_login(hiring["gm"])
    return client.post(url + "approve/", {})


def test_request_chain_opens_the_position(client, hiring):
    answer = _open(client, hiring)
    assert answer.status_code == 200, answer.json()
    assert answer.json()["state"] == "open"
    assert answer.json()["opened_at"] is not None
    assert answer.json()["age_days"] == 0


@pytest.mark.parametrize(
    ("state", "actor", "expected"),
    [
        ("submitted", "lead", 403),  # no self-confirmation
        ("submitted", "gm", 403),
        ("submitted", "hr", 403),
        ("confirmed", "director", 403),
        ("confirmed", "lead", 403),
        ("open", "gm", 400),  # nothing left to approve
    ],
)
def test_wrong_holder_is_refused(client, hiring, state, actor, expected):
    request = hiring["request"]
    PositionRequest.objects.filter(pk=request.pk).update(state=state)
    client.force_login(hiring[actor])
    answer = client.post(f"/api/v1/position-requests/{request.pk}/approve/", {})
    assert answer.status_code == expected
    request.refresh_from_db()
    assert request.state == state


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("lead", 200),
        ("director", 200),
        ("gm", 200),
        ("hr", 200),
        ("member", 404),
        ("outsider", 404),
        ("customer", 404),
    ],
)
def test_request_visibility(client, hiring, who, expected):
    client.force_login(hiring[who])
    answer = client.get(f"/api/v1/position-requests/{hiring['request'].pk}/")
    assert answer.status_code == expected


def test_rejection_needs_the_step_holder_and_a_reason(client, hiring):
    request = hiring["request"]
    PositionRequest.objects.filter(pk=request.pk).update(state="confirmed")
    url = f"/api/v1/position-requests/{request.pk}/move/"
    client.force_login(hiring["hr"])
    assert client.post(url, {"state": "rejected", "reason": "no"}).status_code == 403
    client.force_login(hiring["gm"])
    assert client.post(url, {"state": "rejected"}).status_code == 400
    done = client.post(url, {"state": "rejected", "reason": "No budget this year"})
    assert done.json()["state"] == "rejected"


def test_candidate_through_interviews_to_hire(client, hiring):
    _open(client, hiring)
    request = hiring["request"]
    client.force_login(hiring["hr"])
    candidate = client.post(
        "/api/v1/candidates/", {"name": "Li Wei", "email": "li.wei@example.com"}
    ).json()
    application = client.post(
        "/api/v1/applications/",
        {"candidate": candidate["id"], "position_request": request.pk},
    ).json()
    url = f"/api/v1/applications/{application['id']}/"

    skipped = client.post(url + "move/", {"stage": "offer"})
    assert skipped.status_code == 400
    for stage in ("screening", "first_interview"):
        assert client.post(url + "move/", {"stage": stage}).status_code == 200

    interview = {
        "application": application["id"],
        "round": "first",
        "interviewers": [hiring["lead"].pk],
        "held_on": today().isoformat(),
        "recommendation": "hire",
    }
    out_of_scale = client.post(
        "/api/v1/interviews/",
        {
            **interview,
            "scores": {str(hiring["python"].pk): 7, str(hiring["sql"].pk): 3},
        },
        content_type="application/json",
    )
    missing = client.post(
        "/api/v1/interviews/",
        {**interview, "scores": {str(hiring["python"].pk): 4}},
        content_type="application/json",
    )
    held = client.post(
        "/api/v1/interviews/",
        {
            **interview,
            "scores": {str(hiring["python"].pk): 4, str(hiring["sql"].pk): 3},
        },
        content_type="application/json",
    )
    assert out_of_scale.status_code == 400
    assert missing.status_code == 400
    assert held.status_code == 201, held.json()
    assert Interview.objects.count() == 1
    assert held.json()["skill_scores"] == {
        str(hiring["python"].pk): 4,
        str(hiring["sql"].pk): 3,
    }

    for stage in ("final_interview", "offer"):
        assert client.post(url + "move/", {"stage": stage}).status_code == 200
    taken = client.post(url + "hire/", {"username": "dir"})
    hired = client.post(url + "hire/", {"username": "liwei", "first_name": "Wei"})

    assert taken.status_code == 400
    assert hired.status_code == 200, hired.json()
    user = User.objects.get(username="liwei")
    assert user.reports_to == hiring["lead"]
    assert user.department == request.department
    assert user.email == "li.wei@example.com"
    assert Person.objects.get(user=user).position == request.position
    request.refresh_from_db()
    assert request.state == "filled"
    assert request.days_to_fill == 0
    assert Application.objects.get().stage == "hired"


def test_hiring_without_offer_creates_nobody(client, hiring):
    _open(client, hiring)
    candidate = Candidate.objects.create(name="A", created_by=hiring["hr"])
    application = Application.objects.create(
        candidate=candidate, position_request=hiring["request"]
    )
    client.force_login(hiring["hr"])
    answer = client.post(
        f"/api/v1/applications/{application.pk}/hire/", {"username": "early"}
    )
    assert answer.status_code == 400
    assert not User.objects.filter(username="early").exists()


def test_candidates_hidden_from_outsiders(client, hiring):
    Candidate.objects.create(name="Secret", created_by=hiring["hr"])
    client.force_login(hiring["outsider"])
    assert client.get("/api/v1/candidates/").json()["results"] == []
    client.force_login(hiring["director"])
    assert len(client.get("/api/v1/candidates/").json()["results"]) == 1


def test_request_pages(client, hiring, django_assert_max_num_queries):
    _open(client, hiring)
    client.force_login(hiring["director"])
    with django_assert_max_num_queries(14):
        listing = client.get(reverse("teams:position_requests"))
    detail = client.get(reverse("teams:position_request", args=[hiring["request"].pk]))
    assert listing.status_code == 200
    assert "Backend engineer" in listing.content.decode()
    assert detail.status_code == 200
