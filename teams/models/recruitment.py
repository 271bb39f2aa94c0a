"""Recruitment (招聘, DESIGN §7): position requests (用人需求) through their
approval chain, candidates, applications through 初试 and 复试 to offer
and hire, interviews with a score per required skill."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Department
from core.policy import Step, TeamPolicy
from core.uploads import validate_new_upload
from core.versioning import Versioned
from teams.models.approvals import DRAFT, RETURNED, Approvable
from teams.models.common import APPROVE_AS_GM, LEVEL_VALIDATORS, READS_ALL, TeamQuerySet
from teams.models.people import Position
from teams.models.skills import Skill


class PositionRequest(Approvable):
    """A request to hire: the requester's manager confirms → the general
    manager approves → open → filled (or rejected, on hold, cancelled)."""

    SUBMITTED, CONFIRMED, OPEN = "submitted", "confirmed", "open"
    FILLED, REJECTED, ON_HOLD, CANCELLED = "filled", "rejected", "on_hold", "cancelled"
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        SUBMITTED: _("Submitted"),
        CONFIRMED: _("Confirmed"),
        OPEN: pgettext_lazy("position request", "Open"),
        FILLED: _("Filled"),
        REJECTED: _("Rejected"),
        ON_HOLD: _("On hold"),
        CANCELLED: _("Cancelled"),
    }
    STEPS: ClassVar = [
        Step(
            SUBMITTED,
            CONFIRMED,
            _("Confirmation by the requester's manager"),
            person=("requested_by__reports_to", "requested_by__department__head"),
        ),
        Step(
            CONFIRMED,
            OPEN,
            _("Approval by the general manager"),
            capability=APPROVE_AS_GM,
        ),
    ]
    AUTHOR: ClassVar = "requested_by"

    department = models.ForeignKey(
        Department,
        models.PROTECT,
        related_name="position_requests",
        verbose_name=_("department"),
    )
    position = models.ForeignKey(
        Position,
        models.PROTECT,
        related_name="requests",
        verbose_name=_("position"),
    )
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    qualifications = models.TextField(_("qualifications"), blank=True)
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1)]
    )
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="position_requests",
        verbose_name=_("requested by"),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person="requested_by", reads_all=READS_ALL)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("position request")
        verbose_name_plural = _("position requests")
        indexes = [
            models.Index(fields=["state"]),
            models.Index(fields=["waiting_on", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.position} ×{self.headcount}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The general manager's approval (teams/approvals.py) opens the
        # position: its age and time to fill count from then.
        if self.state == self.OPEN and self.opened_at is None:
            self.opened_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "opened_at"}
        super().save(*args, **kwargs)

    @property
    def age_days(self) -> int | None:
        """Days open so far (until filled or closed)."""
        if self.opened_at is None:
            return None
        end = self.closed_at or timezone.now()
        return (end - self.opened_at).days

    @property
    def days_to_fill(self) -> int | None:
        if self.state != self.FILLED or not self.opened_at or not self.closed_at:
            return None
        return (self.closed_at - self.opened_at).days


class CandidateQuerySet(models.QuerySet["Candidate"]):
    def visible_to(self, user: Any) -> Self:
        from teams import recruitment_access

        return recruitment_access.candidates(user, self)


def cv_path(candidate: Candidate, filename: str) -> str:
    return f"cvs/{timezone.now():%Y/%m}/{filename}"


class Candidate(Versioned):
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)
    # Checked like every upload (core/uploads.py: size, type by name and
    # content); served only through teams:candidate_cv (access checked).
    cv = models.FileField(
        _("CV"), upload_to=cv_path, blank=True, validators=[validate_new_upload]
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.name


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, user: Any) -> Self:
        from teams import recruitment_access

        return recruitment_access.applications(user, self)


class Application(Versioned):
    class Stage(models.TextChoices):
        NEW = "new", _("New")
        SCREENING = "screening", _("Screening")
        FIRST_INTERVIEW = "first_interview", _("First interview")
        FINAL_INTERVIEW = "final_interview", _("Final interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The stage each may move on to (hired only through hiring).
    NEXT: ClassVar = {
        Stage.NEW: {Stage.SCREENING, Stage.REJECTED, Stage.WITHDRAWN},
        Stage.SCREENING: {Stage.FIRST_INTERVIEW, Stage.REJECTED, Stage.WITHDRAWN},
        Stage.FIRST_INTERVIEW: {
            Stage.FINAL_INTERVIEW,
            Stage.REJECTED,
            Stage.WITHDRAWN,
        },
        Stage.FINAL_INTERVIEW: {Stage.OFFER, Stage.REJECTED, Stage.WITHDRAWN},
        Stage.OFFER: {Stage.REJECTED, Stage.WITHDRAWN},
    }

    candidate = models.ForeignKey(
        Candidate,
        models.CASCADE,
        related_name="applications",
        verbose_name=_("candidate"),
    )
    position_request = models.ForeignKey(
        PositionRequest,
        models.PROTECT,
        related_name="applications",
        verbose_name=_("position request"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage, default=Stage.NEW
    )
    stage_changed_at = models.DateTimeField(_("stage changed at"), default=timezone.now)
    hired_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hired as"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "position_request"],
                name="one_application_per_candidate_and_request",
            )
        ]
        indexes = [models.Index(fields=["position_request", "stage"])]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.position_request}"


class InterviewQuerySet(models.QuerySet["Interview"]):
    def visible_to(self, user: Any) -> Self:
        from teams import recruitment_access

        return self.filter(
            Q(
                application__in=recruitment_access.applications(
                    user, Application.objects.all()
                )
            )
        )


class Interview(Versioned):
    class Round(models.TextChoices):
        FIRST = "first", _("First interview")
        FINAL = "final", _("Final interview")

    class Recommendation(models.TextChoices):
        STRONG_HIRE = "strong_hire", _("Strong hire")
        HIRE = "hire", _("Hire")
        NO_HIRE = "no_hire", _("No hire")
        STRONG_NO_HIRE = "strong_no_hire", _("Strong no hire")

    application = models.ForeignKey(
        Application,
        models.CASCADE,
        related_name="interviews",
        verbose_name=_("application"),
    )
    round = models.CharField(_("round"), max_length=10, choices=Round)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("interviewers")
    )
    held_on = models.DateField(_("held on"))
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    history = HistoricalRecords(m2m_fields=[interviewers])
    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.application.candidate} · {self.get_round_display()}"


class InterviewScore(models.Model):
    interview = models.ForeignKey(
        Interview, models.CASCADE, related_name="scores", verbose_name=_("interview")
    )
    skill = models.ForeignKey(
        Skill, models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=LEVEL_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        ordering = ["skill__name", "pk"]
        verbose_name = _("interview score")
        verbose_name_plural = _("interview scores")
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "skill"], name="one_score_per_skill_and_interview"
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.score}"
