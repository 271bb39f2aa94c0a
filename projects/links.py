"""Links from a project record to records of the apps above this one.

A document may report on a meeting (DESIGN §2), but meetings live in
`reviews`, above `projects`: the document keeps the meeting's id and the app
that owns meetings registers here, at start-up, how to find a meeting's
project. Nothing in this app names that app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

MeetingLookup = Callable[[int], int | None]  # meeting id -> its project's id
_meeting_lookup: list[MeetingLookup] = []


def register_meeting_lookup(lookup: MeetingLookup) -> None:
    _meeting_lookup[:] = [lookup]


def meeting_project(meeting_id: int) -> int | None:
    """The project id of a meeting (None if there is no such meeting)."""
    if not _meeting_lookup:
        return None
    return _meeting_lookup[0](meeting_id)


@dataclass(frozen=True)
class BudgetChange:
    """An approved change to a project's budget (a change request's cost
    impact), shown on the budget page beside the budget it revises."""

    title: str
    amount: Decimal
    decided_on: date | None
    url: str
    reference: str = ""


BudgetChanges = Callable[[Any], list[BudgetChange]]  # project -> its changes
_budget_changes: list[BudgetChanges] = []


def register_budget_changes(source: BudgetChanges) -> None:
    _budget_changes[:] = [source]


def budget_changes(project: Any) -> list[BudgetChange]:
    """The approved changes to the project's budget (none if no app says)."""
    return _budget_changes[0](project) if _budget_changes else []
