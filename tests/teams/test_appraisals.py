"""Appraisals (DESIGN §7): the per-person chain per role, who sees them,
bad input and races, the KPI beside a criterion, reminders, query counts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from accounts import roles
from kpis.models import KpiSnapshot
from teams import appraisal_services as services
from teams.models.appraisals import Appraisal, AppraisalScore, ImprovementAction
from tests.factories import (
    DepartmentFactory,
    KpiDefinitionFactory,
    KpiSnapshotFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
    today,
)
from tests.teams.appraisal_factories import (
    AppraisalCriterionFactory,
    AppraisalCycleFactory,
    AppraisalFactory,
    ImprovementActionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    """A line: director ← skip (PM) ← manager (PM) ← person; a department
    head who is a plain member; peers and outsiders of every role."""
    director = UserFactory(role=roles.DIRECTOR, username="dir")
    skip = UserFactory(role=roles.PROJECT_MANAGER, reports_to=director, username="skip")
    manager = UserFactory(
        role=roles.PROJECT_MANAGER, reports_to=skip, username="manager"
    )
    head = UserFactory(role=roles.MEMBER, username="head")
    department = DepartmentFactory(head=head)
    person = UserFactory(
        role=roles.MEMBER, reports_to=manager, department=department, username="person"
    )
    cycle = AppraisalCycleFactory(scheme__author=director)
    quality = AppraisalCriterionFactory(scheme=cycle.scheme, weight=70, name="Quality")
    teamwork = AppraisalCriterionFactory(
        scheme=cycle.scheme, weight=30, name="Teamwork"
    )
    appraisal = AppraisalFactory(cycle=cycle, person=person)
    project = ProjectFactory()
    MembershipFactory(project=project, user=person, role="member")
    teammate = UserFactory(role=roles.MEMBER, username="teammate")
    MembershipFactory(project=project, user=teammate, role="member")
    customer = UserFactory(role=roles.CUSTOMER, username="customer")
    MembershipFactory(project=project, user=customer, role="customer_rep")
    return {
        "director": director,
        "skip": skip,
        "manager": manager,
        "head": head,
        "person": person,
        "cycle": cycle,
        "quality": quality,
        "teamwork": teamwork,
        "appraisal": appraisal,
        "teammate": teammate,
        "customer": customer,
        "project_manager": project.manager,
        "gm": UserFactory(role=roles.GENERAL_MANAGER, username="gm"),
        "hr": UserFactory(role=roles.HR, username="hr"),
        "admin": UserFactory(role=roles.ADMIN, username="admin1"),
        "peer": UserFactory(role=roles.MEMBER, reports_to=manager.reports_to),
        "other_pm": UserFactory(role=roles.PROJECT_MANAGER),
    }


SEES = ["person", "manager", "skip", "head", "director", "gm", "hr", "admin"]
BLIND = ["peer", "teammate", "customer", "project_manager", "other_pm"]


@pytest.mark.parametrize("who", SEES + BLIND)
def test_appraisal_visible_only_to_the_line_and_the_wide_readers(client, team, who):
    appraisal = team["appraisal"]
    client.force_login(team[who])
    expected = 200 if who in SEES else 404

    page = client.get(reverse("teams:appraisal_detail", args=[appraisal.pk]))
    api = client.get(f"/api/v1/appraisals/{appraisal.pk}/")
    listed = client.get("/api/v1/appraisals/").json()["results"]
    cycle_page = client.get(reverse("teams:appraisal_cycle", args=[team["cycle"].pk]))

    assert page.status_code == expected
    assert api.status_code == expected
    assert [row["id"] for row in listed] == ([appraisal.pk] if who in SEES else [])
    assert cycle_page.status_code == expected


def test_signed_out_visitor_is_sent_to_login(client, team):
    response = client.get(
        reverse("teams:appraisal_detail", args=[team["appraisal"].pk])
    )
    assert response.status_code == 302
    assert client.get("/api/v1/appraisals/").status_code in (401, 403)


def _scores(team, quality, teamwork):
    return {str(team["quality"].pk): quality, str(team["teamwork"].pk): teamwork}


def test_the_whole_chain_by_its_holders_over_the_api(client, team):
    appraisal = team["appraisal"]
    url = f"/api/v1/appraisals/{appraisal.pk}/"

    client.force_login(team["person"])
    answer = client.post(
        url + "submit/",
        {"scores": _scores(team, 4, 3), "comment": "Shipped the portal"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["stage"] == "manager_review"

    client.force_login(team["manager"])
    answer = client.post(
        url + "submit/",
        {"scores": _scores(team, 5, 2)},
        content_type="application/json",
    )
    assert answer.json()["stage"] == "calibration"
    # 70 % of 5 and 30 % of 2
    assert Decimal(answer.json()["manager_score"]) == Decimal("4.10")

    client.force_login(team["director"])
    answer = client.post(
        url + "approve/",
        {"final_score": "3.80", "note": "Evened out with the platform team"},
        content_type="application/json",
    )
    assert answer.json()["stage"] == "feedback"
    assert Decimal(answer.json()["final_score"]) == Decimal("3.80")

    client.force_login(team["manager"])
    answer = client.post(
        url + "approve/",
        {"held_on": today().isoformat(), "note": "Agreed a mentoring plan"},
        content_type="application/json",
    )
    assert answer.json()["stage"] == "closed"
    appraisal.refresh_from_db()
    assert appraisal.closed_at is not None
    scores = {s.criterion_id: s for s in appraisal.scores.all()}
    assert scores[team["quality"].pk].self_score == 4
    assert scores[team["quality"].pk].manager_score == 5
    assert appraisal.calibrated_by == team["director"]


@pytest.mark.parametrize(
    ("stage", "actor", "endpoint", "expected"),
    [
        ("self_review", "manager", "submit", 403),
        ("self_review", "director", "submit", 403),
        ("self_review", "hr", "submit", 403),
        ("manager_review", "person", "submit", 403),  # edit after submitting
        ("manager_review", "skip", "submit", 403),
        ("manager_review", "director", "approve", 400),  # not calibration yet
        ("calibration", "manager", "approve", 403),
        ("calibration", "person", "approve", 403),
        ("calibration", "gm", "approve", 403),
        ("feedback", "person", "approve", 403),
        ("feedback", "director", "approve", 403),
        ("closed", "manager", "approve", 400),
    ],
)
def test_wrong_person_or_wrong_step_changes_nothing(
    client, team, stage, actor, endpoint, expected
):
    appraisal = team["appraisal"]
    Appraisal.objects.filter(pk=appraisal.pk).update(
        stage=stage, manager_score=Decimal(3)
    )
    client.force_login(team[actor])

    answer = client.post(
        f"/api/v1/appraisals/{appraisal.pk}/{endpoint}/",
        {
            "scores": _scores(team, 3, 3),
            "final_score": "3",
            "held_on": today().isoformat(),
        },
        content_type="application/json",
    )

    assert answer.status_code == expected
    fresh = Appraisal.objects.get(pk=appraisal.pk)
    assert fresh.stage == stage
    assert fresh.version == appraisal.version
    assert not AppraisalScore.objects.exists()


@pytest.mark.parametrize("bad", [0, 6, "4.5", "x", None])
def test_score_outside_the_scale_is_refused_and_nothing_saved(client, team, bad):
    appraisal = team["appraisal"]
    client.force_login(team["person"])

    answer = client.post(
        f"/api/v1/appraisals/{appraisal.pk}/submit/",
        {"scores": _scores(team, bad, 3)},
        content_type="application/json",
    )

    assert answer.status_code == 400
    assert "scores" in answer.json()
    appraisal.refresh_from_db()
    assert appraisal.stage == Appraisal.Stage.SELF_REVIEW
    assert not AppraisalScore.objects.exists()


def test_missing_criterion_is_named(client, team):
    client.force_login(team["person"])
    answer = client.post(
        f"/api/v1/appraisals/{team['appraisal'].pk}/submit/",
        {"scores": {str(team["quality"].pk): 4}},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "Teamwork" in str(answer.json()["scores"])


def test_calibrated_grade_outside_the_scale_or_without_reason_is_refused(client, team):
    appraisal = team["appraisal"]
    Appraisal.objects.filter(pk=appraisal.pk).update(
        stage="calibration", manager_score=Decimal("3.5")
    )
    client.force_login(team["director"])
    url = f"/api/v1/appraisals/{appraisal.pk}/approve/"

    too_high = client.post(url, {"final_score": "7"}, content_type="application/json")
    unexplained = client.post(
        url, {"final_score": "4"}, content_type="application/json"
    )

    assert too_high.status_code == 400
    assert "final_score" in too_high.json()
    assert unexplained.status_code == 400
    assert "note" in unexplained.json()
    appraisal.refresh_from_db()
    assert appraisal.stage == "calibration"
    assert appraisal.final_score is None


def test_double_decision_the_second_is_told(client, team):
    appraisal = team["appraisal"]
    Appraisal.objects.filter(pk=appraisal.pk).update(
        stage="calibration", manager_score=Decimal(3)
    )
    other_director = UserFactory(role=roles.DIRECTOR)
    url = f"/api/v1/appraisals/{appraisal.pk}/approve/"

    # Both read the appraisal at calibration; the second click arrives late.
    client.force_login(team["director"])
    first = client.post(url, {"stage": "calibration"}, content_type="application/json")
    client.force_login(other_director)
    second = client.post(url, {"stage": "calibration"}, content_type="application/json")
    stale = client.post(
        url, {"version": appraisal.version}, content_type="application/json"
    )

    assert first.status_code == 200
    assert second.status_code == 400
    assert "stage" in second.json()
    assert stale.status_code == 409
    appraisal.refresh_from_db()
    assert appraisal.calibrated_by == team["director"]


def test_stale_version_is_a_conflict(client, team):
    appraisal = team["appraisal"]
    client.force_login(team["person"])
    answer = client.post(
        f"/api/v1/appraisals/{appraisal.pk}/submit/",
        {"scores": _scores(team, 3, 3), "version": appraisal.version + 1},
        content_type="application/json",
    )
    assert answer.status_code == 409
    appraisal.refresh_from_db()
    assert appraisal.stage == "self_review"


def test_return_needs_a_reason_and_goes_one_step_back(client, team):
    appraisal = team["appraisal"]
    Appraisal.objects.filter(pk=appraisal.pk).update(stage="manager_review")
    client.force_login(team["manager"])
    url = f"/api/v1/appraisals/{appraisal.pk}/return/"

    empty = client.post(url, {"reason": ""}, content_type="application/json")
    done = client.post(
        url, {"reason": "Add the customer project"}, content_type="application/json"
    )

    assert empty.status_code == 400
    assert done.status_code == 200
    assert done.json()["stage"] == "self_review"
    assert done.json()["return_reason"] == "Add the customer project"


def test_self_review_cannot_be_returned(client, team):
    client.force_login(team["person"])
    answer = client.post(
        f"/api/v1/appraisals/{team['appraisal'].pk}/return/",
        {"reason": "oops"},
        content_type="application/json",
    )
    assert answer.status_code == 400


def test_person_does_not_read_manager_scores_before_the_talk(client, team):
    appraisal = team["appraisal"]
    AppraisalScore.objects.create(
        appraisal=appraisal, criterion=team["quality"], self_score=4, manager_score=2
    )
    Appraisal.objects.filter(pk=appraisal.pk).update(stage="calibration")
    client.force_login(team["person"])
    rows = client.get(f"/api/v1/appraisals/{appraisal.pk}/").json()["scores"]
    assert rows[0]["self_score"] == 4
    assert rows[0]["manager_score"] is None
    client.force_login(team["manager"])
    rows = client.get(f"/api/v1/appraisals/{appraisal.pk}/").json()["scores"]
    assert rows[0]["manager_score"] == 2


# ------------------------------------------------------------------ pages


def test_self_review_through_the_page(client, team):
    appraisal = team["appraisal"]
    client.force_login(team["person"])
    url = reverse("teams:appraisal_step", args=[appraisal.pk])

    bad = client.post(
        url,
        {
            f"score_{team['quality'].pk}": 9,
            f"score_{team['teamwork'].pk}": 3,
            "version": appraisal.version,
        },
    )
    good = client.post(
        url,
        {
            f"score_{team['quality'].pk}": 4,
            f"score_{team['teamwork'].pk}": 3,
            "comment": "ok",
            "version": appraisal.version,
        },
    )

    assert bad.status_code == 400
    assert good.status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.stage == "manager_review"


def test_manager_cannot_take_the_self_review_page_step(client, team):
    appraisal = team["appraisal"]
    client.force_login(team["manager"])
    answer = client.post(
        reverse("teams:appraisal_step", args=[appraisal.pk]),
        {f"score_{team['quality'].pk}": 4, f"score_{team['teamwork'].pk}": 3},
    )
    assert answer.status_code == 403
    appraisal.refresh_from_db()
    assert appraisal.stage == "self_review"


# ------------------------------------------------------------------ KPI


def test_kpi_tied_criterion_shows_exactly_the_snapshot_of_the_period(client, team):
    kpi = KpiDefinitionFactory(code="on_time_delivery")
    criterion = team["quality"]
    criterion.kpi = kpi
    criterion.save()
    cycle, person = team["cycle"], team["person"]

    def snap(as_of, value, scope_id=person.pk):
        return KpiSnapshotFactory(
            kpi=kpi,
            scope_type=KpiSnapshot.ScopeType.MANAGER,
            scope_id=scope_id,
            as_of=as_of,
            value=Decimal(value),
            target=Decimal("0.9"),
            status="missed",
        )

    snap(cycle.period_start + timedelta(days=3), "0.5")
    snap(cycle.period_end - timedelta(days=2), "0.8125")  # the latest in the period
    snap(cycle.period_end + timedelta(days=1), "0.99")  # after the period
    snap(cycle.period_end - timedelta(days=1), "0.11", scope_id=team["manager"].pk)
    client.force_login(team["manager"])

    page = client.get(reverse("teams:appraisal_detail", args=[team["appraisal"].pk]))

    cell = page.content.decode().split(f'id="criterion-{criterion.pk}"')[1]
    cell = cell.split("</tr>")[0]
    assert "81.3 %" in cell
    assert "90.0 %" in cell  # its target
    for other in ("50.0 %", "99.0 %", "11.0 %"):
        assert other not in cell


def test_criterion_without_kpi_values_says_so(client, team):
    criterion = team["quality"]
    criterion.kpi = KpiDefinitionFactory(code="customer_satisfaction")
    criterion.save()
    client.force_login(team["manager"])
    page = client.get(reverse("teams:appraisal_detail", args=[team["appraisal"].pk]))
    assert "No KPI values in the period" in page.content.decode()


# ------------------------------------------------------------------ actions


def test_improvement_actions_added_by_the_manager_done_by_the_owner(client, team):
    appraisal = team["appraisal"]
    client.force_login(team["person"])
    refused = client.post(
        reverse("teams:improvement_action_add", args=[appraisal.pk]),
        {"description": "x", "owner": team["person"].pk, "due_date": today()},
    )
    client.force_login(team["manager"])
    added = client.post(
        reverse("teams:improvement_action_add", args=[appraisal.pk]),
        {
            "description": "Pair on code reviews",
            "owner": team["person"].pk,
            "due_date": today() + timedelta(days=30),
        },
    )
    assert refused.status_code == 403
    assert added.status_code == 302
    action = ImprovementAction.objects.get()
    client.force_login(team["person"])
    client.post(reverse("teams:improvement_action_done", args=[action.pk]))
    action.refresh_from_db()
    assert action.completed_on == today()


def test_improvement_action_hidden_from_outsiders(client, team):
    action = ImprovementActionFactory(appraisal=team["appraisal"])
    client.force_login(team["peer"])
    answer = client.post(reverse("teams:improvement_action_done", args=[action.pk]))
    assert answer.status_code == 404
    action.refresh_from_db()
    assert action.completed_on is None


# ------------------------------------------------------------------ reminders


def test_reminder_before_the_due_date_once_a_day(team, settings):
    cycle = team["cycle"]
    cycle.self_review_due = today() + timedelta(days=2)
    cycle.save()

    first = services.appraisal_reminders_send(today=today())
    second = services.appraisal_reminders_send(today=today())

    assert first == 1
    assert second == 0
    assert mail.outbox[0].to == [team["person"].email]
    assert "Self review" in mail.outbox[0].subject


def test_no_reminder_when_the_step_is_far_off(team):
    assert services.appraisal_reminders_send(today=today()) == 0


def test_taking_a_step_emails_the_next_holder(
    client, team, django_capture_on_commit_callbacks
):
    client.force_login(team["person"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/api/v1/appraisals/{team['appraisal'].pk}/submit/",
            {"scores": _scores(team, 3, 3)},
            content_type="application/json",
        )
    assert [m.to for m in mail.outbox] == [[team["manager"].email]]


# ------------------------------------------------------------------ cycles


def test_director_opens_a_cycle_for_a_department(client, team):
    client.force_login(team["director"])
    department = team["person"].department
    data = {
        "name": "H2",
        "scheme": team["cycle"].scheme.pk,
        "period_start": today() - timedelta(days=90),
        "period_end": today(),
        "self_review_due": today() + timedelta(days=5),
        "manager_review_due": today() + timedelta(days=10),
        "calibration_due": today() + timedelta(days=15),
        "feedback_due": today() + timedelta(days=20),
        "department": department.pk,
    }
    answer = client.post(reverse("teams:appraisal_cycle_create"), data)
    assert answer.status_code == 302
    created = Appraisal.objects.exclude(pk=team["appraisal"].pk).get()
    assert created.person == team["person"]
    assert created.manager == team["manager"]


def test_cycle_due_dates_out_of_order_are_refused(client, team):
    client.force_login(team["director"])
    answer = client.post(
        "/api/v1/appraisal-cycles/",
        {
            "name": "bad",
            "scheme": team["cycle"].scheme.pk,
            "period_start": today().isoformat(),
            "period_end": today().isoformat(),
            "self_review_due": (today() + timedelta(days=9)).isoformat(),
            "manager_review_due": (today() + timedelta(days=5)).isoformat(),
            "calibration_due": (today() + timedelta(days=15)).isoformat(),
            "feedback_due": (today() + timedelta(days=20)).isoformat(),
            "people": [team["person"].pk],
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "manager_review_due" in answer.json()


@pytest.mark.parametrize("who", ["manager", "person", "gm", "hr"])
def test_only_directors_open_cycles(client, team, who):
    client.force_login(team[who])
    assert client.get(reverse("teams:appraisal_cycle_create")).status_code == 403


def test_scheme_weights_must_add_up_to_100(client, team):
    client.force_login(team["director"])
    answer = client.post(
        "/api/v1/appraisal-schemes/",
        {
            "name": "Engineering 2027",
            "scale_min": 1,
            "scale_max": 5,
            "criteria": [
                {"name": "Delivery", "weight": "60"},
                {"name": "Craft", "weight": "30"},
            ],
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "criteria" in answer.json()


# ------------------------------------------------------------------ speed


def _grow(team, n):
    cycle = team["cycle"]
    for index in range(n):
        person = UserFactory(reports_to=team["manager"])
        appraisal = AppraisalFactory(cycle=cycle, person=person)
        Appraisal.objects.filter(pk=appraisal.pk).update(
            stage="calibration", manager_score=Decimal(3) + index % 2
        )


@pytest.mark.parametrize("size", [3, 30])
def test_cycle_page_queries_flat_in_team_size(
    client, team, size, django_assert_max_num_queries
):
    _grow(team, size)
    client.force_login(team["director"])
    with django_assert_max_num_queries(16):
        page = client.get(reverse("teams:appraisal_cycle", args=[team["cycle"].pk]))
    assert page.status_code == 200
    assert "calibration-grid" in page.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_appraisal_lists_queries_flat_in_team_size(
    client, team, size, django_assert_max_num_queries
):
    _grow(team, size)
    client.force_login(team["manager"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("teams:appraisals")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("teams:appraisal_list")).status_code == 200
    with django_assert_max_num_queries(14):
        listed = client.get("/api/v1/appraisals/")
    assert listed.json()["count"] == size + 1


def test_appraisal_page_queries_flat_in_criteria(
    client, team, django_assert_max_num_queries
):
    kpi = KpiDefinitionFactory(code="on_time_delivery")
    for _index in range(10):
        AppraisalCriterionFactory(scheme=team["cycle"].scheme, kpi=kpi, weight=1)
    client.force_login(team["manager"])
    with django_assert_max_num_queries(22):
        page = client.get(
            reverse("teams:appraisal_detail", args=[team["appraisal"].pk])
        )
    assert page.status_code == 200


# ------------------------------------------------------------------ schemes


@pytest.mark.parametrize(
    ("state", "actor", "expected"),
    [
        ("submitted", "director", 403),  # the author cannot agree for HR
        ("submitted", "gm", 403),
        ("submitted", "hr", 200),
        ("agreed", "hr", 403),
        ("agreed", "gm", 200),
        ("approved", "gm", 400),
    ],
)
def test_scheme_chain_per_role(client, team, state, actor, expected):
    scheme = team["cycle"].scheme
    type(scheme).objects.filter(pk=scheme.pk).update(state=state)
    client.force_login(team[actor])
    answer = client.post(f"/api/v1/appraisal-schemes/{scheme.pk}/approve/", {})
    assert answer.status_code == expected
    scheme.refresh_from_db()
    assert (scheme.state != state) is (expected == 200)


def test_scheme_written_submitted_agreed_approved_through_the_pages(client, team):
    from teams.models.appraisals import AppraisalScheme

    client.force_login(team["director"])
    answer = client.post(
        reverse("teams:appraisal_scheme_create"),
        {
            "name": "Engineering 2027",
            "scale_min": 1,
            "scale_max": 5,
            "criteria-TOTAL_FORMS": 2,
            "criteria-INITIAL_FORMS": 0,
            "criteria-0-name": "Delivery",
            "criteria-0-weight": "60",
            "criteria-1-name": "Craft",
            "criteria-1-weight": "40",
        },
    )
    scheme = AppraisalScheme.objects.get(name="Engineering 2027")
    assert answer.status_code == 302
    step = reverse("teams:appraisal_scheme_step", args=[scheme.pk])
    client.post(step, {"do": "submit"})
    client.force_login(team["hr"])
    client.post(step, {"do": "approve"})
    client.force_login(team["gm"])
    client.post(step, {"do": "approve"})
    scheme.refresh_from_db()
    assert scheme.state == "approved"
    assert [c.weight for c in scheme.criteria.all()] == [60, 40]


# ------------------------------------------------------------------ My work


def test_my_work_lists_due_steps_and_improvement_actions(
    client, team, django_assert_max_num_queries
):
    action = ImprovementActionFactory(appraisal=team["appraisal"], owner=team["person"])
    client.force_login(team["person"])
    # One query per approval chain (eight since technical reviews, plans,
    # standards and purchase plans) and one for review conditions.
    with django_assert_max_num_queries(22):
        page = client.get(reverse("portfolio:my_work")).content.decode()
    assert team["cycle"].name in page  # the self review is theirs
    assert action.description in page
    client.force_login(team["manager"])
    assert (
        team["cycle"].name
        not in client.get(reverse("portfolio:my_work")).content.decode()
    )
    Appraisal.objects.filter(pk=team["appraisal"].pk).update(stage="manager_review")
    assert (
        team["cycle"].name in client.get(reverse("portfolio:my_work")).content.decode()
    )
    client.force_login(team["director"])
    Appraisal.objects.filter(pk=team["appraisal"].pk).update(stage="calibration")
    assert (
        team["cycle"].name in client.get(reverse("portfolio:my_work")).content.decode()
    )


def test_reminder_task_runs_the_service_and_is_scheduled(team):
    from django_celery_beat.models import PeriodicTask

    from teams.tasks import send_appraisal_reminders_task

    cycle = team["cycle"]
    cycle.self_review_due = today()
    cycle.save()
    # Run in this process (`apply`), in both suites: under make test-services
    # a `.delay()` would wait for a worker that only tests/services starts.
    result = send_appraisal_reminders_task.apply(args=[today().isoformat()])
    assert result.get(timeout=30) == 1
    assert PeriodicTask.objects.filter(
        task="teams.tasks.send_appraisal_reminders_task", enabled=True
    ).exists()


def test_a_refused_mail_does_not_undo_the_appraisal_step(
    client, team, settings, caplog, django_capture_on_commit_callbacks
):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    client.force_login(team["person"])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            f"/api/v1/appraisals/{team['appraisal'].pk}/submit/",
            {"scores": _scores(team, 3, 3)},
            content_type="application/json",
        )
    assert answer.status_code == 200
    team["appraisal"].refresh_from_db()
    assert team["appraisal"].stage == Appraisal.Stage.MANAGER_REVIEW
    assert "e-mail failed: kind=appraisal step" in caplog.text
