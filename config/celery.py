"""The Celery app: tasks run in process without a broker, on workers with one."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("milepost")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="milepost.ping")
def ping(value: int) -> dict[str, int | str]:
    """Echo back through the broker: proves a worker is consuming tasks."""
    return {"pong": value, "worker_pid": os.getpid()}
