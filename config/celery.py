"""The Celery app: tasks run in process without a broker, on workers with one."""

import os
from contextvars import Token

from celery import Celery, signals

from core.logging import request_id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("milepost")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="milepost.ping")
def ping(value: int) -> dict[str, int | str]:
    """Echo back through the broker: proves a worker is consuming tasks."""
    return {"pong": value, "worker_pid": os.getpid()}


# Log lines written while a task runs carry its id as their request id
# (core/logging.py); an eager task inside a request gets the request's back.
_tokens: dict[str, Token[str]] = {}


@signals.task_prerun.connect
def _log_with_task_id(task_id: str, **kwargs: object) -> None:
    _tokens[task_id] = request_id.set(task_id)


@signals.task_postrun.connect
def _log_without_task_id(task_id: str, **kwargs: object) -> None:
    token = _tokens.pop(task_id, None)
    if token is not None:
        request_id.reset(token)
