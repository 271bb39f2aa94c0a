"""The demo company: people, departments and projects (see seed_demo).

Every function here is idempotent: it looks up what exists by natural key
(username, department code, project code) and creates only what is missing,
in bulk, so `seed_demo --projects 10000` takes seconds rather than hours.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import Department, User
from projects.models import Membership, Project

DEMO_PASSWORD = "milepost-demo"  # noqa: S105 - printed for the demo on purpose

DEPARTMENTS = [
    # code, name, parent code
    ("technology", "Technology", None),
    ("platform", "Platform Engineering", "technology"),
    ("delivery", "Customer Delivery", "technology"),
    ("consulting", "Consulting", None),
]

# username, first, last, role group, department code
PEOPLE = [
    ("admin", "Ada", "Admin", roles.ADMIN, None),
    ("director", "Dora", "Diaz", roles.DIRECTOR, "technology"),
    ("paula", "Paula", "Park", roles.PROJECT_MANAGER, "platform"),
    ("peter", "Peter", "Novak", roles.PROJECT_MANAGER, "delivery"),
    ("priya", "Priya", "Shah", roles.PROJECT_MANAGER, "consulting"),
    ("mike", "Mike", "Okafor", roles.MEMBER, "platform"),
    ("mia", "Mia", "Keller", roles.MEMBER, "delivery"),
    ("tom", "Tom", "Berg", roles.MEMBER, "platform"),
    ("fiona", "Fiona", "Lund", roles.MEMBER, "technology"),
    ("rita", "Rita", "Moreau", roles.MEMBER, "delivery"),
    ("quinn", "Quinn", "Adeyemi", roles.MEMBER, "consulting"),
    ("carl", "Carl", "Customer", roles.CUSTOMER, None),
]

PROJECT_NAMES = [
    ("Billing platform migration", "Northwind Traders", "platform"),
    ("Customer portal relaunch", "Contoso Ltd", "delivery"),
    ("Data warehouse consolidation", "Fabrikam Inc", "platform"),
    ("Field service mobile app", "Tailspin Toys", "delivery"),
    ("ERP integration", "Wide World Importers", "consulting"),
    ("Security hardening programme", "Northwind Traders", "platform"),
    ("Analytics self-service", "Adventure Works", "consulting"),
    ("Payment gateway upgrade", "Contoso Ltd", "delivery"),
]
WORDS = [
    "Atlas",
    "Beacon",
    "Cobalt",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Keystone",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orion",
    "Pylon",
]
KINDS = ["migration", "rollout", "integration", "upgrade", "launch", "consolidation"]


# The seeders of the apps (each app registers its demo.seed in AppConfig.ready,
# so they run in INSTALLED_APPS order: lower apps first).
SEEDERS: list[Callable[[DemoContext], None]] = []


def register(seed: Callable[[DemoContext], None]) -> None:
    """Add an app's seeder to `seed_demo` (call from AppConfig.ready())."""
    if seed not in SEEDERS:
        SEEDERS.append(seed)


@dataclass
class DemoContext:
    """What the core seed made, handed to each app's demo.seed()."""

    rng: random.Random
    today: date
    users: dict[str, User]
    departments: dict[str, Department]
    projects: list[Project]
    new_projects: list[Project] = field(default_factory=list)
    skip_kpis: bool = False

    @property
    def team(self) -> list[User]:
        return [u for u in self.users.values() if u.username not in ("admin", "carl")]


def seed_people() -> tuple[dict[str, User], dict[str, Department]]:
    departments: dict[str, Department] = {}
    for code, name, parent in DEPARTMENTS:
        dept, _ = Department.objects.get_or_create(
            code=code, defaults={"name": name, "parent": departments.get(parent or "")}
        )
        departments[code] = dept
    groups = {g.name: g for g in Group.objects.filter(name__in=roles.ALL_ROLES)}
    users: dict[str, User] = {}
    password = make_password(DEMO_PASSWORD)
    for username, first, last, role, dept in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@milepost.example",
                "department": departments.get(dept or ""),
                "password": password,
                "is_staff": role == roles.ADMIN,
                "is_superuser": role == roles.ADMIN,
            },
        )
        if created:
            user.groups.add(groups[role])
        users[username] = user
    return users, departments


def seed_projects(
    count: int,
    users: dict[str, User],
    departments: dict[str, Department],
    rng: random.Random,
) -> tuple[list[Project], list[Project]]:
    """Return (all demo projects, the ones created now)."""
    today = timezone.localdate()
    managers = [users["paula"], users["peter"], users["priya"]]
    codes = [f"PRJ-{n:03d}" for n in range(1, count + 1)]
    existing = set(
        Project.objects.filter(code__in=codes).values_list("code", flat=True)
    )
    fresh: list[Project] = []
    for index, code in enumerate(codes):
        if code in existing:
            continue
        if index < len(PROJECT_NAMES):
            name, customer, dept = PROJECT_NAMES[index]
        else:
            name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {index + 1}"
            customer = rng.choice(PROJECT_NAMES)[1]
            dept = rng.choice(["platform", "delivery", "consulting"])
        start = today - timedelta(days=rng.randint(60, 400))
        target = start + timedelta(days=rng.randint(150, 540))
        status = rng.choices(
            ["active", "planning", "on_hold", "closed", "cancelled"],
            weights=[60, 12, 6, 18, 4],
        )[0]
        if index < 4:
            status = "active"
        fresh.append(
            Project(
                code=code,
                name=name,
                customer=customer,
                department=departments[dept],
                manager=managers[index % len(managers)],
                status=status,
                start_date=start,
                target_date=target,
                objectives=(
                    f"Deliver {name.lower()} for {customer} on time and on budget."
                ),
                scope=f"Analysis, build, test and roll-out of the {name.lower()}.",
                budget=Decimal(rng.randrange(80_000, 1_500_000, 5_000)),
                baselined_on=start + timedelta(days=14)
                if status != "planning"
                else None,
                baselined_at=datetime.combine(
                    start + timedelta(days=14),
                    time(17),
                    timezone.get_current_timezone(),
                )
                if status != "planning"
                else None,
            )
        )
    Project.objects.bulk_create(fresh, batch_size=2000)
    created = list(Project.objects.filter(code__in=[p.code for p in fresh]))
    seed_memberships(created, users, rng)
    return list(Project.objects.filter(code__in=codes)), created


# At bench sizes the company has engineers in proportion to its projects (one
# per four), not the three of the small demo: otherwise three people would own
# 300,000 tasks and log 1,000,000 hours, which no real team does (issue 26).
SMALL_DEMO = 50
PROJECTS_PER_ENGINEER = 4


def seed_engineers(count: int, departments: dict[str, Department]) -> list[User]:
    """Return `count` generated engineers (eng-00001…), creating the missing."""
    names = [f"eng-{n:05d}" for n in range(1, count + 1)]
    existing = set(
        User.objects.filter(username__in=names).values_list("username", flat=True)
    )
    password = make_password(DEMO_PASSWORD)
    teams = [departments[code] for code in ("platform", "delivery", "consulting")]
    User.objects.bulk_create(
        [
            User(
                username=name,
                first_name=WORDS[n % len(WORDS)],
                last_name=f"Engineer {n + 1}",
                email=f"{name}@milepost.example",
                department=teams[n % len(teams)],
                password=password,
            )
            for n, name in enumerate(names)
            if name not in existing
        ],
        batch_size=2000,
    )
    engineers = list(User.objects.filter(username__in=names).order_by("username"))
    group = Group.objects.get(name=roles.MEMBER)
    group.user_set.add(*engineers)
    return engineers


def seed_memberships(
    projects: list[Project], users: dict[str, User], rng: random.Random
) -> None:
    staff = [users[n] for n in ("mike", "mia", "tom")]
    if len(projects) > SMALL_DEMO:
        staff += seed_engineers(
            len(projects) // PROJECTS_PER_ENGINEER,
            {d.code: d for d in Department.objects.all()},
        )
    rows: list[Membership] = []
    for index, project in enumerate(projects):
        rows.append(
            Membership(
                project=project,
                user=project.manager,
                role="manager",
                allocation_percent=30,
            )
        )
        # At bench sizes, beyond the first projects, the team and the finance,
        # risk and QA seats come from the engineers (nobody sits on 10,000
        # projects); before that the demo's specialists take those seats.
        specialists = [users["fiona"], users["rita"], users["quinn"]]
        if index >= SMALL_DEMO:
            *specialists, first, second = rng.sample(staff, 5)
            team = [first, second]
        else:
            team = rng.sample(staff[:3], 2) if index else staff[:3]
        rows.extend(
            Membership(
                project=project,
                user=user,
                role="member",
                allocation_percent=rng.choice([20, 30, 40, 50]),
            )
            for user in team
        )
        rows.extend(
            Membership(project=project, user=user, role=role, allocation_percent=10)
            for user, role in zip(
                specialists, ["finance", "risk_officer", "qa"], strict=True
            )
        )
        if index < 3:
            rows.append(
                Membership(
                    project=project,
                    user=users["carl"],
                    role="customer_rep",
                    allocation_percent=0,
                )
            )
    Membership.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)


# ------------------------------------------------------------ planning data

PHASES = [
    ("Discovery", "Agree scope, requirements and the delivery plan."),
    ("Build", "Design and build the solution in increments."),
    ("Test", "System, integration and user acceptance testing."),
    ("Roll-out", "Migrate, go live and hand over to operations."),
]
REQUIREMENTS = [
    "Single sign-on with the customer directory",
    "Audit trail of every change",
    "Nightly data export",
    "Role-based access for customer staff",
    "Response time under two seconds",
    "Migration of historical records",
    "Accessible user interface (WCAG AA)",
    "Operations runbook and monitoring",
]


def seed(ctx: DemoContext) -> None:
    """Phases, requirements, documents and cost entries for new projects."""
    from projects.models import CostEntry, Document, Phase, Requirement

    rng, today = ctx.rng, ctx.today
    phases: list[Phase] = []
    requirements: list[Requirement] = []
    documents: list[Document] = []
    costs: list[CostEntry] = []
    now = timezone.now()
    for project in ctx.new_projects:
        span = (project.target_date - project.start_date).days
        cuts = [0, int(span * 0.2), int(span * 0.6), int(span * 0.85), span]
        for order, (name, objectives) in enumerate(PHASES):
            phases.append(
                Phase(
                    project=project,
                    name=name,
                    order=order + 1,
                    start_date=project.start_date + timedelta(days=cuts[order]),
                    end_date=project.start_date
                    + timedelta(days=max(cuts[order + 1] - 1, cuts[order])),
                    objectives=objectives,
                )
            )
        for index, title in enumerate(rng.sample(REQUIREMENTS, 6)):
            due = project.start_date + timedelta(days=rng.randint(30, max(span, 31)))
            if index == 0:  # one due in the last quarter, for the scorecards
                due = max(
                    today - timedelta(days=rng.randint(3, 80)),
                    project.start_date + timedelta(days=30),
                )
            # Most requirements were in the approved plan (the baseline is two
            # weeks in); about one in ten came later and was missed by it.
            added_later = rng.random() < 0.1
            created = min(
                project.start_date
                + timedelta(
                    days=rng.randint(15, 60) if added_later else rng.randint(0, 13)
                ),
                today,
            )
            if due < today - timedelta(days=30):
                status = rng.choice(["accepted", "accepted", "delivered", "rejected"])
            elif due < today:
                status = rng.choice(["delivered", "approved", "accepted"])
            else:
                status = rng.choice(["proposed", "approved", "approved"])
            accepted_on = None
            if status == "accepted":  # mostly by the due date, some late
                accepted_on = min(
                    max(due + timedelta(days=rng.randint(-6, 4)), created), today
                )
            requirements.append(
                Requirement(
                    project=project,
                    title=title,
                    acceptance_criteria=f"{title} is demonstrated to the customer.",
                    priority=rng.choice(["low", "medium", "high", "critical"]),
                    status=status,
                    due_date=due,
                    created_at=now - timedelta(days=(today - created).days),
                    accepted_on=accepted_on,
                )
            )
        doc_plan = [
            ("plan", "Project plan", 14),
            ("requirements", "Requirements specification", 30),
            ("risk_report", "Risk report", 90),
        ]
        doc_plan += [
            ("progress_report", f"Progress report {n}", 30 * n) for n in range(1, 5)
        ]
        # The plan is brought up to date each quarter: the latest update due
        # in the last quarter (the first plan may be long past).
        update_offset = (today - project.start_date).days - rng.randint(5, 80)
        if update_offset > 14:
            doc_plan.append(("plan", "Project plan: quarterly update", update_offset))
        for kind, title, offset in doc_plan:
            due = project.start_date + timedelta(days=offset)
            submitted = None
            if due <= today:
                late = rng.random() < 0.15
                missing = rng.random() < 0.07
                if not missing:
                    submitted = min(
                        due
                        + timedelta(
                            days=rng.randint(1, 9) if late else -rng.randint(0, 4)
                        ),
                        today,
                    )
            documents.append(
                Document(
                    project=project,
                    kind=kind,
                    title=title,
                    due_date=due,
                    submitted_on=submitted,
                    url=f"https://intranet.example/docs/{project.code}/{kind}"
                    if submitted
                    else "",
                    review_status=rng.choice(["passed", "passed", "pending", "failed"])
                    if submitted
                    else "pending",
                )
            )
        documents.append(
            Document(
                project=project,
                kind="progress_report",
                title="Weekly status report",
                due_date=project.start_date + timedelta(days=7),
                update_every_days=7,
            )
        )
        spend_until = min(today, project.target_date)
        elapsed_months = max(1, min((spend_until - project.start_date).days // 30, 18))
        total_months = max(1, span // 30)
        burn = float(project.budget) / total_months * rng.uniform(0.7, 1.25)
        for month in range(elapsed_months):
            day = project.start_date + timedelta(days=30 * month + rng.randint(0, 27))
            if day > spend_until:
                break
            for category, share in (
                ("labour", 0.7),
                (rng.choice(["hardware", "software", "services", "travel"]), 0.3),
            ):
                costs.append(
                    CostEntry(
                        project=project,
                        date=day,
                        amount=Decimal(
                            str(round(burn * share * rng.uniform(0.8, 1.2), 2))
                        ),
                        category=category,
                        note=f"{category.title()} {day:%B %Y}",
                    )
                )
    Phase.objects.bulk_create(phases, batch_size=5000)
    Requirement.objects.bulk_create(requirements, batch_size=5000)
    Document.objects.bulk_create(documents, batch_size=5000)
    _seed_versions_and_reviews(ctx, documents)
    CostEntry.objects.bulk_create(costs, batch_size=5000)


def _seed_versions_and_reviews(ctx: DemoContext, documents: list[Any]) -> None:
    """Each submitted document's versions (a weekly report: one a week, now
    and then late) and QA's reviews, a failed one usually followed by a pass."""
    from projects.models import Document, DocumentReview, DocumentVersion

    rng, today = ctx.rng, ctx.today
    qa = ctx.users.get("quinn")
    versions: list[DocumentVersion] = []
    reviews: list[DocumentReview] = []
    weekly: list[Document] = []

    def review(doc: Document, day: date, result: str) -> None:
        doc.review_status = result  # the latest review's result
        reviews.append(
            DocumentReview(
                document=doc,
                reviewer=qa,
                result=result,
                reviewed_on=day,
                comments="" if result == "passed" else "Figures do not add up.",
            )
        )

    for doc in documents:
        if doc.update_every_days:
            weekly.append(doc)
            continue
        if doc.submitted_on is None:
            continue
        versions.append(
            DocumentVersion(
                document=doc,
                number=1,
                url=doc.url,
                submitted_on=doc.submitted_on,
                submitted_by_id=doc.project.manager_id,
            )
        )
        if doc.review_status == "pending":
            continue
        day = min(doc.submitted_on + timedelta(days=rng.randint(1, 4)), today)
        if doc.review_status == "passed" and rng.random() < 0.15:
            review(doc, day, "failed")  # failed first, passed on resubmission
            day = min(day + timedelta(days=rng.randint(1, 3)), today)
        review(doc, day, doc.review_status)
    first_weekly: list[tuple[Document, date]] = []
    for doc in weekly:
        day = max(doc.project.start_date, today - timedelta(days=150))
        number = 0
        while day <= today and (doc.project.status in ("active", "on_hold")):
            number += 1
            url = f"https://intranet.example/docs/{doc.project.code}/weekly/{number}"
            versions.append(
                DocumentVersion(
                    document=doc,
                    number=number,
                    url=url,
                    submitted_on=day,
                    submitted_by_id=doc.project.manager_id,
                )
            )
            if number == 1:
                first_weekly.append((doc, day))
            if number % 3 == 0:
                review(doc, day, "passed" if rng.random() < 0.9 else "failed")
            day += timedelta(days=7 + (rng.randint(1, 3) if rng.random() < 0.1 else 0))
    DocumentVersion.objects.bulk_create(versions, batch_size=5000)
    DocumentReview.objects.bulk_create(reviews, batch_size=5000)
    # A weekly report's first submission; its review status is the latest.
    for doc, day in first_weekly:
        doc.submitted_on = day
        doc.url = f"https://intranet.example/docs/{doc.project.code}/weekly"
    Document.objects.bulk_update(
        [d for d, _day in first_weekly], ["submitted_on", "url", "review_status"]
    )
