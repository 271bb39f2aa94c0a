"""Team records in Django admin, scoped by projects/access.py like the pages:
staff who are not admins see and change only what the app lets them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from projects import access
from projects.admin import HistoryScopedAdmin
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
class SkillLevelAdmin(HistoryScopedAdmin):
    """The company-wide scale: its names and descriptions in both languages."""

    list_display = ["level", "name_en", "name_zh", "description_en"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the scale is 1-5: its levels are edited, not added

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False


@admin.register(SkillCategory)
class SkillCategoryAdmin(HistoryScopedAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]


@admin.register(Skill)
class SkillAdmin(HistoryScopedAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    list_select_related = ["category"]
    search_fields = ["name"]


class PositionSkillInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PositionSkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(Position)
class PositionAdmin(HistoryScopedAdmin):
    list_display = ["title", "department"]
    list_filter = ["department"]
    list_select_related = ["department"]
    search_fields = ["title"]
    inlines = [PositionSkillInline]


@admin.register(Person)
class PersonAdmin(HistoryScopedAdmin):
    list_display = ["user", "position"]
    list_select_related = ["user", "position"]
    autocomplete_fields = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(SkillAssessment)
class SkillAssessmentAdmin(HistoryScopedAdmin):
    """Append-only: a level is corrected by a new assessment, not an edit."""

    list_display = ["person", "skill", "level", "source", "assessed_on", "assessed_by"]
    list_filter = ["source", "skill"]
    list_select_related = ["person", "skill", "assessed_by"]
    autocomplete_fields = ["person", "assessed_by"]

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False


class TrainingItemInline(admin.StackedInline):  # type: ignore[type-arg]
    model = TrainingItem
    extra = 0
    filter_horizontal = ["participants"]


@admin.register(TrainingPlan)
class TrainingPlanAdmin(HistoryScopedAdmin):
    list_display = ["title", "owner", "period_start", "period_end", "state"]
    list_filter = ["state"]
    list_select_related = ["owner"]
    # The state moves only through the approval steps (their service).
    readonly_fields = ["state", "waiting_on", "waiting_on_capability", "submitted_at"]
    inlines = [TrainingItemInline]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(HistoryScopedAdmin):
    list_display = ["item", "participant", "attended", "hours", "completed_on"]
    list_select_related = ["item", "participant"]


@admin.register(ApprovalStep)
class ApprovalStepAdmin(SimpleHistoryAdmin):
    """Every step taken, read-only, for admins."""

    list_display = ["content_type", "object_id", "state", "decision", "by", "taken_at"]
    list_filter = ["content_type", "decision"]
    list_select_related = ["content_type", "by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        return rows if access.is_admin(request.user) else rows.none()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False
