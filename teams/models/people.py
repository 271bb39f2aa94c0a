"""Positions (岗位) and the team side of a person (DESIGN §7).

reports_to, department, hired_on and weekly capacity live on accounts.User
(tasks read them too); a person's position lives here, on `Person`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Department
from core.policy import TeamPolicy
from core.versioning import Versioned
from teams.models.common import LEVEL_VALIDATORS, READS_ALL, WRITES_ALL, TeamQuerySet

NAME_LENGTH = 200


class Position(Versioned):
    department = models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("department"),
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    qualifications = models.TextField(_("qualifications"), blank=True)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    # Company-wide reference: whoever holds the view permission reads it.
    access = TeamPolicy(person=None, reads_all=READS_ALL)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.title


class PositionSkill(models.Model):
    """A skill a position requires, at a minimum level."""

    position = models.ForeignKey(
        Position,
        models.CASCADE,
        related_name="required_skills",
        verbose_name=_("position"),
    )
    skill = models.ForeignKey(
        "teams.Skill",
        models.PROTECT,
        related_name="required_by",
        verbose_name=_("skill"),
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"), validators=LEVEL_VALIDATORS
    )

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person=None, reads_all=READS_ALL)

    class Meta:
        ordering = ["position", "skill"]
        verbose_name = _("required skill")
        verbose_name_plural = _("required skills")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "skill"],
                name="position_skill_once",
                violation_error_message=_("This skill is already required."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill} ≥ {self.min_level}"


class Person(Versioned):
    """A user's place in the team: their position (the rest is on the user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="person",
        verbose_name=_("user"),
    )
    position = models.ForeignKey(
        Position,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="holders",
        verbose_name=_("position"),
    )

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person="user", reads_all=READS_ALL, writes_all=WRITES_ALL)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [
            ("view_all_team_records", _("Can read every team record")),
            ("approve_as_general_manager", _("Can take the general manager's step")),
            ("file_as_hr", _("Can take the HR step")),
            ("manage_team_records", _("Can write every person's team records")),
        ]

    def __str__(self) -> str:
        return str(self.user)
