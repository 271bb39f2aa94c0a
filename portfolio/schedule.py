"""The hourly report-subscription send as a django-celery-beat entry."""

from __future__ import annotations

from django.conf import settings

REPORTS_NAME = "Report subscriptions (hourly)"
REPORTS_TASK = "portfolio.tasks.send_reports_task"


def ensure_reports_schedule() -> bool:
    """Create the hourly entry once; never overwrite an admin's edits."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    if PeriodicTask.objects.filter(name=REPORTS_NAME).exists():
        return False
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="*",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    _, created = PeriodicTask.objects.get_or_create(
        name=REPORTS_NAME,
        defaults={
            "task": REPORTS_TASK,
            "crontab": crontab,
            "description": "Send the report packs whose day has come.",
        },
    )
    return created
