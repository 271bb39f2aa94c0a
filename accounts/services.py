"""accounts writes: API tokens (one per user, DRF's authtoken model)."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.models import User


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
