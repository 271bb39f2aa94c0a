"""django-filter FilterSet for a project's task list and board (issue 26)."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.filters import ALL, OrderingFilter
from milestones.models import Milestone, Task
from projects.filters import SearchFilterSet
from projects.models import Phase, Project


class TaskFilter(SearchFilterSet):
    search_fields = ("title", "description")
    status = df.ChoiceFilter(choices=Task.Status.choices, label=_("Status"))
    owner = df.ModelChoiceFilter(queryset=User.objects.none(), label=_("Owner"))
    priority = df.ChoiceFilter(choices=Task.Priority.choices, label=_("Priority"))
    phase = df.ModelChoiceFilter(queryset=Phase.objects.none(), label=_("Phase"))
    milestone = df.ModelChoiceFilter(
        queryset=Milestone.objects.none(), label=_("Milestone")
    )
    overdue = df.ChoiceFilter(
        choices=(("yes", _("Yes")), ("no", _("No"))),
        method="filter_overdue",
        label=_("Overdue"),
    )
    due_before = df.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due by")
    )
    ordering = OrderingFilter(
        model=Task,
        fields=(
            ("title", "title"),
            ("owner__last_name", "owner"),
            ("status", "status"),
            ("priority", "priority"),
            ("estimate_hours", "estimate_hours"),
            ("actual_hours", "actual_hours"),
            ("start_date", "start_date"),
            ("due_date", "due_date"),
        ),
        field_labels={"actual_hours": _("Actual (h)")},
    )

    class Meta:
        model = Task
        fields = ["q", "status", "owner", "priority", "phase", "milestone"]

    def __init__(self, *args: Any, project: Project | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.filters["owner"].queryset = team_of(project)
            self.filters["phase"].queryset = project.phases.all()
            self.filters["milestone"].queryset = project.milestones.all()
        for name in ("owner", "phase", "milestone"):
            self.filters[name].extra["empty_label"] = ALL

    def filter_overdue(self, qs: QuerySet[Any], name: str, value: str) -> Any:
        overdue = qs.overdue()  # type: ignore[attr-defined]
        return overdue if value == "yes" else qs.exclude(pk__in=overdue.values("pk"))


def team_of(project: Project) -> QuerySet[User]:
    """The people who may own a project's tasks: its manager and team
    (customers are not)."""
    from django.db.models import Q

    from projects.models import Membership

    seats = (
        Membership.objects.filter(project=project)
        .exclude(role=Membership.Role.CUSTOMER_REP)
        .values("user_id")
    )
    return User.objects.filter(Q(pk=project.manager_id) | Q(pk__in=seats)).order_by(
        "last_name", "first_name", "pk"
    )
