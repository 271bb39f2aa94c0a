"""Forms only validate; views hand cleaned_data to risks/services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core import forms as core_forms
from risks.models import Issue, Risk, RiskResponse
from risks.services import RESPONSE_STRATEGIES, STRATEGY_NEEDS_RESPONSE, issue_validate


class VersionedForm(core_forms.VersionedForm):
    """A versioned form whose owner is chosen among the project's team."""

    def __init__(self, *args: Any, owners: QuerySet[User] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields and owners is not None:
            self.fields["owner"].queryset = owners


class RiskForm(VersionedForm):
    first_response = forms.CharField(
        label=_("First response action"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to avoid, mitigate or transfer a new risk."),
    )
    first_response_due = forms.DateField(
        label=_("Response due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "category",
            "probability",
            "impact",
            "strategy",
            "owner",
            "status",
            "identified_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "identified_on": forms.DateInput(attrs={"type": "date"}),
            "probability": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "impact": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["first_response"]
            del self.fields["first_response_due"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk is None:
            has_text = bool((data.get("first_response") or "").strip())
            if has_text and not data.get("first_response_due"):
                self.add_error("first_response_due", _("Give the response a due date."))
            if data.get("strategy") in RESPONSE_STRATEGIES and not has_text:
                self.add_error("strategy", STRATEGY_NEEDS_RESPONSE)
        return data


class RiskResponseForm(VersionedForm):
    class Meta:
        model = RiskResponse
        fields = ["description", "owner", "due_date", "completed_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "completed_on": forms.DateInput(attrs={"type": "date"}),
        }


class IssueForm(VersionedForm):
    class Meta:
        model = Issue
        fields = [
            "title",
            "description",
            "severity",
            "category",
            "parties",
            "resolve_by",
            "owner",
            "reported_at",
            "resolved_at",
            "resolution",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "resolution": forms.Textarea(attrs={"rows": 2}),
            "reported_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "resolved_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "reported_at": _(
                "Defaults to now; change it when recording after the fact."
            ),
            "resolution": _("Required to resolve the issue."),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # A problem unless said otherwise (older clients post no category).
        self.fields["category"].required = False
        self.fields["resolve_by"].help_text = _(
            "Of a conflict; left empty, it is set %(days)s days after the report."
        ) % {"days": settings.CONFLICT_DAYS}
        if not self.instance.pk and not self.is_bound:
            self.initial["reported_at"] = timezone.localtime().replace(
                second=0, microsecond=0
            )

    def clean_category(self) -> str:
        return self.cleaned_data.get("category") or Issue.Category.PROBLEM

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            issue_validate(
                reported_at=data.get("reported_at"),
                resolved_at=data.get("resolved_at"),
                resolution=data.get("resolution") or "",
            )
        except forms.ValidationError as error:
            self.add_error(None, error)
        return data
