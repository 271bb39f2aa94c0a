"""Demo risks, response actions and issues for the projects seeded in this run."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from risks.models import Issue, Risk, RiskResponse

if TYPE_CHECKING:
    from projects.demo import DemoContext

RISKS = [
    ("Key engineer leaves mid-project", "resource"),
    ("Vendor API changes without notice", "external"),
    ("Data migration reveals dirty records", "technical"),
    ("Customer sign-off delayed", "schedule"),
    ("Licence costs rise at renewal", "cost"),
    ("Performance below target under load", "quality"),
    ("Scope creep from stakeholder requests", "scope"),
    ("Test environment unavailable", "technical"),
    ("Security audit finds critical issues", "quality"),
    ("Hardware delivery slips", "external"),
    ("Integration partner under-staffed", "resource"),
    ("Legacy system undocumented", "technical"),
    ("Budget cut in next fiscal year", "cost"),
    ("Regulatory change affects design", "external"),
    ("Team unfamiliar with new framework", "resource"),
    ("Single point of failure in deployment", "technical"),
    ("Acceptance criteria ambiguous", "scope"),
    ("Holiday season reduces capacity", "schedule"),
    ("Third-party library abandoned", "technical"),
    ("Data-protection review required", "other"),
]
ACTIONS = [
    "Document and pair on the critical modules",
    "Agree a change notice period with the vendor",
    "Run a profiling pass on a copy of production data",
    "Book sign-off dates in the steering committee",
    "Negotiate a multi-year licence",
    "Load-test each release candidate",
    "Route new requests through change control",
]
# Conflicts (问题日志, category conflict): what is disputed, and between whom.
CONFLICTS = [
    ("Testers claimed by two projects in the same sprint", "QA vs. Delivery"),
    ("Release date: marketing launch vs. hardening time", "Marketing vs. Platform"),
    ("Who owns the data migration scripts", "Mike Chen, Tom Wu"),
    ("Priority of the reporting module vs. the API", "Customer vs. Consulting"),
]

ISSUES = [
    ("Build pipeline fails on main", "high"),
    ("Staging database out of disk", "critical"),
    ("Login page slow for remote users", "medium"),
    ("Report totals off by rounding", "low"),
    ("Nightly import skipped records", "high"),
]


def seed(ctx: DemoContext) -> None:
    if not ctx.new_projects:
        return
    rng, today = ctx.rng, ctx.today
    team = [ctx.users[n] for n in ("mike", "mia", "tom", "rita")]
    risks: list[Risk] = []
    for project in ctx.new_projects:
        for index, (title, category) in enumerate(RISKS):
            probability, impact = rng.randint(1, 5), rng.randint(1, 5)
            status = rng.choices(["open", "closed", "occurred"], [70, 22, 8])[0]
            risks.append(
                Risk(
                    project=project,
                    title=title,
                    description=f"Identified during planning of {project.code}.",
                    category=category,
                    probability=probability,
                    impact=impact,
                    # Every demo risk gets a response below, so any strategy is sound.
                    strategy=rng.choice(
                        ["mitigate", "mitigate", "avoid", "transfer", "accept"]
                    ),
                    owner=team[(index + project.pk) % len(team)],
                    status=status,
                    identified_on=today - timedelta(days=rng.randint(20, 380)),
                )
            )
    Risk.objects.bulk_create(risks, batch_size=5000)
    responses: list[RiskResponse] = []
    for risk in risks:
        due = today + timedelta(days=rng.randint(-360, 120))
        completed = None
        if due <= today:
            roll = rng.random()
            if roll < 0.8:  # mostly on time, some late, a few still open
                completed = due - timedelta(days=rng.randint(0, 10))
            elif roll < 0.92:
                completed = min(today, due + timedelta(days=rng.randint(1, 20)))
        elif rng.random() < 0.2:
            completed = today - timedelta(days=rng.randint(0, 5))
        responses.append(
            RiskResponse(
                risk=risk,
                description=rng.choice(ACTIONS),
                owner=risk.owner,
                due_date=due,
                completed_on=completed,
            )
        )
    RiskResponse.objects.bulk_create(responses, batch_size=5000)
    zone = timezone.get_current_timezone()
    issues: list[Issue] = []
    for project in ctx.new_projects:
        for title, severity in ISSUES:
            day = today - timedelta(days=rng.randint(0, 300))
            reported = datetime.combine(day, time(rng.randint(8, 17)), zone)
            resolved = None
            if rng.random() < 0.8:
                candidate = reported + timedelta(
                    hours=rng.choice([3, 10, 20, 30, 40, 70, 120])
                )
                resolved = candidate if candidate < timezone.now() else None
            owner = rng.choice(team)
            issues.append(
                Issue(
                    project=project,
                    title=title,
                    severity=severity,
                    reported_at=reported,
                    resolved_at=resolved,
                    resolution="Fixed and verified." if resolved else "",
                    owner=owner,
                    reported_by=owner,
                )
            )
        for title, parties in rng.sample(CONFLICTS, 2):
            day = today - timedelta(days=rng.randint(3, 120))
            reported = datetime.combine(day, time(rng.randint(8, 17)), zone)
            resolve_by = day + timedelta(days=settings.CONFLICT_DAYS)
            roll, resolved = rng.random(), None
            if roll < 0.85:  # most settled by the deadline, some late
                done = day + timedelta(days=rng.randint(0, settings.CONFLICT_DAYS))
            elif roll < 0.95:
                done = resolve_by + timedelta(days=rng.randint(1, 6))
            else:
                done = None
            if done is not None and done < today:
                resolved = datetime.combine(done, time(rng.randint(9, 18)), zone)
                resolved = max(resolved, reported + timedelta(hours=1))
            owner = rng.choice(team)
            issues.append(
                Issue(
                    project=project,
                    title=title,
                    severity="medium",
                    category=Issue.Category.CONFLICT,
                    parties=parties,
                    resolve_by=resolve_by,
                    reported_at=reported,
                    resolved_at=resolved,
                    resolution="Agreed in the weekly review; decision minuted."
                    if resolved
                    else "",
                    owner=owner,
                    reported_by=owner,
                )
            )
    Issue.objects.bulk_create(issues, batch_size=5000)
