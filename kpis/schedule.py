"""The nightly KPI run as a django-celery-beat entry (editable in admin)."""

from __future__ import annotations

from django.conf import settings

NIGHTLY_NAME = "KPI snapshots (nightly)"
NIGHTLY_TASK = "kpis.tasks.compute_kpis_task"
WATCHDOG_NAME = "KPI job watchdog"
WATCHDOG_TASK = "kpis.tasks.kpi_watchdog_task"


def _ensure_watchdog() -> None:
    """Every 15 minutes: re-queue a KPI run a fault left unfinished."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every, _ = IntervalSchedule.objects.get_or_create(
        every=15, period=IntervalSchedule.MINUTES
    )
    PeriodicTask.objects.get_or_create(
        name=WATCHDOG_NAME,
        defaults={
            "task": WATCHDOG_TASK,
            "interval": every,
            "description": "Re-queue KPI runs left unfinished by a fault.",
        },
    )


def ensure_nightly_schedule() -> bool:
    """Create the nightly entry once; never overwrite an admin's edits.

    Return True if it was created now.
    """
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    _ensure_watchdog()
    if PeriodicTask.objects.filter(name=NIGHTLY_NAME).exists():
        return False
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="1",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    _, created = PeriodicTask.objects.get_or_create(
        name=NIGHTLY_NAME,
        defaults={
            "task": NIGHTLY_TASK,
            "crontab": crontab,
            "description": (
                "Recompute every KPI snapshot for yesterday, the last complete day."
            ),
        },
    )
    return created
