from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from changes.models import ChangeRequest
from core.filters import FilterSet, OrderingFilter


class ChangeRequestFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ChangeRequest.Status.choices)
    kind = django_filters.ChoiceFilter(choices=ChangeRequest.Kind.choices)
    decided_after = django_filters.DateFilter(
        field_name="decided_on", lookup_expr="gte", label=_("Decided on or after")
    )
    o = OrderingFilter(
        model=ChangeRequest,
        fields=(
            ("created_at", "created_at"),
            ("decided_on", "decided_on"),
            ("impact_days", "impact_days"),
            ("impact_cost", "impact_cost"),
            ("status", "status"),
            ("title", "title"),
            ("project__code", "project"),
        ),
    )

    class Meta:
        model = ChangeRequest
        fields: list[str] = []

    def search(
        self, queryset: QuerySet[ChangeRequest], name: str, value: str
    ) -> QuerySet[ChangeRequest]:
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value)
        )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
