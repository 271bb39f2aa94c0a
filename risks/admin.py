from django.contrib import admin

from projects.admin import HistoryScopedAdmin
from risks.models import Issue, Risk, RiskResponse


class RiskResponseInline(admin.TabularInline):
    model = RiskResponse
    extra = 0
    autocomplete_fields = ("owner",)


@admin.register(Risk)
class RiskAdmin(HistoryScopedAdmin):
    list_display = (
        "title",
        "project",
        "category",
        "probability",
        "impact",
        "score",
        "strategy",
        "owner",
        "status",
        "identified_on",
    )
    list_filter = ("status", "category", "strategy", "probability", "impact")
    list_select_related = ("project", "owner")
    search_fields = ("title", "description", "project__code")
    autocomplete_fields = ("project", "owner")
    readonly_fields = ("score", "version")
    inlines = [RiskResponseInline]


@admin.register(RiskResponse)
class RiskResponseAdmin(HistoryScopedAdmin):
    list_display = ("__str__", "risk", "owner", "due_date", "completed_on")
    list_filter = ("completed_on", "due_date")
    list_select_related = ("risk", "risk__project", "owner")
    search_fields = ("description", "risk__title", "risk__project__code")
    autocomplete_fields = ("risk", "owner")


@admin.register(Issue)
class IssueAdmin(HistoryScopedAdmin):
    list_display = (
        "title",
        "project",
        "severity",
        "owner",
        "reported_at",
        "resolved_at",
    )
    list_filter = ("severity", "resolved_at")
    list_select_related = ("project", "owner")
    search_fields = ("title", "description", "resolution", "project__code")
    autocomplete_fields = ("project", "owner", "reported_by")
    date_hierarchy = "reported_at"
