"""Skills and append-only skill assessments (DESIGN §7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.services import assign, save
from teams.models import Skill, SkillAssessment
from teams.models.common import MAX_LEVEL, MIN_LEVEL

if TYPE_CHECKING:
    from accounts.models import User

SKILL_FIELDS = ["category", "name", "description"]
Source = SkillAssessment.Source


@transaction.atomic
def skill_create(*, by: User, data: dict[str, Any]) -> Skill:
    skill = Skill()
    assign(skill, data, SKILL_FIELDS)
    save(skill, by=by)
    return skill


@transaction.atomic
def skill_update(
    *, skill: Skill, by: User, data: dict[str, Any], expected_version: int | None
) -> Skill:
    assign(skill, data, SKILL_FIELDS)
    save(skill, by=by, expected_version=expected_version)
    return skill


def check_level(field: str, level: Any) -> None:
    if level is None or not MIN_LEVEL <= int(level) <= MAX_LEVEL:
        raise ValidationError(
            {
                field: _("Choose a level on the scale, from %(min)s to %(max)s.")
                % {"min": MIN_LEVEL, "max": MAX_LEVEL}
            },
            code="level_out_of_scale",
        )


@transaction.atomic
def skill_assessment_create(
    *, by: User, data: dict[str, Any], source: str | None = None
) -> SkillAssessment:
    """Record a level. Assessments are never edited: a new level is a new row.

    Someone assessing themselves makes a self-assessment (source `self`),
    which never sets their current level; only the person makes one.
    """
    person = data["person"]
    source = (
        source
        or data.get("source")
        or (Source.SELF if person.pk == by.pk else Source.MANAGER)
    )
    check_level("level", data.get("level"))
    if person.pk == by.pk and source != Source.SELF:
        raise ValidationError(
            {
                "source": _(
                    "You assessed yourself: that is a self-assessment (source "
                    "“self”), and it does not count as your current level."
                )
            },
            code="self_assessment_as_current",
        )
    if person.pk != by.pk and source == Source.SELF:
        raise ValidationError(
            {"source": _("Only the person themselves makes a self-assessment.")},
            code="self_assessment_by_other",
        )
    assessed_on = data.get("assessed_on") or timezone.localdate()
    if assessed_on > timezone.localdate():
        raise ValidationError(
            {"assessed_on": _("An assessment cannot be dated in the future.")}
        )
    assessment = SkillAssessment(
        person=person,
        skill=data["skill"],
        level=data["level"],
        assessed_on=assessed_on,
        assessed_by=by,
        source=source,
        note=data.get("note", ""),
    )
    save(assessment, by=by)
    return assessment
