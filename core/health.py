"""`/health/` and `manage.py health`: can this process reach what it needs?

The answer is JSON, needs no sign-in and names no host, user or password:
`{"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}`
with 200, or 503 when a check fails (that check says `"error"`). The broker
is checked only when one is configured (else `"not configured"`: tasks run in
the web process). The middleware answers before host validation and the
HTTPS redirect, so a container's own healthcheck on 127.0.0.1 works whatever
DJANGO_ALLOWED_HOSTS says.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from kombu import Connection

PATH = "/health/"
TIMEOUT_SECONDS = 3
logger = logging.getLogger(__name__)


def _database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was just stored")
    cache.delete(key)


def _broker() -> None:
    with Connection(
        settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT_SECONDS
    ) as connection:
        connection.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)


def report() -> tuple[bool, dict[str, object]]:
    """Run every check; return (all fine, the JSON body)."""
    checks: dict[str, Callable[[], None] | None] = {
        "database": _database,
        "cache": _cache,
        "broker": _broker if settings.CELERY_BROKER_URL else None,
    }
    answers: dict[str, str] = {}
    for name, check in checks.items():
        if check is None:
            answers[name] = "not configured"
            continue
        try:
            check()
        except Exception as error:  # any failure is an answer, not a 500
            # The reason goes to the log (one line: this runs every few
            # seconds), never into the public answer.
            logger.warning("health check %s failed: %r", name, error)
            answers[name] = "error"
        else:
            answers[name] = "ok"
    healthy = "error" not in answers.values()
    return healthy, {"status": "ok" if healthy else "error", "checks": answers}


def health(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    healthy, body = report()
    response = JsonResponse(body, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """Answer /health/ first (MIDDLEWARE puts it at the top)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == PATH:
            return health(request)
        return self.get_response(request)
