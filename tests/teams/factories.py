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


# ---------------------------------------------- the API matrix's team objects
# (tests/api/resources.py): records about an engineer who reports to the
# project's manager, so that manager is "the writer" of each.


def engineer_of(project):
    return UserFactory(reports_to=project.manager, department=project.department)


def person_for(project):
    return engineer_of(project)


def assessment_for(project):
    return SkillAssessmentFactory(
        person=engineer_of(project), assessed_by=project.manager
    )


def plan_for(project):
    plan = TrainingPlanFactory(owner=project.manager)
    TrainingItemFactory(plan=plan).participants.set([engineer_of(project)])
    return plan


def record_for(project):
    from teams.models import TrainingRecord

    first, second = engineer_of(project), engineer_of(project)
    plan = TrainingPlanFactory(owner=project.manager, state=TrainingPlan.FILED)
    item = TrainingItemFactory(plan=plan)
    item.participants.set([first, second])
    return TrainingRecord.objects.create(item=item, participant=first)


# Part 2 (issue 23): appraisals, recruitment and staff cases, again about (or
# asked for by) the project's manager, who is therefore their writer.


def appraisal_for(project):
    from tests.teams.appraisal_factories import AppraisalFactory

    return AppraisalFactory(person=engineer_of(project), manager=project.manager)


def cycle_for(project):
    return appraisal_for(project).cycle


def scheme_for(project):
    return cycle_for(project).scheme


def position_request_for(project):
    from teams.models import PositionRequest

    return PositionRequest.objects.create(
        department=project.department,
        position=PositionFactory(department=project.department),
        headcount=1,
        reason="A second backend engineer",
        requested_by=project.manager,
    )


def application_for(project):
    from teams.models import Application, Candidate

    candidate = Candidate.objects.create(name="Li Wei", created_by=project.manager)
    return Application.objects.create(
        candidate=candidate, position_request=position_request_for(project)
    )


def candidate_for(project):
    return application_for(project).candidate


def interview_for(project):
    from teams.models import Interview

    interview = Interview.objects.create(
        application=application_for(project),
        round=Interview.Round.FIRST,
        held_on=date(2026, 3, 2),
        recommendation=Interview.Recommendation.HIRE,
        created_by=project.manager,
    )
    interview.interviewers.set([project.manager])
    return interview


def staff_case_for(project):
    from accounts import roles
    from teams.models import StaffActionCase

    manager = project.manager
    manager.reports_to = UserFactory(role=roles.DIRECTOR)  # who confirms
    manager.save(update_fields=["reports_to"])
    return StaffActionCase.objects.create(
        person=engineer_of(project),
        action=StaffActionCase.Action.IMPROVEMENT_PLAN,
        reasons="Missed three releases",
        proposed_by=manager,
        director=manager.reports_to,
    )


# The director's own records (issue 23): authored by the project's manager
# (who may link a review to the project they manage), so they are its writer.


def technical_review_for(project):
    from teams.models import TechnicalReview

    return TechnicalReview.objects.create(
        title="Split the monolith",
        project=project,
        author=project.manager,
        proposal="Extract billing first.",
    )


def tech_plan_for(project):
    from decimal import Decimal

    from teams.models import KeyResult, TechIntroduction, TechObjective, TechPlan

    plan = TechPlan.objects.create(
        title="2026 technical plan",
        owner=project.manager,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    objective = TechObjective.objects.create(plan=plan, title="Release faster")
    KeyResult.objects.create(
        objective=objective, description="Deploys a week", target=Decimal(10)
    )
    TechIntroduction.objects.create(plan=plan, name="Kubernetes", quadrant="platforms")
    return plan


def tech_standard_for(project):
    from teams.models import TechStandard

    return TechStandard.objects.create(
        code=f"std-{project.pk}",
        title="Code review standard",
        owner=project.manager,
        body="Review every change.",
    )


def purchase_plan_for(project):
    from decimal import Decimal

    from django.contrib.auth.models import Group

    from accounts import roles
    from teams.models import PurchaseItem, PurchasePlan

    # A purchase plan is a director's: the project's manager is one here too.
    project.manager.groups.add(Group.objects.get(name=roles.DIRECTOR))
    plan = PurchasePlan.objects.create(
        title="2026 H2 purchases",
        owner=project.manager,
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
    )
    PurchaseItem.objects.create(
        plan=plan,
        category="computers",
        description="Laptops",
        quantity=2,
        unit_cost=Decimal("9000.00"),
    )
    return plan
