"""Hand-computed scenarios for every KPI of DESIGN.md §3, compared exactly.

The window is shortened to 10 days so its edges are easy to see:
as_of = 2026-06-30, W = [2026-06-21, 2026-06-30].
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from changes.models import ChangeRequest
from kpis import services
from kpis.models import KpiSnapshot
from projects.models import Project, Requirement
from reviews.models import ActionItem
from tests.factories import (
    ActionItemFactory,
    ChangeRequestFactory,
    CostEntryFactory,
    CustomerSatisfactionFactory,
    DocumentFactory,
    IssueFactory,
    MeetingFactory,
    MeetingFeedbackFactory,
    MilestoneFactory,
    ProjectFactory,
    RequirementFactory,
    RiskResponseFactory,
    TeamCommunicationFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)
START = date(2026, 6, 21)  # AS_OF - 9 days
BEFORE, AFTER = START - timedelta(days=1), AS_OF + timedelta(days=1)
D = Decimal


@pytest.fixture(autouse=True)
def _ten_day_window(settings):
    settings.KPI_WINDOW_DAYS = 10


def snap(code: str, project: Project | None = None, as_of: date = AS_OF):
    qs = KpiSnapshot.objects.filter(kpi__code=code, as_of=as_of)
    if project is None:
        return qs.get(scope_type="organisation")
    return qs.get(scope_type="project", scope_id=project.pk)


def figures(row: KpiSnapshot) -> tuple:
    return (row.numerator, row.denominator, row.value, row.status)


def test_on_time_delivery_counts_milestones_planned_in_window_done_by_plan():
    p = ProjectFactory()
    MilestoneFactory(project=p, planned_date=START, completed_on=START)  # on time
    MilestoneFactory(
        project=p, planned_date=date(2026, 6, 25), completed_on=date(2026, 6, 24)
    )
    MilestoneFactory(project=p, planned_date=AS_OF, completed_on=AFTER)  # late
    MilestoneFactory(project=p, planned_date=date(2026, 6, 26))  # not done
    MilestoneFactory(project=p, planned_date=BEFORE, completed_on=BEFORE)  # outside
    MilestoneFactory(project=p, planned_date=AFTER, completed_on=START)  # outside

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("on_time_delivery", p)) == (D(2), D(4), D("0.5"), "missed")
    assert snap("on_time_delivery", p).target == D("0.9")


def test_customer_satisfaction_is_the_mean_score_in_window_met_inclusively():
    p = ProjectFactory()
    CustomerSatisfactionFactory(project=p, score=70, responded_on=START)
    CustomerSatisfactionFactory(project=p, score=90, responded_on=AS_OF)
    CustomerSatisfactionFactory(project=p, score=100, responded_on=BEFORE)
    CustomerSatisfactionFactory(project=p, score=10, responded_on=AFTER)

    services.snapshots_compute(as_of=AS_OF)

    # 160 / 2 = 80 against a target of 80: met (inclusive).
    assert figures(snap("customer_satisfaction", p)) == (D(160), D(2), D(80), "met")


def test_risk_response_rate_counts_only_responses_done_by_their_due_date():
    p = ProjectFactory()
    RiskResponseFactory(risk__project=p, due_date=START, completed_on=START)
    RiskResponseFactory(
        risk__project=p, due_date=date(2026, 6, 22), completed_on=date(2026, 6, 23)
    )
    RiskResponseFactory(risk__project=p, due_date=AS_OF)
    RiskResponseFactory(risk__project=p, due_date=AFTER, completed_on=START)
    RiskResponseFactory(risk__project=p, due_date=BEFORE, completed_on=BEFORE)

    services.snapshots_compute(as_of=AS_OF)

    row = snap("risk_response_rate", p)
    assert figures(row) == (D(1), D(3), D("0.3333333333"), "missed")


def test_team_communication_is_the_mean_rating_in_window():
    p = ProjectFactory()
    for rating, day in [
        (4, START),
        (5, date(2026, 6, 25)),
        (3, AS_OF),
        (1, BEFORE),
        (1, AFTER),
    ]:
        TeamCommunicationFactory(project=p, rating=rating, responded_on=day)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("team_communication", p)) == (D(12), D(3), D(4), "met")


def test_issue_resolution_hours_counts_by_local_resolution_date(settings):
    settings.TIME_ZONE = "Asia/Shanghai"  # UTC+8: local and UTC dates differ
    tz = ZoneInfo("Asia/Shanghai")
    p = ProjectFactory()

    def issue(resolved: datetime, hours: int) -> None:
        IssueFactory(
            project=p,
            reported_at=resolved - timedelta(hours=hours),
            resolved_at=resolved,
            resolution="Fixed.",
        )

    issue(datetime(2026, 6, 30, 23, 30, tzinfo=tz), 10)  # in: UTC date 06-30
    issue(datetime(2026, 6, 21, 0, 10, tzinfo=tz), 50)  # in: UTC date is 06-20
    issue(datetime(2026, 7, 1, 0, 30, tzinfo=tz), 1)  # out: UTC date is 06-30
    issue(datetime(2026, 6, 20, 23, 50, tzinfo=tz), 1)  # out
    IssueFactory(project=p, reported_at=datetime(2026, 6, 25, tzinfo=tz))  # open

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("issue_resolution_hours", p)) == (D(60), D(2), D(30), "met")


def test_issue_resolution_hours_keep_minutes_exactly():
    p = ProjectFactory()
    resolved = datetime(2026, 6, 25, 12, 0, tzinfo=ZoneInfo("UTC"))
    IssueFactory(
        project=p,
        reported_at=resolved - timedelta(hours=48, minutes=30),
        resolved_at=resolved,
        resolution="Fixed.",
    )
    IssueFactory(
        project=p,
        reported_at=resolved - timedelta(hours=47, minutes=30),
        resolved_at=resolved,
        resolution="Fixed.",
    )

    services.snapshots_compute(as_of=AS_OF)

    # (48.5 + 47.5) / 2 = 48 against ≤ 48: met.
    assert figures(snap("issue_resolution_hours", p)) == (D(96), D(2), D(48), "met")


def test_change_ratio_counts_each_changed_requirement_once(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    tz = ZoneInfo("Asia/Shanghai")
    p = ProjectFactory()
    early = datetime(2026, 6, 1, 9, tzinfo=tz)
    r1, r2, r5 = (RequirementFactory(project=p, created_at=early) for _ in range(3))
    r3 = RequirementFactory(
        project=p, created_at=early, status=Requirement.Status.REJECTED
    )
    # Created late on as_of (local) counts; created after local midnight does not.
    r6 = RequirementFactory(
        project=p, created_at=datetime(2026, 6, 30, 23, 0, tzinfo=tz)
    )
    r7 = RequirementFactory(
        project=p, created_at=datetime(2026, 7, 1, 0, 30, tzinfo=tz)
    )

    def change(status: str, decided: date, *reqs: Requirement) -> None:
        cr = ChangeRequestFactory(project=p, status=status, decided_on=decided)
        cr.affected_requirements.set(reqs)

    change(ChangeRequest.Status.APPROVED, date(2026, 6, 25), r1, r2, r3, r7)
    change(ChangeRequest.Status.IMPLEMENTED, date(2026, 6, 28), r1)  # r1 again
    change(ChangeRequest.Status.REJECTED, date(2026, 6, 25), r5)
    change(ChangeRequest.Status.SUBMITTED, date(2026, 6, 25), r5)
    change(ChangeRequest.Status.APPROVED, BEFORE, r5)
    change(ChangeRequest.Status.APPROVED, AFTER, r5, r6)

    services.snapshots_compute(as_of=AS_OF)

    # Denominator r1, r2, r5, r6 (r3 rejected, r7 not yet created); changed r1, r2.
    assert figures(snap("change_ratio", p)) == (D(2), D(4), D("0.5"), "missed")


def test_change_ratio_of_one_in_ten_meets_a_target_of_ten_percent():
    p = ProjectFactory()
    created = datetime(2026, 6, 1, tzinfo=ZoneInfo("UTC"))
    reqs = [RequirementFactory(project=p, created_at=created) for _ in range(10)]
    cr = ChangeRequestFactory(
        project=p, status=ChangeRequest.Status.APPROVED, decided_on=AS_OF
    )
    cr.affected_requirements.set(reqs[:1])

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("change_ratio", p)) == (D(1), D(10), D("0.1"), "met")


def test_improvement_rate_counts_late_completions_done_by_as_of():
    p = ProjectFactory()
    meeting = MeetingFactory(project=p, held_on=date(2026, 5, 1))
    improvement = ActionItem.Kind.IMPROVEMENT
    ActionItemFactory(
        meeting=meeting,
        kind=improvement,
        due_date=START,
        completed_on=date(2026, 6, 25),
    )
    ActionItemFactory(
        meeting=meeting, kind=improvement, due_date=AS_OF, completed_on=AFTER
    )
    ActionItemFactory(meeting=meeting, kind=improvement, due_date=date(2026, 6, 29))
    ActionItemFactory(
        meeting=meeting, kind=improvement, due_date=BEFORE, completed_on=BEFORE
    )
    ActionItemFactory(
        meeting=meeting,
        kind=ActionItem.Kind.FOLLOW_UP,
        due_date=START,
        completed_on=START,
    )

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("improvement_rate", p)) == (
        D(1),
        D(3),
        D("0.3333333333"),
        "missed",
    )


def test_meeting_satisfaction_counts_ratings_given_by_as_of_for_meetings_in_window(
    settings,
):
    settings.TIME_ZONE = "Asia/Shanghai"
    tz = ZoneInfo("Asia/Shanghai")
    p = ProjectFactory()
    held = MeetingFactory(project=p, held_on=date(2026, 6, 25))
    given = datetime(2026, 6, 26, 10, tzinfo=tz)
    for rating in (5, 4, 2):
        MeetingFeedbackFactory(meeting=held, rating=rating, created_at=given)
    # Given at 23:59 local on as_of: counts (UTC date would also be 06-30).
    MeetingFeedbackFactory(
        meeting=held, rating=5, created_at=datetime(2026, 6, 30, 23, 59, tzinfo=tz)
    )
    # Given 00:30 local the day after as_of (still 06-30 in UTC): not yet.
    MeetingFeedbackFactory(
        meeting=held, rating=1, created_at=datetime(2026, 7, 1, 0, 30, tzinfo=tz)
    )
    old = MeetingFactory(project=p, held_on=BEFORE)
    MeetingFeedbackFactory(meeting=old, rating=1, created_at=given)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("meeting_satisfaction", p)) == (D(3), D(4), D("0.75"), "missed")


def test_plan_submission_counts_documents_submitted_by_their_due_date():
    p = ProjectFactory()
    DocumentFactory(project=p, due_date=START, submitted_on=START)
    DocumentFactory(
        project=p, due_date=date(2026, 6, 25), submitted_on=date(2026, 6, 26)
    )
    DocumentFactory(project=p, due_date=AS_OF)
    DocumentFactory(project=p, due_date=AFTER, submitted_on=START)
    DocumentFactory(project=p, due_date=None)
    # Only plan documents count (DESIGN §3), not reports due in the window.
    DocumentFactory(project=p, kind="progress_report", due_date=START)
    DocumentFactory(project=p, kind="minutes", due_date=START, submitted_on=START)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("plan_submission", p)) == (
        D(1),
        D(3),
        D("0.3333333333"),
        "missed",
    )


def test_budget_adherence_is_cumulative_cost_over_budget_of_active_and_closed():
    active = ProjectFactory(status=Project.Status.ACTIVE, budget=D("1000.00"))
    closed = ProjectFactory(status=Project.Status.CLOSED, budget=D("1000.00"))
    planning = ProjectFactory(status=Project.Status.PLANNING, budget=D("500.00"))
    CostEntryFactory(project=active, date=date(2025, 1, 1), amount=D("300.00"))
    CostEntryFactory(project=active, date=AS_OF, amount=D("200.50"))
    CostEntryFactory(project=active, date=AFTER, amount=D("400.00"))  # not yet
    CostEntryFactory(project=closed, date=START, amount=D("1200.00"))
    CostEntryFactory(project=planning, date=START, amount=D("600.00"))

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("budget_adherence", active)) == (
        D("500.5"),
        D(1000),
        D("0.5005"),
        "met",
    )
    assert figures(snap("budget_adherence", closed)) == (
        D(1200),
        D(1000),
        D("1.2"),
        "missed",
    )
    assert figures(snap("budget_adherence", planning)) == (D(0), D(0), None, "no_data")
    # Pooled: (500.50 + 1200) / 2000, the planning project left out.
    assert figures(snap("budget_adherence")) == (
        D("1700.5"),
        D(2000),
        D("0.850250"),
        "met",
    )


def test_budget_adherence_without_active_or_closed_projects_has_no_data():
    ProjectFactory(status=Project.Status.PLANNING)
    ProjectFactory(status=Project.Status.ON_HOLD)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("budget_adherence")) == (D(0), D(0), None, "no_data")


def test_a_project_without_data_gets_a_no_data_row_for_every_kpi():
    p = ProjectFactory(status=Project.Status.PLANNING)

    services.snapshots_compute(as_of=AS_OF)

    rows = KpiSnapshot.objects.filter(scope_type="project", scope_id=p.pk)
    assert rows.count() == 17
    assert {(r.numerator, r.denominator, r.value, r.status) for r in rows} == {
        (D(0), D(0), None, "no_data")
    }


def test_facts_after_as_of_do_not_count_in_a_backfill():
    p = ProjectFactory()
    # Planned in the window, completed on time, but the completion is recorded
    # as happening after the earlier as_of.
    MilestoneFactory(
        project=p, planned_date=date(2026, 6, 10), completed_on=date(2026, 6, 10)
    )
    services.snapshots_compute(as_of=date(2026, 6, 9))
    services.snapshots_compute(as_of=date(2026, 6, 10))

    early = snap("on_time_delivery", p, as_of=date(2026, 6, 9))
    assert figures(early) == (D(0), D(0), None, "no_data")
    assert figures(snap("on_time_delivery", p, as_of=date(2026, 6, 10))) == (
        D(1),
        D(1),
        D(1),
        "met",
    )


def test_default_window_is_ninety_days(settings):
    settings.KPI_WINDOW_DAYS = 90
    p = ProjectFactory()
    first_day = AS_OF - timedelta(days=89)
    CustomerSatisfactionFactory(project=p, score=60, responded_on=first_day)
    CustomerSatisfactionFactory(
        project=p, score=0, responded_on=first_day - timedelta(days=1)
    )

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("customer_satisfaction", p)) == (D(60), D(1), D(60), "missed")
