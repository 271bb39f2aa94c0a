"""Who reads recruitment records (DESIGN §4 for team records): those who
read every team record (directors, the general manager, HR, admins), the
requester of a position request and their reporting line and department
head (the request's TeamPolicy), and the interviewers of an application."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from accounts import roles
from projects import access


def _base(user: Any, qs: models.QuerySet[Any]) -> bool | None:
    """True: everything; False: nothing; None: filter."""
    if not user.is_active or user.pk is None:
        return False
    if not roles.has_capability(user, access.model_permission(qs.model, access.VIEW)):
        return False
    if roles.is_admin(user) or roles.has_capability(
        user, "teams.view_all_team_records"
    ):
        return True
    return None


def applications[Q_: models.QuerySet[Any]](user: Any, qs: Q_) -> Q_:
    from teams.models.recruitment import Interview, PositionRequest

    wide = _base(user, qs)
    if wide is not None:
        return qs if wide else qs.none()
    requests = PositionRequest.objects.visible_to(user).values("pk")
    interviewed = Interview.objects.filter(interviewers=user).values("application_id")
    return qs.filter(Q(position_request__in=requests) | Q(pk__in=interviewed))


def candidates[Q_: models.QuerySet[Any]](user: Any, qs: Q_) -> Q_:
    from teams.models.recruitment import Application

    wide = _base(user, qs)
    if wide is not None:
        return qs if wide else qs.none()
    seen = applications(user, Application.objects.all()).values("candidate_id")
    return qs.filter(Q(created_by=user) | Q(pk__in=seen))
