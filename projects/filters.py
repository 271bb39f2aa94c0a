"""django-filter FilterSets for the project pages (search, filters, sorting)."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from core.filters import FilterSet, OrderingFilter
from projects.models import CostEntry, Document, Membership, Phase, Project, Requirement


class SearchFilterSet(FilterSet):
    """A FilterSet with a free-text `q` over `search_fields`."""

    search_fields: tuple[str, ...] = ()
    q = df.CharFilter(label=_("Search"), method="search")

    def search(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return qs.filter(condition)


class ProjectFilter(SearchFilterSet):
    search_fields = ("code", "name", "customer")
    status = df.ChoiceFilter(choices=Project.Status.choices, label=_("Status"))
    department = df.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Department")
    )
    # A semi-join (EXISTS) per user, not a join of every project made DISTINCT:
    # its cost follows the number of people, not of projects.
    manager = df.ModelChoiceFilter(
        queryset=User.objects.filter(
            Exists(Project.objects.filter(manager=OuterRef("pk")))
        ).order_by("last_name", "first_name", "pk"),
        label=_("Manager"),
    )
    ordering = OrderingFilter(
        model=Project,
        fields=(
            ("code", "code"),
            ("name", "name"),
            ("customer", "customer"),
            ("status", "status"),
            ("start_date", "start_date"),
            ("target_date", "target_date"),
            ("budget", "budget"),
        ),
    )

    class Meta:
        model = Project
        fields = ["q", "status", "department", "manager"]


class MembershipFilter(SearchFilterSet):
    search_fields = ("user__username", "user__first_name", "user__last_name")
    role = df.ChoiceFilter(choices=Membership.Role.choices, label=_("Role"))
    ordering = OrderingFilter(
        model=Membership,
        fields=(
            ("user__last_name", "user"),
            ("role", "role"),
            ("allocation_percent", "allocation_percent"),
        ),
    )

    class Meta:
        model = Membership
        fields = ["q", "role"]


class PhaseFilter(SearchFilterSet):
    search_fields = ("name", "objectives")
    ordering = OrderingFilter(
        model=Phase,
        fields=(
            ("order", "order"),
            ("name", "name"),
            ("start_date", "start_date"),
            ("end_date", "end_date"),
        ),
    )

    class Meta:
        model = Phase
        fields = ["q"]


class RequirementFilter(SearchFilterSet):
    search_fields = ("title", "acceptance_criteria")
    status = df.ChoiceFilter(choices=Requirement.Status.choices, label=_("Status"))
    priority = df.ChoiceFilter(
        choices=Requirement.Priority.choices, label=_("Priority")
    )
    ordering = OrderingFilter(
        model=Requirement,
        fields=(
            ("title", "title"),
            ("priority", "priority"),
            ("status", "status"),
            ("due_date", "due_date"),
            ("created_at", "created_at"),
        ),
    )

    class Meta:
        model = Requirement
        fields = ["q", "status", "priority"]


class DocumentFilter(SearchFilterSet):
    search_fields = ("title",)
    kind = df.ChoiceFilter(choices=Document.Kind.choices, label=_("Kind"))
    review_status = df.ChoiceFilter(
        choices=Document.ReviewStatus.choices, label=_("Review")
    )
    ordering = OrderingFilter(
        model=Document,
        fields=(
            ("title", "title"),
            ("kind", "kind"),
            ("due_date", "due_date"),
            ("submitted_on", "submitted_on"),
            ("review_status", "review_status"),
        ),
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "review_status"]


class CostEntryFilter(SearchFilterSet):
    search_fields = ("note",)
    category = df.ChoiceFilter(choices=CostEntry.Category.choices, label=_("Category"))
    date_after = df.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_before = df.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))
    ordering = OrderingFilter(
        model=CostEntry,
        fields=(("date", "date"), ("amount", "amount"), ("category", "category")),
    )

    class Meta:
        model = CostEntry
        fields = ["q", "category", "date_after", "date_before"]
