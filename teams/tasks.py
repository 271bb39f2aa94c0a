"""E-mails of the approval chains: the person whose step is due is told."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import send_logged_mail


# A mail server that is down is retried (with backoff), never fatal to the
# approval that queued the e-mail; each failure is logged by send_logged_mail.
@shared_task(
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def notify_step_due_task(label: str, pk: int) -> int:
    """Send one e-mail to each holder of the step due on a record."""
    from teams import approvals

    model = apps.get_model(label)
    record = model.objects.filter(pk=pk).first()
    if record is None:
        return 0
    sent = 0
    for user in approvals.recipients(record):
        if not user.email:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            step = record.due_step()
            try:
                link = record.get_absolute_url()
            except (AttributeError, NoReverseMatch):
                link = ""
            if step is None:
                subject = _("Returned to you: %(record)s") % {"record": record}
                body = _("%(record)s was returned to you. Open it: %(link)s")
            else:
                subject = _("Your step is due: %(record)s") % {"record": record}
                body = _("%(step)s is due on %(record)s. Open it: %(link)s")
            body = body % {
                "record": record,
                "step": step.label if step else "",
                "link": settings.SITE_URL.rstrip("/") + link
                if getattr(settings, "SITE_URL", "")
                else link,
            }
        send_logged_mail(subject, body, [user.email], kind="approval step")
        sent += 1
    return sent


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, acks_late=True)
def send_appraisal_reminders_task(today: str | None = None) -> int:
    """E-mail whoever holds an appraisal step due within three days (or
    overdue), once a day per appraisal."""
    from datetime import date

    from teams import appraisal_services

    day = date.fromisoformat(today) if today else None
    return appraisal_services.appraisal_reminders_send(today=day)
