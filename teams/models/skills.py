"""Skills, the company-wide level scale and append-only assessments (§7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.policy import ADD, TeamPolicy
from core.versioning import Versioned
from teams.models.common import LEVEL_VALIDATORS, READS_ALL, WRITES_ALL, TeamQuerySet

NAME_LENGTH = 200


class SkillLevel(models.Model):
    """One step of the 1-5 scale, named and described in both languages."""

    level = models.PositiveSmallIntegerField(
        _("level"), unique=True, validators=LEVEL_VALIDATORS
    )
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person=None, reads_all=READS_ALL)

    class Meta:
        ordering = ["level"]
        verbose_name = _("skill level")
        verbose_name_plural = _("skill levels")

    def __str__(self) -> str:
        return f"{self.level} · {self.name}"

    @property
    def name(self) -> str:
        return self.name_zh if _chinese() else self.name_en

    @property
    def description(self) -> str:
        return self.description_zh if _chinese() else self.description_en


def _chinese() -> bool:
    return (get_language() or "").lower().startswith("zh")


class SkillCategory(models.Model):
    name = models.CharField(_("name"), max_length=NAME_LENGTH, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person=None, reads_all=READS_ALL)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.name


class Skill(Versioned):
    category = models.ForeignKey(
        SkillCategory,
        models.PROTECT,
        related_name="skills",
        verbose_name=_("category"),
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person=None, reads_all=READS_ALL)

    class Meta:
        ordering = ["category__order", "category__name", "name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"],
                name="skill_name_once_per_category",
                violation_error_message=_("This category already has that skill."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class SkillAssessmentQuerySet(TeamQuerySet):
    def counted(self) -> SkillAssessmentQuerySet:
        """Assessments that may set a current level: by someone else."""
        return self.exclude(assessed_by=models.F("person"))


class SkillAssessment(models.Model):
    """Append-only: a new level is a new row, never an edit."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-assessment")
        MANAGER = "manager", _("Manager")
        TRAINING = "training", _("Training")
        INTERVIEW = "interview", _("Interview")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="skill_assessments",
        verbose_name=_("person"),
    )
    skill = models.ForeignKey(
        Skill, models.PROTECT, related_name="assessments", verbose_name=_("skill")
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="skill_assessments_given",
        verbose_name=_("assessed by"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = SkillAssessmentQuerySet.as_manager()
    # A person records their own self-assessment; their line records the rest.
    access = TeamPolicy(
        person="person",
        reads_all=READS_ALL,
        writes_all=WRITES_ALL,
        self_grants=frozenset({ADD}),
    )

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("skill assessment")
        verbose_name_plural = _("skill assessments")
        indexes = [
            models.Index(fields=["person", "skill", "assessed_on"]),
            models.Index(fields=["skill", "assessed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.skill} · {self.level}"


# The company-wide scale as first installed (admins edit it in Django admin).
DEFAULT_LEVELS = [
    (
        1,
        "Novice",
        "入门",
        "Knows the basics; needs guidance for routine tasks.",
        "了解基础知识，日常任务需要指导。",
    ),
    (
        2,
        "Advanced beginner",
        "初级",
        "Does routine tasks alone; needs help with new problems.",
        "能独立完成常规任务，遇到新问题需要帮助。",
    ),
    (
        3,
        "Competent",
        "胜任",
        "Works independently on typical tasks and can stand in for a colleague.",
        "能独立完成典型任务，可以顶替同事。",
    ),
    (
        4,
        "Proficient",
        "熟练",
        "Handles complex cases, reviews and coaches others.",
        "能处理复杂情况，评审并指导他人。",
    ),
    (
        5,
        "Expert",
        "专家",
        "Sets direction and standards; the reference inside the company.",
        "制定方向和标准，是公司内部的权威。",
    ),
]


def ensure_skill_levels(model: type[SkillLevel] | None = None) -> None:
    """Create the missing levels of the scale (never overwrite an edited one)."""
    model = model or SkillLevel
    existing = set(model.objects.values_list("level", flat=True))
    model.objects.bulk_create(
        model(
            level=level,
            name_en=name_en,
            name_zh=name_zh,
            description_en=description_en,
            description_zh=description_zh,
        )
        for level, name_en, name_zh, description_en, description_zh in DEFAULT_LEVELS
        if level not in existing
    )
