"""The technical team in tests/world.py's company (Chinese names): a line
director ← project manager ← member/finance, a position, skills, assessments
and a training plan waiting on the director."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from teams import approvals
from teams.models import Person, PositionSkill, SkillAssessment, TrainingRecord
from tests.teams.factories import (
    PositionFactory,
    SkillCategoryFactory,
    SkillFactory,
    TrainingItemFactory,
    TrainingPlanFactory,
)


def build_team(people: dict[str, object], dept: object) -> None:
    today = timezone.localdate()
    director, manager = people["director"], people["manager"]
    dept.head = director
    dept.save()
    for name, boss in (
        ("manager", director),
        ("member", manager),
        ("finance", manager),
    ):
        people[name].reports_to = boss
        people[name].save()
    category = SkillCategoryFactory(name="编程语言")
    python = SkillFactory(category=category, name="Python 编程")
    sql = SkillFactory(category=SkillCategoryFactory(name="数据"), name="数据库设计")
    position = PositionFactory(
        title="后端工程师",
        department=dept,
        responsibilities="开发服务",
        qualifications="本科",
    )
    PositionSkill.objects.create(position=position, skill=python, min_level=3)
    Person.objects.create(user=people["member"], position=position)
    for skill, level in ((python, 2), (sql, 3)):
        SkillAssessment.objects.create(
            person=people["member"],
            skill=skill,
            level=level,
            assessed_by=manager,
            source=SkillAssessment.Source.MANAGER,
            assessed_on=today - timedelta(days=30),
        )
    SkillAssessment.objects.create(
        person=people["member"],
        skill=python,
        level=4,
        assessed_by=people["member"],
        source=SkillAssessment.Source.SELF,
    )
    done = TrainingPlanFactory(owner=manager, title="上半年培训计划", state="filed")
    item = TrainingItemFactory(
        plan=done,
        topic="数据库性能调优",
        skill=sql,
        target_level=4,
        planned_on=today - timedelta(days=10),
        hours=Decimal(8),
    )
    item.participants.set([people["member"]])
    TrainingRecord.objects.create(
        item=item,
        participant=people["member"],
        attended=True,
        hours=Decimal(8),
        result="通过",
        completed_on=today - timedelta(days=9),
        feedback=5,
        proposed_level=4,
    )
    plan = TrainingPlanFactory(owner=manager, title="下半年培训计划")
    TrainingItemFactory(
        plan=plan,
        topic="Python 进阶",
        skill=python,
        target_level=3,
        planned_on=today + timedelta(days=20),
    ).participants.set([people["member"], people["finance"]])
    approvals.approval_submit(record=plan, by=manager)
