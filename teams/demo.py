"""The technical department of the demo company (seed_demo): the technical
director heading Technology, two team leads, a dozen engineers with
positions and assessed skills, a general manager, an HR officer, and two
training plans at different steps of their approval chain.

Idempotent: people are found by username, plans by title.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from projects.demo import DEMO_PASSWORD
from teams import approvals
from teams.models import (
    Person,
    Position,
    PositionSkill,
    Skill,
    SkillAssessment,
    SkillCategory,
    TrainingItem,
    TrainingPlan,
    TrainingRecord,
)

if TYPE_CHECKING:
    from projects.demo import DemoContext

SKILLS = {
    "Languages and frameworks": ["Python", "Django", "JavaScript", "React"],
    "Data": ["PostgreSQL", "Data modelling"],
    "Operations": ["Linux", "Kubernetes", "CI/CD"],
    "Engineering practice": ["Code review", "Automated testing", "Accessibility"],
    "Leadership": ["People leadership", "Estimation"],
}
POSITIONS = {
    # title: (department code, responsibilities, qualifications, {skill: min})
    "Backend engineer": (
        "platform",
        "Builds and runs the services behind our products; reviews code; "
        "keeps the test suite green.",
        "Degree in computer science or equivalent experience; 2+ years of Python.",
        {"Python": 3, "Django": 3, "PostgreSQL": 3, "Automated testing": 2},
    ),
    "Frontend engineer": (
        "delivery",
        "Builds accessible, fast user interfaces with the product team.",
        "2+ years of JavaScript; a portfolio of shipped interfaces.",
        {"JavaScript": 3, "React": 3, "Accessibility": 2, "Automated testing": 2},
    ),
    "DevOps engineer": (
        "platform",
        "Runs the build, deployment and monitoring of every service.",
        "Linux administration; one container orchestrator in production.",
        {"Linux": 3, "Kubernetes": 3, "CI/CD": 3},
    ),
    "Team lead": (
        "technology",
        "Leads a team of engineers: plans work, proposes training, assesses skills.",
        "5+ years of engineering; has led a team or a large project.",
        {"People leadership": 3, "Code review": 4, "Estimation": 3},
    ),
}
# username, first name, last name, role, department, reports to, position
# (a Chinese name is written whole, family name first, as its last name)
PEOPLE = [
    ("grace", "Grace", "Liang", roles.GENERAL_MANAGER, None, None, None),
    ("helen", "", "周海伦", roles.HR, None, None, None),
    ("lena", "Lena", "Fischer", roles.MEMBER, "platform", "director", "Team lead"),
    ("wangwei", "", "王伟", roles.MEMBER, "delivery", "director", "Team lead"),
    ("mike", "", "", None, "platform", "lena", "Backend engineer"),
    ("tom", "", "", None, "platform", "lena", "DevOps engineer"),
    ("lina", "", "李娜", roles.MEMBER, "platform", "lena", "Backend engineer"),
    ("omar", "Omar", "Haddad", roles.MEMBER, "platform", "lena", "Backend engineer"),
    ("chenjie", "", "陈杰", roles.MEMBER, "platform", "lena", "DevOps engineer"),
    ("sofia", "Sofia", "Rossi", roles.MEMBER, "platform", "lena", "Backend engineer"),
    ("mia", "", "", None, "delivery", "wangwei", "Frontend engineer"),
    ("rita", "", "", None, "delivery", "wangwei", "Frontend engineer"),
    ("zhangmin", "", "张敏", roles.MEMBER, "delivery", "wangwei", "Frontend engineer"),
    ("liuyang", "", "刘洋", roles.MEMBER, "delivery", "wangwei", "Frontend engineer"),
    ("ana", "Ana", "Costa", roles.MEMBER, "delivery", "wangwei", "Frontend engineer"),
    ("ben", "Ben", "Carter", roles.MEMBER, "delivery", "wangwei", "Backend engineer"),
]


def _skills() -> dict[str, Skill]:
    found: dict[str, Skill] = {}
    for order, (category_name, names) in enumerate(SKILLS.items()):
        category, _c = SkillCategory.objects.get_or_create(
            name=category_name, defaults={"order": order}
        )
        for name in names:
            found[name], _s = Skill.objects.get_or_create(category=category, name=name)
    return found


def _positions(ctx: DemoContext, skills: dict[str, Skill]) -> dict[str, Position]:
    found: dict[str, Position] = {}
    for title, (dept, duties, qualifications, required) in POSITIONS.items():
        position, created = Position.objects.get_or_create(
            title=title,
            defaults={
                "department": ctx.departments.get(dept),
                "responsibilities": duties,
                "qualifications": qualifications,
            },
        )
        if created:
            PositionSkill.objects.bulk_create(
                PositionSkill(position=position, skill=skills[name], min_level=level)
                for name, level in required.items()
            )
        found[title] = position
    return found


def _people(ctx: DemoContext, positions: dict[str, Position]) -> dict[str, User]:
    users = dict(ctx.users)
    groups = {g.name: g for g in Group.objects.filter(name__in=roles.ALL_ROLES)}
    password = make_password(DEMO_PASSWORD)
    rng = ctx.rng
    for username, first, last, role, dept, manager, title in PEOPLE:
        user = users.get(username) or User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@milepost.example",
                password=password,
                department=ctx.departments.get(dept or ""),
            )
            user.groups.add(groups[role or roles.MEMBER])
        if user.reports_to_id is None and manager:
            user.reports_to = users[manager]
            user.hired_on = user.hired_on or ctx.today - timedelta(
                days=rng.randint(200, 2400)
            )
            user.save(update_fields=["reports_to", "hired_on"])
        if title:
            Person.objects.get_or_create(
                user=user, defaults={"position": positions[title]}
            )
        users[username] = user
    technology = ctx.departments.get("technology")
    for code in ("technology", "platform", "delivery"):
        department = ctx.departments.get(code)
        if department is not None and department.head_id is None:
            department.head = users["director"]
            department.save(update_fields=["head"])
    if technology is not None and users["director"].department_id is None:
        users["director"].department = technology
        users["director"].save(update_fields=["department"])
    return users


def _assessments(
    ctx: DemoContext, users: dict[str, User], skills: dict[str, Skill]
) -> None:
    if SkillAssessment.objects.exists():
        return
    rng = ctx.rng
    rows = []
    for username, _f, _l, _r, _d, manager, title in PEOPLE:
        if not manager or not title:
            continue
        person, assessor = users[username], users[manager]
        required = POSITIONS[title][3]
        extra = rng.sample(sorted(set(skills) - set(required)), 2)
        for name in [*required, *extra]:
            target = required.get(name, 2)
            level = max(1, min(5, target + rng.choice([-2, -1, -1, 0, 0, 1])))
            # Two or three assessments over the last year, rising to `level`.
            steps = rng.choice([2, 3])
            rows.extend(
                SkillAssessment(
                    person=person,
                    skill=skills[name],
                    level=max(1, level - back),
                    assessed_on=ctx.today - timedelta(days=120 * back + 10),
                    assessed_by=assessor,
                    source=SkillAssessment.Source.MANAGER,
                )
                for back in range(steps - 1, -1, -1)
            )
            if rng.random() < 0.3:
                rows.append(
                    SkillAssessment(
                        person=person,
                        skill=skills[name],
                        level=min(5, level + 1),
                        assessed_on=ctx.today - timedelta(days=5),
                        assessed_by=person,
                        source=SkillAssessment.Source.SELF,
                        note="Self-assessment before the review.",
                    )
                )
    rows.extend(
        SkillAssessment(
            person=users[lead],
            skill=skills[name],
            level=min(5, level + rng.choice([-1, 0, 0, 1])),
            assessed_on=ctx.today - timedelta(days=40),
            assessed_by=users["director"],
            source=SkillAssessment.Source.MANAGER,
        )
        for name, level in POSITIONS["Team lead"][3].items()
        for lead in ("lena", "wangwei")
    )
    SkillAssessment.objects.bulk_create(rows)


def _plans(ctx: DemoContext, users: dict[str, User], skills: dict[str, Skill]) -> None:
    year = ctx.today.year
    filed_title = f"Backend team training {year}"
    if not TrainingPlan.objects.filter(title=filed_title).exists():
        plan = TrainingPlan.objects.create(
            owner=users["lena"],
            title=filed_title,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            note="Close the PostgreSQL and testing gaps the matrix shows.",
        )
        sql = TrainingItem.objects.create(
            plan=plan,
            topic="PostgreSQL performance tuning",
            skill=skills["PostgreSQL"],
            target_level=3,
            planned_on=ctx.today - timedelta(days=20),
            hours=Decimal(16),
            cost=Decimal(1200),
        )
        sql.participants.set([users["mike"], users["lina"], users["omar"]])
        k8s = TrainingItem.objects.create(
            plan=plan,
            topic="Kubernetes administration (CKA)",
            skill=skills["Kubernetes"],
            target_level=4,
            planned_on=ctx.today + timedelta(days=45),
            hours=Decimal(24),
            cost=Decimal(2400),
        )
        k8s.participants.set([users["tom"], users["chenjie"]])
        plan = approvals.approval_submit(record=plan, by=users["lena"])
        for by in ("director", "grace", "helen"):
            plan = approvals.approval_decide(record=plan, by=users[by], approve=True)
        completed = ctx.today - timedelta(days=18)
        TrainingRecord.objects.create(
            item=sql,
            participant=users["mike"],
            attended=True,
            hours=Decimal(16),
            result="Passed the final exercise",
            completed_on=completed,
            feedback=5,
            proposed_level=3,
        )
        TrainingRecord.objects.create(
            item=sql,
            participant=users["lina"],
            attended=True,
            hours=Decimal(12),
            result="Missed the last session",
            feedback=4,
        )
    submitted_title = f"Frontend team training Q{(ctx.today.month - 1) // 3 + 1} {year}"
    if not TrainingPlan.objects.filter(title=submitted_title).exists():
        plan = TrainingPlan.objects.create(
            owner=users["wangwei"],
            title=submitted_title,
            period_start=ctx.today,
            period_end=ctx.today + timedelta(days=90),
            note="Accessibility first: two audits failed last quarter.",
        )
        a11y = TrainingItem.objects.create(
            plan=plan,
            topic="Web accessibility (WCAG 2.2) workshop",
            skill=skills["Accessibility"],
            target_level=3,
            planned_on=ctx.today + timedelta(days=30),
            hours=Decimal(8),
            cost=Decimal(900),
        )
        a11y.participants.set(
            [users["mia"], users["rita"], users["zhangmin"], users["ana"]]
        )
        tests = TrainingItem.objects.create(
            plan=plan,
            topic="Testing React components",
            skill=skills["Automated testing"],
            target_level=3,
            planned_on=ctx.today + timedelta(days=60),
            hours=Decimal(12),
            cost=Decimal(600),
        )
        tests.participants.set([users["liuyang"], users["ana"]])
        approvals.approval_submit(record=plan, by=users["wangwei"])


def seed(ctx: DemoContext) -> None:
    skills = _skills()
    positions = _positions(ctx, skills)
    users = _people(ctx, positions)
    _assessments(ctx, users, skills)
    _plans(ctx, users, skills)
