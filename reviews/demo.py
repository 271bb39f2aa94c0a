"""Demo meetings, action items, feedback and surveys for the new demo projects.

Idempotent: only `ctx.new_projects` (created in this run) get rows, all
written with bulk_create so that ten thousand projects take minutes.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from projects.models import Document, Membership, Project
from reviews.models import (
    ActionItem,
    AgendaItem,
    CustomerSatisfaction,
    Decision,
    Meeting,
    MeetingFeedback,
    TeamCommunication,
)

if TYPE_CHECKING:
    from projects.demo import DemoContext

BATCH = 5000
AGENDA = [
    "Progress since the last meeting",
    "Milestones and forecast dates",
    "Open risks and issues",
    "Budget against actuals",
    "Customer feedback",
    "Change requests awaiting a decision",
    "Staffing for the next phase",
]
RETRO_AGENDA = ["What went well", "What did not go well", "What we will change"]
DECISIONS = [
    "Keep the go-live date; add one tester for two weeks.",
    "Move the data migration dry run one week earlier.",
    "Escalate the licence delay to the steering committee.",
    "Accept the revised test plan.",
    "Freeze the scope of release 1 until acceptance.",
    "Hold a design review before building the reporting module.",
]
FOLLOW_UPS = [
    "Send the updated plan to the customer",
    "Confirm test environment availability with operations",
    "Update the risk register after the vendor call",
    "Prepare the cost forecast for the steering committee",
    "Book the acceptance workshop with the customer",
    "Clarify the open requirements with the product owner",
]
IMPROVEMENTS = [
    "Timebox stand-ups to 15 minutes",
    "Write acceptance criteria before estimating",
    "Automate the deployment to the test environment",
    "Share the weekly status report on Fridays",
    "Pair on code reviews for risky changes",
    "Keep a decision log visible to the whole team",
]
COMMENTS = [
    "Very responsive team, clear communication.",
    "Good progress, but the last release slipped.",
    "We would like more frequent demos.",
    "Excellent support during the migration weekend.",
    "",
]
TEAM_ROLES = {
    Membership.Role.MEMBER,
    Membership.Role.COORDINATOR,
    Membership.Role.FINANCE,
    Membership.Role.QA,
    Membership.Role.RISK_OFFICER,
    Membership.Role.TECH_EXPERT,
    Membership.Role.CONSULTANT,
}


def _aware(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9 + rng.randint(0, 8))))


def _completion(due: date, held: date, today: date, rng: random.Random) -> date | None:
    if due < today:
        roll = rng.random()
        if roll < 0.6:  # on time
            return max(held, due - timedelta(days=rng.randint(0, 5)))
        if roll < 0.8:  # late
            return min(today, due + timedelta(days=rng.randint(1, 12)))
        return None  # overdue
    if rng.random() < 0.25:
        return min(today, max(held, today - timedelta(days=rng.randint(0, 3))))
    return None


def seed(ctx: DemoContext) -> None:
    projects = [p for p in ctx.new_projects if p.status != "cancelled"]
    if not projects:
        return
    rng, today = ctx.rng, ctx.today
    people: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: {"team": [], "all": [], "customers": []}
    )
    for project_id, user_id, role in Membership.objects.filter(
        project__in=projects
    ).values_list("project_id", "user_id", "role"):
        if role != Membership.Role.CUSTOMER_REP:
            people[project_id]["all"].append(user_id)
        else:
            people[project_id]["customers"].append(user_id)
        if role in TEAM_ROLES:
            people[project_id]["team"].append(user_id)

    names = {u.pk: u.get_full_name() for u in ctx.users.values()}
    meetings: list[Meeting] = []
    for project in projects:
        start = max(project.start_date, today - timedelta(days=365))
        span = max((today - start).days, 3)
        kinds = [
            Meeting.Kind.REVIEW,
            Meeting.Kind.RETROSPECTIVE,
            rng.choice([Meeting.Kind.RETROSPECTIVE, Meeting.Kind.STATUS]),
        ]
        for index, kind in enumerate(kinds):
            low, high = span * index // 3, span * (index + 1) // 3 - 1
            held = start + timedelta(days=rng.randint(low, max(low, high)))
            title = {
                Meeting.Kind.REVIEW: "Project review",
                Meeting.Kind.STATUS: "Status meeting",
                Meeting.Kind.RETROSPECTIVE: "Retrospective",
            }[kind]
            meetings.append(
                Meeting(
                    project=project,
                    kind=kind,
                    title=f"{title} {held:%B %Y}",
                    held_on=min(held, today),
                    minutes=(
                        f"{names.get(project.manager_id, 'The manager')} opened. "
                        "The team went through the agenda; the decisions and "
                        "actions below were agreed."
                    ),
                    guests="Customer sponsor" if index == 0 else "",
                    starts_at=time(10, 0) if index else time(14, 0),
                    duration_minutes=60 if index else 90,
                    place="Customer site" if index == 0 else "Meeting room 2",
                    created_by_id=project.manager_id,
                )
            )
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    # Each retrospective's report (as meeting_create makes it), due
    # RETRO_REPORT_DAYS after the meeting, mostly submitted by then.
    reports: list[Document] = []
    for meeting in meetings:
        if meeting.kind != Meeting.Kind.RETROSPECTIVE:
            continue
        due = meeting.held_on + timedelta(days=settings.RETRO_REPORT_DAYS)
        roll, submitted = rng.random(), None
        if roll < 0.88:
            submitted = meeting.held_on + timedelta(days=rng.randint(1, 5))
        elif roll < 0.96:
            submitted = due + timedelta(days=rng.randint(1, 7))
        if submitted is not None and submitted > today:
            submitted = None
        reports.append(
            Document(
                project=meeting.project,
                kind=Document.Kind.RETROSPECTIVE_REPORT,
                title=f"Retrospective report: {meeting.title}",
                due_date=due,
                submitted_on=submitted,
                meeting=meeting.pk,
                url=f"https://intranet.example/retro/{meeting.pk}" if submitted else "",
            )
        )
    Document.objects.bulk_create(reports, batch_size=BATCH)

    attendees, agenda, decisions, actions, feedback = [], [], [], [], []
    Through = Meeting.attendees.through
    for meeting in meetings:
        group = people[meeting.project_id]["all"]
        present = [u for u in group if rng.random() < 0.85] or group[:1]
        attendees.extend(Through(meeting_id=meeting.pk, user_id=u) for u in present)
        if meeting.kind == Meeting.Kind.REVIEW:  # the customer comes to reviews
            attendees.extend(
                Through(meeting_id=meeting.pk, user_id=u)
                for u in people[meeting.project_id]["customers"]
            )
        titles = (
            RETRO_AGENDA
            if meeting.kind == Meeting.Kind.RETROSPECTIVE
            else rng.sample(AGENDA, 4)
        )
        agenda.extend(
            AgendaItem(meeting=meeting, order=n, title=t)
            for n, t in enumerate(titles, start=1)
        )
        decisions.extend(
            Decision(meeting=meeting, description=d) for d in rng.sample(DECISIONS, 2)
        )
        retro = meeting.kind == Meeting.Kind.RETROSPECTIVE
        plan = [(ActionItem.Kind.FOLLOW_UP, t) for t in rng.sample(FOLLOW_UPS, 2)]
        plan += [
            (ActionItem.Kind.IMPROVEMENT, t)
            for t in rng.sample(IMPROVEMENTS, 3 if retro else 1)
        ]
        owners = people[meeting.project_id]["team"] or group
        for kind, text in plan:
            due = meeting.held_on + timedelta(days=rng.randint(7, 45))
            actions.append(
                ActionItem(
                    meeting=meeting,
                    kind=kind,
                    description=text,
                    owner_id=rng.choice(owners) if owners else None,
                    due_date=due,
                    completed_on=_completion(due, meeting.held_on, today, rng),
                )
            )
        for user_id in present:
            if rng.random() < 0.8:
                given = min(
                    _aware(meeting.held_on + timedelta(days=rng.randint(0, 3)), rng),
                    timezone.now(),
                )
                feedback.append(
                    MeetingFeedback(
                        meeting=meeting,
                        attendee_id=user_id,
                        rating=rng.choices([1, 2, 3, 4, 5], [2, 5, 15, 43, 35])[0],
                        created_at=given,
                    )
                )
    Through.objects.bulk_create(attendees, batch_size=BATCH, ignore_conflicts=True)
    AgendaItem.objects.bulk_create(agenda, batch_size=BATCH)
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    ActionItem.objects.bulk_create(actions, batch_size=BATCH)
    MeetingFeedback.objects.bulk_create(
        feedback, batch_size=BATCH, ignore_conflicts=True
    )
    _planned_meeting(projects[0], people[projects[0].pk], today)

    satisfaction, ratings = [], []
    for project in projects:
        start = max(project.start_date, today - timedelta(days=365))
        span = max((today - start).days, 1)
        for _ in range(rng.randint(3, 5)):
            link = rng.random() < 0.6
            satisfaction.append(
                CustomerSatisfaction(
                    project=project,
                    score=max(0, min(100, round(rng.gauss(82, 10)))),
                    responded_on=start + timedelta(days=rng.randint(0, span)),
                    comment=rng.choice(COMMENTS),
                    source=(
                        CustomerSatisfaction.Source.LINK
                        if link
                        else CustomerSatisfaction.Source.LOGGED
                    ),
                    respondent=project.customer if link else "Phone call",
                    logged_by_id=None if link else project.manager_id,
                )
            )
        month = today.replace(day=1)
        for _ in range(12):
            if month < start.replace(day=1):
                break
            for user_id in people[project.pk]["team"]:
                if rng.random() < 0.5:
                    last = (month + timedelta(days=31)).replace(day=1) - timedelta(1)
                    day = month + timedelta(
                        days=rng.randint(0, (min(last, today) - month).days)
                    )
                    ratings.append(
                        TeamCommunication(
                            project=project,
                            rater_id=user_id,
                            rating=rng.choices([2, 3, 4, 5], [5, 20, 45, 30])[0],
                            responded_on=day,
                            period=month,
                        )
                    )
            month = (month - timedelta(days=1)).replace(day=1)
    CustomerSatisfaction.objects.bulk_create(satisfaction, batch_size=BATCH)
    TeamCommunication.objects.bulk_create(
        ratings, batch_size=BATCH, ignore_conflicts=True
    )


def _planned_meeting(
    project: Project, people: dict[str, list[int]], today: date
) -> None:
    """A status meeting next week, with its invitees and a preparation action
    (the demo shows a planned meeting beside the held ones)."""
    meeting = Meeting.objects.create(
        project=project,
        kind=Meeting.Kind.STATUS,
        title="Weekly status",
        held_on=today + timedelta(days=7),
        starts_at=time(9, 30),
        duration_minutes=45,
        place="Meeting room 2",
        created_by_id=project.manager_id,
    )
    meeting.attendees.set(people["all"])
    for order, title in enumerate(["Progress since last week", "Risks"], start=1):
        AgendaItem.objects.create(meeting=meeting, order=order, title=title)
    ActionItem.objects.create(
        meeting=meeting,
        kind=ActionItem.Kind.FOLLOW_UP,
        description="Send the progress figures before the meeting",
        owner_id=project.manager_id,
        due_date=today + timedelta(days=6),
    )
