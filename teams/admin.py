"""Team records in Django admin, scoped by projects/access.py like the pages."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from teams.models import (
    ApprovalStep,
    Person,
    Position,
    PositionSkill,
    Skill,
    SkillAssessment,
    SkillCategory,
    SkillLevel,
    TrainingItem,
    TrainingPlan,
    TrainingRecord,
)


@admin.register(SkillLevel)
class SkillLevelAdmin(SimpleHistoryAdmin):
    list_display = ["level", "name_en", "name_zh"]


for model in (
    ApprovalStep,
    Person,
    Position,
    PositionSkill,
    Skill,
    SkillAssessment,
    SkillCategory,
    TrainingItem,
    TrainingPlan,
    TrainingRecord,
):
    admin.site.register(model, SimpleHistoryAdmin)
