"""Writes of the portfolio app: report subscriptions and their scheduled sends.

Each period's send is claimed by inserting its `ReportDelivery` row (unique
per subscription and period), so two beat ticks, two workers or a worker
restarted mid-run never send one period twice. A failure is recorded with
its error and retried on the next runs (up to MAX_ATTEMPTS); a claim left
by a worker that died before sending is taken over after CLAIM_TIMEOUT.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.exports import XLSX_TYPE
from kpis.models import can_see_dashboards
from portfolio import reports
from portfolio.models import ReportDelivery, ReportSubscription
from projects import access
from projects.models import Membership

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
CLAIM_TIMEOUT = timedelta(minutes=30)
UNSUBSCRIBE_SALT = "portfolio.report-unsubscribe"


# ------------------------------------------------------------ subscriptions


def scope_of(subscription: ReportSubscription) -> tuple[str, int]:
    return subscription.scope_type, subscription.scope_key


def may_subscribe_others(by: User, scope: reports.ReportScope) -> bool:
    """A project's manager subscribes its team; a director (or the head of
    the department) subscribes a department's people; admins anyone."""
    if access.is_admin(by):
        return True
    if scope.scope_type == reports.PROJECT:
        return access.can(by, access.CHANGE, scope.obj)
    if scope.scope_type == reports.DEPARTMENT:
        return can_see_dashboards(by) or scope.obj.head_id == by.pk
    return can_see_dashboards(by)


def may_be_subscribed(by: User, user: User, scope: reports.ReportScope) -> bool:
    """Whom `by` may subscribe to a report of `scope`."""
    if user.pk == by.pk or access.is_admin(by):
        return True
    if not may_subscribe_others(by, scope):
        return False
    if scope.scope_type == reports.PROJECT:
        project = scope.obj
        return (
            user.pk == project.manager_id
            or Membership.objects.filter(project=project, user=user).exists()
        )
    if scope.scope_type == reports.DEPARTMENT:
        return user.department_id in scope.obj.__class__.objects.subtree_ids(scope.key)
    return True


@transaction.atomic
def subscription_create(
    *,
    by: User,
    user: User,
    report: reports.Report,
    scope: reports.ReportScope,
    frequency: str,
    day: int,
) -> ReportSubscription:
    """Subscribe `user` (`by` themselves, or someone they may subscribe).

    Refused with a clear message when the reader may not read that report of
    that scope, or when `by` may not subscribe them.
    """
    if scope.scope_type not in report.scopes:
        raise ValidationError(
            _("The %(report)s is not made for this scope.") % {"report": report.label}
        )
    if not may_be_subscribed(by, user, scope):
        raise ValidationError(
            _("You may not subscribe %(person)s to reports of %(scope)s.")
            % {"person": user, "scope": scope.name}
        )
    reader_scope = reports.resolve_scope(user, scope.scope_type, scope.key)
    if reader_scope is None or not reports.may_read(user, report, reader_scope):
        raise ValidationError(
            _("%(person)s may not read the %(report)s of %(scope)s.")
            % {"person": user, "report": report.label, "scope": scope.name}
        )
    fields = {
        "user": user,
        "report": report.key,
        "scope_type": scope.scope_type,
        "project": scope.obj if scope.scope_type == reports.PROJECT else None,
        "department": scope.obj if scope.scope_type == reports.DEPARTMENT else None,
    }
    # Subscribing again changes the schedule: one e-mail per report, not two.
    subscription = ReportSubscription.objects.filter(**fields, active=True).first()
    if subscription is None:
        subscription = ReportSubscription(**fields, created_by=by)
    subscription.frequency, subscription.day = frequency, day
    subscription.full_clean()
    subscription.save()
    return subscription


def subscription_end(*, subscription: ReportSubscription) -> ReportSubscription:
    if subscription.active:
        subscription.active = False
        subscription.save(update_fields=["active"])
    return subscription


def unsubscribe_token(subscription: ReportSubscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_from_token(token: str) -> ReportSubscription | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return ReportSubscription.objects.select_related("user").filter(pk=pk).first()


# -------------------------------------------------------------------- sends


def _claim(
    subscription: ReportSubscription, period: date, now: datetime
) -> ReportDelivery | None:
    """The period's delivery row if this run may send it, else None."""
    delivery, created = ReportDelivery.objects.get_or_create(
        subscription=subscription, period=period, defaults={"claimed_at": now}
    )
    if created:
        return delivery
    retry = Q(status=ReportDelivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS) | Q(
        status=ReportDelivery.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    )
    taken = (
        ReportDelivery.objects.filter(pk=delivery.pk)
        .filter(retry)
        .update(status=ReportDelivery.Status.SENDING, claimed_at=now)
    )
    if not taken:
        return None
    delivery.refresh_from_db()
    return delivery


def _finish(delivery: ReportDelivery, status: str, error: str = "") -> None:
    delivery.status = status
    delivery.error = error
    delivery.attempts += 1
    fields = ["status", "error", "attempts"]
    if status == ReportDelivery.Status.SENT:
        delivery.sent_at = timezone.now()
        fields.append("sent_at")
    delivery.save(update_fields=fields)


def _absolute(path: str) -> str:
    return settings.MILEPOST_BASE_URL.rstrip("/") + path


def report_message(subscription: ReportSubscription, today: date) -> EmailMessage | str:
    """The e-mail for one send, in the subscriber's language, or the reason
    there is none (the subscriber may no longer read the report)."""
    user = subscription.user
    report = reports.REPORTS.get(subscription.report)
    if not user.is_active or not user.email:
        return _("The subscriber has no active account with an e-mail address.")
    scope_type, key = scope_of(subscription)
    scope = reports.resolve_scope(user, scope_type, key)
    if report is None or scope is None or not reports.may_read(user, report, scope):
        return _("The subscriber may no longer read this report.")
    context = reports.build(report, user, scope)
    context["base_url"] = settings.MILEPOST_BASE_URL.rstrip("/")
    name = reports.filename(report, scope, today)
    unsubscribe = _absolute(
        reverse("portfolio:unsubscribe", args=[unsubscribe_token(subscription)])
    )
    subject = _("%(report)s · %(scope)s · %(date)s") % {
        "report": report.label,
        "scope": scope.name,
        "date": formats.date_format(today),
    }
    body = _(
        "Hello %(name)s,\n\nattached is the %(report)s of %(scope)s as of "
        "%(date)s, sent %(frequency)s by %(company)s.\n\n"
        "To stop receiving it, open %(unsubscribe)s\n"
    ) % {
        "name": user.get_full_name() or user.username,
        "report": report.label,
        "scope": scope.name,
        "date": formats.date_format(today),
        "frequency": subscription.get_frequency_display().lower(),
        "company": settings.MILEPOST_COMPANY_NAME,
        "unsubscribe": unsubscribe,
    }
    message = EmailMessage(subject, body, None, [user.email])
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.attach(f"{name}.pdf", reports.pdf_bytes(context), "application/pdf")
    if report.tabular:
        message.attach(f"{name}.xlsx", reports.xlsx_bytes(context), XLSX_TYPE)
    return message


def deliver(subscription: ReportSubscription, delivery: ReportDelivery) -> str:
    """Build and send one claimed delivery; record how it went."""
    user = subscription.user
    language = user.language or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            message = report_message(subscription, delivery.period)
            if isinstance(message, str):
                _finish(delivery, ReportDelivery.Status.SKIPPED, message)
                return delivery.status
            message.send()
    except Exception as error:
        log.exception("Report delivery %s failed", delivery.pk)
        _finish(
            delivery, ReportDelivery.Status.FAILED, f"{type(error).__name__}: {error}"
        )
        return delivery.status
    _finish(delivery, ReportDelivery.Status.SENT)
    return delivery.status


def send_due(
    *, today: date | None = None, now: datetime | None = None
) -> dict[str, int]:
    """Send every active subscription whose day has come this period and
    whose period is not sent yet; count the outcomes."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    counts: dict[str, int] = {}
    subscriptions = ReportSubscription.objects.filter(active=True).select_related(
        "user", "project", "department"
    )
    for subscription in subscriptions.iterator(chunk_size=500):
        if not subscription.is_due(today):
            continue
        delivery = _claim(subscription, subscription.period_start(today), now)
        if delivery is None:
            continue
        status = deliver(subscription, delivery)
        counts[status] = counts.get(status, 0) + 1
    return counts
