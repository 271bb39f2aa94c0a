"""factory-boy factories for every model. Import from here in all tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from accounts import roles
from accounts.models import Department, User
from changes.models import ChangeRequest, MilestoneChange
from kpis.models import KpiDefinition, KpiSnapshot
from milestones.models import Milestone, Task, WorkLog
from projects.models import (
    CostEntry,
    Document,
    DocumentReview,
    DocumentVersion,
    Membership,
    Phase,
    Project,
    Requirement,
)
from reviews.models import (
    ActionItem,
    AgendaItem,
    CustomerSatisfaction,
    Decision,
    Meeting,
    MeetingFeedback,
    TeamCommunication,
)
from risks.models import Issue, Risk, RiskResponse


def today() -> date:
    return timezone.localdate()


class DepartmentFactory(DjangoModelFactory[Department]):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = Sequence(lambda n: f"Department {n}")
    code = Sequence(lambda n: f"dept-{n}")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = Sequence(lambda n: f"User{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pw-for-tests-1")

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        """UserFactory(role="Director") puts the user in that global group;
        without a role the user is a Member, and role="" leaves them in none
        (a user without a role may do nothing: DESIGN §4)."""
        if create and extracted != "":
            self.groups.add(Group.objects.get(name=extracted or roles.MEMBER))


class ProjectFactory(DjangoModelFactory[Project]):
    class Meta:
        model = Project

    code = Sequence(lambda n: f"PRJ-{n + 1:04d}")
    name = Sequence(lambda n: f"Project {n}")
    customer = "Acme Corp"
    department = SubFactory(DepartmentFactory)
    manager = SubFactory(UserFactory, role=roles.PROJECT_MANAGER)
    status = Project.Status.ACTIVE
    start_date = LazyFunction(lambda: today() - timedelta(days=60))
    target_date = LazyFunction(lambda: today() + timedelta(days=120))
    budget = Decimal("100000.00")


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    project = SubFactory(ProjectFactory)
    user = SubFactory(UserFactory)
    role = Membership.Role.MEMBER
    allocation_percent = 50


class PhaseFactory(DjangoModelFactory[Phase]):
    class Meta:
        model = Phase

    project = SubFactory(ProjectFactory)
    name = Sequence(lambda n: f"Phase {n}")
    order = Sequence(lambda n: n + 1)
    start_date = LazyFunction(lambda: today() - timedelta(days=30))
    end_date = LazyFunction(lambda: today() + timedelta(days=30))


class RequirementFactory(DjangoModelFactory[Requirement]):
    class Meta:
        model = Requirement

    project = SubFactory(ProjectFactory)
    title = Sequence(lambda n: f"Requirement {n}")
    acceptance_criteria = "Works as described."


class DocumentFactory(DjangoModelFactory[Document]):
    class Meta:
        model = Document

    project = SubFactory(ProjectFactory)
    kind = Document.Kind.PLAN
    title = Sequence(lambda n: f"Document {n}")
    due_date = LazyFunction(lambda: today() + timedelta(days=7))


class DocumentVersionFactory(DjangoModelFactory[DocumentVersion]):
    class Meta:
        model = DocumentVersion

    document = SubFactory(DocumentFactory)
    number = Sequence(lambda n: n + 1)
    url = Sequence(lambda n: f"https://intranet.example/doc/{n}")
    submitted_on = LazyFunction(today)


class DocumentReviewFactory(DjangoModelFactory[DocumentReview]):
    class Meta:
        model = DocumentReview

    document = SubFactory(DocumentFactory)
    result = DocumentReview.Result.PASSED
    reviewed_on = LazyFunction(today)


class CostEntryFactory(DjangoModelFactory[CostEntry]):
    class Meta:
        model = CostEntry

    project = SubFactory(ProjectFactory)
    date = LazyFunction(today)
    amount = Decimal("1000.00")
    category = CostEntry.Category.LABOUR


class MilestoneFactory(DjangoModelFactory[Milestone]):
    class Meta:
        model = Milestone

    project = SubFactory(ProjectFactory)
    name = Sequence(lambda n: f"Milestone {n}")
    planned_date = LazyFunction(lambda: today() + timedelta(days=30))


class TaskFactory(DjangoModelFactory[Task]):
    class Meta:
        model = Task

    project = SubFactory(ProjectFactory)
    title = Sequence(lambda n: f"Task {n}")
    estimate_hours = Decimal("8.00")


class WorkLogFactory(DjangoModelFactory[WorkLog]):
    """A log as stored (no service rules); the person is put on the team."""

    class Meta:
        model = WorkLog
        skip_postgeneration_save = True

    task = SubFactory(TaskFactory)
    project = factory.LazyAttribute(lambda log: log.task.project)
    user = SubFactory(UserFactory)
    date = LazyFunction(today)
    hours = Decimal("2.00")

    @factory.post_generation
    def on_team(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            Membership.objects.get_or_create(
                project=self.project, user=self.user, defaults={"role": "member"}
            )


class RiskFactory(DjangoModelFactory[Risk]):
    class Meta:
        model = Risk

    project = SubFactory(ProjectFactory)
    title = Sequence(lambda n: f"Risk {n}")
    probability = 3
    impact = 3


class RiskResponseFactory(DjangoModelFactory[RiskResponse]):
    class Meta:
        model = RiskResponse

    risk = SubFactory(RiskFactory)
    description = Sequence(lambda n: f"Response {n}")
    due_date = LazyFunction(lambda: today() + timedelta(days=14))


class IssueFactory(DjangoModelFactory[Issue]):
    class Meta:
        model = Issue

    project = SubFactory(ProjectFactory)
    title = Sequence(lambda n: f"Issue {n}")
    reported_at = LazyFunction(timezone.now)


class ChangeRequestFactory(DjangoModelFactory[ChangeRequest]):
    class Meta:
        model = ChangeRequest

    project = SubFactory(ProjectFactory)
    title = Sequence(lambda n: f"Change {n}")
    requested_by = SubFactory(UserFactory)


class MilestoneChangeFactory(DjangoModelFactory[MilestoneChange]):
    class Meta:
        model = MilestoneChange

    change_request = SubFactory(ChangeRequestFactory)
    milestone = SubFactory(
        MilestoneFactory, project=factory.SelfAttribute("..change_request.project")
    )
    new_planned_date = LazyFunction(lambda: today() + timedelta(days=60))


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    project = SubFactory(ProjectFactory)
    title = Sequence(lambda n: f"Meeting {n}")
    held_on = LazyFunction(today)


class AgendaItemFactory(DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = SubFactory(MeetingFactory)
    title = Sequence(lambda n: f"Agenda item {n}")
    order = Sequence(lambda n: n + 1)


class DecisionFactory(DjangoModelFactory[Decision]):
    class Meta:
        model = Decision

    meeting = SubFactory(MeetingFactory)
    description = Sequence(lambda n: f"Decision {n}")


class ActionItemFactory(DjangoModelFactory[ActionItem]):
    class Meta:
        model = ActionItem

    meeting = SubFactory(MeetingFactory)
    description = Sequence(lambda n: f"Action {n}")
    due_date = LazyFunction(lambda: today() + timedelta(days=7))


class MeetingFeedbackFactory(DjangoModelFactory[MeetingFeedback]):
    class Meta:
        model = MeetingFeedback

    meeting = SubFactory(MeetingFactory)
    attendee = SubFactory(UserFactory)
    rating = 4


class CustomerSatisfactionFactory(DjangoModelFactory[CustomerSatisfaction]):
    class Meta:
        model = CustomerSatisfaction

    project = SubFactory(ProjectFactory)
    score = 85
    responded_on = LazyFunction(today)


class TeamCommunicationFactory(DjangoModelFactory[TeamCommunication]):
    class Meta:
        model = TeamCommunication

    project = SubFactory(ProjectFactory)
    rater = SubFactory(UserFactory)
    rating = 4
    responded_on = LazyFunction(today)


class KpiDefinitionFactory(DjangoModelFactory[KpiDefinition]):
    class Meta:
        model = KpiDefinition
        django_get_or_create = ("code",)

    code = Sequence(lambda n: f"kpi_{n}")
    label = Sequence(lambda n: f"KPI {n}")
    unit = KpiDefinition.Unit.RATE
    direction = KpiDefinition.Direction.AT_LEAST
    target = Decimal("0.9")


class KpiSnapshotFactory(DjangoModelFactory[KpiSnapshot]):
    class Meta:
        model = KpiSnapshot

    kpi = SubFactory(KpiDefinitionFactory)
    scope_type = KpiSnapshot.ScopeType.ORGANISATION
    scope_id = None
    scope_key = factory.LazyAttribute(lambda s: s.scope_id or 0)
    as_of = LazyFunction(today)
    numerator = Decimal(9)
    denominator = Decimal(10)
    value = Decimal("0.9")
    target = Decimal("0.9")
    status = KpiSnapshot.Status.MET


class SurveyInvitationFactory(DjangoModelFactory["SurveyInvitation"]):
    class Meta:
        model = "reviews.SurveyInvitation"

    project = SubFactory(ProjectFactory)
    email = Sequence(lambda n: f"customer{n}@example.com")
    expires_at = LazyFunction(lambda: timezone.now() + timedelta(days=14))
