"""Demo change requests: approved, rejected and pending, per new project."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from changes.models import ChangeRequest, MilestoneChange
from milestones.models import Milestone
from projects.models import Requirement

if TYPE_CHECKING:
    from projects.demo import DemoContext

TITLES = [
    ("Add single sign-on", "scope"),
    ("Move go-live after the audit", "schedule"),
    ("Extra reporting module", "scope"),
    ("Switch hosting provider", "cost"),
    ("Support a second language", "scope"),
]


def seed(ctx: DemoContext) -> None:
    if not ctx.new_projects:
        return
    rng, today = ctx.rng, ctx.today
    ids = [p.pk for p in ctx.new_projects]
    requirements: dict[int, list[int]] = defaultdict(list)
    for pk, project_id in Requirement.objects.filter(project_id__in=ids).values_list(
        "pk", "project_id"
    ):
        requirements[project_id].append(pk)
    milestones: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for pk, project_id, planned in Milestone.objects.filter(
        project_id__in=ids, completed_on__isnull=True
    ).values_list("pk", "project_id", "planned_date"):
        milestones[project_id].append((pk, planned))
    requesters = [ctx.users[n] for n in ("mike", "mia", "tom")]
    rows: list[ChangeRequest] = []
    for index, project in enumerate(ctx.new_projects):
        for slot in range(2):
            title, kind = TITLES[(index + slot) % len(TITLES)]
            status = (
                rng.choice(["approved", "approved", "implemented", "rejected"])
                if slot == 0
                else rng.choice(["submitted", "draft", "approved"])
            )
            decided = status in ("approved", "implemented", "rejected")
            decided_on = today - timedelta(days=rng.randint(3, 88)) if decided else None
            requester = (
                ctx.users["carl"] if index < 3 and slot == 1 else rng.choice(requesters)
            )
            rows.append(
                ChangeRequest(
                    project=project,
                    title=title,
                    description=f"Requested by {requester.get_full_name()}.",
                    kind=kind,
                    requested_by=requester,
                    status=status,
                    submitted_on=(decided_on - timedelta(days=rng.randint(1, 10)))
                    if decided_on
                    else (today - timedelta(days=2) if status == "submitted" else None),
                    decided_on=decided_on,
                    decided_by=project.manager if decided else None,
                    decision_note="Agreed at the steering committee."
                    if decided
                    else "",
                    implemented_on=(
                        min(today, decided_on + timedelta(days=14))
                        if status == "implemented" and decided_on
                        else None
                    ),
                    impact_days=rng.choice([0, 5, 10, 15, 20]),
                    impact_cost=Decimal(rng.randrange(0, 40_000, 500)),
                )
            )
    ChangeRequest.objects.bulk_create(rows, batch_size=5000)
    through = ChangeRequest.affected_requirements.through
    links = []
    moves: list[MilestoneChange] = []
    for cr in rows:
        pool = requirements.get(cr.project_id, [])
        picked = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
        links.extend(
            through(changerequest_id=cr.pk, requirement_id=pk) for pk in picked
        )
        # Pending requests propose date moves; decided ones in the demo only
        # touch requirements, so no baseline moves without a history record.
        open_milestones = milestones.get(cr.project_id, [])
        if cr.status in ("draft", "submitted") and open_milestones:
            pk, planned = rng.choice(open_milestones)
            moves.append(
                MilestoneChange(
                    change_request=cr,
                    milestone_id=pk,
                    new_planned_date=planned + timedelta(days=cr.impact_days or 7),  # type: ignore[operator]
                )
            )
    through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    MilestoneChange.objects.bulk_create(moves, batch_size=5000)
