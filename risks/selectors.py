"""Reads of the risk register; other apps use open_responses_for/open_issues_for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

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

    Correlated subqueries, not a join and GROUP BY: the database computes them
    for the page's rows only (and the paginator's count leaves them out), so
    the page costs the same with 1,000 or 200,000 risks.
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


def heat_map_counts(qs: QuerySet[Risk]) -> dict[tuple[int, int], int]:
    """Return {(probability, impact): count} for qs in one aggregate query."""
    rows: Any = qs.order_by().values("probability", "impact").annotate(n=Count("*"))
    return {(row["probability"], row["impact"]): row["n"] for row in rows}


def _by_score(counts: dict[tuple[int, int], int]) -> dict[int, int]:
    """{score: n} from heat-map counts {(probability, impact): n}."""
    by_score: dict[int, int] = {}
    for (probability, impact), n in counts.items():
        by_score[probability * impact] = by_score.get(probability * impact, 0) + n
    return by_score


def one_score(
    counts: dict[tuple[int, int], int], start: int, rows: int
) -> tuple[int, int] | None:
    """(score, offset) if rows start .. start + rows of the same queryset by
    descending score all have one score: they are then rows offset .. offset
    + rows of the risks with that score (None if the rows span scores)."""
    by_score = _by_score(counts)
    end = min(start + rows, sum(by_score.values()))
    seen = 0
    for score in sorted(by_score, reverse=True):
        if start < seen + by_score[score]:
            return (score, start - seen) if end <= seen + by_score[score] else None
        seen += by_score[score]
    return None


def score_floor(counts: dict[tuple[int, int], int], rows: int) -> int:
    """The lowest score the first `rows` risks by descending score can have.

    `counts` are heat_map_counts of the same queryset: filtering it on
    score >= this floor keeps its first `rows` rows in score order unchanged.
    """
    by_score = _by_score(counts)
    seen = 0
    for score in sorted(by_score, reverse=True):
        seen += by_score[score]
        if seen >= rows:
            return score
    return 0
