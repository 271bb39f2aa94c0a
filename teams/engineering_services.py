"""Writes of technical reviews, technical plans, standards and purchase
plans (DESIGN §7). Their chains are the one approval mechanism
(teams/approvals.py); what is particular to each record is here: a
review's rounds, decision and conditions, a standard's versions, a plan's
key results and technology introductions, a purchase plan's items."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from core.versioning import StaleEdit, claim_version
from projects import access
from projects.choices import ProjectRole
from projects.models import Project
from teams import approvals
from teams.models.approvals import DRAFT, RETURNED, ApprovalStep
from teams.models.engineering import (
    PUBLISH_STANDARD,
    KeyResult,
    PurchaseItem,
    PurchasePlan,
    ReviewCondition,
    TechIntroduction,
    TechnicalReview,
    TechnicalReviewRound,
    TechObjective,
    TechPlan,
    TechStandard,
)

ADD_REVIEW = "teams.add_technicalreview"
ADD_PLAN = "teams.add_techplan"
ADD_STANDARD = "teams.add_techstandard"
ADD_PURCHASE = "teams.add_purchaseplan"


def _author_only(record: Any, by: User) -> None:
    if by.pk != record.author_id and not roles.is_admin(by):
        raise PermissionDenied(_("Only the author of this record can change it."))


def _editable(record: Any) -> None:
    if not record.editable:
        raise ValidationError(
            {
                "state": _("This record is %(state)s: it can no longer be edited.")
                % {"state": record.get_state_display().lower()}
            },
            code="not_editable",
        )


def _apply(record: Any, data: Mapping[str, Any]) -> None:
    for name, value in data.items():
        if value is False and isinstance(
            record._meta.get_field(name), models.FileField
        ):
            value = ""  # a form's "Clear" of a file gives False: no file
        setattr(record, name, value)


# ------------------------------------------------------- technical reviews


def may_link_project(user: User, project: Project | None) -> bool:
    """A review is linked to a project by its manager, its technical expert,
    or someone who reads every project (directors, the general manager)."""
    if project is None or roles.is_admin(user) or access.reads_everything(user):
        return True
    return access.role_in(user, project) in (
        ProjectRole.MANAGER,
        ProjectRole.TECH_EXPERT,
    )


def _check_project(user: User, project: Project | None) -> None:
    if not may_link_project(user, project):
        raise ValidationError(
            {
                "project": _(
                    "Link a review only to a project you manage or advise as its "
                    "technical expert."
                )
            },
            code="project",
        )


@transaction.atomic
def technical_review_create(
    *, by: User, data: dict[str, Any], reviewers: Iterable[User] = ()
) -> TechnicalReview:
    if not roles.has_capability(by, ADD_REVIEW):
        raise PermissionDenied(_("You may not propose technical reviews."))
    _check_project(by, data.get("project"))
    review = TechnicalReview(author=by, **data)
    review.full_clean()
    review.save()
    review.reviewers.set([u for u in reviewers if u.pk != by.pk])
    return review


@transaction.atomic
def technical_review_update(
    *,
    review: TechnicalReview,
    by: User,
    data: dict[str, Any],
    reviewers: Iterable[User] | None = None,
    expected_version: int | None = None,
) -> TechnicalReview:
    _author_only(review, by)
    _editable(review)
    if "project" in data and data["project"] != review.project:
        _check_project(by, data["project"])
    _apply(review, data)
    review.full_clean()
    claim_version(review, expected_version)
    review._history_user = by  # type: ignore[attr-defined]
    review.save()
    if reviewers is not None:
        review.reviewers.set([u for u in reviewers if u.pk != review.author_id])
    return review


def _has_proposal(review: TechnicalReview) -> None:
    if not review.proposal.strip() and not review.document:
        raise ValidationError(
            {"proposal": _("Write the proposal or attach its document first.")},
            code="no_proposal",
        )


@transaction.atomic
def technical_review_submit(
    *,
    review: TechnicalReview,
    by: User,
    comment: str = "",
    expected_version: int | None = None,
) -> TechnicalReview:
    """Put the review to a director. After a return, a deferral or a
    rejection, the resubmission is the next round (the earlier ones stay)."""
    resubmission = review.submitted_at is not None
    if review.state == TechnicalReview.DECIDED and review.decision in review.REOPENS:
        # approval_submit accepts drafts and returned records: reopen first.
        fresh = TechnicalReview.objects.select_for_update().get(pk=review.pk)
        if expected_version is not None and fresh.version != expected_version:
            raise StaleEdit
        _author_only(fresh, by)
        fresh.state = RETURNED
        fresh._history_user = by  # type: ignore[attr-defined]
        fresh.version += 1
        fresh.save(update_fields=["state", "version"])
        review = fresh
        expected_version = fresh.version  # checked above; the chain re-reads it
    review = approvals.approval_submit(
        record=review,
        by=by,
        comment=comment,
        expected_version=expected_version,
        check=_has_proposal,
    )
    if resubmission:
        review.round += 1
    review.decision, review.rationale = "", ""
    review.decided_by, review.decided_at = None, None
    review.save(
        update_fields=["round", "decision", "rationale", "decided_by", "decided_at"]
    )
    TechnicalReviewRound.objects.create(
        review=review,
        number=review.round,
        proposal=review.proposal,
        document=review.document.name if review.document else "",
        options=review.options,
        submitted_at=review.submitted_at or timezone.now(),
    )
    return review


def _close_round(
    review: TechnicalReview, outcome: str, rationale: str, by: User
) -> None:
    """Record how the round ended, row by row so its history says who."""
    for round_ in TechnicalReviewRound.objects.select_for_update().filter(
        review=review, number=review.round
    ):
        round_.outcome, round_.rationale = outcome, rationale
        round_.decided_by, round_.decided_at = by, timezone.now()
        round_._history_user = by  # type: ignore[attr-defined]
        round_.save(update_fields=["outcome", "rationale", "decided_by", "decided_at"])


@transaction.atomic
def technical_review_return(
    *,
    review: TechnicalReview,
    by: User,
    reason: str,
    comment: str = "",
    expected_version: int | None = None,
) -> TechnicalReview:
    """A director sends the proposal back for rework (with a reason)."""
    review = approvals.approval_decide(
        record=review,
        by=by,
        approve=False,
        reason=reason,
        comment=comment,
        expected_version=expected_version,
    )
    _close_round(review, TechnicalReviewRound.Outcome.RETURNED, reason.strip(), by)
    return review


def _conditions(items: Iterable[Mapping[str, Any]], by: User) -> list[dict[str, Any]]:
    """Each condition's description, owner and due date, checked."""
    found: list[dict[str, Any]] = []
    errors: list[str] = []
    today = timezone.localdate()
    for number, item in enumerate(items, start=1):
        description = str(item.get("description") or "").strip()
        owner = item.get("owner")
        due = item.get("due_date")
        if not description or owner is None or due is None:
            errors.append(
                _("Condition %(n)s needs a description, an owner and a due date.")
                % {"n": number}
            )
            continue
        if not isinstance(due, date) or due < today:
            errors.append(_("Condition %(n)s is due in the past.") % {"n": number})
            continue
        if not getattr(owner, "is_active", False):
            errors.append(
                _("Condition %(n)s: its owner is not an active user.") % {"n": number}
            )
            continue
        if not roles.has_capability(owner, ReviewCondition.OWNER_CAPABILITY):
            # The owner opens the review from My work: a customer cannot.
            errors.append(
                _(
                    "Condition %(n)s: its owner must be a member of staff who "
                    "can open technical reviews."
                )
                % {"n": number}
            )
            continue
        found.append({"description": description, "owner": owner, "due_date": due})
    if errors:
        raise ValidationError({"conditions": errors}, code="conditions")
    return found


def may_decide(user: User, review: TechnicalReview) -> bool:
    """True if user holds the decision step of the review's chain (a
    director other than its author, or an admin)."""
    return any(
        access.may_take_step(user, review, step, review.author_id)
        for step in review.STEPS
    )


# The decision as the approval step records it.
STEP_DECISION = {
    TechnicalReview.Decision.APPROVED: ApprovalStep.Decision.APPROVE,
    TechnicalReview.Decision.APPROVED_WITH_CONDITIONS: (
        ApprovalStep.Decision.APPROVE_WITH_CONDITIONS
    ),
    TechnicalReview.Decision.REJECTED: ApprovalStep.Decision.REJECT,
    TechnicalReview.Decision.DEFERRED: ApprovalStep.Decision.DEFER,
}


@transaction.atomic
def technical_review_decide(
    *,
    review: TechnicalReview,
    by: User,
    decision: str,
    rationale: str,
    conditions: Iterable[Mapping[str, Any]] = (),
    expected_version: int | None = None,
) -> TechnicalReview:
    """A director (not the author) decides the round: approved, approved
    with conditions (each becomes an action item with an owner and a due
    date), rejected or deferred, always with a rationale. A second decision
    on the same round is refused (400), a race's loser is told (409).
    Someone who may not decide is refused (403) whatever they sent."""
    if not may_decide(by, review):
        raise PermissionDenied(_("You hold no step of this record's approval chain."))
    if decision not in TechnicalReview.Decision.values:
        raise ValidationError(
            {
                "decision": _(
                    "Choose approved, approved with conditions, rejected or deferred."
                )
            },
            code="decision",
        )
    rationale = rationale.strip()
    review = approvals.approval_decide(
        record=review,
        by=by,
        approve=True,
        comment=rationale,
        expected_version=expected_version,
        decision=STEP_DECISION[decision],
    )
    # The chain's permission checks ran first: a wrong person is a 403
    # whatever they sent. What follows rolls back with it on bad input.
    if not rationale:
        raise ValidationError(
            {"rationale": _("Give the rationale of the decision.")}, code="rationale"
        )
    items = list(conditions)
    with_conditions = decision == TechnicalReview.Decision.APPROVED_WITH_CONDITIONS
    if with_conditions and not items:
        raise ValidationError(
            {"conditions": _("An approval with conditions lists its conditions.")},
            code="conditions",
        )
    if items and not with_conditions:
        raise ValidationError(
            {"conditions": _("Only an approval with conditions has conditions.")},
            code="conditions",
        )
    checked = _conditions(items, by)
    review.decision, review.rationale = decision, rationale
    review.decided_by, review.decided_at = by, timezone.now()
    review.save(update_fields=["decision", "rationale", "decided_by", "decided_at"])
    for item in checked:
        ReviewCondition.objects.create(review=review, round=review.round, **item)
    _close_round(review, decision, rationale, by)
    return review


def may_complete(user: User, condition: ReviewCondition) -> bool:
    return user.is_active and (
        user.pk in (condition.owner_id, condition.review.author_id)
        or roles.is_admin(user)
    )


@transaction.atomic
def review_condition_complete(
    *, condition: ReviewCondition, by: User, on: date | None = None
) -> ReviewCondition:
    """The owner (or the review's author) marks a condition met; again is
    harmless."""
    if not may_complete(by, condition):
        raise PermissionDenied(_("Only the condition's owner can mark it done."))
    if condition.completed_on is not None:
        return condition
    condition.completed_on = on or timezone.localdate()
    condition._history_user = by  # type: ignore[attr-defined]
    condition.version += 1
    condition.save(update_fields=["completed_on", "version"])
    return condition


# ----------------------------------------------------------- technical plans


def _plan_parts(
    plan: TechPlan,
    objectives: Iterable[Mapping[str, Any]] | None,
    introductions: Iterable[Mapping[str, Any]] | None,
) -> None:
    """Replace the plan's objectives (with their key results) and its
    technology introductions by those given (None: leave them)."""
    if objectives is not None:
        plan.objectives.all().delete()
        for position, item in enumerate(objectives):
            objective = TechObjective(
                plan=plan, title=item.get("title", ""), position=position
            )
            objective.full_clean()
            objective.save()
            for result in item.get("key_results", []):
                key_result = KeyResult(objective=objective, **dict(result))
                key_result.full_clean()
                key_result.save()
    if introductions is not None:
        plan.introductions.all().delete()
        for item in introductions:
            introduction = TechIntroduction(plan=plan, **dict(item))
            introduction.full_clean()
            introduction.save()


def _period(data: Mapping[str, Any], record: Any = None) -> None:
    start = data.get("period_start", getattr(record, "period_start", None))
    end = data.get("period_end", getattr(record, "period_end", None))
    if start and end and end < start:
        raise ValidationError(
            {"period_end": _("The period ends before it starts.")}, code="period"
        )


@transaction.atomic
def tech_plan_create(
    *,
    by: User,
    data: dict[str, Any],
    objectives: Iterable[Mapping[str, Any]] = (),
    introductions: Iterable[Mapping[str, Any]] = (),
) -> TechPlan:
    if not roles.has_capability(by, ADD_PLAN):
        raise PermissionDenied(_("You may not write technical plans."))
    _period(data)
    plan = TechPlan(owner=by, **data)
    plan.full_clean()
    plan.save()
    _plan_parts(plan, objectives, introductions)
    return plan


@transaction.atomic
def tech_plan_update(
    *,
    plan: TechPlan,
    by: User,
    data: dict[str, Any],
    objectives: Iterable[Mapping[str, Any]] | None = None,
    introductions: Iterable[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> TechPlan:
    _author_only(plan, by)
    _editable(plan)
    _period(data, plan)
    _apply(plan, data)
    plan.full_clean()
    claim_version(plan, expected_version)
    plan._history_user = by  # type: ignore[attr-defined]
    plan.save()
    _plan_parts(plan, objectives, introductions)
    return plan


def _plan_complete(plan: TechPlan) -> None:
    if not KeyResult.objects.filter(objective__plan=plan).exists():
        raise ValidationError(
            {
                "objectives": _(
                    "Give the plan an objective with a measurable key result."
                )
            },
            code="no_key_results",
        )


def tech_plan_submit(
    *, plan: TechPlan, by: User, comment: str = "", expected_version: int | None = None
) -> TechPlan:
    return approvals.approval_submit(
        record=plan,
        by=by,
        comment=comment,
        expected_version=expected_version,
        check=_plan_complete,
    )


@transaction.atomic
def tech_plan_progress(
    *,
    plan: TechPlan,
    by: User,
    current: Mapping[int, Any],
    stages: Mapping[int, str] | None = None,
    expected_version: int | None = None,
) -> TechPlan:
    """The owner records key results' current values and moves technology
    introductions on (assess → trial → adopt, or hold), in any state."""
    _author_only(plan, by)
    results = {r.pk: r for r in KeyResult.objects.filter(objective__plan=plan)}
    introductions = {i.pk: i for i in plan.introductions.all()}
    for pk, value in current.items():
        if pk not in results:
            raise ValidationError(
                {"key_results": _("Unknown key result %(id)s.") % {"id": pk}}
            )
        results[pk].current = value
        results[pk].full_clean()
    for pk, stage in (stages or {}).items():
        introduction = introductions.get(pk)
        if introduction is None:
            raise ValidationError(
                {
                    "introductions": _("Unknown technology introduction %(id)s.")
                    % {"id": pk}
                }
            )
        if stage != introduction.stage and stage not in TechIntroduction.NEXT.get(
            introduction.stage, set()
        ):
            raise ValidationError(
                {
                    "introductions": _("%(name)s cannot move from %(from)s to %(to)s.")
                    % {
                        "name": introduction.name,
                        "from": introduction.get_stage_display(),
                        "to": TechIntroduction.Stage(stage).label
                        if stage in TechIntroduction.Stage.values
                        else stage,
                    }
                },
                code="stage",
            )
        introduction.stage = stage
    claim_version(plan, expected_version)
    for pk in current:
        results[pk].save(update_fields=["current"])
    for pk in stages or {}:
        introductions[pk].save(update_fields=["stage"])
    return plan


@transaction.atomic
def tech_plan_part_add(
    *, plan: TechPlan, by: User, kind: str, data: Mapping[str, Any]
) -> Any:
    """Add an objective, a key result or a technology introduction to a
    draft or returned plan (its owner)."""
    _author_only(plan, by)
    _editable(plan)
    part: Any
    if kind == "objective":
        position = plan.objectives.count()
        part = TechObjective(plan=plan, position=position, **dict(data))
    elif kind == "key_result":
        if data["objective"].plan_id != plan.pk:
            raise ValidationError(
                {"objective": _("Choose one of this plan's objectives.")}
            )
        part = KeyResult(**dict(data))
    elif kind == "introduction":
        part = TechIntroduction(plan=plan, **dict(data))
    else:
        raise ValidationError(_("Unknown part of a plan."))
    part.full_clean()
    part.save()
    claim_version(plan, None)
    return part


@transaction.atomic
def tech_plan_part_delete(*, plan: TechPlan, by: User, kind: str, part_pk: int) -> None:
    _author_only(plan, by)
    _editable(plan)
    rows: Any = {
        "objective": TechObjective.objects.filter(plan=plan),
        "key_result": KeyResult.objects.filter(objective__plan=plan),
        "introduction": TechIntroduction.objects.filter(plan=plan),
    }.get(kind)
    if rows is None:
        raise ValidationError(_("Unknown part of a plan."))
    rows.filter(pk=part_pk).delete()
    claim_version(plan, None)


# -------------------------------------------------------- technical standards


@transaction.atomic
def tech_standard_create(*, by: User, data: dict[str, Any]) -> TechStandard:
    if not roles.has_capability(by, ADD_STANDARD):
        raise PermissionDenied(_("You may not write technical standards."))
    code = data.get("code", "")
    if TechStandard.objects.filter(code=code).exists():
        raise ValidationError(
            {"code": _("A standard with this code exists: start a new version of it.")},
            code="code_taken",
        )
    standard = TechStandard(owner=by, revision=1, **data)
    standard.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the race's loser is told
            standard.save()
    except IntegrityError as error:
        raise ValidationError(
            {"code": _("A standard with this code exists: start a new version of it.")},
            code="code_taken",
        ) from error
    return standard


@transaction.atomic
def tech_standard_update(
    *,
    standard: TechStandard,
    by: User,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> TechStandard:
    _author_only(standard, by)
    _editable(standard)
    data.pop("code", None)  # every version of a standard shares its code
    _apply(standard, data)
    standard.full_clean()
    claim_version(standard, expected_version)
    standard._history_user = by  # type: ignore[attr-defined]
    standard.save()
    return standard


def tech_standard_submit(
    *,
    standard: TechStandard,
    by: User,
    comment: str = "",
    expected_version: int | None = None,
) -> TechStandard:
    def has_body(record: TechStandard) -> None:
        if not record.body.strip():
            raise ValidationError(
                {"body": _("Write the standard before putting it to review.")},
                code="empty",
            )

    return approvals.approval_submit(
        record=standard,
        by=by,
        comment=comment,
        expected_version=expected_version,
        check=has_body,
    )


@transaction.atomic
def tech_standard_publish(
    *,
    standard: TechStandard,
    by: User,
    comment: str = "",
    expected_version: int | None = None,
) -> TechStandard:
    """A director other than its author publishes the version in review;
    the version published before it is retired (and stays readable)."""
    standard = approvals.approval_decide(
        record=standard,
        by=by,
        approve=True,
        comment=comment,
        expected_version=expected_version,
    )
    today = timezone.localdate()
    # Each version retired is saved (locked, counted, in its history), not
    # updated in bulk behind the history's back.
    for previous in (
        TechStandard.objects.select_for_update()
        .filter(code=standard.code, state=TechStandard.PUBLISHED)
        .exclude(pk=standard.pk)
    ):
        previous.state, previous.retired_on = TechStandard.RETIRED, today
        previous._history_user = by  # type: ignore[attr-defined]
        previous.version += 1
        previous.save(update_fields=["state", "retired_on", "version"])
    standard.published_on = today
    standard.save(update_fields=["published_on"])
    return standard


def may_retire(user: User) -> bool:
    return roles.has_capability(user, PUBLISH_STANDARD)


@transaction.atomic
def tech_standard_retire(
    *, standard: TechStandard, by: User, expected_version: int | None = None
) -> TechStandard:
    if not may_retire(by):
        raise PermissionDenied(_("Only a director retires a standard."))
    standard = TechStandard.objects.select_for_update().get(pk=standard.pk)
    if standard.state != TechStandard.PUBLISHED:
        raise ValidationError(
            {"state": _("Only a published standard can be retired.")}, code="state"
        )
    claim_version(standard, expected_version)
    standard.state, standard.retired_on = TechStandard.RETIRED, timezone.localdate()
    standard._history_user = by  # type: ignore[attr-defined]
    standard.save()
    return standard


@transaction.atomic
def tech_standard_new_version(*, standard: TechStandard, by: User) -> TechStandard:
    """A new draft from a published (or retired) version: the next version
    number, the same code, the text to revise. One open draft per code."""
    if not roles.has_capability(by, ADD_STANDARD):
        raise PermissionDenied(_("You may not write technical standards."))
    versions = TechStandard.objects.select_for_update().filter(code=standard.code)
    if standard.state not in (TechStandard.PUBLISHED, TechStandard.RETIRED):
        raise ValidationError(
            {"state": _("Start a new version from a published one.")}, code="state"
        )
    open_draft = versions.filter(
        state__in=(DRAFT, RETURNED, TechStandard.IN_REVIEW)
    ).first()
    if open_draft is not None:
        raise ValidationError(
            {
                "state": _("Version %(n)s of this standard is already being written.")
                % {"n": open_draft.revision}
            },
            code="open_draft",
        )
    latest = versions.aggregate(top=Max("revision"))["top"] or 0
    draft = TechStandard.objects.create(
        code=standard.code,
        title=standard.title,
        body=standard.body,
        next_review_on=standard.next_review_on,
        revision=latest + 1,
        owner=by,
        previous=standard,
    )
    return draft


# ------------------------------------------------------------ purchase plans


def _items(plan: PurchasePlan, items: Iterable[Mapping[str, Any]] | None) -> None:
    if items is None:
        return
    plan.items.all().delete()
    for item in items:
        row = PurchaseItem(plan=plan, **dict(item))
        row.full_clean()
        row.save()


@transaction.atomic
def purchase_plan_create(
    *, by: User, data: dict[str, Any], items: Iterable[Mapping[str, Any]] = ()
) -> PurchasePlan:
    if not roles.has_capability(by, ADD_PURCHASE):
        raise PermissionDenied(_("Only a director writes purchase plans."))
    _period(data)
    plan = PurchasePlan(owner=by, **data)
    plan.full_clean()
    plan.save()
    _items(plan, items)
    return plan


@transaction.atomic
def purchase_plan_update(
    *,
    plan: PurchasePlan,
    by: User,
    data: dict[str, Any],
    items: Iterable[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> PurchasePlan:
    _author_only(plan, by)
    _editable(plan)
    _period(data, plan)
    _apply(plan, data)
    plan.full_clean()
    claim_version(plan, expected_version)
    plan._history_user = by  # type: ignore[attr-defined]
    plan.save()
    _items(plan, items)
    return plan


@transaction.atomic
def purchase_item_add(
    *, plan: PurchasePlan, by: User, data: Mapping[str, Any]
) -> PurchaseItem:
    _author_only(plan, by)
    _editable(plan)
    item = PurchaseItem(plan=plan, **dict(data))
    item.full_clean()
    item.save()
    claim_version(plan, None)
    return item


@transaction.atomic
def purchase_item_delete(*, plan: PurchasePlan, by: User, item_pk: int) -> None:
    _author_only(plan, by)
    _editable(plan)
    plan.items.filter(pk=item_pk).delete()
    claim_version(plan, None)


def purchase_plan_submit(
    *,
    plan: PurchasePlan,
    by: User,
    comment: str = "",
    expected_version: int | None = None,
) -> PurchasePlan:
    def has_items(record: PurchasePlan) -> None:
        if not record.items.exists():
            raise ValidationError(
                {"items": _("List at least one item to buy.")}, code="no_items"
            )

    return approvals.approval_submit(
        record=plan,
        by=by,
        comment=comment,
        expected_version=expected_version,
        check=has_items,
    )
