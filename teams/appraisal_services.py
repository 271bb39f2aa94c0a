"""Writes of appraisals: cycles, each person's steps, improvement actions.

Every step locks the appraisal row (two people clicking at once: one wins,
the other is told the step has moved on) and checks the version the caller
read. Wrong step → ValidationError (400), wrong person → PermissionDenied
(403), stale read → StaleEdit (409); nothing is saved in any of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from core.mail import send_logged_mail
from core.versioning import StaleEdit, claim_version
from teams.models.appraisals import (
    Appraisal,
    AppraisalCriterion,
    AppraisalCycle,
    AppraisalScheme,
    AppraisalScore,
    ImprovementAction,
)

CALIBRATE = "teams.calibrate_appraisal"
MANAGE_CYCLES = "teams.add_appraisalcycle"
TWO_PLACES = Decimal("0.01")
REMIND_DAYS_BEFORE = 3


# ------------------------------------------------------------------ who


def holds_step(user: Any, appraisal: Appraisal) -> bool:
    """True if user takes the step that is due (admins take any)."""
    if not user.is_active or user.pk is None:
        return False
    if roles.is_admin(user):
        return appraisal.holder is not None
    holder = appraisal.holder
    if holder == "person":
        return appraisal.person_id == user.pk
    if holder == "manager":
        return appraisal.manager_id == user.pk
    if holder == "director":
        return roles.has_capability(user, CALIBRATE) and user.pk != appraisal.person_id
    return False


def _locked(appraisal: Appraisal, expected_version: int | None) -> Appraisal:
    fresh = (
        Appraisal.objects.select_for_update()
        .select_related("cycle", "cycle__scheme")
        .get(pk=appraisal.pk)
    )
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit
    return fresh


def _require_step(appraisal: Appraisal, stage: str, by: Any) -> None:
    if appraisal.stage != stage:
        raise ValidationError(
            {
                "stage": _(
                    "This appraisal is at “%(now)s”, not “%(step)s”: "
                    "someone may have taken the step already. Reload the page."
                )
                % {
                    "now": appraisal.get_stage_display(),
                    "step": Appraisal.Stage(stage).label,
                }
            }
        )
    if not holds_step(by, appraisal):
        raise PermissionDenied(
            _("Only %(holder)s takes the step “%(step)s”.")
            % {
                "holder": holder_label(appraisal),
                "step": appraisal.get_stage_display(),
            }
        )


def holder_label(appraisal: Appraisal) -> str:
    """Who takes the due step, as a page names them."""
    holder = appraisal.holder
    if holder == "person":
        return str(appraisal.person)
    if holder == "manager":
        return str(appraisal.manager or _("the manager"))
    if holder == "director":
        return _("a director")
    return "—"


# ------------------------------------------------------------------ scores


def _clean_scores(appraisal: Appraisal, scores: Mapping[Any, Any]) -> dict[int, int]:
    """{criterion id: score} for every criterion of the scheme, in its scale."""
    scheme = appraisal.cycle.scheme
    criteria = {c.pk: c for c in scheme.criteria.all()}
    errors: list[str] = []
    cleaned: dict[int, int] = {}
    for key, raw in scores.items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            pk = -1
        if pk not in criteria:
            errors.append(
                _("%(key)s is not a criterion of this scheme.") % {"key": key}
            )
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or isinstance(raw, bool) or str(raw).strip() != str(value):
            errors.append(
                _("“%(criterion)s”: give a whole number.") % {"criterion": criteria[pk]}
            )
            continue
        if not scheme.scale_min <= value <= scheme.scale_max:
            errors.append(
                _("“%(criterion)s”: %(value)s is outside the scale %(low)s–%(high)s.")
                % {
                    "criterion": criteria[pk],
                    "value": value,
                    "low": scheme.scale_min,
                    "high": scheme.scale_max,
                }
            )
            continue
        cleaned[pk] = value
    missing = [str(c) for pk, c in criteria.items() if pk not in cleaned]
    if missing and not errors:
        errors.append(
            _("Score every criterion; missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    if errors:
        raise ValidationError({"scores": errors})
    return cleaned


def weighted_score(
    criteria: Iterable[AppraisalCriterion], scores: Mapping[int, int]
) -> Decimal | None:
    """The weighted mean of scores (weights need not add up to 100)."""
    total = weight = Decimal(0)
    for criterion in criteria:
        if criterion.pk in scores:
            total += criterion.weight * scores[criterion.pk]
            weight += criterion.weight
    if not weight:
        return None
    return (total / weight).quantize(TWO_PLACES, ROUND_HALF_UP)


def _store_scores(
    appraisal: Appraisal, scores: dict[int, int], notes: Mapping[Any, str], side: str
) -> None:
    existing = {s.criterion_id: s for s in appraisal.scores.all()}
    for pk, value in scores.items():
        row = existing.get(pk) or AppraisalScore(appraisal=appraisal, criterion_id=pk)
        setattr(row, f"{side}_score", value)
        note = notes.get(pk, notes.get(str(pk), ""))
        setattr(row, f"{side}_note", str(note or "")[:2000])
        row.save()


# ------------------------------------------------------------------ cycles


@transaction.atomic
def appraisal_cycle_create(
    *, by: User, data: dict[str, Any], people: Iterable[User] | None = None
) -> AppraisalCycle:
    """Open a cycle of an approved scheme; one appraisal per person, their
    manager being whom they report to today."""
    if not roles.has_capability(by, MANAGE_CYCLES):
        raise PermissionDenied
    scheme: AppraisalScheme = data["scheme"]
    if not scheme_is_approved(scheme):
        raise ValidationError(
            {
                "scheme": _(
                    "Only a scheme approved by the general manager can start a cycle."
                )
            }
        )
    cycle = AppraisalCycle(created_by=by, **data)
    if cycle.period_end < cycle.period_start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    dues = [
        ("self_review_due", cycle.self_review_due),
        ("manager_review_due", cycle.manager_review_due),
        ("calibration_due", cycle.calibration_due),
        ("feedback_due", cycle.feedback_due),
    ]
    for (_name, earlier), (name, later) in pairwise(dues):
        if later < earlier:
            raise ValidationError(
                {name: _("Each step is due on or after the step before it.")}
            )
    cycle.full_clean()
    cycle.save()
    members = list(people) if people is not None else []
    Appraisal.objects.bulk_create(
        [
            Appraisal(cycle=cycle, person=person, manager_id=person.reports_to_id)
            for person in members
        ]
    )
    return cycle


def scheme_is_approved(scheme: AppraisalScheme) -> bool:
    return scheme.state == AppraisalScheme.APPROVED


@transaction.atomic
def appraisal_add_people(
    *, cycle: AppraisalCycle, by: User, people: Iterable[User]
) -> int:
    """Add people to an open cycle (those already in it are skipped)."""
    if not roles.has_capability(by, MANAGE_CYCLES):
        raise PermissionDenied
    if cycle.status != AppraisalCycle.Status.OPEN:
        raise ValidationError(_("The cycle is closed."))
    have = set(cycle.appraisals.values_list("person_id", flat=True))
    rows = [
        Appraisal(cycle=cycle, person=p, manager_id=p.reports_to_id)
        for p in people
        if p.pk not in have
    ]
    Appraisal.objects.bulk_create(rows)
    return len(rows)


# ------------------------------------------------------------------ steps


def _advance(appraisal: Appraisal, fields: list[str]) -> Appraisal:
    appraisal.stage = Appraisal.STAGES[appraisal.stage][1]  # type: ignore[index]
    appraisal.return_reason = ""
    claim_version(appraisal, None)
    appraisal.save(update_fields=[*fields, "stage", "return_reason", "version"])
    notify_holder(appraisal)
    return appraisal


@transaction.atomic
def appraisal_self_review_submit(
    *,
    appraisal: Appraisal,
    by: User,
    scores: Mapping[Any, Any],
    comment: str = "",
    notes: Mapping[Any, str] | None = None,
    expected_version: int | None = None,
) -> Appraisal:
    appraisal = _locked(appraisal, expected_version)
    _require_step(appraisal, Appraisal.Stage.SELF_REVIEW, by)
    cleaned = _clean_scores(appraisal, scores)
    _store_scores(appraisal, cleaned, notes or {}, "self")
    appraisal.self_comment = comment
    appraisal.self_submitted_at = timezone.now()
    return _advance(appraisal, ["self_comment", "self_submitted_at"])


@transaction.atomic
def appraisal_manager_review_submit(
    *,
    appraisal: Appraisal,
    by: User,
    scores: Mapping[Any, Any],
    comment: str = "",
    notes: Mapping[Any, str] | None = None,
    expected_version: int | None = None,
) -> Appraisal:
    appraisal = _locked(appraisal, expected_version)
    _require_step(appraisal, Appraisal.Stage.MANAGER_REVIEW, by)
    cleaned = _clean_scores(appraisal, scores)
    _store_scores(appraisal, cleaned, notes or {}, "manager")
    appraisal.manager_comment = comment
    appraisal.manager_submitted_at = timezone.now()
    appraisal.manager_score = weighted_score(
        appraisal.cycle.scheme.criteria.all(), cleaned
    )
    return _advance(
        appraisal, ["manager_comment", "manager_submitted_at", "manager_score"]
    )


@transaction.atomic
def appraisal_calibrate(
    *,
    appraisal: Appraisal,
    by: User,
    final_score: Any = None,
    note: str = "",
    expected_version: int | None = None,
) -> Appraisal:
    """The director's grade: the manager's score or an evened-out one."""
    appraisal = _locked(appraisal, expected_version)
    _require_step(appraisal, Appraisal.Stage.CALIBRATION, by)
    scheme = appraisal.cycle.scheme
    if final_score in (None, ""):
        score = appraisal.manager_score
    else:
        try:
            score = Decimal(str(final_score)).quantize(TWO_PLACES, ROUND_HALF_UP)
        except ArithmeticError:
            score = None
        if score is None or not score.is_finite():
            raise ValidationError({"final_score": _("Give a number.")})
    if score is None or not scheme.scale_min <= score <= scheme.scale_max:
        raise ValidationError(
            {
                "final_score": _("The grade must lie on the scale %(low)s–%(high)s.")
                % {"low": scheme.scale_min, "high": scheme.scale_max}
            }
        )
    if score != appraisal.manager_score and not note.strip():
        raise ValidationError(
            {"note": _("Say why the grade differs from the manager's score.")}
        )
    appraisal.final_score = score
    appraisal.calibration_note = note
    appraisal.calibrated_by = by
    appraisal.calibrated_at = timezone.now()
    return _advance(
        appraisal,
        ["final_score", "calibration_note", "calibrated_by", "calibrated_at"],
    )


@transaction.atomic
def appraisal_feedback_record(
    *,
    appraisal: Appraisal,
    by: User,
    held_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Appraisal:
    """The feedback talk took place: the appraisal is closed."""
    appraisal = _locked(appraisal, expected_version)
    _require_step(appraisal, Appraisal.Stage.FEEDBACK, by)
    day = held_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"held_on": _("The talk cannot be in the future.")})
    appraisal.feedback_held_on = day
    appraisal.feedback_note = note
    appraisal.closed_at = timezone.now()
    return _advance(appraisal, ["feedback_held_on", "feedback_note", "closed_at"])


@transaction.atomic
def appraisal_return(
    *,
    appraisal: Appraisal,
    by: User,
    reason: str,
    expected_version: int | None = None,
) -> Appraisal:
    """Send the appraisal back one step (manager → person, director →
    manager), with the reason the earlier step's holder reads."""
    appraisal = _locked(appraisal, expected_version)
    step = Appraisal.STAGES.get(appraisal.stage)  # type: ignore[call-overload]
    if step is None or step[2] is None:
        raise ValidationError(
            {"stage": _("This step cannot be returned; it can only be taken.")}
        )
    _require_step(appraisal, appraisal.stage, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it goes back.")})
    appraisal.stage = step[2]
    appraisal.return_reason = reason.strip()
    claim_version(appraisal, None)
    appraisal.save(update_fields=["stage", "return_reason", "version"])
    notify_holder(appraisal)
    return appraisal


# ------------------------------------------------------------------ improvement


@transaction.atomic
def improvement_action_add(
    *, appraisal: Appraisal, by: User, data: dict[str, Any]
) -> ImprovementAction:
    """The manager (or a director, or an admin) agrees an action."""
    if not (
        roles.is_admin(by)
        or appraisal.manager_id == by.pk
        or roles.has_capability(by, CALIBRATE)
    ) or (by.pk == appraisal.person_id and not roles.is_admin(by)):
        raise PermissionDenied
    action = ImprovementAction(appraisal=appraisal, **data)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def improvement_action_complete(
    *,
    action: ImprovementAction,
    by: User,
    completed_on: date | None = None,
    expected_version: int | None = None,
) -> ImprovementAction:
    if not (
        roles.is_admin(by)
        or action.owner_id == by.pk
        or action.appraisal.manager_id == by.pk
    ):
        raise PermissionDenied
    if action.completed_on is not None:
        return action  # a double click is harmless
    day = completed_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"completed_on": _("That day has not come yet.")})
    action.completed_on = day
    claim_version(action, expected_version)
    action.save(update_fields=["completed_on", "version"])
    return action


# ------------------------------------------------------------------ notices


def holder_users(appraisal: Appraisal) -> list[User]:
    holder = appraisal.holder
    if holder == "person":
        return [appraisal.person]
    if holder == "manager":
        return [appraisal.manager] if appraisal.manager else []
    if holder == "director":
        return list(
            User.objects.filter(
                Q(groups__permissions__codename="calibrate_appraisal")
                | Q(user_permissions__codename="calibrate_appraisal"),
                is_active=True,
            )
            .exclude(pk=appraisal.person_id)
            .exclude(email="")
            .distinct()
        )
    return []


def _mail(appraisal: Appraisal, person: User, reminder: bool) -> None:
    if not person.email:
        return
    with translation.override(person.language or settings.LANGUAGE_CODE):
        due = appraisal.cycle.due_of(appraisal.stage)
        subject = (
            _("Reminder: appraisal step “%(step)s” due %(due)s")
            if reminder
            else _("Appraisal step “%(step)s” is yours")
        ) % {
            "step": appraisal.get_stage_display(),
            "due": formats.date_format(due) if due else "—",
        }
        body = _(
            "Hello %(name)s,\n\nthe appraisal of %(person)s in “%(cycle)s” waits "
            "for the step “%(step)s”, due on %(due)s.%(reason)s\n\n"
            "Open it in Milepost under My work.\n"
        ) % {
            "name": person.get_full_name() or person.username,
            "person": appraisal.person,
            "cycle": appraisal.cycle.name,
            "step": appraisal.get_stage_display(),
            "due": formats.date_format(due) if due else "—",
            "reason": (
                "\n\n" + _("Returned: %(reason)s") % {"reason": appraisal.return_reason}
                if appraisal.return_reason
                else ""
            ),
        }
    send_logged_mail(subject, body, [person.email], kind="appraisal step")


def notify_holder(appraisal: Appraisal) -> None:
    """E-mail whoever takes the due step, once the transaction commits."""
    pk = appraisal.pk

    def send() -> None:
        fresh = Appraisal.objects.select_related("cycle", "person", "manager").get(
            pk=pk
        )
        for person in holder_users(fresh):
            try:
                _mail(fresh, person, reminder=False)
            except Exception:  # noqa: S112 - logged by send_logged_mail; the step stands
                continue

    transaction.on_commit(send)


def appraisal_reminders_send(*, today: date | None = None) -> int:
    """E-mail the holder of each open step due within REMIND_DAYS_BEFORE days
    (or overdue), once a day per appraisal; returns the e-mails sent."""
    day = today or timezone.localdate()
    soon = day + timedelta(days=REMIND_DAYS_BEFORE)
    due = (
        Q(stage=Appraisal.Stage.SELF_REVIEW, cycle__self_review_due__lte=soon)
        | Q(stage=Appraisal.Stage.MANAGER_REVIEW, cycle__manager_review_due__lte=soon)
        | Q(stage=Appraisal.Stage.CALIBRATION, cycle__calibration_due__lte=soon)
        | Q(stage=Appraisal.Stage.FEEDBACK, cycle__feedback_due__lte=soon)
    )
    rows = (
        Appraisal.objects.filter(due, cycle__status=AppraisalCycle.Status.OPEN)
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=day))
        .select_related("cycle", "person", "manager")
        .order_by("pk")
    )
    sent = 0
    for appraisal in rows.iterator(chunk_size=500):
        claimed = (
            Appraisal.objects.filter(pk=appraisal.pk)
            .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=day))
            .update(last_reminded_on=day)
        )
        if not claimed:
            continue
        for person in holder_users(appraisal):
            if person.email:
                try:
                    _mail(appraisal, person, reminder=True)
                except Exception:  # noqa: S112 - logged; the next holder still hears
                    continue
                sent += 1
    return sent


# ------------------------------------------------------------------ schemes


@transaction.atomic
def appraisal_scheme_create(
    *, by: User, data: dict[str, Any], criteria: list[dict[str, Any]]
) -> AppraisalScheme:
    """A director writes a scheme; its criteria's weights add up to 100."""
    if not roles.has_capability(by, "teams.add_appraisalscheme"):
        raise PermissionDenied
    if not criteria:
        raise ValidationError(
            {"criteria": _("Give the scheme at least one criterion.")}
        )
    total = sum((Decimal(str(c["weight"])) for c in criteria), Decimal(0))
    if total != 100:
        raise ValidationError(
            {
                "criteria": _("The weights add up to %(total)s%%, not 100%%.")
                % {"total": total.normalize()}
            }
        )
    scheme = AppraisalScheme(author=by, **data)
    scheme.full_clean()
    scheme.save()
    for position, item in enumerate(criteria):
        criterion = AppraisalCriterion(
            scheme=scheme,
            position=position,
            name=item["name"],
            weight=item["weight"],
            kpi=item.get("kpi"),
            description=item.get("description", ""),
        )
        criterion.full_clean()
        criterion.save()
    return scheme
