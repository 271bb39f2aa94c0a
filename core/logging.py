"""Log lines an operator can follow: time, level, logger and the request id.

`RequestIdMiddleware` gives every request an id (the proxy's `X-Request-ID`
when it sends a sane one, else a new one), answers with it in the same header
and keeps it in a context variable; `RequestIdFilter` puts it on every record
logged while the request runs (`-` outside requests; a Celery task's own id
inside tasks, set by config/celery.py). settings.LOGGING picks the text or the
JSON formatter from `LOG_FORMAT`.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
request_id: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Add `request_id` to each record (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        value = incoming if _SANE.match(incoming) else uuid.uuid4().hex
        request.request_id = value  # type: ignore[attr-defined]
        # Left set until the response is closed (below), so django.request's
        # own lines about this response (logged after the middleware) carry it.
        request_id.set(value)
        response = self.get_response(request)
        response[HEADER] = value
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs: object) -> None:
    request_id.set("-")
