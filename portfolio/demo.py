"""Demo report subscriptions: the director's monthly organisation scorecard,
each project manager's weekly progress report of their first project, and
the customer's weekly progress report (idempotent: looked up first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.models import ReportSubscription

if TYPE_CHECKING:
    from projects.demo import DemoContext

Scope = ReportSubscription.ScopeType


def seed(ctx: DemoContext) -> None:
    wanted: list[ReportSubscription] = []
    director = ctx.users.get("director")
    if director:
        wanted.append(
            ReportSubscription(
                user=director,
                report="scorecard",
                scope_type=Scope.ORGANISATION,
                frequency=ReportSubscription.Frequency.MONTHLY,
                day=1,
            )
        )
    first: dict[int, object] = {}
    for project in ctx.projects:
        first.setdefault(project.manager_id, project)
    for username in ("paula", "peter", "priya"):
        user = ctx.users.get(username)
        if user and user.pk in first:
            wanted.append(
                ReportSubscription(
                    user=user,
                    report="progress",
                    scope_type=Scope.PROJECT,
                    project=first[user.pk],
                    frequency=ReportSubscription.Frequency.WEEKLY,
                    day=1,
                )
            )
    carl = ctx.users.get("carl")
    carl_projects = ctx.projects[:1]  # carl is the customer rep of the first three
    if carl and carl_projects:
        wanted.append(
            ReportSubscription(
                user=carl,
                report="progress",
                scope_type=Scope.PROJECT,
                project=carl_projects[0],
                frequency=ReportSubscription.Frequency.WEEKLY,
                day=5,
            )
        )
    existing = set(
        ReportSubscription.objects.values_list("user_id", "report", "project_id")
    )
    for sub in wanted:
        sub.created_by = sub.user
        if (sub.user_id, sub.report, sub.project_id) not in existing:
            sub.save()
