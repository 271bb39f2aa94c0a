from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.policy import ADD, CHANGE, DELETE, EDIT, RecordPolicy
from core.versioning import Versioned
from projects.choices import ProjectRole
from projects.models import NAME_LENGTH, Project, ProjectScopedQuerySet

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Meeting(Versioned):
    class Kind(models.TextChoices):
        REVIEW = "review", pgettext_lazy("meeting kind", "Review")
        STATUS = "status", pgettext_lazy("meeting kind", "Status")
        RETROSPECTIVE = "retrospective", _("Retrospective")

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="meetings", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REVIEW)
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    # The meeting's date: planned while it lies ahead, held once it has come.
    held_on = models.DateField(_("date"), default=timezone.localdate)
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(12 * 60)],
    )
    place = models.CharField(
        _("place"),
        max_length=NAME_LENGTH,
        blank=True,
        help_text=_("A room, an address or a video-call link."),
    )
    invited_at = models.DateTimeField(
        _("invitation sent at"), null=True, blank=True, editable=False
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("attendees"),
    )
    guests = models.TextField(
        _("guests"),
        blank=True,
        help_text=_("Attendees without an account, one per line."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings_created",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    # A customer reads the review meetings they attended (minutes included).
    access = RecordPolicy(
        customer={"kind": "review"},
        customer_among="attendees",
        role_grants={ProjectRole.COORDINATOR: frozenset({ADD, CHANGE})},
    )

    class Meta:
        ordering = ["project", "-held_on", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["held_on"]),
            models.Index(fields=["project", "held_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_planned(self) -> bool:
        """True while the meeting lies ahead (a later date, or later today)."""
        today = timezone.localdate()
        if self.held_on != today:
            return self.held_on > today
        return (
            self.starts_at is not None and timezone.localtime().time() < self.starts_at
        )

    @property
    def state_label(self) -> str:
        if self.is_planned:
            return str(pgettext_lazy("meeting state", "Planned"))
        return str(pgettext_lazy("meeting state", "Held"))

    @property
    def ends_at(self) -> time | None:
        if self.starts_at is None:
            return None
        start = datetime.combine(self.held_on, self.starts_at)
        return (start + timedelta(minutes=self.duration_minutes or 60)).time()


class MeetingPart(models.Model):
    """A row that belongs to a meeting and through it to a project."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, verbose_name=_("meeting"))

    objects = ProjectScopedQuerySet.as_manager()
    # The coordinator keeps a meeting's agenda, decisions and actions.
    access = RecordPolicy(
        project="meeting__project", role_grants={ProjectRole.COORDINATOR: EDIT}
    )

    class Meta:
        abstract = True

    @property
    def project(self) -> Project:
        return self.meeting.project


class AgendaItem(MeetingPart):
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        default_related_name = "agenda_items"
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Decision(MeetingPart):
    description = models.TextField(_("description"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        default_related_name = "decisions"
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.description[:60]


class ActionItem(MeetingPart, Versioned):
    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Follow-up")
        IMPROVEMENT = "improvement", _("Improvement")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.FOLLOW_UP
    )
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    last_reminded_on = models.DateField(
        _("last reminded on"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords()
    access = RecordPolicy(
        project="meeting__project",
        owner="owner",
        owner_grants=frozenset({CHANGE}),
        role_grants={ProjectRole.COORDINATOR: EDIT},
    )

    class Meta:
        ordering = ["due_date", "pk"]
        default_related_name = "action_items"
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["kind", "due_date"])]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_date < timezone.localdate()


class MeetingFeedback(MeetingPart):
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="meeting_feedback",
        verbose_name=_("attendee"),
    )
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), validators=ONE_TO_FIVE)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(
        _("given at"), default=timezone.now, editable=False
    )

    history = HistoricalRecords()
    # A rating belongs to the attendee who gave it; a customer who attended
    # a review meeting rates it too.
    access = RecordPolicy(
        project="meeting__project",
        answer=True,
        owner="attendee",
        customer={"meeting__kind": "review"},
        customer_among="meeting__attendees",
        customer_grants=frozenset({ADD}),
        team_grants=frozenset({ADD}),
        owner_grants=frozenset({CHANGE, DELETE}),
    )

    class Meta:
        ordering = ["meeting", "pk"]
        default_related_name = "feedback"
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "attendee"],
                name="meeting_feedback_once_per_attendee",
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="meeting_feedback_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.rating}"


class CustomerSatisfaction(models.Model):
    class Source(models.TextChoices):
        LINK = "link", _("Survey link")
        LOGGED = "logged", _("Logged by the project manager")

    project = models.ForeignKey(
        Project,
        models.CASCADE,
        related_name="customer_satisfaction",
        verbose_name=_("project"),
    )
    score = models.PositiveSmallIntegerField(
        _("score (0–100)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    responded_on = models.DateField(_("responded on"), default=timezone.localdate)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source, default=Source.LOGGED
    )
    respondent = models.CharField(_("respondent"), max_length=NAME_LENGTH, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    # The customer's answer (or one the manager logged from a call): nobody
    # edits it afterwards; an admin corrects it with a reason.
    access = RecordPolicy(answer=True, customer_grants=frozenset({ADD}))

    class Meta:
        ordering = ["project", "-responded_on", "pk"]
        verbose_name = _("customer satisfaction response")
        verbose_name_plural = _("customer satisfaction responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="customer_satisfaction_0_100",
            )
        ]
        indexes = [models.Index(fields=["responded_on"])]

    def __str__(self) -> str:
        return f"{self.project.code} · {self.score}"


class TeamCommunication(models.Model):
    project = models.ForeignKey(
        Project,
        models.CASCADE,
        related_name="team_communication",
        verbose_name=_("project"),
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="team_communication_ratings",
        verbose_name=_("rater"),
    )
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), validators=ONE_TO_FIVE)
    responded_on = models.DateField(_("responded on"), default=timezone.localdate)
    # First day of responded_on's month: one rating per rater, project and month.
    period = models.DateField(_("month"), editable=False)

    history = HistoricalRecords()
    objects = ProjectScopedQuerySet.as_manager()
    # The team rates its manager's communication; nobody rates their own.
    access = RecordPolicy(
        answer=True,
        owner="rater",
        team_grants=frozenset({ADD}),
        owner_grants=frozenset({CHANGE}),
        managers_answer=False,
    )

    class Meta:
        ordering = ["project", "-responded_on", "pk"]
        verbose_name = _("team communication rating")
        verbose_name_plural = _("team communication ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "rater", "period"],
                name="team_communication_once_a_month",
                violation_error_message=_(
                    "You have already rated this project's communication this month."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="team_communication_1_5"
            ),
        ]
        indexes = [models.Index(fields=["responded_on"])]

    def __str__(self) -> str:
        return f"{self.project.code} · {self.rating}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.period = self.responded_on.replace(day=1)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class SurveyInvitationQuerySet(ProjectScopedQuerySet):
    def usable(self) -> SurveyInvitationQuerySet:
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SurveyInvitation(models.Model):
    """A customer satisfaction survey link sent to one e-mail address.

    The link carries a signed invitation id; the record says whether it is
    still usable (not expired, not used). Answering marks it used.
    """

    project = models.ForeignKey(
        Project,
        models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("project"),
    )
    email = models.EmailField(_("e-mail"))
    # The language of the e-mail and of the survey page.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    response = models.OneToOneField(
        CustomerSatisfaction,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("response"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = SurveyInvitationQuerySet.as_manager()
    access = RecordPolicy()

    class Meta:
        ordering = ["project", "-created_at", "pk"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.project.code} · {self.email}"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
