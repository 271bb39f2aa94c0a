"""Demo data of part 2 of the team (seed_demo): an appraisal cycle in
progress on an approved scheme tied to KPIs, two open position requests with
candidates at different stages, and a staff case. Idempotent: looks records
up by name and creates only what is missing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from kpis.models import KpiDefinition
from teams import appraisal_services, approvals
from teams.models import (
    Application,
    AppraisalCycle,
    AppraisalScheme,
    AppraisalScore,
    Candidate,
    ImprovementAction,
    Position,
    PositionRequest,
    StaffActionCase,
)

if TYPE_CHECKING:
    from projects.demo import DemoContext

SCHEME = "Engineering appraisal 2026 · 2026年工程师绩效考核"
CYCLE = "2026 H2 appraisal · 2026年下半年绩效考核"
LINES = {  # who reports to whom in the demo company
    "paula": "director",
    "peter": "director",
    "priya": "director",
    "mike": "paula",
    "tom": "paula",
    "fiona": "paula",
    "mia": "peter",
    "rita": "peter",
    "quinn": "priya",
}
DUTIES = "Design, build and run services. 设计、开发并运维服务。"
QUALIFICATIONS = "3+ years; Python or Java. 三年以上经验，熟悉 Python 或 Java。"
CRITERIA = [
    # name, weight, KPI code
    ("On-time delivery · 按时交付", 40, "on_time_delivery"),
    ("Customer satisfaction · 客户满意度", 20, "customer_satisfaction"),
    ("Technical quality · 技术质量", 20, None),
    ("Teamwork and communication · 团队协作与沟通", 20, None),
]


def _role_user(username: str, first: str, last: str, role: str) -> User:
    """The first user holding role, else a demo one."""
    found = (
        User.objects.filter(groups__name=role, is_active=True).order_by("pk").first()
    )
    if found is not None:
        return found
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@milepost.example",
            "password": make_password("milepost-demo"),
        },
    )
    if created:
        user.groups.add(Group.objects.get(name=role))
    return user


def _lines(ctx: DemoContext) -> None:
    users = ctx.users
    for name, boss in LINES.items():
        if name in users and boss in users and users[name].reports_to_id is None:
            users[name].reports_to = users[boss]
            users[name].save(update_fields=["reports_to"])
    technology = ctx.departments.get("technology")
    if technology is not None and technology.head_id is None and "director" in users:
        technology.head = users["director"]
        technology.save(update_fields=["head"])


def _scheme(director: User, hr: User, gm: User) -> AppraisalScheme:
    scheme = AppraisalScheme.objects.filter(name=SCHEME).first()
    if scheme is not None:
        return scheme
    kpis = {k.code: k for k in KpiDefinition.objects.all()}
    scheme = appraisal_services.appraisal_scheme_create(
        by=director,
        data={
            "name": SCHEME,
            "description": "Half-yearly; 1 = far below, 5 = far above expectations. "
            "半年一次；1 = 远低于预期，5 = 远超预期。",
            "scale_min": 1,
            "scale_max": 5,
        },
        criteria=[
            {"name": n, "weight": Decimal(w), "kpi": kpis.get(code or "")}
            for n, w, code in CRITERIA
        ],
    )
    scheme = approvals.approval_submit(record=scheme, by=director)
    scheme = approvals.approval_decide(record=scheme, by=hr, approve=True, comment="OK")
    return approvals.approval_decide(record=scheme, by=gm, approve=True)


def _cycle(ctx: DemoContext, scheme: AppraisalScheme, director: User) -> None:
    if AppraisalCycle.objects.filter(name=CYCLE).exists():
        return
    today = ctx.today
    cycle = appraisal_services.appraisal_cycle_create(
        by=director,
        data={
            "name": CYCLE,
            "scheme": scheme,
            "period_start": today - timedelta(days=180),
            "period_end": today - timedelta(days=1),
            "self_review_due": today + timedelta(days=2),
            "manager_review_due": today + timedelta(days=9),
            "calibration_due": today + timedelta(days=16),
            "feedback_due": today + timedelta(days=23),
        },
        people=[ctx.users[name] for name in LINES if name in ctx.users],
    )
    criteria = list(scheme.criteria.all())
    by_person = {
        a.person.username: a for a in cycle.appraisals.select_related("person")
    }
    # Some steps taken already, to show every stage.
    progress = {
        "mike": ("manager_review", [4, 4, 3, 4], None),
        "tom": ("calibration", [3, 4, 4, 3], [3, 3, 4, 3]),
        "mia": ("calibration", [4, 5, 4, 4], [5, 5, 4, 5]),
        "paula": ("feedback", [4, 4, 4, 5], [4, 3, 4, 4]),
        "peter": ("closed", [3, 4, 3, 4], [3, 3, 3, 4]),
    }
    for name, (stage, own, managers) in progress.items():
        appraisal = by_person.get(name)
        if appraisal is None:
            continue
        AppraisalScore.objects.bulk_create(
            [
                AppraisalScore(
                    appraisal=appraisal,
                    criterion=c,
                    self_score=own[i],
                    manager_score=managers[i] if managers else None,
                )
                for i, c in enumerate(criteria)
            ]
        )
        appraisal.stage = stage
        appraisal.self_comment = "Delivered the planned releases. 按计划完成了发布。"
        appraisal.self_submitted_at = appraisal.cycle.created_at
        if managers:
            appraisal.manager_score = appraisal_services.weighted_score(
                criteria, {c.pk: managers[i] for i, c in enumerate(criteria)}
            )
            appraisal.manager_comment = "Solid half-year. 表现稳定。"
            appraisal.manager_submitted_at = appraisal.cycle.created_at
        if stage in ("feedback", "closed"):
            appraisal.final_score = appraisal.manager_score
            appraisal.calibrated_by = director
            appraisal.calibrated_at = appraisal.cycle.created_at
        if stage == "closed":
            appraisal.feedback_held_on = ctx.today
            appraisal.feedback_note = "Agreed a mentoring goal. 约定了辅导目标。"
        appraisal.save()
    for name, text in (
        (
            "peter",
            "Monthly risk review with each customer rep · 每月与客户代表进行风险评审",
        ),
        ("paula", "Pair with Tom on estimates for Q1 · 与 Tom 结对做第一季度估算"),
    ):
        appraisal = by_person.get(name)
        if appraisal is not None:
            ImprovementAction.objects.create(
                appraisal=appraisal,
                description=text,
                owner=appraisal.person,
                due_date=ctx.today + timedelta(days=45),
            )


def _hiring(ctx: DemoContext, gm: User, hr: User) -> None:
    users, departments = ctx.users, ctx.departments
    wanted = [
        (
            "paula",
            "platform",
            "Backend engineer · 后端工程师",
            2,
            "Billing migration needs two engineers. 计费迁移需要两名工程师。",
            [
                ("李伟 Li Wei", "final_interview"),
                ("Jonas Berg", "first_interview"),
                ("王芳 Wang Fang", "screening"),
            ],
        ),
        (
            "peter",
            "delivery",
            "QA engineer · 测试工程师",
            1,
            "Customer portal relaunch lacks test coverage. 客户门户改版缺少测试覆盖。",
            [("Ana Souza", "offer"), ("陈静 Chen Jing", "new")],
        ),
    ]
    for requester, dept, title, headcount, reason, candidates in wanted:
        if requester not in users or dept not in departments:
            continue
        if PositionRequest.objects.filter(position__title=title).exists():
            continue
        position, _created = Position.objects.get_or_create(
            title=title,
            department=departments[dept],
            defaults={
                "responsibilities": DUTIES,
                "qualifications": QUALIFICATIONS,
            },
        )
        request = PositionRequest.objects.create(
            department=departments[dept],
            position=position,
            headcount=headcount,
            reason=reason,
            requested_by=users[requester],
            responsibilities=position.responsibilities,
            qualifications=position.qualifications,
        )
        request = approvals.approval_submit(record=request, by=users[requester])
        request = approvals.approval_decide(
            record=request, by=users["director"], approve=True
        )
        request = approvals.approval_decide(record=request, by=gm, approve=True)
        for name, stage in candidates:
            candidate = Candidate.objects.create(
                name=name, source="Referral · 内部推荐", created_by=hr
            )
            Application.objects.create(
                candidate=candidate, position_request=request, stage=stage
            )


def _staff_case(ctx: DemoContext) -> None:
    users = ctx.users
    if StaffActionCase.objects.exists() or not {"peter", "rita"} <= users.keys():
        return
    case = StaffActionCase.objects.create(
        person=users["rita"],
        action=StaffActionCase.Action.IMPROVEMENT_PLAN,
        reasons="Risk reviews missed in three of the last four months. "
        "近四个月中有三个月未进行风险评审。",
        proposed_by=users["peter"],
        director=users.get("director"),
    )
    approvals.approval_submit(record=case, by=users["peter"])


def seed(ctx: DemoContext) -> None:
    if "director" not in ctx.users:
        return
    _lines(ctx)
    director = ctx.users["director"]
    gm = _role_user("grace", "Grace", "Gao", roles.GENERAL_MANAGER)
    hr = _role_user("helen", "Helen", "He", roles.HR)
    scheme = _scheme(director, hr, gm)
    _cycle(ctx, scheme, director)
    _hiring(ctx, gm, hr)
    _staff_case(ctx)
