"""The technical director's own records (DESIGN §7): technical solution
reviews (技术方案评审) with their rounds and conditions, technical plans
(技术目标与工作计划) with key results and technology introductions,
technical standards (技术规范与标准) and purchase plans (采购计划).

Each chain goes through the one approval mechanism (teams/approvals.py):
a review's step is a director's decision, a plan's and a purchase plan's
the general manager's approval, a standard's a director's publication.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.policy import Step, TeamPolicy
from core.uploads import validate_new_upload
from core.versioning import Versioned
from projects.models import Project
from teams.models.approvals import DRAFT, RETURNED, Approvable
from teams.models.common import APPROVE_AS_GM, READS_ALL, TeamQuerySet

NAME_LENGTH = 200
# A director's decision on a technical review, and a standard's publication.
DECIDE_REVIEW = "teams.decide_technicalreview"
PUBLISH_STANDARD = "teams.publish_techstandard"


def proposal_path(review: TechnicalReview, filename: str) -> str:
    return f"technical-reviews/{timezone.now():%Y/%m}/{filename}"


# ------------------------------------------------------- technical reviews


class TechnicalReviewQuerySet(TeamQuerySet):
    def visible_to(self, user: Any) -> Self:
        """The author's line (TeamPolicy), those who read every team record,
        the reviewers asked to review it and the owners of its conditions."""
        from projects import access

        if not user.is_active or user.pk is None:
            return self.none()
        if not access.roles.has_capability(user, "teams.view_technicalreview"):
            return self.none()
        if access.reads_team(user, self.model.access):
            return self
        seen = access.visible(user, self.model.objects.all()).values("pk")
        asked = self.model.reviewers.through.objects.filter(user=user).values(
            "technicalreview_id"
        )
        owns = ReviewCondition.objects.filter(owner=user).values("review_id")
        return self.filter(Q(pk__in=seen) | Q(pk__in=asked) | Q(pk__in=owns))

    def awaiting_decision(self) -> Self:
        return self.filter(state=TechnicalReview.SUBMITTED)


class TechnicalReview(Approvable):
    """A technical proposal put to review; a director decides it. A
    resubmission (after a return, a deferral or a rejection) is the next
    round; every round is kept (`TechnicalReviewRound`)."""

    SUBMITTED, DECIDED = "submitted", "decided"
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        SUBMITTED: _("Awaiting decision"),
        DECIDED: _("Decided"),
    }
    STEPS: ClassVar = [
        Step(SUBMITTED, DECIDED, _("Decision by a director"), capability=DECIDE_REVIEW)
    ]
    AUTHOR: ClassVar = "author"

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        APPROVED_WITH_CONDITIONS = (
            "approved_with_conditions",
            _("Approved with conditions"),
        )
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")

    # A decided review may be revised and resubmitted after these.
    REOPENS: ClassVar = (Decision.REJECTED, Decision.DEFERRED)

    state = models.CharField(
        _("state"), max_length=20, choices=list(STATE_LABELS.items()), default=DRAFT
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    project = models.ForeignKey(
        Project,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="technical_reviews",
        verbose_name=_("project"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="technical_reviews",
        verbose_name=_("author"),
    )
    proposal = models.TextField(_("proposal"), blank=True)
    document = models.FileField(
        _("proposal document"),
        upload_to=proposal_path,
        blank=True,
        validators=[validate_new_upload],
    )
    options = models.TextField(_("options considered"), blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="technical_reviews_to_review",
        verbose_name=_("reviewers"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    decision = models.CharField(
        _("decision"), max_length=30, choices=Decision, blank=True
    )
    rationale = models.TextField(_("rationale"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = TechnicalReviewQuerySet.as_manager()
    access = TeamPolicy(person="author", reads_all=READS_ALL)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("technical review")
        verbose_name_plural = _("technical reviews")
        permissions = [("decide_technicalreview", _("Can decide technical reviews"))]
        indexes = [
            models.Index(fields=["state"]),
            models.Index(fields=["waiting_on", "state"]),
            models.Index(fields=["project", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teams:technical_review", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.state in (DRAFT, RETURNED) or (
            self.state == self.DECIDED and self.decision in self.REOPENS
        )


class TechnicalReviewRound(models.Model):
    """One round of a review as it was submitted, and how it ended."""

    class Outcome(models.TextChoices):
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        APPROVED_WITH_CONDITIONS = (
            "approved_with_conditions",
            _("Approved with conditions"),
        )
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")

    review = models.ForeignKey(
        TechnicalReview,
        models.CASCADE,
        related_name="rounds",
        verbose_name=_("technical review"),
    )
    number = models.PositiveSmallIntegerField(_("round"))
    proposal = models.TextField(_("proposal"), blank=True)
    document = models.CharField(_("proposal document"), max_length=300, blank=True)
    options = models.TextField(_("options considered"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "number"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="technical_review_round_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.number}"


class ReviewConditionQuerySet(TeamQuerySet):
    def visible_to(self, user: Any) -> Self:
        if user.pk is None or not user.is_active:
            return self.none()
        reviews = TechnicalReview.objects.visible_to(user).values("pk")
        return self.filter(Q(review__in=reviews) | Q(owner=user))

    def open(self) -> Self:
        return self.filter(completed_on__isnull=True)


class ReviewCondition(Versioned):
    """A condition of an approval: an action item with an owner and a due
    date, listed in its owner's My work. Its owner is a member of staff who
    may open the review (holds this capability; customers do not)."""

    OWNER_CAPABILITY: ClassVar = "teams.view_technicalreview"

    review = models.ForeignKey(
        TechnicalReview,
        models.CASCADE,
        related_name="conditions",
        verbose_name=_("technical review"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="review_conditions",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ReviewConditionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("review condition")
        verbose_name_plural = _("review conditions")
        indexes = [models.Index(fields=["owner", "completed_on"])]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_date < timezone.localdate()


# ----------------------------------------------------------- technical plans


class TechPlan(Approvable):
    """Technical objectives and the work plan of a period: the owner
    submits → the general manager approves."""

    SUBMITTED, APPROVED = "submitted", "approved"
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        SUBMITTED: _("Submitted"),
        APPROVED: _("Approved"),
    }
    STEPS: ClassVar = [
        Step(
            SUBMITTED,
            APPROVED,
            _("Approval by the general manager"),
            capability=APPROVE_AS_GM,
        )
    ]
    AUTHOR: ClassVar = "owner"

    state = models.CharField(
        _("state"), max_length=20, choices=list(STATE_LABELS.items()), default=DRAFT
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="tech_plans",
        verbose_name=_("owner"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person="owner", reads_all=READS_ALL)

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("technical plan")
        verbose_name_plural = _("technical plans")
        indexes = [models.Index(fields=["waiting_on", "state"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teams:tech_plan", args=[self.pk])


class TechObjective(models.Model):
    plan = models.ForeignKey(
        TechPlan, models.CASCADE, related_name="objectives", verbose_name=_("plan")
    )
    title = models.CharField(_("objective"), max_length=NAME_LENGTH)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class KeyResult(models.Model):
    """A measurable result: progress is current ÷ target."""

    objective = models.ForeignKey(
        TechObjective,
        models.CASCADE,
        related_name="key_results",
        verbose_name=_("objective"),
    )
    description = models.CharField(_("key result"), max_length=NAME_LENGTH)
    target = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    current = models.DecimalField(
        _("current"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "pk"]
        verbose_name = _("key result")
        verbose_name_plural = _("key results")

    def __str__(self) -> str:
        return self.description

    @property
    def progress(self) -> int:
        """Percent of the target reached (0 to 100)."""
        if not self.target:
            return 0
        return max(0, min(100, int(self.current * 100 / self.target)))


class TechIntroduction(models.Model):
    """A technology being introduced (技术引进): assess → trial → adopt, or
    hold. Drawn on the plan's radar, in its quadrant and stage ring."""

    class Stage(models.TextChoices):
        ADOPT = "adopt", _("Adopt")
        TRIAL = "trial", _("Trial")
        ASSESS = "assess", _("Assess")
        HOLD = "hold", pgettext_lazy("technology stage", "Hold")

    class Quadrant(models.TextChoices):
        TECHNIQUES = "techniques", _("Techniques")
        TOOLS = "tools", _("Tools")
        PLATFORMS = "platforms", _("Platforms")
        LANGUAGES = "languages", _("Languages and frameworks")

    # The stages an introduction may move to from each (hold can resume).
    NEXT: ClassVar = {
        Stage.ASSESS: {Stage.TRIAL, Stage.HOLD},
        Stage.TRIAL: {Stage.ADOPT, Stage.HOLD},
        Stage.ADOPT: {Stage.HOLD},
        Stage.HOLD: {Stage.ASSESS, Stage.TRIAL},
    }

    plan = models.ForeignKey(
        TechPlan, models.CASCADE, related_name="introductions", verbose_name=_("plan")
    )
    name = models.CharField(_("technology"), max_length=NAME_LENGTH)
    quadrant = models.CharField(
        _("quadrant"), max_length=20, choices=Quadrant, default=Quadrant.TOOLS
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage, default=Stage.ASSESS
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "quadrant", "name", "pk"]
        verbose_name = _("technology introduction")
        verbose_name_plural = _("technology introductions")

    def __str__(self) -> str:
        return self.name


# -------------------------------------------------------- technical standards


class TechStandard(Approvable):
    """A technical standard, one row per version: draft → in review →
    published → retired. Publishing a new version retires the one before;
    published versions are kept and stay readable."""

    IN_REVIEW, PUBLISHED, RETIRED = "in_review", "published", "retired"
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        IN_REVIEW: _("In review"),
        PUBLISHED: _("Published"),
        RETIRED: _("Retired"),
    }
    STEPS: ClassVar = [
        Step(
            IN_REVIEW,
            PUBLISHED,
            _("Publication by a director"),
            capability=PUBLISH_STANDARD,
        )
    ]
    AUTHOR: ClassVar = "owner"

    state = models.CharField(
        _("status"), max_length=20, choices=list(STATE_LABELS.items()), default=DRAFT
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Shared by every version of the standard, e.g. CODE-STYLE."),
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    revision = models.PositiveSmallIntegerField(_("version"), default=1)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="tech_standards",
        verbose_name=_("owner"),
    )
    body = models.TextField(_("text (Markdown)"), blank=True)
    next_review_on = models.DateField(_("next review date"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous version"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    # Published and retired versions are company-wide: every holder of the
    # view permission reads them. A version being written (draft, in review,
    # returned) is read by its owner's line and those who read every team
    # record (directors, the general manager, HR, admins).
    access = TeamPolicy(
        person="owner",
        reads_all=READS_ALL,
        shared={"state": frozenset({PUBLISHED, RETIRED})},
    )

    class Meta:
        ordering = ["code", "-revision", "-pk"]
        verbose_name = _("technical standard")
        verbose_name_plural = _("technical standards")
        permissions = [("publish_techstandard", _("Can publish technical standards"))]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "revision"],
                name="tech_standard_version_once",
                violation_error_message=_("This version of the standard exists."),
            )
        ]
        indexes = [models.Index(fields=["state", "next_review_on"])]

    def __str__(self) -> str:
        return f"{self.title} v{self.revision}"

    def get_absolute_url(self) -> str:
        return reverse("teams:tech_standard", args=[self.pk])

    @property
    def review_due(self) -> bool:
        return (
            self.state == self.PUBLISHED
            and self.next_review_on is not None
            and self.next_review_on <= timezone.localdate()
        )


# ------------------------------------------------------------ purchase plans


class PurchasePlan(Approvable):
    """What the team needs to buy: a director submits → the general manager
    approves."""

    SUBMITTED, APPROVED = "submitted", "approved"
    STATE_LABELS: ClassVar = {
        DRAFT: _("Draft"),
        RETURNED: _("Returned"),
        SUBMITTED: _("Submitted"),
        APPROVED: _("Approved"),
    }
    STEPS: ClassVar = [
        Step(
            SUBMITTED,
            APPROVED,
            _("Approval by the general manager"),
            capability=APPROVE_AS_GM,
        )
    ]
    AUTHOR: ClassVar = "owner"

    state = models.CharField(
        _("state"), max_length=20, choices=list(STATE_LABELS.items()), default=DRAFT
    )
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="purchase_plans",
        verbose_name=_("director"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    objects = TeamQuerySet.as_manager()
    access = TeamPolicy(person="owner", reads_all=READS_ALL)

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("purchase plan")
        verbose_name_plural = _("purchase plans")
        indexes = [models.Index(fields=["waiting_on", "state"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("teams:purchase_plan", args=[self.pk])


class PurchaseItem(models.Model):
    class Category(models.TextChoices):
        COMPUTERS = "computers", _("Computers")
        SOFTWARE = "software", _("Software")
        HARDWARE = "hardware", _("Hardware")
        CONSUMABLES = "consumables", _("Consumables")

    plan = models.ForeignKey(
        PurchasePlan, models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category)
    description = models.CharField(_("description"), max_length=NAME_LENGTH)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    unit_cost = models.DecimalField(
        _("unit cost"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    reason = models.TextField(_("reason"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "category", "pk"]
        verbose_name = _("purchase item")
        verbose_name_plural = _("purchase items")

    def __str__(self) -> str:
        return self.description

    @property
    def total(self) -> Decimal:
        return Decimal(self.quantity) * self.unit_cost


# The state choices as the API schema names them (config: ENUM_NAME_OVERRIDES).
REVIEW_STATES = list(TechnicalReview.STATE_LABELS.items())
PLAN_STATES = list(TechPlan.STATE_LABELS.items())
STANDARD_STATES = list(TechStandard.STATE_LABELS.items())
