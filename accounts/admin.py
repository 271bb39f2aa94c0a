from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import Department, User


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
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "department")
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
        return ", ".join(roles.label(group.name) for group in obj.groups.all())


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "head")
    list_filter = ("parent",)
    list_select_related = ("parent", "head")
    search_fields = ("name", "code")
    autocomplete_fields = ("parent", "head")
    prepopulated_fields = {"code": ("name",)}
