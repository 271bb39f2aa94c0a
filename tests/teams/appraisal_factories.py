"""Factories of appraisals (teams part 2)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from factory import LazyAttribute, LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from accounts import roles
from teams.models.appraisals import (
    Appraisal,
    AppraisalCriterion,
    AppraisalCycle,
    AppraisalScheme,
    ImprovementAction,
)
from tests.factories import UserFactory, today


class AppraisalSchemeFactory(DjangoModelFactory[AppraisalScheme]):
    class Meta:
        model = AppraisalScheme

    name = Sequence(lambda n: f"Scheme {n}")
    author = SubFactory(UserFactory, role=roles.DIRECTOR)
    scale_min = 1
    scale_max = 5
    state = AppraisalScheme.APPROVED


class AppraisalCriterionFactory(DjangoModelFactory[AppraisalCriterion]):
    class Meta:
        model = AppraisalCriterion

    scheme = SubFactory(AppraisalSchemeFactory)
    name = Sequence(lambda n: f"Criterion {n}")
    weight = Decimal(50)


class AppraisalCycleFactory(DjangoModelFactory[AppraisalCycle]):
    class Meta:
        model = AppraisalCycle

    name = Sequence(lambda n: f"Cycle {n}")
    scheme = SubFactory(AppraisalSchemeFactory)
    period_start = LazyFunction(lambda: today() - timedelta(days=180))
    period_end = LazyFunction(lambda: today() - timedelta(days=1))
    self_review_due = LazyFunction(lambda: today() + timedelta(days=7))
    manager_review_due = LazyFunction(lambda: today() + timedelta(days=14))
    calibration_due = LazyFunction(lambda: today() + timedelta(days=21))
    feedback_due = LazyFunction(lambda: today() + timedelta(days=28))
    created_by = LazyAttribute(lambda c: c.scheme.author)


class AppraisalFactory(DjangoModelFactory[Appraisal]):
    class Meta:
        model = Appraisal

    cycle = SubFactory(AppraisalCycleFactory)
    person = SubFactory(UserFactory)
    manager = LazyAttribute(lambda a: a.person.reports_to)


class ImprovementActionFactory(DjangoModelFactory[ImprovementAction]):
    class Meta:
        model = ImprovementAction

    appraisal = SubFactory(AppraisalFactory)
    description = Sequence(lambda n: f"Improve {n}")
    owner = LazyAttribute(lambda a: a.appraisal.person)
    due_date = LazyFunction(lambda: today() + timedelta(days=30))
