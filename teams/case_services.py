"""Writes of staff-action cases: a manager proposes about someone in their
line; the chain itself is teams/approvals.py's (the one mechanism)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from core.versioning import claim_version
from projects import access
from teams import approvals
from teams.models.cases import StaffActionCase

PROPOSE = "teams.add_staffactioncase"


def director_of(proposer: User) -> User | None:
    """Who confirms a manager's proposal: whom the manager reports to, else
    the head of the manager's department."""
    if proposer.reports_to_id and proposer.reports_to_id != proposer.pk:
        return proposer.reports_to
    department = proposer.department
    if department is not None and department.head_id not in (None, proposer.pk):
        return department.head
    return None


def may_propose_about(user: User, person: User) -> bool:
    """A manager proposes about someone in their own line (admins anyone)."""
    if not roles.has_capability(user, PROPOSE) or person.pk == user.pk:
        return False
    return roles.is_admin(user) or person.pk in access.subordinates(user)


@transaction.atomic
def staff_case_create(*, by: User, data: dict[str, Any]) -> StaffActionCase:
    person: User = data["person"]
    if not may_propose_about(by, person):
        raise PermissionDenied(
            _("Only a manager of this person can propose a staff action.")
        )
    director = director_of(by)
    if director is None and not roles.is_admin(by):
        raise ValidationError(
            {
                "person": _(
                    "You report to nobody and head no department's parent: "
                    "there is no director to confirm this case."
                )
            }
        )
    case = StaffActionCase(proposed_by=by, director=director, **data)
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def staff_case_update(
    *,
    case: StaffActionCase,
    by: User,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> StaffActionCase:
    if by.pk != case.proposed_by_id and not roles.is_admin(by):
        raise PermissionDenied
    if not case.editable:
        raise ValidationError(
            {"state": _("Only a draft or returned case can be edited.")}
        )
    for name, value in data.items():
        setattr(case, name, value)
    case.full_clean()
    claim_version(case, expected_version)
    case.save()
    return case


def staff_case_submit(
    *, case: StaffActionCase, by: User, expected_version: int | None = None
) -> StaffActionCase:
    return approvals.approval_submit(
        record=case, by=by, expected_version=expected_version
    )


def staff_case_decide(
    *,
    case: StaffActionCase,
    by: User,
    approve: bool,
    reason: str = "",
    comment: str = "",
    expected_version: int | None = None,
) -> StaffActionCase:
    """Take the due step (director, general manager, HR); HR's comment says
    how the action was carried out."""
    return approvals.approval_decide(
        record=case,
        by=by,
        approve=approve,
        reason=reason,
        comment=comment,
        expected_version=expected_version,
    )
