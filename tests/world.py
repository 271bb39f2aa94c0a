"""A small company with a record of every kind and a user of every role, for
the tests that walk the whole app as each role would (the crawler, the
Chinese pages). Names are Chinese so that any English on a Chinese page
comes from the app, not from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts import roles
from kpis import services as kpi_services
from tests import factories as f
from tests.teams.world import build_team


@dataclass
class World:
    users: dict[str, object]
    project: object


def build() -> World:
    today = timezone.localdate()
    dept = f.DepartmentFactory(name="平台工程部", code="platform")
    people = {
        "admin": f.UserFactory(
            username="admin1",
            first_name="安",
            last_name="管",
            role=roles.ADMIN,
            is_staff=True,
            is_superuser=True,
        ),
        "director": f.UserFactory(
            username="director1", first_name="德", last_name="陈", role=roles.DIRECTOR
        ),
        "manager": f.UserFactory(
            username="pm1", first_name="宝", last_name="王", role=roles.PROJECT_MANAGER
        ),
        "member": f.UserFactory(username="dev1", first_name="明", last_name="李"),
        "finance": f.UserFactory(username="fin1", first_name="芳", last_name="刘"),
        "customer": f.UserFactory(
            username="cust1", first_name="凯", last_name="张", role=roles.CUSTOMER
        ),
        "general_manager": f.UserFactory(
            username="gm1", first_name="国", last_name="赵", role=roles.GENERAL_MANAGER
        ),
        "hr": f.UserFactory(
            username="hr1", first_name="华", last_name="孙", role=roles.HR
        ),
    }
    for user in people.values():
        user.email = f"{user.username}@milepost.example"
        user.department = dept
        user.save()
    project = f.ProjectFactory(
        code="PRJ-100",
        name="计费平台迁移",
        customer="北风贸易",
        department=dept,
        manager=people["manager"],
        start_date=today - timedelta(days=90),
        target_date=today + timedelta(days=200),
        budget=Decimal("500000"),
    )
    f.MembershipFactory(project=project, user=people["manager"], role="manager")
    f.MembershipFactory(project=project, user=people["member"], role="qa")
    f.MembershipFactory(project=project, user=people["finance"], role="finance")
    f.MembershipFactory(project=project, user=people["customer"], role="customer_rep")
    phase = f.PhaseFactory(project=project, name="设计阶段")
    done = f.MilestoneFactory(
        project=project,
        phase=phase,
        name="方案评审",
        planned_date=today - timedelta(days=20),
        completed_on=today - timedelta(days=22),
    )
    late = f.MilestoneFactory(
        project=project,
        phase=phase,
        name="数据迁移",
        planned_date=today - timedelta(days=5),
    )
    late.depends_on.add(done)
    f.RequirementFactory(project=project, title="单点登录", acceptance_criteria="可用")
    f.DocumentFactory(
        project=project, title="项目计划书", due_date=today - timedelta(days=3)
    )
    f.DocumentFactory(
        project=project,
        title="第三周进度报告",
        kind="progress_report",
        due_date=today - timedelta(days=1),
        submitted_on=today - timedelta(days=1),
    )
    f.CostEntryFactory(project=project, note="服务器")
    risk = f.RiskFactory(
        project=project,
        title="供应商延期",
        description="可能延期",
        owner=people["member"],
        probability=4,
        impact=5,
    )
    f.RiskResponseFactory(
        risk=risk,
        description="签订备用合同",
        owner=people["member"],
        due_date=today + timedelta(days=3),
    )
    f.IssueFactory(project=project, title="构建失败", owner=people["member"])
    f.ChangeRequestFactory(
        project=project,
        title="增加报表",
        description="客户要求",
        requested_by=people["customer"],
    )
    meeting = f.MeetingFactory(
        project=project,
        title="第一次评审",
        minutes="已讨论",
        held_on=today - timedelta(days=2),
    )
    meeting.attendees.set([people["manager"], people["member"]])
    f.AgendaItemFactory(meeting=meeting, title="进度")
    f.DecisionFactory(meeting=meeting, description="继续")
    f.ActionItemFactory(
        meeting=meeting,
        description="更新计划",
        owner=people["member"],
        due_date=today + timedelta(days=2),
    )
    f.MeetingFeedbackFactory(meeting=meeting, attendee=people["member"], rating=4)
    f.CustomerSatisfactionFactory(project=project, score=85, respondent="张先生")
    f.TeamCommunicationFactory(project=project, rater=people["member"], rating=4)
    build_team(people, dept)  # the technical team (DESIGN §7)
    kpi_services.snapshots_compute(as_of=today - timedelta(days=1))
    return World(people, project)
