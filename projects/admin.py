from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from projects import access
from projects.models import (
    CostEntry,
    Document,
    DocumentReview,
    DocumentVersion,
    Membership,
    Phase,
    Project,
    Requirement,
)


class ProjectScopedAdmin(admin.ModelAdmin):
    """Admin for project records that asks projects/access.py about each object.

    Staff who are not admins see only the rows they may see in the app, and may
    change or delete only what the app would let them.
    """

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).visible_to(request.user)  # type: ignore[no-any-return]

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or access.can(request.user, access.VIEW, obj))

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or access.can(request.user, access.CHANGE, obj))

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or access.can(request.user, access.DELETE, obj))


class HistoryScopedAdmin(ProjectScopedAdmin, SimpleHistoryAdmin):
    """A project-scoped admin that also shows the record's change history."""


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Project)
class ProjectAdmin(HistoryScopedAdmin):
    list_display = (
        "code",
        "name",
        "customer",
        "department",
        "manager",
        "status",
        "start_date",
        "target_date",
        "budget",
        "baselined_on",
    )
    list_filter = ("status", "department", "manager")
    list_select_related = ("department", "manager")
    search_fields = ("code", "name", "customer")
    date_hierarchy = "start_date"
    autocomplete_fields = ("department", "manager")
    inlines = [MembershipInline, PhaseInline]


@admin.register(Membership)
class MembershipAdmin(ProjectScopedAdmin):
    list_display = ("project", "user", "role", "allocation_percent")
    list_filter = ("role", "project__status")
    list_select_related = ("project", "user")
    search_fields = (
        "project__code",
        "project__name",
        "user__username",
        "user__last_name",
    )
    autocomplete_fields = ("project", "user")


@admin.register(Phase)
class PhaseAdmin(ProjectScopedAdmin):
    list_display = ("name", "project", "order", "start_date", "end_date")
    list_select_related = ("project",)
    search_fields = ("name", "project__code")
    autocomplete_fields = ("project",)


@admin.register(Requirement)
class RequirementAdmin(HistoryScopedAdmin):
    list_display = ("title", "project", "priority", "status", "due_date", "created_at")
    list_filter = ("status", "priority")
    list_select_related = ("project",)
    search_fields = ("title", "project__code")
    autocomplete_fields = ("project",)


class DocumentVersionInline(admin.TabularInline):
    """Versions are kept, never edited: read here, added on the document page."""

    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = ("number", "submitted_on", "submitted_by", "file", "url", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DocumentReviewInline(admin.TabularInline):
    model = DocumentReview
    extra = 0
    can_delete = False
    fields = ("reviewed_on", "reviewer", "result", "version", "comments")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(HistoryScopedAdmin):
    inlines = (DocumentVersionInline, DocumentReviewInline)
    list_display = (
        "title",
        "project",
        "kind",
        "due_date",
        "submitted_on",
        "review_status",
    )
    list_filter = ("kind", "review_status")
    list_select_related = ("project",)
    search_fields = ("title", "project__code")
    autocomplete_fields = ("project",)


@admin.register(CostEntry)
class CostEntryAdmin(HistoryScopedAdmin):
    list_display = ("project", "date", "category", "amount", "note")
    list_filter = ("category",)
    list_select_related = ("project",)
    search_fields = ("project__code", "note")
    date_hierarchy = "date"
    autocomplete_fields = ("project",)
