"""Celery tasks of the projects app: they only call projects.tallies."""

from __future__ import annotations

from celery import shared_task

from projects import tallies


@shared_task(acks_late=True)
def compact_tallies_task() -> int:
    """Fold the record tallies' delta rows (hourly, django-celery-beat)."""
    return tallies.compact()
