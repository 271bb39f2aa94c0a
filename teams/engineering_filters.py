"""The filters of the four lists of issue 23 (technical reviews, plans,
standards, purchase plans). django-filter validates each value: one it
cannot read (a huge or non-numeric id, an unknown state) is left out of
the filtering and shown as the form's error, never a 500."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters as df
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.filters import FilterSet
from projects.models import Project
from teams.models.engineering import (
    PurchasePlan,
    TechnicalReview,
    TechPlan,
    TechStandard,
)

# A published standard is listed as due when its review date is this close.
DUE_SOON_DAYS = 30


def due_for_review(rows: QuerySet[Any]) -> QuerySet[Any]:
    """Published standards whose review date is past or within 30 days."""
    horizon = timezone.localdate() + timedelta(days=DUE_SOON_DAYS)
    return rows.filter(state=TechStandard.PUBLISHED, next_review_on__lte=horizon)


class TechnicalReviewFilter(FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    state = df.ChoiceFilter(
        label=_("State"), choices=list(TechnicalReview.STATE_LABELS.items())
    )
    decision = df.ChoiceFilter(
        label=_("Decision"), choices=TechnicalReview.Decision.choices
    )
    project = df.ModelChoiceFilter(label=_("Project"), queryset=Project.objects.none())
    author = df.ModelChoiceFilter(label=_("Author"), queryset=User.objects.none())

    class Meta:
        model = TechnicalReview
        fields: list[str] = []

    def __init__(
        self, *args: Any, projects: Any = None, people: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if projects is None:
            del self.filters["project"]
        else:
            self.filters["project"].queryset = projects
        self.filters["author"].queryset = (
            people if people is not None else User.objects.none()
        )

    def search(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(Q(title__icontains=value) | Q(proposal__icontains=value))


class TechPlanFilter(FilterSet):
    state = df.ChoiceFilter(
        label=_("State"), choices=list(TechPlan.STATE_LABELS.items())
    )
    owner = df.ModelChoiceFilter(label=_("Owner"), queryset=User.objects.none())

    class Meta:
        model = TechPlan
        fields: list[str] = []

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = (
            people if people is not None else User.objects.none()
        )


class TechStandardFilter(FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    state = df.ChoiceFilter(
        label=_("Status"), choices=list(TechStandard.STATE_LABELS.items())
    )
    due = df.BooleanFilter(
        label=_("Due for review"), method="due_only", widget=forms.CheckboxInput
    )

    class Meta:
        model = TechStandard
        fields: list[str] = []

    def search(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(Q(title__icontains=value) | Q(code__icontains=value))

    def due_only(self, qs: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return due_for_review(qs) if value else qs


class PurchasePlanFilter(FilterSet):
    state = df.ChoiceFilter(
        label=_("State"), choices=list(PurchasePlan.STATE_LABELS.items())
    )

    class Meta:
        model = PurchasePlan
        fields: list[str] = []
