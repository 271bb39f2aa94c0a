"""Factories of team records (DESIGN §7)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from factory import Sequence, SubFactory
from factory.django import DjangoModelFactory

from teams.models import (
    Position,
    Skill,
    SkillAssessment,
    SkillCategory,
    TrainingItem,
    TrainingPlan,
)
from tests.factories import UserFactory


class SkillCategoryFactory(DjangoModelFactory[SkillCategory]):
    class Meta:
        model = SkillCategory
        django_get_or_create = ("name",)

    name = Sequence(lambda n: f"Category {n}")


class SkillFactory(DjangoModelFactory[Skill]):
    class Meta:
        model = Skill

    category = SubFactory(SkillCategoryFactory)
    name = Sequence(lambda n: f"Skill {n}")


class PositionFactory(DjangoModelFactory[Position]):
    class Meta:
        model = Position

    title = Sequence(lambda n: f"Position {n}")


class SkillAssessmentFactory(DjangoModelFactory[SkillAssessment]):
    class Meta:
        model = SkillAssessment

    person = SubFactory(UserFactory)
    skill = SubFactory(SkillFactory)
    level = 3
    assessed_by = SubFactory(UserFactory)
    source = SkillAssessment.Source.MANAGER


class TrainingPlanFactory(DjangoModelFactory[TrainingPlan]):
    class Meta:
        model = TrainingPlan

    owner = SubFactory(UserFactory)
    title = Sequence(lambda n: f"Training plan {n}")
    period_start = date(2026, 1, 1)
    period_end = date(2026, 6, 30)


class TrainingItemFactory(DjangoModelFactory[TrainingItem]):
    class Meta:
        model = TrainingItem
        skip_postgeneration_save = True

    plan = SubFactory(TrainingPlanFactory)
    topic = Sequence(lambda n: f"Course {n}")
    planned_on = date(2026, 3, 1)
    hours = Decimal(8)
    cost = Decimal(500)


def plus_days(day: date, n: int) -> date:
    return day + timedelta(days=n)
