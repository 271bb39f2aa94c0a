from django.contrib import admin

from milestones.models import Milestone, Task, WorkLog
from projects.admin import HistoryScopedAdmin


@admin.register(Milestone)
class MilestoneAdmin(HistoryScopedAdmin):
    list_display = (
        "name",
        "project",
        "phase",
        "planned_date",
        "forecast_date",
        "completed_on",
    )
    list_filter = ("project__status",)
    list_select_related = ("project", "phase")
    search_fields = ("name", "project__code", "project__name")
    date_hierarchy = "planned_date"
    autocomplete_fields = ("project", "depends_on")
    raw_id_fields = ("phase",)

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # The baseline lock holds in admin too: only change requests move it.
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.project.baselined_on is not None:
            fields += ("planned_date",)
        return fields


@admin.register(Task)
class TaskAdmin(HistoryScopedAdmin):
    list_display = ("title", "project", "owner", "status", "priority", "due_date")
    list_filter = ("status", "priority")
    list_select_related = ("project", "owner")
    search_fields = ("title", "project__code", "project__name")
    date_hierarchy = "due_date"
    autocomplete_fields = ("project", "depends_on")
    raw_id_fields = ("phase", "milestone", "owner")


@admin.register(WorkLog)
class WorkLogAdmin(HistoryScopedAdmin):
    list_display = ("task", "user", "date", "hours", "project")
    list_select_related = ("task", "user", "project")
    search_fields = ("task__title", "user__username", "project__code")
    date_hierarchy = "date"
    raw_id_fields = ("task", "user")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.project_id = obj.task.project_id  # the log's project is its task's
        super().save_model(request, obj, form, change)
