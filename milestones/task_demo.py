"""Demo tasks and logged time (issue 26): per phase a few tasks with owners
from the team, estimates, dates, dependencies and statuses that fit today
(done in the past, some overdue or blocked, in progress now, to do later),
and the last four weeks of logged hours on them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from milestones.models import Milestone, Task, WorkLog
from projects.demo import SMALL_DEMO, DemoContext
from projects.models import Membership, Phase

TITLES = [
    "Interview key users",
    "Write the specification",
    "Review the specification with the customer",
    "Set up environments",
    "Design the data model",
    "Build the integration layer",
    "Build the reporting screens",
    "Migrate reference data",
    "Write automated tests",
    "Run performance tests",
    "Prepare training material",
    "Train key users",
    "Write the operations handbook",
    "Fix defects from acceptance",
    "Plan the cut-over",
]
BLOCKERS = [
    "Waiting for the customer's test accounts",
    "Waiting for the vendor's API keys",
    "Test server not yet provisioned",
]
# Per phase: 4 tasks in the small demo, 8 at bench sizes (about 300,000
# tasks and 1,000,000 logs at 10,000 projects).
PER_PHASE = {True: 4, False: 8}


def seed(ctx: DemoContext) -> None:
    projects = ctx.new_projects
    if not projects:
        return
    rng, today = ctx.rng, ctx.today
    ids = [p.pk for p in projects]
    phases: dict[int, list[Phase]] = defaultdict(list)
    for phase in Phase.objects.filter(project__in=ids).order_by("order"):
        phases[phase.project_id].append(phase)
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in Milestone.objects.filter(project__in=ids).order_by("planned_date"):
        milestones[m.phase_id or 0].append(m)
    small = len(projects) <= SMALL_DEMO
    # At bench sizes the engineers own the tasks; a manager of hundreds of
    # projects does not (see projects.demo.seed_engineers).
    not_owners = ["customer_rep", "finance", "risk_officer"]
    if not small:
        not_owners.append("manager")
    team: dict[int, list[int]] = defaultdict(list)
    for project_id, user_id in (
        Membership.objects.filter(project__in=ids)
        .exclude(role__in=not_owners)
        .values_list("project_id", "user_id")
    ):
        team[project_id].append(user_id)
    per_phase = PER_PHASE[small]
    rows: list[Task] = []
    for project in projects:
        people = team.get(project.pk) or [project.manager_id]
        spans = phases.get(project.pk) or []
        windows = [(p, p.start_date, p.end_date) for p in spans] or [
            (None, project.start_date, project.target_date)
        ]
        for phase, start, end in windows:
            length = max((end - start).days, 1)
            for index in range(per_phase):
                begin = start + timedelta(days=length * index // (per_phase + 1))
                due = begin + timedelta(days=max(length // per_phase, 3))
                status, reason, completed = _state(rng, today, begin, due)
                attached = [
                    m
                    for m in milestones.get(phase.pk if phase else 0, [])
                    if m.planned_date >= due
                ]
                rows.append(
                    Task(
                        project=project,
                        phase=phase,
                        milestone=attached[0] if attached else None,
                        title=rng.choice(TITLES),
                        owner_id=rng.choice(people),
                        status=status,
                        blocked_reason=reason,
                        priority=rng.choice(
                            ["low", "medium", "medium", "high", "critical"]
                        ),
                        estimate_hours=Decimal(rng.choice([4, 8, 16, 24, 40])),
                        start_date=begin,
                        due_date=due,
                        completed_on=completed,
                    )
                )
    Task.objects.bulk_create(rows, batch_size=5000)
    _dependencies(ctx, ids)
    _logs(ctx, ids, small=small)


def _state(rng, today: date, begin: date, due: date) -> tuple[str, str, date | None]:
    if due < today - timedelta(days=3):
        roll = rng.random()
        if roll < 0.85:
            return "done", "", min(due + timedelta(days=rng.randint(-3, 4)), today)
        if roll < 0.93:
            return "in_progress", "", None  # overdue
        return "blocked", rng.choice(BLOCKERS), None
    if begin <= today:
        roll = rng.random()
        if roll < 0.6:
            return "in_progress", "", None
        if roll < 0.7:
            return "blocked", rng.choice(BLOCKERS), None
        return "todo", "", None
    return "todo", "", None


def _dependencies(ctx: DemoContext, ids: list[int]) -> None:
    through = Task.depends_on.through
    edges, previous = [], {}
    for pk, phase_id in (
        Task.objects.filter(project__in=ids)
        .order_by("project_id", "phase_id", "start_date", "pk")
        .values_list("pk", "phase_id")
    ):
        if phase_id in previous and ctx.rng.random() < 0.5:
            edges.append(through(from_task_id=pk, to_task_id=previous[phase_id]))
        previous[phase_id] = pk
    through.objects.bulk_create(edges, batch_size=5000, ignore_conflicts=True)


def _logs(ctx: DemoContext, ids: list[int], small: bool) -> None:
    """Hours on every task started by today, on weekdays between its start
    and its completion (or today), adding up to about its estimate when done.
    In the small demo a person's day stays within 9 hours over all projects."""
    rng, today = ctx.rng, ctx.today
    per_day: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    rows: list[WorkLog] = []
    tasks = (
        Task.objects.filter(project__in=ids, start_date__lte=today)
        .exclude(owner=None)
        .values_list(
            "pk",
            "project_id",
            "owner_id",
            "start_date",
            "due_date",
            "status",
            "estimate_hours",
        )
    )
    for pk, project_id, owner_id, start, due, status, estimate in tasks:
        end = min(due if status == "done" else today, today)
        days = [
            start + timedelta(days=n)
            for n in range((end - start).days + 1)
            if (start + timedelta(days=n)).weekday() < 5
        ]
        if not days:
            continue
        count = min(len(days), rng.randint(2, 6 if small else 9))
        share = float(estimate or 8) * rng.uniform(0.6, 1.3) / count
        for day in rng.sample(days, count):
            hours = Decimal(max(0.5, min(8.0, round(share * 2) / 2)))
            if small and per_day[(owner_id, day)] + hours > 9:
                continue
            per_day[(owner_id, day)] += hours
            rows.append(
                WorkLog(
                    project_id=project_id,
                    task_id=pk,
                    user_id=owner_id,
                    date=day,
                    hours=hours,
                    note=rng.choice(["", "", "Pairing session", "Review comments"]),
                )
            )
    WorkLog.objects.bulk_create(rows, batch_size=5000)
