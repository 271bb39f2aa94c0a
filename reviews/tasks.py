"""Celery tasks of the reviews app (they only parse arguments)."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import DatabaseError

from reviews import services


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, acks_late=True)
def send_action_item_reminders_task(today: str | None = None) -> int:
    """E-mail owners of action items due tomorrow or overdue (once a day each)."""
    day = date.fromisoformat(today) if today else None
    return services.action_item_reminders_send(today=day)
