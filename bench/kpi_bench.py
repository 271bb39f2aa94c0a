# ruff: noqa: E501, PERF401, S106 - a benchmark script: long SQL lines, plain loops
"""KPI job benchmark (not a test): the nightly run against hand-written SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/milepost_kpibench \\
        .venv/bin/python bench/kpi_bench.py [--projects 10000]

Seeds (once, with its own fast bulk generator) 10,000 projects with 100,000
milestones, 200,000 risk responses and matching surveys, issues, requirements,
change requests, meetings, feedback, documents and costs; then times
1. the full nightly run (`kpis.services.snapshots_compute`: every chunk, the
   pooling step and the upserts, in one process), and
2. one hand-written SQL query per KPI computing the same per-project figures
   (numerator, denominator) plus the organisation total (GROUPING SETS),
checks that both agree, and writes bench/results/kpi_bench.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Department, User  # noqa: E402
from changes.models import ChangeRequest  # noqa: E402
from kpis import services  # noqa: E402
from kpis.metrics import Window  # noqa: E402
from kpis.models import KpiSnapshot  # noqa: E402
from milestones.models import Milestone  # noqa: E402
from projects.models import (  # noqa: E402
    CostEntry,
    Document,
    DocumentReview,
    DocumentVersion,
    Project,
    Requirement,
)
from reviews.models import (  # noqa: E402
    ActionItem,
    CustomerSatisfaction,
    Meeting,
    MeetingFeedback,
    TeamCommunication,
)
from risks.models import Issue, Risk, RiskResponse  # noqa: E402

RESULTS = ROOT / "bench" / "results"
BATCH = 5000


def bulk(model, rows) -> None:  # type: ignore[no-untyped-def]
    model.objects.bulk_create(rows, batch_size=BATCH)


def seed(n_projects: int, today) -> dict[str, int]:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    depts = []
    for i in range(12):
        parent = depts[i // 3 - 1] if i >= 3 else None
        dept, _ = Department.objects.get_or_create(
            code=f"bench-{i}", defaults={"name": f"Bench dept {i}", "parent": parent}
        )
        depts.append(dept)
    users = list(User.objects.filter(username__startswith="bench-"))
    if len(users) < 200:
        bulk(
            User,
            [
                User(username=f"bench-{i}", password="!", department=rng.choice(depts))
                for i in range(len(users), 200)
            ],
        )
        users = list(User.objects.filter(username__startswith="bench-"))
    statuses = ["active"] * 6 + ["closed", "planning", "on_hold", "cancelled"]
    start = today - timedelta(days=400)
    bulk(
        Project,
        [
            Project(
                code=f"BEN-{i}",
                name=f"Bench project {i}",
                department=rng.choice(depts),
                manager=rng.choice(users[:150]),
                status=rng.choice(statuses),
                start_date=start,
                target_date=today + timedelta(days=200),
                budget=Decimal(rng.randrange(50_000, 2_000_000)),
                baselined_on=start + timedelta(days=14),
                baselined_at=datetime.combine(
                    start + timedelta(days=14), datetime.min.time(), tzinfo=UTC
                ),
            )
            for i in range(n_projects)
        ],
    )
    projects = list(
        Project.objects.filter(code__startswith="BEN-").values_list("pk", flat=True)
    )

    def day(spread: int = 180, future: int = 30):  # type: ignore[no-untyped-def]
        return today - timedelta(days=rng.randrange(-future, spread))

    def done(due, p=0.8):  # type: ignore[no-untyped-def]
        if rng.random() > p:
            return None
        return due + timedelta(days=rng.randrange(-5, 4))

    ms = []
    for pid in projects:
        for _ in range(10):
            d = day()
            ms.append(
                Milestone(
                    project_id=pid, name="M", planned_date=d, completed_on=done(d)
                )
            )
    bulk(Milestone, ms)
    risks = [
        Risk(project_id=pid, title="R", probability=3, impact=2)
        for pid in projects
        for _ in range(20)
    ]
    bulk(Risk, risks)
    responses = []
    for risk_id in Risk.objects.filter(project_id__in=projects).values_list(
        "pk", flat=True
    ):
        d = day()
        responses.append(
            RiskResponse(
                risk_id=risk_id, description="A", due_date=d, completed_on=done(d)
            )
        )
    bulk(RiskResponse, responses)
    surveys, comms, issues, docs, reqs, costs, meetings = [], [], [], [], [], [], []
    for pid in projects:
        for _ in range(3):
            surveys.append(
                CustomerSatisfaction(
                    project_id=pid, score=rng.randrange(40, 101), responded_on=day()
                )
            )
        for n in range(3):
            responded = day()
            comms.append(
                TeamCommunication(
                    project_id=pid,
                    rater=users[n],
                    rating=rng.randrange(1, 6),
                    responded_on=responded,
                    period=responded.replace(day=1),
                )
            )
        for _ in range(5):
            reported = datetime.combine(
                day(), datetime.min.time(), tzinfo=UTC
            ) + timedelta(hours=rng.randrange(0, 24))
            resolved = (
                reported + timedelta(hours=rng.randrange(1, 120))
                if rng.random() < 0.8
                else None
            )
            issues.append(
                Issue(
                    project_id=pid,
                    title="I",
                    reported_at=reported,
                    resolved_at=resolved,
                    resolution="ok" if resolved else "",
                )
            )
        for kind in ("plan", "retrospective_report", "progress_report"):
            d = day()
            docs.append(
                Document(
                    project_id=pid,
                    title="D",
                    kind=kind,
                    due_date=d,
                    submitted_on=done(d),
                )
            )
        docs.append(  # a weekly report: versions and reviews below (issue 21)
            Document(project_id=pid, title="W", kind="other", update_every_days=7)
        )
        for _ in range(2):
            reported = datetime.combine(day(), datetime.min.time(), tzinfo=UTC)
            resolve_by = reported.date() + timedelta(days=5)
            resolved = (
                reported + timedelta(days=rng.randrange(0, 8))
                if rng.random() < 0.8
                else None
            )
            issues.append(
                Issue(
                    project_id=pid,
                    title="C",
                    category="conflict",
                    resolve_by=resolve_by,
                    reported_at=reported,
                    resolved_at=resolved,
                    resolution="ok" if resolved else "",
                )
            )
        for _ in range(5):
            status = rng.choice(
                ["proposed", "approved", "delivered", "rejected", "accepted"]
            )
            due = day()
            reqs.append(
                Requirement(
                    project_id=pid,
                    title="Q",
                    created_at=datetime.combine(
                        day(300), datetime.min.time(), tzinfo=UTC
                    ),
                    status=status,
                    due_date=due,
                    accepted_on=min(today, due + timedelta(days=rng.randrange(-5, 4)))
                    if status == "accepted"
                    else None,
                )
            )
        for _ in range(5):
            costs.append(
                CostEntry(
                    project_id=pid,
                    date=day(300),
                    amount=Decimal(rng.randrange(1000, 90000)),
                )
            )
        for _ in range(3):
            meetings.append(Meeting(project_id=pid, title="Review", held_on=day()))
    for model, rows in [
        (CustomerSatisfaction, surveys),
        (TeamCommunication, comms),
        (Issue, issues),
        (Document, docs),
        (Requirement, reqs),
        (CostEntry, costs),
        (Meeting, meetings),
    ]:
        bulk(model, rows)
    actions, feedback = [], []
    for mid, held in Meeting.objects.filter(project_id__in=projects).values_list(
        "pk", "held_on"
    ):
        due = held + timedelta(days=14)
        actions.append(
            ActionItem(
                meeting_id=mid,
                kind="improvement",
                description="x",
                due_date=due,
                completed_on=done(due, 0.7),
            )
        )
        for n in range(2):
            feedback.append(
                MeetingFeedback(
                    meeting_id=mid,
                    attendee=users[n],
                    rating=rng.randrange(1, 6),
                    created_at=datetime.combine(held, datetime.min.time(), tzinfo=UTC)
                    + timedelta(days=1),
                )
            )
    bulk(ActionItem, actions)
    bulk(MeetingFeedback, feedback)
    versions, reviews = [], []
    for doc_id in Document.objects.filter(
        project_id__in=projects, update_every_days__isnull=False
    ).values_list("pk", flat=True):
        submitted = today - timedelta(days=180)
        for number in range(1, 27):
            versions.append(
                DocumentVersion(
                    document_id=doc_id, number=number, submitted_on=submitted
                )
            )
            if number % 9 == 0:
                reviews.append(
                    DocumentReview(
                        document_id=doc_id,
                        result=rng.choice(["passed", "passed", "failed"]),
                        reviewed_on=submitted,
                    )
                )
            submitted += timedelta(days=rng.choice([6, 7, 7, 7, 8, 9]))
    bulk(DocumentVersion, versions)
    bulk(DocumentReview, reviews)
    requester = users[0]
    crs = [
        ChangeRequest(
            project_id=pid,
            title="C",
            requested_by=requester,
            status=rng.choice(["approved", "implemented", "rejected", "submitted"]),
            decided_on=day(),
        )
        for pid in projects
        for _ in range(2)
    ]
    bulk(ChangeRequest, crs)
    through = ChangeRequest.affected_requirements.through
    req_by_project: dict[int, list[int]] = {}
    for rid, pid in Requirement.objects.filter(project_id__in=projects).values_list(
        "pk", "project_id"
    ):
        req_by_project.setdefault(pid, []).append(rid)
    links = []
    for cr_id, pid in ChangeRequest.objects.filter(project_id__in=projects).values_list(
        "pk", "project_id"
    ):
        for rid in rng.sample(req_by_project[pid], 2):
            links.append(through(changerequest_id=cr_id, requirement_id=rid))
    bulk(through, links)
    return counts()


def counts() -> dict[str, int]:
    return {
        "projects": Project.objects.count(),
        "milestones": Milestone.objects.count(),
        "risk_responses": RiskResponse.objects.count(),
        "customer_satisfaction": CustomerSatisfaction.objects.count(),
        "team_communication": TeamCommunication.objects.count(),
        "issues": Issue.objects.count(),
        "requirements": Requirement.objects.count(),
        "change_requests": ChangeRequest.objects.count(),
        "meetings": Meeting.objects.count(),
        "meeting_feedback": MeetingFeedback.objects.count(),
        "action_items": ActionItem.objects.count(),
        "documents": Document.objects.count(),
        "document_versions": DocumentVersion.objects.count(),
        "document_reviews": DocumentReview.objects.count(),
        "cost_entries": CostEntry.objects.count(),
    }


LIVE = "p.status <> 'cancelled'"
SQL = {
    "on_time_delivery": f"""
        SELECT m.project_id, count(*) FILTER (WHERE m.completed_on <= m.planned_date), count(*)
        FROM milestones_milestone m JOIN projects_project p ON p.id = m.project_id
        WHERE {LIVE} AND m.planned_date BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((m.project_id), ())""",
    "customer_satisfaction": f"""
        SELECT c.project_id, sum(c.score), count(*)
        FROM reviews_customersatisfaction c JOIN projects_project p ON p.id = c.project_id
        WHERE {LIVE} AND c.responded_on BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((c.project_id), ())""",
    "risk_response_rate": f"""
        SELECT r.project_id, count(*) FILTER (WHERE rr.completed_on <= rr.due_date), count(*)
        FROM risks_riskresponse rr JOIN risks_risk r ON r.id = rr.risk_id
        JOIN projects_project p ON p.id = r.project_id
        WHERE {LIVE} AND rr.due_date BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((r.project_id), ())""",
    "team_communication": f"""
        SELECT t.project_id, sum(t.rating), count(*)
        FROM reviews_teamcommunication t JOIN projects_project p ON p.id = t.project_id
        WHERE {LIVE} AND t.responded_on BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((t.project_id), ())""",
    "issue_resolution_hours": f"""
        SELECT i.project_id, sum(extract(epoch FROM i.resolved_at - i.reported_at)) / 3600, count(*)
        FROM risks_issue i JOIN projects_project p ON p.id = i.project_id
        WHERE {LIVE} AND i.resolved_at >= %(start_at)s AND i.resolved_at < %(end_at)s
        GROUP BY GROUPING SETS ((i.project_id), ())""",
    "change_ratio": f"""
        SELECT q.project_id, count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM changes_changerequest_affected_requirements a
                 JOIN changes_changerequest c ON c.id = a.changerequest_id
                 WHERE a.requirement_id = q.id AND c.status IN ('approved', 'implemented')
                   AND c.decided_on BETWEEN %(start)s AND %(as_of)s)),
               count(*)
        FROM projects_requirement q JOIN projects_project p ON p.id = q.project_id
        WHERE {LIVE} AND q.created_at < %(end_at)s AND q.status <> 'rejected'
        GROUP BY GROUPING SETS ((q.project_id), ())""",
    "improvement_rate": f"""
        SELECT mt.project_id, count(*) FILTER (WHERE a.completed_on <= %(as_of)s), count(*)
        FROM reviews_actionitem a JOIN reviews_meeting mt ON mt.id = a.meeting_id
        JOIN projects_project p ON p.id = mt.project_id
        WHERE {LIVE} AND a.kind = 'improvement' AND a.due_date BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((mt.project_id), ())""",
    "meeting_satisfaction": f"""
        SELECT mt.project_id, count(*) FILTER (WHERE f.rating >= 4), count(*)
        FROM reviews_meetingfeedback f JOIN reviews_meeting mt ON mt.id = f.meeting_id
        JOIN projects_project p ON p.id = mt.project_id
        WHERE {LIVE} AND mt.held_on BETWEEN %(start)s AND %(as_of)s AND f.created_at < %(end_at)s
        GROUP BY GROUPING SETS ((mt.project_id), ())""",
    "plan_submission": f"""
        SELECT d.project_id, count(*) FILTER (WHERE d.submitted_on <= d.due_date), count(*)
        FROM projects_document d JOIN projects_project p ON p.id = d.project_id
        WHERE {LIVE} AND d.kind = 'plan' AND d.due_date BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((d.project_id), ())""",
    "budget_adherence": """
        SELECT p.id, sum(coalesce(c.spent, 0)), sum(p.budget)
        FROM projects_project p LEFT JOIN (
            SELECT project_id, sum(amount) AS spent FROM projects_costentry
            WHERE date <= %(as_of)s GROUP BY project_id) c ON c.project_id = p.id
        WHERE p.status IN ('active', 'closed')
        GROUP BY GROUPING SETS ((p.id), ())""",
    # The six standards and the per-project budget verdict of issue 21.
    "projects_within_budget": """
        SELECT p.id, count(*) FILTER (WHERE coalesce(c.spent, 0) <= p.budget), count(*)
        FROM projects_project p LEFT JOIN (
            SELECT project_id, sum(amount) AS spent FROM projects_costentry
            WHERE date <= %(as_of)s GROUP BY project_id) c ON c.project_id = p.id
        WHERE p.status IN ('active', 'closed') AND p.budget > 0
        GROUP BY GROUPING SETS ((p.id), ())""",
    "requirement_completeness": """
        SELECT q.project_id, count(*) FILTER (WHERE q.created_at <= p.baselined_at), count(*)
        FROM projects_requirement q JOIN projects_project p ON p.id = q.project_id
        WHERE p.status IN ('active', 'closed') AND p.baselined_on <= %(as_of)s
          AND q.created_at < %(end_at)s AND q.status <> 'rejected'
        GROUP BY GROUPING SETS ((q.project_id), ())""",
    "requirement_fulfilment": f"""
        SELECT q.project_id, count(*) FILTER (WHERE q.accepted_on <= %(as_of)s), count(*)
        FROM projects_requirement q JOIN projects_project p ON p.id = q.project_id
        WHERE {LIVE} AND q.due_date BETWEEN %(start)s AND %(as_of)s
          AND q.status <> 'rejected'
        GROUP BY GROUPING SETS ((q.project_id), ())""",
    "document_update_timeliness": f"""
        SELECT d.project_id, count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM projects_documentversion l
                 WHERE l.document_id = v.document_id
                   AND l.submitted_on <= v.submitted_on + d.update_every_days
                   AND (l.submitted_on > v.submitted_on
                        OR (l.submitted_on = v.submitted_on AND l.number > v.number)))),
               count(*)
        FROM projects_documentversion v
        JOIN projects_document d ON d.id = v.document_id
        JOIN projects_project p ON p.id = d.project_id
        WHERE {LIVE} AND d.update_every_days IS NOT NULL
          AND v.submitted_on <= %(as_of)s
          AND v.submitted_on + d.update_every_days BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((d.project_id), ())""",
    "review_pass_rate": f"""
        SELECT d.project_id, count(*) FILTER (WHERE r.result = 'passed'), count(*)
        FROM projects_documentreview r
        JOIN projects_document d ON d.id = r.document_id
        JOIN projects_project p ON p.id = d.project_id
        WHERE {LIVE} AND r.reviewed_on BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((d.project_id), ())""",
    "conflict_resolution_rate": f"""
        SELECT i.project_id, count(*) FILTER (
                 WHERE i.resolved_at < %(end_at)s
                   AND (i.resolved_at AT TIME ZONE %(zone)s)::date <= i.resolve_by),
               count(*)
        FROM risks_issue i JOIN projects_project p ON p.id = i.project_id
        WHERE {LIVE} AND i.category = 'conflict'
          AND i.resolve_by BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((i.project_id), ())""",
    "retro_report_timeliness": f"""
        SELECT d.project_id, count(*) FILTER (WHERE d.submitted_on <= d.due_date), count(*)
        FROM projects_document d JOIN projects_project p ON p.id = d.project_id
        WHERE {LIVE} AND d.kind = 'retrospective_report'
          AND d.due_date BETWEEN %(start)s AND %(as_of)s
        GROUP BY GROUPING SETS ((d.project_id), ())""",
}


def hand_sql(window: Window) -> dict[str, list[tuple]]:
    params = {
        "start": window.start,
        "as_of": window.as_of,
        "start_at": window.start_at,
        "end_at": window.end_at,
        "zone": settings.TIME_ZONE,
    }
    out = {}
    with connection.cursor() as cursor:
        for code, sql in SQL.items():
            cursor.execute(sql, params)
            out[code] = cursor.fetchall()
    return out


def best_of(runs: int, fn) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at PostgreSQL (a database of its own).")
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    seeded = 0.0
    if Project.objects.filter(code__startswith="BEN-").count() < args.projects:
        started = time.perf_counter()
        with transaction.atomic():
            seed(args.projects, today)
        seeded = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    volumes = counts()
    window = Window.ending(today)
    KpiSnapshot.objects.filter(as_of=today).delete()
    job_best, job_times = best_of(
        args.runs, lambda: services.snapshots_compute(as_of=today)
    )
    sql_best, sql_times = best_of(args.runs, lambda: hand_sql(window))
    # Cross-check: the hand-written figures equal the stored snapshot rows.
    figures = hand_sql(window)
    mismatches = 0
    stored = {
        (code, sid): (num, den)
        for code, sid, num, den in KpiSnapshot.objects.filter(
            as_of=today, scope_type__in=["project", "organisation"]
        ).values_list("kpi__code", "scope_id", "numerator", "denominator")
    }
    for code, rows in figures.items():
        for pid, num, den in rows:
            got = stored.get((code, pid))
            if (
                got is None
                or abs(Decimal(got[0]) - Decimal(num)) > Decimal("0.0001")
                or Decimal(got[1]) != Decimal(den)
            ):
                mismatches += 1
    rows = KpiSnapshot.objects.filter(as_of=today).count()
    result = {
        "as_of": today.isoformat(),
        "window_days": settings.KPI_WINDOW_DAYS,
        "volumes": volumes,
        "seed_seconds": round(seeded, 1),
        "snapshot_rows": rows,
        "chunk_size": services.chunk_size(),
        "nightly_job_seconds": round(job_best, 3),
        "nightly_job_runs": [round(t, 3) for t in job_times],
        "hand_sql_seconds": round(sql_best, 3),
        "hand_sql_runs": [round(t, 3) for t in sql_times],
        "ratio": round(job_best / sql_best, 2),
        "median_ratio": round(
            statistics.median(job_times) / statistics.median(sql_times), 2
        ),
        "figures_checked": sum(len(r) for r in figures.values()),
        "mismatches": mismatches,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "kpi_bench.json").write_text(json.dumps(result, indent=2))
    md = [
        "# KPI nightly job vs hand-written SQL",
        "",
        "| measure | value |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in result.items() if k != "volumes"),
        "",
        "| table | rows |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in volumes.items()),
    ]
    (RESULTS / "kpi_bench.md").write_text("\n".join(md) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
