from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedForm, no_tag_helper
from teams.models import TrainingItem, TrainingPlan, TrainingRecord
from teams.models.common import MAX_LEVEL, MIN_LEVEL

LEVELS = [("", "—"), *((n, n) for n in range(MIN_LEVEL, MAX_LEVEL + 1))]


class TrainingPlanForm(VersionedForm):
    class Meta:
        model = TrainingPlan
        fields = ["title", "period_start", "period_end", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class TrainingItemForm(forms.ModelForm):  # type: ignore[type-arg]
    target_level = forms.TypedChoiceField(
        label=_("Target level"),
        choices=LEVELS,
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = TrainingItem
        fields = [
            "topic",
            "skill",
            "target_level",
            "participants",
            "planned_on",
            "hours",
            "cost",
        ]
        widgets = {
            "planned_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, team: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()
        if team is not None:
            self.fields["participants"].queryset = team


class TrainingRecordForm(forms.ModelForm):  # type: ignore[type-arg]
    proposed_level = forms.TypedChoiceField(
        label=_("Proposed skill level"),
        choices=LEVELS,
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = TrainingRecord
        fields = [
            "attended",
            "hours",
            "completed_on",
            "result",
            "feedback",
            "proposed_level",
        ]
        widgets = {
            "completed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "result": forms.TextInput,
        }

    def __init__(self, *args: Any, feedback_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()
        if feedback_only:
            for name in list(self.fields):
                if name != "feedback":
                    del self.fields[name]


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (required to return)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comment = forms.CharField(label=_("Comment"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()
