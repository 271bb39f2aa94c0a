from django.contrib import admin

from milestones.models import Milestone
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
