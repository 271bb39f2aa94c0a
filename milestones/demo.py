"""Demo milestones: ~10 per new project, spread over its phases, with a
dependency chain, completions (mostly on time), overdue and slipping ones."""

from __future__ import annotations

from datetime import timedelta

from milestones.models import Milestone
from projects.demo import DemoContext
from projects.models import Phase

NAMES = [
    "Kick-off held",
    "Requirements signed off",
    "Architecture approved",
    "First increment demo",
    "Data migration dry run",
    "Feature complete",
    "System test passed",
    "User acceptance signed",
    "Go-live",
    "Hand-over to operations",
]


def seed(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    projects = ctx.new_projects
    if not projects:
        return
    phases: dict[int, list[Phase]] = {}
    for phase in Phase.objects.filter(project__in=[p.pk for p in projects]).order_by(
        "order"
    ):
        phases.setdefault(phase.project_id, []).append(phase)
    rows: list[Milestone] = []
    for project in projects:
        span = max((project.target_date - project.start_date).days, 10)
        project_phases = phases.get(project.pk, [])
        for index, name in enumerate(NAMES):
            planned = project.start_date + timedelta(
                days=round(span * (index + 0.5) / len(NAMES))
            )
            phase = next(
                (p for p in project_phases if p.start_date <= planned <= p.end_date),
                project_phases[-1] if project_phases else None,
            )
            completed = forecast = None
            if planned < today - timedelta(days=10):
                roll = rng.random()
                if roll < 0.8:
                    completed = planned - timedelta(days=rng.randint(0, 5))
                elif roll < 0.93:
                    completed = min(planned + timedelta(days=rng.randint(2, 20)), today)
                else:
                    forecast = today + timedelta(days=rng.randint(3, 30))
            elif planned >= today and rng.random() < 0.25:
                forecast = planned + timedelta(days=rng.randint(5, 35))
            rows.append(
                Milestone(
                    project=project,
                    phase=phase,
                    name=name,
                    planned_date=planned,
                    forecast_date=forecast,
                    completed_on=completed,
                    deliverables=f"{name}: evidence filed in the project documents.",
                )
            )
    Milestone.objects.bulk_create(rows, batch_size=5000)
    created = (
        Milestone.objects.filter(project__in=[p.pk for p in projects])
        .order_by("project_id", "planned_date", "pk")
        .values_list("pk", "project_id")
    )
    through = Milestone.depends_on.through
    edges, previous = [], {}
    for pk, project_id in created:
        if project_id in previous and rng.random() < 0.7:
            edges.append(
                through(from_milestone_id=pk, to_milestone_id=previous[project_id])
            )
        previous[project_id] = pk
    through.objects.bulk_create(edges, batch_size=5000, ignore_conflicts=True)
