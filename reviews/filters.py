"""django-filter sets for the reviews lists."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.filters import FilterSet, OrderingFilter
from reviews.models import ActionItem, Meeting


class MeetingFilter(FilterSet):
    q = filters.CharFilter(method="search", label=_("Search"))
    kind = filters.ChoiceFilter(choices=Meeting.Kind.choices, label=_("Kind"))
    held_after = filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("Held from")
    )
    held_before = filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("Held until")
    )
    ordering = OrderingFilter(
        fields=(
            ("held_on", "held_on"),
            ("title", "title"),
            ("project__code", "project"),
        ),
        field_labels={
            "held_on": _("Date"),
            "title": _("Title"),
            "project__code": _("Project"),
        },
    )

    class Meta:
        model = Meeting
        fields = ["q", "kind", "held_after", "held_before"]

    def search(self, qs: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        return qs.filter(
            Q(title__icontains=value)
            | Q(minutes__icontains=value)
            | Q(project__code__icontains=value)
        )


class AllMeetingFilter(MeetingFilter):
    project = filters.ModelChoiceFilter(queryset=None, label=_("Project"))

    class Meta(MeetingFilter.Meta):
        fields = ["q", "project", "kind", "held_after", "held_before"]

    def __init__(self, *args: Any, projects: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["project"].queryset = projects


class ActionItemFilter(FilterSet):
    STATES = [
        ("open", _("Open")),
        ("overdue", _("Overdue")),
        ("done", pgettext_lazy("state", "Done")),
    ]
    q = filters.CharFilter(
        field_name="description", lookup_expr="icontains", label=_("Search")
    )
    kind = filters.ChoiceFilter(choices=ActionItem.Kind.choices, label=_("Kind"))
    state = filters.ChoiceFilter(choices=STATES, method="by_state", label=_("State"))
    owner = filters.ModelChoiceFilter(queryset=None, label=_("Owner"))
    ordering = OrderingFilter(
        model=ActionItem,
        fields=(("due_date", "due_date"), ("completed_on", "completed_on")),
    )

    class Meta:
        model = ActionItem
        fields = ["q", "kind", "state", "owner"]

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = people

    def by_state(
        self, qs: QuerySet[ActionItem], name: str, value: str
    ) -> QuerySet[ActionItem]:
        if value == "done":
            return qs.filter(completed_on__isnull=False)
        if value == "overdue":
            return qs.filter(
                completed_on__isnull=True, due_date__lt=timezone.localdate()
            )
        return qs.filter(completed_on__isnull=True)
