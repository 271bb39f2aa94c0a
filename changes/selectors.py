"""Reads of change requests that other pages show."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from changes.models import ChangeRequest
from projects.links import BudgetChange


def budget_changes(project: Any) -> list[BudgetChange]:
    """The cost impact of the project's approved (or implemented) change
    requests, oldest decision first: what revises its budget."""
    decided = (
        ChangeRequest.objects.filter(
            project=project,
            status__in=[
                ChangeRequest.Status.APPROVED,
                ChangeRequest.Status.IMPLEMENTED,
            ],
        )
        .exclude(impact_cost=0)
        .order_by("decided_on", "pk")
        .values("pk", "title", "impact_cost", "decided_on")
    )
    return [
        BudgetChange(
            title=row["title"],
            amount=row["impact_cost"],
            decided_on=row["decided_on"],
            url=reverse("changes:detail", args=[row["pk"]]),
            reference=f"#{row['pk']}",
        )
        for row in decided
    ]
