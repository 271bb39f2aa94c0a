"""Demo data of the director's own records (seed_demo): three technical
reviews (one approved with conditions, one awaiting decision, one deferred
and resubmitted), a technical plan with key results and a technology radar,
two standards (one in its second version) and a purchase plan awaiting the
general manager. Idempotent: looks records up by title and creates only
what is missing, through the same services the pages use."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from accounts import roles
from teams import approvals
from teams import engineering_services as services
from teams.demo_part2 import _role_user
from teams.models import (
    PurchasePlan,
    TechnicalReview,
    TechPlan,
    TechStandard,
)

if TYPE_CHECKING:
    from projects.demo import DemoContext

APPROVED = "Move order service to event sourcing · 订单服务改为事件溯源"
WAITING = "Replace the nightly ETL with CDC streams · 用 CDC 流替换夜间 ETL"
DEFERRED = "Adopt a service mesh · 引入服务网格"
PLAN = "2026 technical goals and work plan · 2026年技术目标与工作计划"
PURCHASE = "2026 H2 purchase plan · 2026年下半年采购计划"


def _reviews(ctx: DemoContext) -> None:
    users, today = ctx.users, ctx.today
    director = users["director"]
    project = ctx.projects[0] if ctx.projects else None
    existing = set(TechnicalReview.objects.values_list("title", flat=True))
    if APPROVED not in existing:
        review = services.technical_review_create(
            by=users["paula"],
            data={
                "title": APPROVED,
                "project": project,
                "proposal": "Store order changes as events; rebuild read models "
                "from them.\n\n以事件记录订单变更，由事件重建读模型。",
                "options": "1. Keep CRUD with audit tables 保留 CRUD 与审计表\n"
                "2. Event sourcing 事件溯源",
            },
            reviewers=[users["peter"], users["mike"]],
        )
        review = services.technical_review_submit(review=review, by=users["paula"])
        services.technical_review_decide(
            review=review,
            by=director,
            decision=TechnicalReview.Decision.APPROVED_WITH_CONDITIONS,
            rationale="Sound design; the migration needs a rollback path. "
            "方案合理，迁移需要回退方案。",
            conditions=[
                {
                    "description": "Write the rollback runbook · 编写回退手册",
                    "owner": users["paula"],
                    "due_date": today + timedelta(days=14),
                },
                {
                    "description": "Load-test the event store · 对事件存储做压力测试",
                    "owner": users["mike"],
                    "due_date": today + timedelta(days=21),
                },
            ],
        )
    if WAITING not in existing:
        review = services.technical_review_create(
            by=users["peter"],
            data={
                "title": WAITING,
                "project": ctx.projects[1] if len(ctx.projects) > 1 else None,
                "proposal": "Stream changes with Debezium instead of the nightly "
                "batch.\n\n使用 Debezium 实时同步变更，取代夜间批处理。",
                "options": "Nightly ETL, CDC, dual writes · 夜间 ETL、CDC、双写",
            },
            reviewers=[users["paula"]],
        )
        services.technical_review_submit(review=review, by=users["peter"])
    if DEFERRED not in existing:
        review = services.technical_review_create(
            by=users["priya"],
            data={
                "title": DEFERRED,
                "proposal": "Istio for mTLS and traffic shifting. "
                "用 Istio 实现 mTLS 与流量切换。",
                "options": "Istio, Linkerd, none · Istio、Linkerd、不引入",
            },
        )
        review = services.technical_review_submit(review=review, by=users["priya"])
        review = services.technical_review_decide(
            review=review,
            by=director,
            decision=TechnicalReview.Decision.DEFERRED,
            rationale="Revisit after the Kubernetes upgrade. "
            "待 Kubernetes 升级后再议。",
        )
        review = services.technical_review_update(
            review=review,
            by=users["priya"],
            data={"options": "Linkerd only, lighter · 仅 Linkerd，更轻量"},
        )
        services.technical_review_submit(review=review, by=users["priya"])


def _plan(ctx: DemoContext, gm: object) -> None:
    if TechPlan.objects.filter(title=PLAN).exists():
        return
    director, today = ctx.users["director"], ctx.today
    plan = services.tech_plan_create(
        by=director,
        data={
            "title": PLAN,
            "period_start": today.replace(month=1, day=1),
            "period_end": today.replace(month=12, day=31),
            "summary": "Faster, safer releases. 更快、更安全地发布。",
        },
        objectives=[
            {
                "title": "Release faster · 加快发布",
                "key_results": [
                    {
                        "description": "Deploys per week · 每周部署次数",
                        "target": Decimal(10),
                        "current": Decimal(6),
                        "unit": "×",
                    },
                    {
                        "description": "Services on CI/CD · 接入 CI/CD 的服务",
                        "target": Decimal(40),
                        "current": Decimal(31),
                        "unit": "",
                    },
                ],
            },
            {
                "title": "Fewer incidents · 减少故障",
                "key_results": [
                    {
                        "description": "Test coverage · 测试覆盖率",
                        "target": Decimal(80),
                        "current": Decimal(64),
                        "unit": "%",
                    }
                ],
            },
        ],
        introductions=[
            {"name": "Kubernetes", "quadrant": "platforms", "stage": "adopt"},
            {"name": "Debezium", "quadrant": "tools", "stage": "trial"},
            {"name": "Linkerd", "quadrant": "platforms", "stage": "assess"},
            {"name": "Rust", "quadrant": "languages", "stage": "assess"},
            {
                "name": "Trunk-based development",
                "quadrant": "techniques",
                "stage": "adopt",
            },
            {"name": "Contract testing", "quadrant": "techniques", "stage": "trial"},
            {"name": "Hand-rolled ORM", "quadrant": "languages", "stage": "hold"},
        ],
    )
    plan = services.tech_plan_submit(plan=plan, by=director)
    approvals.approval_decide(record=plan, by=gm, approve=True)  # type: ignore[arg-type]


STANDARDS = [
    # code, title, author, body
    (
        "code-review",
        "Code review standard · 代码评审规范",
        "paula",
        "## Rules 规则\n\n- Every change is reviewed by one other engineer. "
        "每个变更至少一人评审。\n- Reviews answer within one working day. "
        "一个工作日内回复。",
    ),
    (
        "api-design",
        "REST API design standard · REST 接口设计规范",
        "peter",
        "## Resources 资源\n\n- Plural, kebab-case names. 复数、短横线命名。\n"
        "- Errors name the field. 错误需指明字段。",
    ),
]


def _standards(ctx: DemoContext) -> None:
    director, today = ctx.users["director"], ctx.today
    for index, (code, title, author, body) in enumerate(STANDARDS):
        if TechStandard.objects.filter(code=code).exists():
            continue
        owner = ctx.users[author]
        standard = services.tech_standard_create(
            by=owner,
            data={
                "code": code,
                "title": title,
                "body": body,
                # The first is due for review (it shows on the team page).
                "next_review_on": today + timedelta(days=10 if index == 0 else 180),
            },
        )
        standard = services.tech_standard_submit(standard=standard, by=owner)
        standard = services.tech_standard_publish(standard=standard, by=director)
        if index == 1:  # a second version, published: the first is kept
            draft = services.tech_standard_new_version(standard=standard, by=owner)
            draft = services.tech_standard_update(
                standard=draft,
                by=owner,
                data={"body": body + "\n- Version every API. 所有接口需版本化。"},
            )
            draft = services.tech_standard_submit(standard=draft, by=owner)
            services.tech_standard_publish(standard=draft, by=director)


def _purchase(ctx: DemoContext) -> None:
    if PurchasePlan.objects.filter(title=PURCHASE).exists():
        return
    director, today = ctx.users["director"], ctx.today
    plan = services.purchase_plan_create(
        by=director,
        data={
            "title": PURCHASE,
            "period_start": today,
            "period_end": today + timedelta(days=180),
        },
        items=[
            {
                "category": "computers",
                "description": "Developer laptops · 开发笔记本电脑",
                "quantity": 4,
                "unit_cost": Decimal("9800.00"),
                "reason": "Two new hires, two replacements. 两名新员工，两台更换。",
            },
            {
                "category": "software",
                "description": "IDE licences · IDE 许可证",
                "quantity": 12,
                "unit_cost": Decimal("1200.00"),
            },
            {
                "category": "hardware",
                "description": "Test device rack · 测试设备机架",
                "quantity": 1,
                "unit_cost": Decimal("15000.00"),
            },
            {
                "category": "consumables",
                "description": "Cables and adapters · 线缆与转接头",
                "quantity": 30,
                "unit_cost": Decimal("45.00"),
            },
        ],
    )
    services.purchase_plan_submit(plan=plan, by=director)


def seed(ctx: DemoContext) -> None:
    users = ctx.users
    if not all(name in users for name in ("director", "paula", "peter", "priya")):
        return
    gm = _role_user("grace", "Grace", "Gao", roles.GENERAL_MANAGER)
    _reviews(ctx)
    _plan(ctx, gm)
    _standards(ctx)
    _purchase(ctx)
