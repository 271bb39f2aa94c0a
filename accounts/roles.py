"""The global roles (Django groups) and the capabilities they hold.

A capability is a Django permission: what a group holds in Django admin is
what its members may do in the app (DESIGN §4). Each app declares its own
capabilities beside its models (Meta.permissions) and grants them to the
roles in a data migration, through `grant` below; projects/access.py asks
`has_capability` and adds the object-level rules on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

ADMIN = "Admin"
DIRECTOR = "Director"
PROJECT_MANAGER = "Project manager"
MEMBER = "Member"
CUSTOMER = "Customer"
GENERAL_MANAGER = "General manager"
HR = "HR"
ALL_ROLES = (ADMIN, DIRECTOR, PROJECT_MANAGER, MEMBER, CUSTOMER, GENERAL_MANAGER, HR)
# The roles' names as pages show them (the groups keep their English names).
LABELS = {
    ADMIN: pgettext_lazy("role", "Admin"),
    DIRECTOR: pgettext_lazy("role", "Director"),
    PROJECT_MANAGER: pgettext_lazy("role", "Project manager"),
    MEMBER: pgettext_lazy("role", "Member"),
    CUSTOMER: pgettext_lazy("role", "Customer"),
    GENERAL_MANAGER: pgettext_lazy("role", "General manager"),
    HR: pgettext_lazy("role", "HR"),
}


def label(group_name: str) -> str:
    """A role's name in the reader's language (any other group as named)."""
    return str(LABELS.get(group_name, group_name))


# The capability that makes someone an administrator of the app (DESIGN §4:
# "Superusers and the Admin group may do everything").
ADMINISTER = "accounts.administer"
# Other apps whose every permission the Admin role holds (groups, schedules).
ADMIN_ALSO = ("auth", "django_celery_beat")


def has_capability(user: User | AnonymousUser, perm: str) -> bool:
    """True if an active user holds `perm` ("app_label.codename") through a
    group or directly; superusers hold every capability. Django memoises the
    user's permissions on the user object (one query per request)."""
    return bool(user.is_active and user.has_perm(perm))


def holders(users: Any, perm: str) -> Any:
    """The users of a User queryset who hold `perm` ("app_label.codename")
    through a group, directly, or as superusers (the query twin of
    has_capability; whether each is active is the caller's filter)."""
    from django.contrib.auth.models import Group
    from django.db.models import Q

    app_label, codename = perm.split(".", 1)
    model = users.model
    granted = {
        "permission__codename": codename,
        "permission__content_type__app_label": app_label,
    }
    through_groups = Group.permissions.through.objects.filter(**granted).values(
        "group_id"
    )
    in_groups = model.groups.through.objects.filter(group_id__in=through_groups).values(
        "user_id"
    )
    direct = model.user_permissions.through.objects.filter(**granted).values("user_id")
    return users.filter(Q(is_superuser=True) | Q(pk__in=in_groups) | Q(pk__in=direct))


def is_admin(user: User | AnonymousUser) -> bool:
    return has_capability(user, ADMINISTER)


def group_names(user: User | AnonymousUser) -> frozenset[str]:
    """The names of the user's groups, memoised on the user object."""
    cached = getattr(user, "_milepost_groups", None)
    if cached is None:
        cached = (
            frozenset(user.groups.values_list("name", flat=True))
            if user.pk
            else frozenset()
        )
        user._milepost_groups = cached  # type: ignore[union-attr]
    return cached


def ensure_roles(**kwargs: Any) -> None:
    """After every migrate (and flush): create a missing role group with the
    permissions its apps give it by default (each AppConfig's
    `role_permissions`). A group that exists is left as an admin made it."""
    from django.apps import apps as registry
    from django.contrib.auth.models import Group

    existing = set(
        Group.objects.filter(name__in=ALL_ROLES).values_list("name", flat=True)
    )
    missing = [role for role in ALL_ROLES if role not in existing]
    if not missing:
        return
    for config in registry.get_app_configs():
        defaults = getattr(config, "role_permissions", None)
        if defaults:
            grant(registry, config.label, {r: defaults.get(r, ()) for r in missing})
    if ADMIN in missing:
        for label in ADMIN_ALSO:
            grant(registry, label, {ADMIN: ["*"]})


def grant(apps: Any, app_label: str, grants: Mapping[str, Iterable[str]]) -> None:
    """Give roles permissions of app_label's models, for data migrations.

    `grants` maps a role to codenames; "*" stands for the add, change,
    delete and view permissions of every model of the app, "view_*" for its
    view permissions (custom capabilities are always named). Groups are
    created if missing. Permissions are created first: on a fresh database
    Django creates them only after the last migration.
    """
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config(app_label)
    models_module = getattr(config, "models_module", None)
    config.models_module = models_module or True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = models_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    perms = list(
        permission_model.objects.filter(content_type__app_label=app_label).values_list(
            "codename", "pk"
        )
    )
    models = [m._meta.model_name for m in config.get_models()]
    standard = {
        f"{verb}_{model}"
        for model in models
        for verb in ("add", "change", "delete", "view")
    }
    views = {f"view_{model}" for model in models}
    for role, codenames in grants.items():
        wanted = set(codenames)
        if "*" in wanted:
            wanted |= standard
        if "view_*" in wanted:
            wanted |= views
        group, _created = group_model.objects.get_or_create(name=role)
        group.permissions.add(*[pk for codename, pk in perms if codename in wanted])
