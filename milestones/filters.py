"""django-filter FilterSet for milestone lists."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.filters import OrderingFilter
from milestones.models import Milestone
from projects.filters import SearchFilterSet


class MilestoneFilter(SearchFilterSet):
    search_fields = ("name", "deliverables")
    STATES = (
        ("open", _("Open")),
        ("done", pgettext_lazy("state", "Completed")),
        ("slipped", _("Slipped")),
    )
    state = df.ChoiceFilter(choices=STATES, method="filter_state", label=_("State"))
    planned_after = df.DateFilter(
        field_name="planned_date", lookup_expr="gte", label=_("Planned from")
    )
    planned_before = df.DateFilter(
        field_name="planned_date", lookup_expr="lte", label=_("Planned to")
    )
    ordering = OrderingFilter(
        model=Milestone,
        fields=(
            ("planned_date", "planned_date"),
            ("forecast_date", "forecast_date"),
            ("completed_on", "completed_on"),
            ("name", "name"),
        ),
    )

    class Meta:
        model = Milestone
        fields = ["q", "state", "planned_after", "planned_before"]

    def filter_state(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == "open":
            return qs.filter(completed_on__isnull=True)
        if value == "done":
            return qs.filter(completed_on__isnull=False)
        today = timezone.localdate()
        return qs.filter(completed_on__isnull=True).filter(
            Q(forecast_date__gt=F("planned_date")) | Q(planned_date__lt=today)
        )
