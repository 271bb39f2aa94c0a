"""Sign-ins in the log: who signed in, and failed attempts (with the name
tried and the client address, never the password)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return "-"
    return str(request.META.get("REMOTE_ADDR") or "-")


@receiver(user_logged_in, dispatch_uid="accounts-audit-login")
def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    logger.info(
        "sign-in: user=%s id=%s from=%s",
        user.get_username(),
        user.pk,
        client_address(request),
    )


@receiver(user_logged_out, dispatch_uid="accounts-audit-logout")
def signed_out(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    if user is not None:
        logger.info("sign-out: user=%s id=%s", user.get_username(), user.pk)


@receiver(user_login_failed, dispatch_uid="accounts-audit-failed")
def sign_in_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kw: Any,
) -> None:
    # Django has already masked the password in `credentials`.
    logger.warning(
        "sign-in failed: username=%s from=%s",
        str(credentials.get("username", "-"))[:150],
        client_address(request),
    )
