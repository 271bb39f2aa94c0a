"""People and positions: the one write path (DESIGN §7)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.versioning import claim_version
from projects.services import assign, save
from teams.models import Person, Position, PositionSkill

if TYPE_CHECKING:
    from accounts.models import User

USER_FIELDS = ["reports_to", "department", "hired_on", "weekly_capacity_hours"]
POSITION_FIELDS = ["department", "title", "responsibilities", "qualifications"]


def person_of(user: User) -> Person:
    """The user's team profile (an unsaved one when none was made yet)."""
    try:
        return user.person  # type: ignore[attr-defined,no-any-return]
    except Person.DoesNotExist:
        return Person(user=user)


@transaction.atomic
def person_update(
    *, user: User, by: User, data: dict[str, Any], expected_version: int | None
) -> Person:
    """Change a person's position, line, department, hiring date or capacity."""
    person = person_of(user)
    assign(user, data, USER_FIELDS)
    user.full_clean(exclude=["password", "username"])  # no one reports to themselves
    user._history_user = by  # type: ignore[attr-defined]
    user.save(update_fields=[f for f in USER_FIELDS if f in data] or None)
    if "position" in data:
        person.position = data["position"]
    person._history_user = by  # type: ignore[attr-defined]
    if person.pk is not None and Person.objects.filter(pk=person.pk).exists():
        claim_version(person, expected_version)
        person.save()
    else:
        person.save(force_insert=True)
    return person


def _check_required(required: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = list(required)
    skills = [row["skill"].pk for row in rows]
    if len(skills) != len(set(skills)):
        raise ValidationError(
            {"required_skills": _("Each skill may be required only once.")}
        )
    return rows


@transaction.atomic
def position_create(
    *,
    by: User,
    data: dict[str, Any],
    required_skills: Iterable[dict[str, Any]] | None = None,
) -> Position:
    position = Position()
    assign(position, data, POSITION_FIELDS)
    save(position, by=by)
    if required_skills is not None:
        _set_required(position, _check_required(required_skills))
    return position


@transaction.atomic
def position_update(
    *,
    position: Position,
    by: User,
    data: dict[str, Any],
    expected_version: int | None,
    required_skills: Iterable[dict[str, Any]] | None = None,
) -> Position:
    assign(position, data, POSITION_FIELDS)
    save(position, by=by, expected_version=expected_version)
    if required_skills is not None:
        _set_required(position, _check_required(required_skills))
    return position


def _set_required(position: Position, rows: list[dict[str, Any]]) -> None:
    position.required_skills.all().delete()
    PositionSkill.objects.bulk_create(
        PositionSkill(position=position, skill=row["skill"], min_level=row["min_level"])
        for row in rows
    )
