"""The training plan's approval chain per role (DESIGN §7): the owner
submits, the owner's manager confirms, the general manager approves, HR
files; a return sends it back to the author; every step is recorded."""

from __future__ import annotations

import pytest
from django.core import mail

from core.versioning import StaleEdit
from teams import approvals
from teams.models import ApprovalStep, TrainingPlan
from tests.teams.factories import TrainingItemFactory, TrainingPlanFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/training-plans/{}/{}/"


@pytest.fixture(autouse=True)
def _step_mails_in_process():
    """The step e-mail task runs here, as in the default set-up, in both
    suites (under make test-services only tests/services start a worker)."""
    from config.celery import app

    keys = ("task_always_eager", "task_eager_propagates")
    before = {key: app.conf.get(key) for key in keys}
    app.conf.update(dict.fromkeys(keys, True))
    yield
    app.conf.update(before)


@pytest.fixture
def plan(team):
    plan = TrainingPlanFactory(owner=team.lead)
    item = TrainingItemFactory(plan=plan, skill=team.skill, target_level=3)
    item.participants.set([team.engineer])
    return plan


def post(api, user, plan, step, **body):
    return api(user).post(
        URL.format(plan.pk, step), body, content_type="application/json"
    )


def move(plan, state):
    TrainingPlan.objects.filter(pk=plan.pk).update(state=state)
    plan.refresh_from_db()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("lead", 200),
        ("engineer", 404),  # reports to the owner: the owner's plan is not theirs
        ("lead2", 404),
        ("member", 404),
        ("customer", 404),
        ("director", 403),  # sees it, but only the owner submits
        ("gm", 403),
        ("hr", 403),
    ],
)
def test_who_may_submit(api, team, plan, who, expected):
    response = post(api, getattr(team, who), plan, "submit")

    assert response.status_code == expected, response.content
    plan.refresh_from_db()
    assert (plan.state == TrainingPlan.SUBMITTED) is (expected == 200)


STEPS = [
    # (state the plan is in, who holds the step, state after approval)
    (TrainingPlan.SUBMITTED, "director", TrainingPlan.CONFIRMED),
    (TrainingPlan.CONFIRMED, "gm", TrainingPlan.APPROVED),
    (TrainingPlan.APPROVED, "hr", TrainingPlan.FILED),
]
OTHERS = {
    "lead": 403,
    "director": 403,
    "gm": 403,
    "hr": 403,
    "engineer": 404,
    "lead2": 404,
    "member": 404,
    "customer": 404,
}


@pytest.mark.parametrize(("state", "holder", "after"), STEPS)
@pytest.mark.parametrize("who", [*OTHERS, "admin"])
def test_who_may_take_each_step(api, team, plan, state, holder, after, who):
    move(plan, state)
    expected = 200 if who in (holder, "admin") else OTHERS[who]

    response = post(api, getattr(team, who), plan, "approve")

    assert response.status_code == expected, response.content
    plan.refresh_from_db()
    assert plan.state == (after if expected == 200 else state)
    taken = ApprovalStep.objects.filter(object_id=plan.pk, decision="approve")
    assert taken.count() == (1 if expected == 200 else 0)
    if expected == 403:
        assert "not yours" in response.json()["detail"] or response.json()["detail"]


def test_whole_chain_records_every_step_and_mails_each_holder(
    api, team, plan, django_capture_on_commit_callbacks
):
    for user, step in [
        (team.lead, "submit"),
        (team.director, "approve"),
        (team.gm, "approve"),
        (team.hr, "approve"),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            assert post(api, user, plan, step).status_code == 200

    plan.refresh_from_db()
    assert plan.state == TrainingPlan.FILED
    steps = list(approvals.steps_of(plan))
    assert [(s.decision, s.by) for s in steps] == [
        ("submit", team.lead),
        ("approve", team.director),
        ("approve", team.gm),
        ("approve", team.hr),
    ]
    # The director (a person step), then the general manager and HR (roles).
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients == [team.director.email, team.gm.email, team.hr.email]
    body = api(team.lead).get(f"/api/v1/training-plans/{plan.pk}/").json()
    assert [s["by"] for s in body["steps"]] == [
        team.lead.pk,
        team.director.pk,
        team.gm.pk,
        team.hr.pk,
    ]
    assert plan.history.count() >= 5  # created + each step


def test_approving_twice_is_refused(api, team, plan):
    move(plan, TrainingPlan.SUBMITTED)
    assert post(api, team.director, plan, "approve").status_code == 200

    again = post(api, team.director, plan, "approve")

    assert again.status_code == 403
    assert "general manager" in again.json()["detail"].lower()
    plan.refresh_from_db()
    assert plan.state == TrainingPlan.CONFIRMED


def test_filed_plan_has_no_step_due(api, team, plan):
    move(plan, TrainingPlan.FILED)

    response = post(api, team.admin, plan, "approve")

    assert response.status_code == 400
    assert "state" in response.json()


def test_return_needs_a_reason_and_goes_back_to_the_author(api, team, plan):
    move(plan, TrainingPlan.CONFIRMED)

    without = post(api, team.gm, plan, "return")
    assert without.status_code == 400
    assert "reason" in without.json()
    plan.refresh_from_db()
    assert plan.state == TrainingPlan.CONFIRMED

    back = post(api, team.gm, plan, "return", reason="Cost too high")
    assert back.status_code == 200
    plan.refresh_from_db()
    assert plan.state == "returned"
    assert plan.waiting_on == team.lead
    assert approvals.due_for(team.lead) == [plan]
    step = ApprovalStep.objects.get(object_id=plan.pk, decision="return")
    assert (step.by, step.reason) == (team.gm, "Cost too high")
    # The author fixes it and submits again.
    assert post(api, team.lead, plan, "submit").status_code == 200


def test_two_approvers_at_once_one_wins(team, plan):
    move(plan, TrainingPlan.APPROVED)
    seen_by_hr = TrainingPlan.objects.get(pk=plan.pk)
    seen_by_admin = TrainingPlan.objects.get(pk=plan.pk)

    approvals.approval_decide(record=seen_by_hr, by=team.hr, approve=True)
    with pytest.raises(StaleEdit):
        approvals.approval_decide(record=seen_by_admin, by=team.admin, approve=True)

    assert ApprovalStep.objects.filter(object_id=plan.pk).count() == 1


def test_stale_version_over_the_api_is_409(api, team, plan):
    move(plan, TrainingPlan.SUBMITTED)

    response = post(api, team.director, plan, "approve", version=plan.version + 5)

    assert response.status_code == 409
    plan.refresh_from_db()
    assert plan.state == TrainingPlan.SUBMITTED


def test_due_step_shows_for_its_holder_only(team, plan):
    move(plan, TrainingPlan.SUBMITTED)
    approvals.approval_decide(record=plan, by=team.director, approve=True)

    assert approvals.due_for(team.gm) == [plan]
    assert approvals.due_for(team.director) == []
    assert approvals.due_for(team.hr) == []
    assert approvals.due_for(team.lead) == []


def test_team_lead_without_manager_is_confirmed_by_department_head(team):
    team.lead.reports_to = None
    team.lead.save()
    plan = TrainingPlanFactory(owner=team.lead)
    TrainingItemFactory(plan=plan)

    plan = approvals.approval_submit(record=plan, by=team.lead)

    assert plan.waiting_on == team.director


def test_a_mail_server_that_refuses_does_not_undo_the_step(
    api, team, plan, settings, caplog, django_capture_on_commit_callbacks
):
    # A real SMTP client against a port where nothing listens.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    settings.EMAIL_TIMEOUT = 2

    with django_capture_on_commit_callbacks(execute=True):
        answer = post(api, team.lead, plan, "submit")

    assert answer.status_code == 200
    plan.refresh_from_db()
    assert plan.state == TrainingPlan.SUBMITTED
    assert "e-mail failed: kind=approval step" in caplog.text
