"""Report subscriptions and their deliveries (issue 24).

A subscription says who receives which report of which scope, weekly or
monthly on a chosen day. Each period's send is one `ReportDelivery` row,
unique per (subscription, period): however often beat fires or a worker
restarts, a period is sent at most once, and a failure stays on record.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Department
from projects.models import Project

REPORT_CHOICES = [
    ("progress", _("Project progress report")),
    ("plan", _("Project plan")),
    ("resources", _("Resource allocation table")),
    ("risks", _("Risk management report")),
    ("changes", _("Customer requirement-change record")),
    ("minutes", _("Review meeting minutes")),
    ("retrospective", _("Retrospective report")),
    ("scorecard", _("KPI scorecard")),
]


class ReportSubscriptionQuerySet(models.QuerySet["ReportSubscription"]):
    def visible_to(self, user: Any) -> ReportSubscriptionQuerySet:
        """Subscribers see their own; whoever set one up sees it; admins all."""
        from projects import access

        if not user.is_active or user.pk is None:
            return self.none()
        if access.is_admin(user):
            return self
        return self.filter(models.Q(user=user) | models.Q(created_by=user))


class ReportSubscription(models.Model):
    class ScopeType(models.TextChoices):
        PROJECT = "project", _("Project")
        DEPARTMENT = "department", _("Department")
        ORGANISATION = "organisation", _("Organisation")

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("subscriber"),
    )
    report = models.CharField(_("report"), max_length=20, choices=REPORT_CHOICES)
    scope_type = models.CharField(_("scope"), max_length=20, choices=ScopeType)
    project = models.ForeignKey(
        Project,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="report_subscriptions",
        verbose_name=_("project"),
    )
    department = models.ForeignKey(
        Department,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="report_subscriptions",
        verbose_name=_("department"),
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    day = models.PositiveSmallIntegerField(
        _("day"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "Weekly: the day of the week (1 = Monday … 7 = Sunday). "
            "Monthly: the day of the month (1–28)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set up by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReportSubscriptionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "report", "pk"]
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        scope_type="project",
                        project__isnull=False,
                        department__isnull=True,
                    )
                    | models.Q(
                        scope_type="department",
                        project__isnull=True,
                        department__isnull=False,
                    )
                    | models.Q(
                        scope_type="organisation",
                        project__isnull=True,
                        department__isnull=True,
                    )
                ),
                name="report_subscription_scope_matches",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_report_display()} · {self.scope_name} · {self.user}"

    @property
    def scope_key(self) -> int:
        return self.project_id or self.department_id or 0

    @property
    def scope_name(self) -> str:
        if self.project_id:
            return f"{self.project.code} {self.project.name}"
        if self.department_id:
            return self.department.name
        return str(_("Organisation"))

    def clean(self) -> None:
        if self.frequency == self.Frequency.WEEKLY and not 1 <= self.day <= 7:
            raise ValidationError(
                {"day": _("For a weekly report, choose a day from 1 (Monday) to 7.")}
            )

    def period_start(self, today: date) -> date:
        """The first day of the period `today` falls in."""
        if self.frequency == self.Frequency.WEEKLY:
            return today - timedelta(days=today.weekday())
        return today.replace(day=1)

    def is_due(self, today: date) -> bool:
        """The send day of the current period has come (a missed day, with
        the workers down, is caught up later in the same period)."""
        if self.frequency == self.Frequency.WEEKLY:
            return today.isoweekday() >= self.day
        return today.day >= self.day


class ReportDelivery(models.Model):
    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    subscription = models.ForeignKey(
        ReportSubscription,
        models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    period = models.DateField(_("period"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.SENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-period", "-pk"]
        verbose_name = _("report delivery")
        verbose_name_plural = _("report deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"],
                name="report_delivery_once_per_period",
            )
        ]
        indexes = [models.Index(fields=["status", "period"])]

    def __str__(self) -> str:
        return f"{self.subscription_id} {self.period} {self.status}"
