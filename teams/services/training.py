"""Training plans, their items and records (DESIGN §7): the one write path.

A plan is edited by its owner while it is a draft or returned; it goes
through teams/approvals.py (owner's manager → general manager → HR).
Training is recorded once the plan is approved; a completion may propose a
skill level that the participant's manager confirms as an assessment.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects import access
from projects.services import assign, delete, save
from teams import approvals
from teams.models import SkillAssessment, TrainingItem, TrainingPlan, TrainingRecord
from teams.services.skills import check_level, skill_assessment_create

if TYPE_CHECKING:
    from accounts.models import User

PLAN_FIELDS = ["title", "period_start", "period_end", "note"]
ITEM_FIELDS = ["topic", "skill", "target_level", "planned_on", "hours", "cost"]
RECORD_FIELDS = ["attended", "hours", "result", "completed_on", "feedback"]
RECORDED = {TrainingPlan.APPROVED, TrainingPlan.FILED}


def team_of(owner: User) -> set[int]:
    """Ids of the people a manager's plan may train: those who report to them
    (transitively) and the members of the departments they head."""
    ids = access.subordinates(owner)
    departments = access.headed_departments(owner)
    if departments:
        ids |= set(
            get_user_model()
            .objects.filter(department__in=departments, is_active=True)
            .exclude(pk=owner.pk)
            .values_list("pk", flat=True)
        )
    return ids


def is_manager(user: User) -> bool:
    return bool(access.subordinates(user) or access.headed_departments(user))


NOT_A_MANAGER = _(
    "A training plan belongs to a manager: someone with direct subordinates."
)


def _check_plan(plan: TrainingPlan) -> None:
    if not is_manager(plan.owner):
        raise ValidationError({"owner": NOT_A_MANAGER}, code="owner_not_manager")
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        raise ValidationError(
            {"period_end": _("The period cannot end before it starts.")}
        )


def _editable(plan: TrainingPlan) -> None:
    if not plan.editable:
        raise ValidationError(
            {
                "state": _(
                    "This plan is %(state)s: only a draft or a returned plan "
                    "can be changed."
                )
                % {"state": plan.get_state_display().lower()}
            },
            code="plan_not_editable",
        )


@transaction.atomic
def training_plan_create(
    *,
    by: User,
    data: dict[str, Any],
    items: Iterable[dict[str, Any]] | None = None,
) -> TrainingPlan:
    plan = TrainingPlan(owner=data.get("owner") or by)
    assign(plan, data, PLAN_FIELDS)
    _check_plan(plan)
    save(plan, by=by)
    for item in items or ():
        training_item_create(plan=plan, by=by, data=item)
    return plan


@transaction.atomic
def training_plan_update(
    *,
    plan: TrainingPlan,
    by: User,
    data: dict[str, Any],
    expected_version: int | None,
) -> TrainingPlan:
    _editable(plan)
    assign(plan, data, PLAN_FIELDS)
    _check_plan(plan)
    save(plan, by=by, expected_version=expected_version)
    return plan


@transaction.atomic
def training_plan_delete(*, plan: TrainingPlan, by: User) -> None:
    _editable(plan)
    delete(plan, by=by)


def _check_items(plan: TrainingPlan) -> None:
    if not plan.items.exists():
        raise ValidationError(
            {"items": _("Add at least one training item before submitting.")},
            code="plan_without_items",
        )


def training_plan_submit(
    *, plan: TrainingPlan, by: User, comment: str = "", expected_version: int | None
) -> TrainingPlan:
    return approvals.approval_submit(
        record=plan,
        by=by,
        comment=comment,
        expected_version=expected_version,
        check=_check_items,
    )


def training_plan_decide(
    *,
    plan: TrainingPlan,
    by: User,
    approve: bool,
    reason: str = "",
    comment: str = "",
    expected_version: int | None = None,
) -> TrainingPlan:
    return approvals.approval_decide(
        record=plan,
        by=by,
        approve=approve,
        reason=reason,
        comment=comment,
        expected_version=expected_version,
    )


# --------------------------------------------------------------------- items


def _check_item(item: TrainingItem, participants: list[Any] | None) -> None:
    if item.target_level is not None:
        check_level("target_level", item.target_level)
    if item.target_level is not None and item.skill_id is None:
        raise ValidationError({"skill": _("Name the skill the target level is for.")})
    if participants is not None:
        team = team_of(item.plan.owner)
        outside = [p for p in participants if p.pk not in team]
        if outside:
            raise ValidationError(
                {
                    "participants": _(
                        "Not in the plan owner's team: %(names)s. A plan trains "
                        "the people who report to its owner."
                    )
                    % {"names": ", ".join(str(p) for p in outside)}
                },
                code="participant_outside_team",
            )


@transaction.atomic
def training_item_create(
    *, plan: TrainingPlan, by: User, data: dict[str, Any]
) -> TrainingItem:
    _editable(plan)
    item = TrainingItem(plan=plan)
    assign(item, data, ITEM_FIELDS)
    participants = list(data.get("participants") or [])
    _check_item(item, participants)
    save(item, by=by)
    item.participants.set(participants)
    return item


@transaction.atomic
def training_item_update(
    *, item: TrainingItem, by: User, data: dict[str, Any]
) -> TrainingItem:
    _editable(item.plan)
    assign(item, data, ITEM_FIELDS)
    participants = list(data["participants"]) if "participants" in data else None
    _check_item(item, participants)
    save(item, by=by)
    if participants is not None:
        item.participants.set(participants)
    return item


@transaction.atomic
def training_item_delete(*, item: TrainingItem, by: User) -> None:
    _editable(item.plan)
    delete(item, by=by)


# ------------------------------------------------------------------- records


def _check_record(record: TrainingRecord) -> None:
    item = record.item
    if item.plan.state not in RECORDED:
        raise ValidationError(
            {"item": _("Training is recorded once its plan is approved.")},
            code="plan_not_approved",
        )
    if not item.participants.filter(pk=record.participant_id).exists():
        raise ValidationError(
            {"participant": _("This person is not a participant of this item.")},
            code="not_a_participant",
        )
    if record.completed_on and record.completed_on > timezone.localdate():
        raise ValidationError(
            {"completed_on": _("A completion cannot be dated in the future.")}
        )
    if record.proposed_level is not None:
        check_level("proposed_level", record.proposed_level)
        if item.skill_id is None:
            raise ValidationError(
                {"proposed_level": _("This item trains no particular skill.")}
            )
        if record.completed_on is None:
            raise ValidationError(
                {"proposed_level": _("Propose a level when the training is completed.")}
            )


@transaction.atomic
def training_record_save(
    *,
    by: User,
    item: TrainingItem,
    participant: User,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> TrainingRecord:
    """Create or update a participant's record of an item.

    The participant gives only their feedback; their manager, the plan's
    owner or HR record attendance, hours, result and completion.
    """
    record = TrainingRecord.objects.filter(item=item, participant=participant).first()
    record = record or TrainingRecord(item=item, participant=participant)
    if by.pk == participant.pk and not access.is_admin(by):
        extra = sorted(set(data) - {"feedback"})
        if extra:
            raise PermissionDenied(
                _(
                    "You give feedback on your own training; attendance, hours "
                    "and results are recorded by your manager or HR."
                )
            )
    assign(record, data, [*RECORD_FIELDS, "proposed_level"])
    if record.completed_on and not record.attended:
        record.attended = True  # completing a course means attending it
    _check_record(record)
    save(record, by=by)
    return record


@transaction.atomic
def training_record_confirm_level(
    *, record: TrainingRecord, by: User, level: int | None = None
) -> SkillAssessment:
    """The participant's manager confirms the level a completion proposed: it
    becomes a skill assessment (source `training`)."""
    record = TrainingRecord.objects.select_for_update().get(pk=record.pk)
    if by.pk == record.participant_id:
        raise PermissionDenied(_("Your own level is confirmed by your manager."))
    if not access.can(by, access.ADD, SkillAssessment(person=record.participant)):
        raise PermissionDenied(
            _("The participant's manager confirms the level, not you.")
        )
    if record.assessment_id is not None:
        raise ValidationError(
            {"proposed_level": _("This level was already confirmed.")},
            code="already_confirmed",
        )
    if record.completed_on is None or record.item.skill_id is None:
        raise ValidationError(
            {"proposed_level": _("Only a completed training of a skill is assessed.")}
        )
    chosen = level if level is not None else record.proposed_level
    assessment = skill_assessment_create(
        by=by,
        data={
            "person": record.participant,
            "skill": record.item.skill,
            "level": chosen,
            "assessed_on": record.completed_on,
            "note": str(record.item),
        },
        source=SkillAssessment.Source.TRAINING,
    )
    record.assessment = assessment
    record.proposed_level = chosen
    save(record, by=by)
    return assessment


def awaiting_confirmation(user: User) -> Any:
    """Completed records proposing a level, for the participant's direct
    manager to confirm (anyone above them in the line may too)."""
    return (
        TrainingRecord.objects.filter(
            participant__reports_to=user,
            participant__is_active=True,
            proposed_level__isnull=False,
            assessment__isnull=True,
        )
        .select_related("item__skill", "participant")
        .order_by("completed_on", "pk")
    )
