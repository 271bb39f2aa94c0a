"""Reads other apps use: what a user has open in the risk register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from risks.models import Issue, RiskResponse

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
