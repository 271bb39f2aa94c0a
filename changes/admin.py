from django.contrib import admin

from changes.models import ChangeRequest, MilestoneChange
from projects.admin import HistoryScopedAdmin


class MilestoneChangeInline(admin.TabularInline):
    model = MilestoneChange
    extra = 0
    raw_id_fields = ("milestone",)
    readonly_fields = ("old_planned_date",)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(HistoryScopedAdmin):
    """Status moves only through the workflow (pages and API), not here."""

    list_display = (
        "title",
        "project",
        "kind",
        "status",
        "requested_by",
        "decided_by",
        "decided_on",
        "impact_days",
        "impact_cost",
    )
    list_filter = ("status", "kind", "decided_on")
    list_select_related = ("project", "requested_by", "decided_by")
    search_fields = ("title", "description", "project__code")
    autocomplete_fields = ("project", "requested_by", "decided_by")
    filter_horizontal = ("affected_requirements",)
    readonly_fields = (
        "status",
        "submitted_on",
        "decided_on",
        "decided_by",
        "implemented_on",
        "version",
    )
    inlines = [MilestoneChangeInline]


@admin.register(MilestoneChange)
class MilestoneChangeAdmin(HistoryScopedAdmin):
    list_display = (
        "milestone",
        "change_request",
        "new_planned_date",
        "old_planned_date",
    )
    list_select_related = ("milestone", "change_request", "change_request__project")
    search_fields = ("milestone__name", "change_request__title")
    raw_id_fields = ("milestone", "change_request")
    readonly_fields = ("old_planned_date",)
