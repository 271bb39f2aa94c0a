from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kpis import registry
from kpis.models import (
    KpiDefinition,
    KpiJob,
    KpiRun,
    KpiSnapshot,
    KpiTarget,
    can_edit_kpi_targets,
)


@admin.register(KpiDefinition)
class KpiDefinitionAdmin(admin.ModelAdmin):
    list_display = ["code", "kpi_name", "unit", "direction", "target"]
    list_filter = ["unit", "direction"]
    search_fields = ["code", "label"]
    readonly_fields = ["code", "kpi_name", "unit", "direction", "meaning"]
    fields = ["code", "kpi_name", "unit", "direction", "meaning", "target"]

    @admin.display(description=_("KPI"))
    def kpi_name(self, obj: KpiDefinition) -> str:
        return obj.name

    @admin.display(description=_("description"))
    def meaning(self, obj: KpiDefinition) -> str:
        kpi = registry.BY_CODE.get(obj.code)
        return str(kpi.description) if kpi else obj.description

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the registry defines the KPIs

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_edit_kpi_targets(request.user)


@admin.register(KpiTarget)
class KpiTargetAdmin(admin.ModelAdmin):
    list_display = ["kpi", "department", "target"]
    list_filter = ["kpi"]
    search_fields = ["department__name", "kpi__code"]
    autocomplete_fields = ["department"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_edit_kpi_targets(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_edit_kpi_targets(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_edit_kpi_targets(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_edit_kpi_targets(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_edit_kpi_targets(request.user)


@admin.register(KpiSnapshot)
class KpiSnapshotAdmin(admin.ModelAdmin):
    list_display = [
        "kpi",
        "scope_type",
        "scope_id",
        "as_of",
        "numerator",
        "denominator",
        "value",
        "target",
        "status",
        "computed_at",
    ]
    list_filter = ["kpi", "scope_type", "status", "as_of"]
    search_fields = ["kpi__code"]
    date_hierarchy = "as_of"
    list_select_related = ["kpi"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # written only by the nightly job

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Also only the job's: a re-run for the date corrects its rows, and
        # reads cached under the job's stamp (KpiRun) stay exact.
        return False


@admin.register(KpiRun)
class KpiRunAdmin(admin.ModelAdmin):
    """When the nightly job last finished each date (read-only)."""

    list_display = ["as_of", "finished_at", "rows"]
    date_hierarchy = "as_of"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(KpiJob)
class KpiJobAdmin(KpiRunAdmin):
    """Each date's run record: a run still running long after it started, or
    failed, is one a fault interrupted (the watchdog re-queues it)."""

    list_display = [
        "as_of",
        "state",
        "started_at",
        "finished_at",
        "attempts",
        "skipped",
        "requeued",
    ]
    list_filter = ["state"]
