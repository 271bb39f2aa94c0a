"""accounts writes: departments and API tokens (one per user, DRF's authtoken)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.models import Department, User

DEPARTMENT_FIELDS = ("name", "code", "parent", "head")


@transaction.atomic
def department_create(*, data: dict[str, Any]) -> Department:
    department = Department()
    for name in DEPARTMENT_FIELDS:
        if name in data:
            setattr(department, name, data[name])
    department.full_clean()
    department.save()
    return department


@transaction.atomic
def department_update(*, department: Department, data: dict[str, Any]) -> Department:
    for name in DEPARTMENT_FIELDS:
        if name in data:
            setattr(department, name, data[name])
    department.full_clean()
    department.save()
    return department


@transaction.atomic
def department_delete(*, department: Department) -> None:
    """Delete a department; one still holding projects or people is refused
    (ProtectedError: the API answers 409)."""
    department.delete()


@transaction.atomic
def language_set(*, user: User, language: str) -> User:
    """Keep the user's language ("" for the browser's)."""
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["language"])
    return user


@transaction.atomic
def token_create(*, user: User) -> Token:
    """Return a fresh token for user; any earlier token stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user: User) -> bool:
    """Delete the user's token; return False if there was none (a harmless retry)."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
