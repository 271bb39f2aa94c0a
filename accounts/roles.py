"""The five global roles (Django groups) and the model permissions each holds.

Object-level rules (which project, which record) live in projects/access.py;
these model permissions only open the doors of Django admin.
"""

from __future__ import annotations

from typing import Any

ADMIN = "Admin"
DIRECTOR = "Director"
PROJECT_MANAGER = "Project manager"
MEMBER = "Member"
CUSTOMER = "Customer"
ALL_ROLES = (ADMIN, DIRECTOR, PROJECT_MANAGER, MEMBER, CUSTOMER)

DOMAIN_APPS = ("projects", "milestones", "risks", "changes", "reviews")


def wanted_codenames(role: str, perms: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Return the (app_label, codename) pairs a role should hold."""
    if role == ADMIN:
        return set(perms)
    if role == DIRECTOR:
        return {
            (app, code)
            for app, code in perms
            if code.startswith("view_")
            or (app, code) == ("kpis", "change_kpidefinition")
        }
    if role == PROJECT_MANAGER:
        return {
            (app, code)
            for app, code in perms
            if app in DOMAIN_APPS or (app == "kpis" and code.startswith("view_"))
        }
    if role in (MEMBER, CUSTOMER):
        return {
            (app, code)
            for app, code in perms
            if app in DOMAIN_APPS and code.startswith("view_")
        }
    return set()


def sync_groups(group_model: Any, permission_model: Any) -> None:
    """Create the role groups and give each exactly its model permissions."""
    all_perms = list(
        permission_model.objects.values_list(
            "content_type__app_label", "codename", "pk"
        )
    )
    pairs = [(app, code) for app, code, _ in all_perms]
    by_pair = {(app, code): pk for app, code, pk in all_perms}
    for role in ALL_ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set([by_pair[p] for p in wanted_codenames(role, pairs)])


def sync_after_migrate(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    sync_groups(Group, Permission)
