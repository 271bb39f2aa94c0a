"""Reads of the risk register; My work (portfolio) uses open_responses_for and
open_issues_for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.fragments import digest
from projects.models import Membership, Project
from risks.models import Issue, Risk, RiskResponse

if TYPE_CHECKING:
    from accounts.models import User


def open_responses_for(user: User) -> QuerySet[RiskResponse]:
    """Return the user's open risk responses in projects they can see, due first."""
    return (
        RiskResponse.objects.visible_to(user)
        .filter(owner=user, completed_on__isnull=True)
        .select_related("risk", "risk__project")
        .order_by("due_date", "pk")
    )


def open_issues_for(user: User) -> QuerySet[Issue]:
    """Return unresolved issues the user owns, oldest report first."""
    return (
        Issue.objects.visible_to(user)
        .filter(owner=user, resolved_at__isnull=True)
        .select_related("project")
        .order_by("reported_at", "pk")
    )


def _per_risk(qs: QuerySet[RiskResponse], value: Any) -> Subquery:
    rows = qs.filter(risk=OuterRef("pk")).order_by().values("risk")
    return Subquery(rows.annotate(v=value).values("v"))


def register(qs: QuerySet[Risk]) -> QuerySet[Risk]:
    """Annotate risks with their response counts for the register, in one query.

    Correlated subqueries, not a join and GROUP BY, for the export (which
    streams every row); a page uses with_response_counts instead.
    """
    today = timezone.localdate()
    responses = RiskResponse.objects.all()
    open_responses = responses.filter(completed_on__isnull=True)
    zero = Value(0)
    return qs.select_related("project", "owner").annotate(
        response_count=Coalesce(_per_risk(responses, Count("pk")), zero),
        open_response_count=Coalesce(_per_risk(open_responses, Count("pk")), zero),
        overdue_count=Coalesce(
            _per_risk(open_responses.filter(due_date__lt=today), Count("pk")), zero
        ),
        next_due=_per_risk(open_responses, Min("due_date")),
    )


def with_response_counts(risks: Iterable[Risk]) -> list[Risk]:
    """Set response_count, open_response_count, overdue_count and next_due on
    each risk of a page: one grouped query over their responses."""
    risks = list(risks)
    today = timezone.localdate()
    open_ = Q(completed_on__isnull=True)
    rows = (
        RiskResponse.objects.filter(risk__in=[r.pk for r in risks])
        .order_by()
        .values("risk_id")
        .annotate(
            response_count=Count("pk"),
            open_response_count=Count("pk", filter=open_),
            overdue_count=Count("pk", filter=open_ & Q(due_date__lt=today)),
            next_due=Min("due_date", filter=open_),
        )
    )
    found = {row.pop("risk_id"): row for row in rows}
    empty = {
        "response_count": 0,
        "open_response_count": 0,
        "overdue_count": 0,
        "next_due": None,
    }
    for risk in risks:
        for name, value in found.get(risk.pk, empty).items():
            setattr(risk, name, value)
    return risks


def heat_map_counts(qs: QuerySet[Risk]) -> dict[tuple[int, int], int]:
    """Return {(probability, impact): count} for qs in one aggregate query."""
    rows: Any = qs.order_by().values("probability", "impact").annotate(n=Count("*"))
    return {(row["probability"], row["impact"]): row["n"] for row in rows}


def risks_version() -> tuple[Any, ...]:
    """What changes whenever a register's counts may: the newest row and the
    newest history row of risks, memberships and projects (every save and
    delete writes a history row, whoever makes it; a bulk insert, a new
    row). One query reading six index ends."""
    newest: dict[str, Any] = {}
    for name, model in (("r", Risk), ("m", Membership), ("p", Project)):
        history = model.history.model.objects.order_by("-history_id")  # type: ignore[attr-defined]
        newest[f"{name}h"] = Subquery(history.values("history_id")[:1])
        newest[f"{name}i"] = Subquery(model.objects.order_by("-pk").values("pk")[:1])
    values = Project.objects.order_by().annotate(**newest).values_list(*newest)
    return tuple(values.first() or ())


def cached_heat_map_counts(
    qs: QuerySet[Risk], *, user: User, scope: Any, params: str
) -> dict[tuple[int, int], int]:
    """heat_map_counts under a versioned key (the user, the register's scope
    and filter, and risks_version()): counting every visible risk costs a
    pass over all of them, so it is done once per change, not per view."""
    key = "risk-heat:" + digest(user.pk, scope, params, risks_version())
    counts = cache.get(key)
    if counts is None:
        counts = heat_map_counts(qs)
        cache.set(key, counts, timeout=600)
    return counts  # type: ignore[no-any-return]
