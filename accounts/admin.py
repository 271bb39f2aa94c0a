from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import roles
from accounts.models import Department, User


class RoleFilter(admin.SimpleListFilter):
    """Users with and without a role: one without a group may do nothing in
    the app (DESIGN §4), which an admin should see at a glance."""

    title = _("role")
    parameter_name = "has_role"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Has a role")), ("no", _("No role"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> Any:
        if self.value() == "no":
            return queryset.filter(groups__isnull=True, is_superuser=False)
        if self.value() == "yes":
            return queryset.exclude(groups__isnull=True, is_superuser=False)
        return queryset


def _roleless(users: QuerySet[User]) -> QuerySet[User]:
    return users.filter(groups__isnull=True, is_superuser=False, is_active=True)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "department",
        "role_names",
        "is_active",
        "is_staff",
    )
    list_filter = (
        RoleFilter,
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
        "department",
    )
    list_select_related = ("department",)
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Organisation"),
            {
                "fields": (
                    "department",
                    "reports_to",
                    "hired_on",
                    "weekly_capacity_hours",
                )
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "first_name",
                    "last_name",
                    "department",
                    "groups",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    autocomplete_fields = ("department", "reports_to")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, obj: User) -> str:
        names = ", ".join(roles.label(group.name) for group in obj.groups.all())
        if names or obj.is_superuser:
            return names
        return format_html(
            '<strong class="errornote">{}</strong>', _("No role: cannot use the app")
        )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        count = _roleless(User.objects.all()).count()
        if count and request.method == "GET":
            messages.warning(
                request,
                ngettext(
                    "%(count)d active user has no role and can do nothing in the "
                    "app: filter by role, No role, and give them a group.",
                    "%(count)d active users have no role and can do nothing in the "
                    "app: filter by role, No role, and give each a group.",
                    count,
                )
                % {"count": count},
            )
        return super().changelist_view(request, extra_context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        roleless = object_id.isdigit() and _roleless(User.objects.filter(pk=object_id))
        if request.method == "GET" and roleless:
            messages.warning(
                request,
                _(
                    "This user has no role (group) and can do nothing in the "
                    "app: choose one under Permissions."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "head")
    list_filter = ("parent",)
    list_select_related = ("parent", "head")
    search_fields = ("name", "code")
    autocomplete_fields = ("parent", "head")
    prepopulated_fields = {"code": ("name",)}
