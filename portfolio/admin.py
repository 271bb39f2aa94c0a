from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portfolio.models import ReportDelivery, ReportSubscription


class DeliveryInline(admin.TabularInline):
    model = ReportDelivery
    extra = 0
    can_delete = False
    fields = ["period", "status", "attempts", "error", "sent_at"]
    readonly_fields = fields
    ordering = ["-period"]
    max_num = 0
    show_change_link = True


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(SimpleHistoryAdmin):
    list_display = ["user", "report", "scope_type", "project", "department"]
    list_display += ["frequency", "day", "active"]
    list_filter = ["report", "scope_type", "frequency", "active"]
    search_fields = ["user__username", "user__email", "project__code"]
    raw_id_fields = ["user", "project", "department", "created_by"]
    list_select_related = ["user", "project", "department"]
    inlines = [DeliveryInline]


@admin.register(ReportDelivery)
class ReportDeliveryAdmin(admin.ModelAdmin):
    """Every send with its status: failures are listed here for admins."""

    list_display = ["subscription", "period", "status", "attempts", "sent_at"]
    list_filter = ["status", "period"]
    search_fields = ["subscription__user__username", "error"]
    raw_id_fields = ["subscription"]
    list_select_related = ["subscription__user", "subscription__project"]
    list_select_related += ["subscription__department"]
    readonly_fields = ["claimed_at", "sent_at", "created_at"]
