"""Writes of recruitment: position requests (their chain is the one approval
mechanism), what happens once open, candidates, applications, interviews,
and hiring, which creates the user with position and reports_to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from core.versioning import StaleEdit, claim_version
from projects import access
from teams import approvals
from teams.models.approvals import ApprovalStep
from teams.models.people import Person, Position
from teams.models.recruitment import (
    Application,
    Candidate,
    Interview,
    InterviewScore,
    PositionRequest,
)

RECRUIT = "teams.change_application"
REQUEST = "teams.add_positionrequest"


def _recruiter(user: User, request: PositionRequest) -> bool:
    """Who moves candidates: the requester, HR, directors, admins."""
    return roles.is_admin(user) or (
        roles.has_capability(user, RECRUIT)
        and (
            request.requested_by_id == user.pk
            or roles.has_capability(user, "teams.view_all_team_records")
        )
    )


# ------------------------------------------------------------------ requests


@transaction.atomic
def position_request_create(*, by: User, data: dict[str, Any]) -> PositionRequest:
    if not roles.has_capability(by, REQUEST):
        raise PermissionDenied
    position: Position = data["position"]
    data.setdefault("department", position.department)
    if not data.get("responsibilities"):
        data["responsibilities"] = position.responsibilities
    if not data.get("qualifications"):
        data["qualifications"] = position.qualifications
    request = PositionRequest(requested_by=by, **data)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def position_request_update(
    *,
    request: PositionRequest,
    by: User,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> PositionRequest:
    if by.pk != request.requested_by_id and not roles.is_admin(by):
        raise PermissionDenied
    if not request.editable:
        raise ValidationError(
            {"state": _("Only a draft or returned request can be edited.")}
        )
    for name, value in data.items():
        setattr(request, name, value)
    request.full_clean()
    claim_version(request, expected_version)
    request.save()
    return request


def position_request_decide(
    *,
    request: PositionRequest,
    by: User,
    approve: bool,
    reason: str = "",
    comment: str = "",
    expected_version: int | None = None,
) -> PositionRequest:
    """Take the due step; the general manager's approval opens the position
    (PositionRequest.save stamps opened_at)."""
    return approvals.approval_decide(
        record=request,
        by=by,
        approve=approve,
        reason=reason,
        comment=comment,
        expected_version=expected_version,
    )


# Moves outside the chain: who may set which state from which.
MOVES = {
    PositionRequest.REJECTED: {PositionRequest.SUBMITTED, PositionRequest.CONFIRMED},
    PositionRequest.ON_HOLD: {PositionRequest.OPEN},
    PositionRequest.OPEN: {PositionRequest.ON_HOLD},
    PositionRequest.CANCELLED: {
        "draft",
        "returned",
        PositionRequest.OPEN,
        PositionRequest.ON_HOLD,
    },
}


@transaction.atomic
def position_request_move(
    *,
    request: PositionRequest,
    by: User,
    to: str,
    reason: str = "",
    expected_version: int | None = None,
) -> PositionRequest:
    """Reject (the holder of the due step), put on hold, reopen or cancel
    (the requester, directors, the general manager)."""
    fresh = PositionRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit
    if to not in MOVES or fresh.state not in MOVES[to]:
        raise ValidationError(
            {
                "state": _("A %(state)s request cannot become %(to)s.")
                % {
                    "state": fresh.get_state_display().lower(),
                    "to": str(PositionRequest.STATE_LABELS.get(to, to)).lower(),
                }
            }
        )
    if to == PositionRequest.REJECTED:
        step = fresh.due_step()
        allowed = step is not None and access.may_take_step(
            by, fresh, step, fresh.author_id
        )
    else:
        allowed = (
            roles.is_admin(by)
            or by.pk == fresh.requested_by_id
            or roles.has_capability(by, "teams.approve_as_general_manager")
            or roles.has_capability(by, "teams.add_appraisalscheme")
        )
    if not allowed:
        raise PermissionDenied
    if (
        to in (PositionRequest.REJECTED, PositionRequest.CANCELLED)
        and not reason.strip()
    ):
        raise ValidationError({"reason": _("Say why.")})
    if to == PositionRequest.REJECTED:
        from django.contrib.contenttypes.models import ContentType

        ApprovalStep.objects.create(
            content_type=ContentType.objects.get_for_model(PositionRequest),
            object_id=fresh.pk,
            state=fresh.state,
            decision=ApprovalStep.Decision.RETURN,
            by=by,
            reason=reason.strip(),
            comment=str(PositionRequest.STATE_LABELS[to]),
        )
    fresh.state = to
    fresh.waiting_on, fresh.waiting_on_capability = None, ""
    if to in (PositionRequest.REJECTED, PositionRequest.CANCELLED):
        fresh.closed_at = timezone.now()
    fresh.version += 1
    fresh.save()
    return fresh


# ------------------------------------------------------------------ candidates


@transaction.atomic
def candidate_create(*, by: User, data: dict[str, Any]) -> Candidate:
    if not roles.has_capability(by, "teams.add_candidate"):
        raise PermissionDenied
    candidate = Candidate(created_by=by, **data)
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def application_create(
    *, by: User, candidate: Candidate, request: PositionRequest, note: str = ""
) -> Application:
    if request.state != PositionRequest.OPEN:
        raise ValidationError(
            {"position_request": _("Candidates apply only to an open position.")}
        )
    if not _recruiter(by, request):
        raise PermissionDenied
    if Application.objects.filter(
        candidate=candidate, position_request=request
    ).exists():
        raise ValidationError(
            {"candidate": _("This candidate already applies for this position.")}
        )
    return Application.objects.create(
        candidate=candidate, position_request=request, note=note
    )


@transaction.atomic
def application_move(
    *,
    application: Application,
    by: User,
    to: str,
    expected_version: int | None = None,
) -> Application:
    fresh = (
        Application.objects.select_for_update()
        .select_related("position_request")
        .get(pk=application.pk)
    )
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit
    if not _recruiter(by, fresh.position_request):
        raise PermissionDenied
    if to not in Application.NEXT.get(fresh.stage, set()):
        raise ValidationError(
            {
                "stage": _("An application at “%(stage)s” cannot move to “%(to)s”.")
                % {
                    "stage": fresh.get_stage_display(),
                    "to": Application.Stage(to).label
                    if to in Application.Stage.values
                    else to,
                }
            }
        )
    fresh.stage = to
    fresh.stage_changed_at = timezone.now()
    fresh.version += 1
    fresh.save(update_fields=["stage", "stage_changed_at", "version"])
    return fresh


@transaction.atomic
def interview_record(
    *,
    application: Application,
    by: User,
    data: dict[str, Any],
    interviewers: Iterable[User],
    scores: Mapping[Any, Any],
) -> Interview:
    """An interview of the application's current round, with a score (1 to 5)
    for each skill the position requires."""
    request = application.position_request
    people = list(interviewers)
    if not (_recruiter(by, request) or by.pk in {p.pk for p in people}):
        raise PermissionDenied
    expected = {
        Application.Stage.FIRST_INTERVIEW: Interview.Round.FIRST,
        Application.Stage.FINAL_INTERVIEW: Interview.Round.FINAL,
    }.get(application.stage)
    if expected is None or data.get("round") != expected:
        raise ValidationError(
            {
                "round": _(
                    "Interviews are recorded while the application is at "
                    "the first or final interview, for that round."
                )
            }
        )
    if not people:
        raise ValidationError({"interviewers": _("Name at least one interviewer.")})
    required = {
        ps.skill_id: ps.skill
        for ps in request.position.required_skills.select_related("skill")
    }
    errors = []
    cleaned: dict[int, int] = {}
    for key, raw in scores.items():
        try:
            pk, value = int(key), int(raw)
        except (TypeError, ValueError):
            errors.append(_("Scores are whole numbers from 1 to 5."))
            continue
        if pk not in required:
            errors.append(
                _("Skill %(pk)s is not required by this position.") % {"pk": pk}
            )
        elif not 1 <= value <= 5:
            errors.append(
                _("“%(skill)s”: %(value)s is outside 1–5.")
                % {"skill": required[pk], "value": value}
            )
        else:
            cleaned[pk] = value
    missing = [str(skill) for pk, skill in required.items() if pk not in cleaned]
    if missing and not errors:
        errors.append(
            _("Score every required skill; missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    if errors:
        raise ValidationError({"scores": errors})
    interview = Interview(application=application, created_by=by, **data)
    interview.full_clean()
    interview.save()
    interview.interviewers.set(people)
    InterviewScore.objects.bulk_create(
        [
            InterviewScore(interview=interview, skill_id=pk, score=v)
            for pk, v in cleaned.items()
        ]
    )
    return interview


@transaction.atomic
def application_hire(
    *,
    application: Application,
    by: User,
    username: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    reports_to: User | None = None,
    hired_on: Any = None,
    expected_version: int | None = None,
) -> Application:
    """Hire from an offer: the user is created (Member role) with the
    request's position and department, reporting to the requester unless
    told otherwise; the request is filled once its headcount is hired."""
    fresh = (
        Application.objects.select_for_update()
        .select_related("position_request", "candidate")
        .get(pk=application.pk)
    )
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEdit
    request = PositionRequest.objects.select_for_update().get(
        pk=fresh.position_request_id
    )
    if not _recruiter(by, request):
        raise PermissionDenied
    if fresh.stage != Application.Stage.OFFER:
        raise ValidationError(
            {"stage": _("Only a candidate with an offer can be hired.")}
        )
    if request.state != PositionRequest.OPEN:
        raise ValidationError(
            {"position_request": _("The position is no longer open.")}
        )
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Give the new account a username.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    user = User(
        username=username,
        email=email or fresh.candidate.email,
        first_name=first_name,
        last_name=last_name or fresh.candidate.name,
        department=request.department,
        reports_to=reports_to or request.requested_by,
        hired_on=hired_on or timezone.localdate(),
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=roles.MEMBER))
    Person.objects.update_or_create(user=user, defaults={"position": request.position})
    fresh.stage = Application.Stage.HIRED
    fresh.stage_changed_at = timezone.now()
    fresh.hired_user = user
    fresh.version += 1
    fresh.save()
    hired = request.applications.filter(stage=Application.Stage.HIRED).count()
    if hired >= request.headcount:
        request.state = PositionRequest.FILLED
        request.closed_at = timezone.now()
        request.version += 1
        request.save(update_fields=["state", "closed_at", "version"])
    return fresh
