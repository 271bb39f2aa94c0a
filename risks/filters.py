"""django-filter filter sets of the risk register and the problem log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from core.filters import FilterSet, OrderingFilter, YesNoFilter
from risks.models import Issue, Risk


class RiskFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=Risk.Status.choices)
    category = django_filters.ChoiceFilter(choices=Risk.Category.choices)
    strategy = django_filters.ChoiceFilter(choices=Risk.Strategy.choices)
    owner = django_filters.ModelChoiceFilter(queryset=User.objects.none())
    probability = django_filters.NumberFilter()
    impact = django_filters.NumberFilter()
    min_score = django_filters.NumberFilter(
        field_name="score", lookup_expr="gte", label=_("Score at least")
    )
    overdue = YesNoFilter(method="filter_overdue", label=_("Has an overdue response"))
    o = OrderingFilter(
        model=Risk,
        fields=(
            ("score", "score"),
            ("title", "title"),
            ("identified_on", "identified_on"),
            ("status", "status"),
            ("project__code", "project"),
            ("owner__last_name", "owner"),
        ),
    )

    class Meta:
        model = Risk
        fields: list[str] = []

    def __init__(self, *args: Any, owners: QuerySet[User] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.filters["owner"].queryset = owners

    def search(self, queryset: QuerySet[Risk], name: str, value: str) -> QuerySet[Risk]:
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value)
        )

    def filter_overdue(
        self, queryset: QuerySet[Risk], name: str, value: bool | None
    ) -> QuerySet[Risk]:
        if value is None:
            return queryset
        overdue = Q(
            responses__completed_on__isnull=True,
            responses__due_date__lt=timezone.localdate(),
        )
        matching = Risk.objects.filter(overdue).values("pk")
        return (
            queryset.filter(pk__in=matching)
            if value
            else queryset.exclude(pk__in=matching)
        )


class IssueFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    severity = django_filters.ChoiceFilter(choices=Issue.Severity.choices)
    category = django_filters.ChoiceFilter(choices=Issue.Category.choices)
    owner = django_filters.ModelChoiceFilter(queryset=User.objects.none())
    state = django_filters.ChoiceFilter(
        method="filter_state",
        label=_("State"),
        choices=[
            ("open", pgettext_lazy("issue state", "Open")),
            ("resolved", pgettext_lazy("issue state", "Resolved")),
            ("breached", _("Past the SLA")),
        ],
    )
    o = OrderingFilter(
        model=Issue,
        fields=(
            ("reported_at", "reported_at"),
            ("resolved_at", "resolved_at"),
            ("severity", "severity"),
            ("title", "title"),
            ("project__code", "project"),
        ),
    )

    class Meta:
        model = Issue
        fields: list[str] = []

    def __init__(self, *args: Any, owners: QuerySet[User] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.filters["owner"].queryset = owners

    def search(
        self, queryset: QuerySet[Issue], name: str, value: str
    ) -> QuerySet[Issue]:
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value)
        )

    def filter_state(
        self, queryset: QuerySet[Issue], name: str, value: str
    ) -> QuerySet[Issue]:
        if value == "open":
            return queryset.filter(resolved_at__isnull=True)
        if value == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        if value == "breached":
            return breached(queryset)
        return queryset


def breached(queryset: QuerySet[Issue]) -> QuerySet[Issue]:
    """Return issues open longer than the SLA, or resolved after it."""
    from django.db.models import DurationField, ExpressionWrapper, F

    sla = timedelta(hours=settings.ISSUE_SLA_HOURS)
    took = ExpressionWrapper(
        F("resolved_at") - F("reported_at"), output_field=DurationField()
    )
    return queryset.annotate(_took=took).filter(
        Q(resolved_at__isnull=True, reported_at__lt=timezone.now() - sla)
        | Q(resolved_at__isnull=False, _took__gt=sla)
    )
