"""The seven KPIs of issue 21, hand-computed at their window edges.

As in test_metrics.py the window is 10 days: as_of = 2026-06-30,
W = [2026-06-21, 2026-06-30]; BEFORE and AFTER are one day outside it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from kpis import registry, services
from kpis.models import KpiSnapshot
from projects.models import DocumentReview, Project, Requirement
from tests.factories import (
    CostEntryFactory,
    DepartmentFactory,
    DocumentFactory,
    DocumentReviewFactory,
    DocumentVersionFactory,
    IssueFactory,
    ProjectFactory,
    RequirementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)
START = date(2026, 6, 21)
BEFORE, AFTER = START - timedelta(days=1), AS_OF + timedelta(days=1)
D = Decimal
UTC = ZoneInfo("UTC")


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


def at(day: date, hour: int = 12, zone: ZoneInfo = UTC) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def test_the_registry_holds_the_seventeen_kpis_with_design_targets():
    targets = {k.code: k.default_target for k in registry.all()}
    assert len(targets) == 17
    assert targets["projects_within_budget"] == D("0.9")
    assert targets["requirement_completeness"] == D("0.95")
    assert targets["requirement_fulfilment"] == D("0.95")
    assert targets["document_update_timeliness"] == D("0.95")
    assert targets["review_pass_rate"] == D("0.9")
    assert targets["conflict_resolution_rate"] == D("0.85")
    assert targets["retro_report_timeliness"] == D("0.9")
    assert {k.dimension for k in registry.all()} == {d.key for d in registry.DIMENSIONS}


# ------------------------------------------------------ projects within budget


def test_projects_within_budget_counts_projects_not_pooled_money():
    dept = DepartmentFactory()
    # Pooled, 853k + 100k + 100k of 780k + 500k + 500k is within budget; but
    # one project of three is over it.
    over = ProjectFactory(department=dept, budget=D("780000"))
    CostEntryFactory(project=over, date=START, amount=D("853000"))
    under = ProjectFactory(department=dept, budget=D("500000"))
    CostEntryFactory(project=under, date=BEFORE - timedelta(days=30), amount=D(100000))
    exact = ProjectFactory(department=dept, budget=D("500000"))
    CostEntryFactory(project=exact, date=AS_OF, amount=D("500000"))  # = budget
    CostEntryFactory(project=exact, date=AFTER, amount=D("1"))  # after as_of
    ProjectFactory(department=dept, budget=D(0))  # no budget: left out
    ProjectFactory(department=dept, status=Project.Status.PLANNING)  # left out
    cancelled = ProjectFactory(department=dept, status=Project.Status.CANCELLED)
    CostEntryFactory(project=cancelled, date=START, amount=D("999999"))

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("projects_within_budget", over)) == (D(0), D(1), D(0), "missed")
    assert figures(snap("projects_within_budget", exact)) == (D(1), D(1), D(1), "met")
    department = KpiSnapshot.objects.get(
        kpi__code="projects_within_budget", scope_type="department", scope_id=dept.pk
    )
    assert figures(department) == (D(2), D(3), D("0.6666666667"), "missed")
    assert not KpiSnapshot.objects.filter(scope_type="project", scope_id=cancelled.pk)
    # budget_adherence still pools money: (853k + 100k + 500k) / 1780k.
    assert snap("budget_adherence").status == "met"


def test_projects_within_budget_without_budgeted_projects_has_no_data():
    ProjectFactory(budget=D(0))

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("projects_within_budget")) == (D(0), D(0), None, "no_data")


# --------------------------------------------------- requirement completeness


def test_requirement_completeness_counts_requirements_in_the_approved_plan():
    approved = at(date(2026, 5, 1), 10)
    p = ProjectFactory(baselined_at=approved, baselined_on=approved.date())
    RequirementFactory(project=p, created_at=approved - timedelta(days=3))
    RequirementFactory(project=p, created_at=approved)  # at approval: planned
    RequirementFactory(project=p, created_at=approved + timedelta(seconds=1))
    RequirementFactory(  # rejected: left out
        project=p, created_at=approved + timedelta(days=1), status="rejected"
    )
    RequirementFactory(project=p, created_at=at(AFTER))  # created after as_of
    # Not baselined by as_of, or not active/closed: left out.
    late = at(AFTER)
    q = ProjectFactory(baselined_at=late, baselined_on=late.date())
    RequirementFactory(project=q, created_at=approved)
    r = ProjectFactory(
        baselined_at=approved,
        baselined_on=approved.date(),
        status=Project.Status.ON_HOLD,
    )
    RequirementFactory(project=r, created_at=approved)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("requirement_completeness", p)) == (
        D(2),
        D(3),
        D("0.6666666667"),
        "missed",
    )
    assert figures(snap("requirement_completeness", q))[3] == "no_data"
    assert figures(snap("requirement_completeness")) == (
        D(2),
        D(3),
        D("0.6666666667"),
        "missed",
    )


def test_requirement_completeness_meets_its_target_exactly_at_95_percent():
    approved = at(date(2026, 5, 1))
    p = ProjectFactory(baselined_at=approved, baselined_on=approved.date())
    for _ in range(19):
        RequirementFactory(project=p, created_at=approved - timedelta(hours=1))
    RequirementFactory(project=p, created_at=approved + timedelta(hours=1))

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("requirement_completeness", p)) == (
        D(19),
        D(20),
        D("0.95"),
        "met",
    )


# ---------------------------------------------------- requirement fulfilment


def test_requirement_fulfilment_counts_due_in_window_accepted_by_as_of():
    p = ProjectFactory()
    accepted = Requirement.Status.ACCEPTED
    RequirementFactory(project=p, due_date=START, status=accepted, accepted_on=START)
    # Accepted late, but by as_of: it counts (the customer has it).
    RequirementFactory(project=p, due_date=START, status=accepted, accepted_on=AS_OF)
    RequirementFactory(project=p, due_date=AS_OF, status=accepted, accepted_on=AFTER)
    RequirementFactory(project=p, due_date=AS_OF, status="delivered")
    RequirementFactory(project=p, due_date=START, status="rejected")  # left out
    RequirementFactory(project=p, due_date=BEFORE, status=accepted, accepted_on=START)
    RequirementFactory(project=p, due_date=AFTER, status=accepted, accepted_on=START)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("requirement_fulfilment", p)) == (
        D(2),
        D(4),
        D("0.5"),
        "missed",
    )


def test_requirement_fulfilment_without_requirements_due_has_no_data():
    p = ProjectFactory()
    RequirementFactory(project=p, due_date=AFTER)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("requirement_fulfilment", p)) == (D(0), D(0), None, "no_data")


# ------------------------------------------------- document update timeliness


def test_document_updates_are_owed_every_n_days_after_each_version():
    p = ProjectFactory()
    weekly = DocumentFactory(project=p, kind="progress_report", update_every_days=7)

    def v(n: int, day: date) -> None:
        DocumentVersionFactory(document=weekly, number=n, submitted_on=day)

    v(1, date(2026, 6, 7))  # owes v2 by 06-14: before W, not counted
    v(2, date(2026, 6, 14))  # owes by 06-21 (W's first day): v3 on it, met
    v(3, START)  # owes by 06-28: v4 on 06-29, late
    v(4, date(2026, 6, 29))  # owes by 07-06: after W, not counted
    # A second document: its one obligation falls on as_of, met on the day.
    other = DocumentFactory(project=p, kind="progress_report", update_every_days=3)
    DocumentVersionFactory(document=other, number=1, submitted_on=date(2026, 6, 27))
    DocumentVersionFactory(document=other, number=2, submitted_on=AS_OF)
    # Due on as_of but its next version only came after as_of: not met.
    third = DocumentFactory(project=p, kind="progress_report", update_every_days=2)
    DocumentVersionFactory(document=third, number=1, submitted_on=date(2026, 6, 28))
    DocumentVersionFactory(document=third, number=2, submitted_on=AFTER)
    # Not a document kept current: no obligations.
    plain = DocumentFactory(project=p)
    DocumentVersionFactory(document=plain, number=1, submitted_on=START)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("document_update_timeliness", p)) == (
        D(2),
        D(4),
        D("0.5"),
        "missed",
    )


def test_a_version_dated_after_as_of_owes_nothing_yet_in_a_backfill():
    p = ProjectFactory()
    doc = DocumentFactory(project=p, update_every_days=1)
    DocumentVersionFactory(document=doc, number=1, submitted_on=date(2026, 6, 28))
    DocumentVersionFactory(document=doc, number=2, submitted_on=date(2026, 6, 29))
    DocumentVersionFactory(document=doc, number=3, submitted_on=AFTER)

    services.snapshots_compute(as_of=date(2026, 6, 29))
    services.snapshots_compute(as_of=AS_OF)

    # On 06-29: v1 owed v2 by 06-29 (met); v2's obligation is due 06-30.
    assert figures(snap("document_update_timeliness", p, date(2026, 6, 29))) == (
        D(1),
        D(1),
        D(1),
        "met",
    )
    # On 06-30: v2 owed by 06-30, v3 came 07-01, after as_of: missed.
    assert figures(snap("document_update_timeliness", p)) == (
        D(1),
        D(2),
        D("0.5"),
        "missed",
    )


# ----------------------------------------------------------- review pass rate


def test_review_pass_rate_counts_every_review_in_window():
    p = ProjectFactory()
    doc = DocumentFactory(project=p)
    passed, failed = DocumentReview.Result.PASSED, DocumentReview.Result.FAILED
    # A failed review followed by a passed one counts 1 of 2.
    DocumentReviewFactory(document=doc, result=failed, reviewed_on=START)
    DocumentReviewFactory(document=doc, result=passed, reviewed_on=AS_OF)
    DocumentReviewFactory(document=doc, result=passed, reviewed_on=BEFORE)
    DocumentReviewFactory(document=doc, result=failed, reviewed_on=AFTER)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("review_pass_rate", p)) == (D(1), D(2), D("0.5"), "missed")


def test_review_pass_rate_meets_its_target_exactly_at_nine_in_ten():
    p = ProjectFactory()
    doc = DocumentFactory(project=p)
    for _ in range(9):
        DocumentReviewFactory(document=doc, reviewed_on=START)
    DocumentReviewFactory(document=doc, result="failed", reviewed_on=START)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("review_pass_rate", p)) == (D(9), D(10), D("0.9"), "met")


# --------------------------------------------------- conflict resolution rate


def test_conflicts_resolved_on_the_deadline_day_in_local_time_count(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    shanghai = ZoneInfo("Asia/Shanghai")
    p = ProjectFactory()
    conflict = {"project": p, "category": "conflict", "resolution": "Agreed."}
    # Resolved 23:30 local on the resolve-by day (15:30 UTC): on time.
    IssueFactory(
        **conflict,
        reported_at=at(date(2026, 6, 20), 9, shanghai),
        resolve_by=START,
        resolved_at=at(START, 23, shanghai).replace(minute=30),
    )
    # Resolved 00:30 local the day after (still the deadline day in UTC): late.
    IssueFactory(
        **conflict,
        reported_at=at(date(2026, 6, 20), 9, shanghai),
        resolve_by=date(2026, 6, 25),
        resolved_at=at(date(2026, 6, 26), 0, shanghai).replace(minute=30),
    )
    # Due on as_of, unresolved: missed.
    IssueFactory(**{**conflict, "resolution": ""}, resolve_by=AS_OF)
    # Resolved on time but after as_of is impossible; resolved after as_of
    # although due in W: not (yet) resolved.
    IssueFactory(
        **conflict,
        reported_at=at(date(2026, 6, 29), 9, shanghai),
        resolve_by=AS_OF,
        resolved_at=at(AFTER, 9, shanghai),
    )
    IssueFactory(
        **conflict,
        reported_at=at(BEFORE, 8, shanghai),
        resolve_by=BEFORE,
        resolved_at=at(BEFORE, 9, shanghai),
    )
    IssueFactory(**conflict, resolve_by=AFTER)
    # A problem (not a conflict) is not counted.
    IssueFactory(project=p, resolve_by=START)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("conflict_resolution_rate", p)) == (
        D(1),
        D(4),
        D("0.25"),
        "missed",
    )


def test_a_conflict_gets_its_resolve_by_date_from_the_setting(settings):
    from risks import services as risk_services

    settings.CONFLICT_DAYS = 5
    p = ProjectFactory()
    issue = risk_services.issue_create(
        project=p,
        by=p.manager,
        data={
            "title": "Testers taken by another project",
            "category": "conflict",
            "parties": "QA vs. Platform",
            "reported_at": at(START, 8),
        },
    )
    assert issue.resolve_by == START + timedelta(days=5)
    problem = risk_services.issue_create(
        project=p, by=p.manager, data={"title": "Build broken"}
    )
    assert problem.category == "problem"
    assert problem.resolve_by is None


# ------------------------------------------------- retrospective reports


def test_retro_report_timeliness_counts_reports_submitted_by_due_date():
    p = ProjectFactory()
    kind = "retrospective_report"
    DocumentFactory(project=p, kind=kind, due_date=START, submitted_on=START)
    DocumentFactory(project=p, kind=kind, due_date=AS_OF, submitted_on=AS_OF)
    DocumentFactory(project=p, kind=kind, due_date=AS_OF, submitted_on=AFTER)
    DocumentFactory(project=p, kind=kind, due_date=START)  # never submitted
    DocumentFactory(project=p, kind=kind, due_date=BEFORE, submitted_on=BEFORE)
    DocumentFactory(project=p, kind="plan", due_date=START, submitted_on=START)

    services.snapshots_compute(as_of=AS_OF)

    assert figures(snap("retro_report_timeliness", p)) == (
        D(2),
        D(4),
        D("0.5"),
        "missed",
    )


def test_recording_a_retrospective_creates_its_report_once(settings):
    from reviews import services as review_services

    settings.RETRO_REPORT_DAYS = 5
    p = ProjectFactory()
    meeting = review_services.meeting_create(
        project=p,
        by=p.manager,
        data={"kind": "retrospective", "title": "Sprint 4", "held_on": START},
    )
    report = p.documents.get(kind="retrospective_report")
    assert report.meeting == meeting.pk
    assert report.due_date == START + timedelta(days=5)
    assert report.submitted_on is None
    review_services.meeting_update(
        meeting=meeting, expected_version=None, data={"title": "Sprint 4 retro"}
    )
    assert p.documents.filter(kind="retrospective_report").count() == 1


# ------------------------------------------------------------ pooled scopes


def test_new_kpis_pool_numerators_and_denominators_per_manager():
    manager = UserFactory()
    a, b = ProjectFactory(manager=manager), ProjectFactory(manager=manager)
    doc_a, doc_b = DocumentFactory(project=a), DocumentFactory(project=b)
    DocumentReviewFactory(document=doc_a, reviewed_on=START)  # a: 1 of 1
    for result in ("passed", "failed", "failed"):  # b: 1 of 3
        DocumentReviewFactory(document=doc_b, result=result, reviewed_on=START)

    services.snapshots_compute(as_of=AS_OF)

    row = KpiSnapshot.objects.get(
        kpi__code="review_pass_rate", scope_type="manager", scope_id=manager.pk
    )
    # (1 + 1) / (1 + 3), not the mean of 1 and 1/3.
    assert figures(row) == (D(2), D(4), D("0.5"), "missed")


# ------------------------------------------------------ nightly date, backfill


def test_the_nightly_run_computes_yesterday(settings, monkeypatch):
    from django.utils import timezone

    from kpis import tasks

    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 7, 1))
    ProjectFactory()

    result = tasks.compute_kpis_task()

    assert result["as_of"] == AS_OF.isoformat()
    assert KpiSnapshot.objects.filter(as_of=AS_OF).exists()
    assert not KpiSnapshot.objects.filter(as_of=date(2026, 7, 1)).exists()


def test_a_backfill_equals_the_nightly_runs_of_those_dates():
    """compute_kpis --from --to gives the values the nightly runs gave on
    those dates, even after later facts were recorded."""
    approved = at(date(2026, 6, 1))
    p = ProjectFactory(baselined_at=approved, baselined_on=approved.date())
    doc = DocumentFactory(project=p, update_every_days=2, kind="progress_report")
    days = [date(2026, 6, 27) + timedelta(days=n) for n in range(4)]
    nightly: dict[date, set] = {}

    def record(day: date) -> None:
        # What happens during `day` (recorded the same day).
        DocumentVersionFactory(document=doc, number=day.day, submitted_on=day)
        DocumentReviewFactory(
            document=doc, reviewed_on=day, result="failed" if day.day % 2 else "passed"
        )
        RequirementFactory(project=p, created_at=at(day), due_date=day)
        IssueFactory(
            project=p,
            category="conflict",
            reported_at=at(day, 8),
            resolve_by=day + timedelta(days=1),
            resolved_at=at(day, 9) if day.day % 2 else None,
            resolution="Done." if day.day % 2 else "",
        )
        CostEntryFactory(project=p, date=day, amount=D("30000"))

    def rows(day: date) -> set:
        return set(
            KpiSnapshot.objects.filter(as_of=day).values_list(
                "kpi__code",
                "scope_type",
                "scope_id",
                "numerator",
                "denominator",
                "value",
                "status",
            )
        )

    for day in days:
        record(day)
        services.snapshots_compute(as_of=day)  # that night's run
        nightly[day] = rows(day)
    KpiSnapshot.objects.all().delete()

    call_command(
        "compute_kpis", "--from", days[0].isoformat(), "--to", days[-1].isoformat()
    )

    for day in days:
        assert rows(day) == nightly[day], day
    codes = {code for code, *_ in nightly[days[-1]]}
    assert len(codes) == 17
