"""Reads of the risk register; other apps use open_responses_for/open_issues_for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from risks.models import Issue, Risk, RiskResponse

if TYPE_CHECKING:
    from accounts.models import User


def open_responses_for(user: User) -> QuerySet[RiskResponse]:
    """Return the user's open risk responses in projects they can see, due first."""
    return (
        RiskResponse.objects.visible_to(user)
        .filter(owner=user, completed_on__isnull=True)
        .select_related("risk", "risk__project")
        .order_by("due_date", "pk")
    )


def open_issues_for(user: User) -> QuerySet[Issue]:
    """Return unresolved issues the user owns, oldest report first."""
    return (
        Issue.objects.visible_to(user)
        .filter(owner=user, resolved_at__isnull=True)
        .select_related("project")
        .order_by("reported_at", "pk")
    )


def register(qs: QuerySet[Risk]) -> QuerySet[Risk]:
    """Annotate risks with their response counts for the register, in one query."""
    today = timezone.localdate()
    open_response = Q(responses__completed_on__isnull=True)
    return qs.select_related("project", "owner").annotate(
        response_count=Count("responses", distinct=True),
        open_response_count=Count("responses", filter=open_response, distinct=True),
        overdue_count=Count(
            "responses",
            filter=open_response & Q(responses__due_date__lt=today),
            distinct=True,
        ),
        next_due=Min("responses__due_date", filter=open_response),
    )


def heat_map_counts(qs: QuerySet[Risk]) -> dict[tuple[int, int], int]:
    """Return {(probability, impact): count} for qs in one aggregate query."""
    rows: Any = qs.order_by().values("probability", "impact").annotate(n=Count("pk"))
    return {(row["probability"], row["impact"]): row["n"] for row in rows}
