"""Writes of the risk register and the problem log. Views and the API call these."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import check_bounds
from core.versioning import claim_version
from risks.models import Issue, Risk, RiskResponse

if TYPE_CHECKING:
    from accounts.models import User
    from projects.models import Project

RESPONSE_STRATEGIES = {
    Risk.Strategy.MITIGATE,
    Risk.Strategy.TRANSFER,
    Risk.Strategy.AVOID,
}
STRATEGY_NEEDS_RESPONSE = _(
    "Add at least one response action before choosing the avoid, mitigate or "
    "transfer strategy (a plan needs someone doing something by a date)."
)
RISK_FIELDS = [
    "title",
    "description",
    "category",
    "probability",
    "impact",
    "strategy",
    "owner",
    "status",
    "identified_on",
]
RESPONSE_FIELDS = ["description", "owner", "due_date", "completed_on"]
ISSUE_FIELDS = [
    "title",
    "description",
    "severity",
    "category",
    "parties",
    "resolve_by",
    "reported_at",
    "resolved_at",
    "resolution",
    "owner",
]


def _apply(instance: Any, data: dict[str, Any], fields: list[str]) -> list[str]:
    changed = []
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def _check_strategy(risk: Risk, *, has_response: bool) -> None:
    if risk.strategy in RESPONSE_STRATEGIES and not has_response:
        raise ValidationError({"strategy": STRATEGY_NEEDS_RESPONSE})


@transaction.atomic
def risk_create(
    *,
    project: Project,
    by: User,
    data: dict[str, Any],
    first_response: dict[str, Any] | None = None,
) -> Risk:
    """Create a risk, with its first response action when one is given."""
    risk = Risk(project=project)
    _apply(risk, data, RISK_FIELDS)
    _check_strategy(risk, has_response=bool(first_response))
    check_bounds(risk)
    risk._history_user = by  # type: ignore[attr-defined]
    risk.save()
    if first_response:
        response_create(risk=risk, by=by, data=first_response)
    return risk


@transaction.atomic
def risk_update(
    *, risk: Risk, by: User, data: dict[str, Any], expected_version: int | None
) -> Risk:
    """Save changed fields of risk unless someone saved it since it was read."""
    changed = _apply(risk, data, RISK_FIELDS)
    _check_strategy(risk, has_response=risk.responses.exists())
    claim_version(risk, expected_version)
    check_bounds(risk)
    risk._history_user = by  # type: ignore[attr-defined]
    risk.save(update_fields=[*changed, "version"])
    risk.refresh_from_db(fields=["score"])
    return risk


@transaction.atomic
def risk_delete(*, risk: Risk, by: User) -> None:
    """Delete a risk and its responses (a closed risk is usually kept instead)."""
    risk._history_user = by  # type: ignore[attr-defined]
    risk.delete()


@transaction.atomic
def response_create(*, risk: Risk, by: User, data: dict[str, Any]) -> RiskResponse:
    response = RiskResponse(risk=risk)
    _apply(response, data, RESPONSE_FIELDS)
    check_bounds(response)
    response._history_user = by  # type: ignore[attr-defined]
    response.save()
    return response


@transaction.atomic
def response_update(
    *,
    response: RiskResponse,
    by: User,
    data: dict[str, Any],
    expected_version: int | None,
) -> RiskResponse:
    changed = _apply(response, data, RESPONSE_FIELDS)
    claim_version(response, expected_version)
    check_bounds(response)
    response._history_user = by  # type: ignore[attr-defined]
    response.save(update_fields=[*changed, "version"])
    return response


@transaction.atomic
def response_delete(*, response: RiskResponse, by: User) -> None:
    """Delete a response; a risk that relies on responses keeps at least one."""
    risk = response.risk
    if (
        risk.strategy in RESPONSE_STRATEGIES
        and risk.responses.exclude(pk=response.pk).count() == 0
    ):
        raise ValidationError(
            _(
                "This is the risk's only response action and its strategy is "
                "%(strategy)s: change the strategy to accept first."
            )
            % {"strategy": risk.get_strategy_display()}
        )
    response._history_user = by  # type: ignore[attr-defined]
    response.delete()


def _conflict_deadline(issue: Issue) -> list[str]:
    """A conflict without a resolve-by date gets the default one
    (CONFLICT_DAYS after the local date it was reported); return the field
    names set."""
    if issue.category != Issue.Category.CONFLICT or issue.resolve_by is not None:
        return []
    reported = timezone.localdate(issue.reported_at or timezone.now())
    issue.resolve_by = reported + timedelta(days=settings.CONFLICT_DAYS)
    return ["resolve_by"]


def issue_validate(
    *,
    reported_at: datetime | None,
    resolved_at: datetime | None,
    resolution: str,
) -> None:
    """Raise ValidationError naming the field when the resolution is not sound."""
    if resolved_at is None:
        return
    if not (resolution or "").strip():
        raise ValidationError(
            {"resolution": _("Describe the resolution to resolve the issue.")}
        )
    if reported_at is not None and resolved_at < reported_at:
        raise ValidationError(
            {"resolved_at": _("An issue cannot be resolved before it was reported.")}
        )


@transaction.atomic
def issue_create(*, project: Project, by: User, data: dict[str, Any]) -> Issue:
    issue = Issue(project=project, reported_by=by)
    _apply(issue, data, ISSUE_FIELDS)
    if issue.reported_at is None:
        issue.reported_at = timezone.now()
    _conflict_deadline(issue)
    issue_validate(
        reported_at=issue.reported_at,
        resolved_at=issue.resolved_at,
        resolution=issue.resolution,
    )
    check_bounds(issue)
    issue._history_user = by  # type: ignore[attr-defined]
    issue.save()
    return issue


@transaction.atomic
def issue_delete(*, issue: Issue, by: User) -> None:
    issue._history_user = by  # type: ignore[attr-defined]
    issue.delete()


@transaction.atomic
def issue_update(
    *, issue: Issue, by: User, data: dict[str, Any], expected_version: int | None
) -> Issue:
    changed = _apply(issue, data, ISSUE_FIELDS)
    changed += [f for f in _conflict_deadline(issue) if f not in changed]
    issue_validate(
        reported_at=issue.reported_at,
        resolved_at=issue.resolved_at,
        resolution=issue.resolution,
    )
    check_bounds(issue)
    claim_version(issue, expected_version)
    issue._history_user = by  # type: ignore[attr-defined]
    issue.save(update_fields=[*changed, "version"])
    return issue
