"""Reads of the reviews app used by its views, API and other apps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Avg,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from reviews.models import ActionItem, Meeting, MeetingFeedback, TeamCommunication

if TYPE_CHECKING:
    from accounts.models import User
    from projects.models import Project


def _count(qs: QuerySet[Any]) -> Subquery:
    return Coalesce(
        Subquery(
            qs.order_by().values("meeting").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def meetings_with_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Annotate action item counts and the mean rating without row multiplication."""
    items = ActionItem.objects.filter(meeting=OuterRef("pk"))
    ratings = MeetingFeedback.objects.filter(meeting=OuterRef("pk"))
    return qs.select_related("project").annotate(
        n_actions=_count(items),
        n_open=_count(items.filter(completed_on__isnull=True)),
        n_ratings=_count(ratings),
        mean_rating=Subquery(
            ratings.order_by().values("meeting").annotate(m=Avg("rating")).values("m")
        ),
    )


@dataclass
class ImprovementProgress:
    done: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.total) if self.total else None


def earlier_improvements(meeting: Meeting) -> ImprovementProgress:
    """Return how many improvements of earlier meetings of the project are done."""
    earlier = Q(meeting__held_on__lt=meeting.held_on) | Q(
        meeting__held_on=meeting.held_on, meeting__pk__lt=meeting.pk
    )
    row = (
        ActionItem.objects.filter(
            earlier,
            meeting__project_id=meeting.project_id,
            kind=ActionItem.Kind.IMPROVEMENT,
        )
        .order_by()
        .aggregate(
            total=Count("pk"), done=Count("pk", filter=Q(completed_on__isnull=False))
        )
    )
    return ImprovementProgress(done=row["done"], total=row["total"])


def team_communication_by_month(
    project: Project, months: int = 12
) -> list[dict[str, Any]]:
    """Return [{period, mean, count}] newest first; never who rated what."""
    return list(
        TeamCommunication.objects.filter(project=project)
        .order_by()
        .values("period")
        .annotate(mean=Avg("rating"), count=Count("pk"))
        .order_by("-period")[:months]
    )


def open_action_items_for(user: User) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.visible_to(user)
        .filter(owner=user, completed_on__isnull=True)
        .select_related("meeting", "meeting__project")
        .order_by("due_date", "pk")
    )
