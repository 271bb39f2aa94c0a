from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import DatabaseError

from portfolio import services


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, acks_late=True)
def send_reports_task(today: str | None = None) -> dict[str, int]:
    """Send the report subscriptions due this period (hourly from beat)."""
    return services.send_due(today=date.fromisoformat(today) if today else None)
