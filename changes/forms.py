"""Forms only validate; views hand cleaned_data to changes/services.py."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from changes.models import ChangeRequest
from core.forms import bound_dates
from milestones.models import Milestone
from projects.models import Project


class ChangeRequestForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ChangeRequest
        fields = [
            "title",
            "description",
            "kind",
            "impact_days",
            "impact_cost",
            "affected_requirements",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "affected_requirements": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self, *args: Any, project: Project, show_requirements: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if show_requirements:
            self.fields["affected_requirements"].queryset = project.requirements.all()
        else:
            del self.fields["affected_requirements"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class MilestoneChangeForm(forms.Form):
    milestone = forms.ModelChoiceField(
        queryset=Milestone.objects.none(), label=_("Milestone"), required=False
    )
    new_planned_date = forms.DateField(
        label=_("New planned date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = project.milestones.order_by(
            "planned_date", "pk"
        )
        bound_dates(self)
        self.fields["milestone"].label_from_instance = lambda m: (
            f"{m.name} ({m.planned_date:%Y-%m-%d})"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("milestone") and not data.get("new_planned_date"):
            self.add_error("new_planned_date", _("Give the new planned date."))
        if data.get("new_planned_date") and not data.get("milestone"):
            self.add_error("milestone", _("Choose the milestone to move."))
        return data


class BaseMilestoneChangeFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            milestone = form.cleaned_data.get("milestone")
            if milestone is None:
                continue
            if milestone.pk in seen:
                raise forms.ValidationError(
                    _("Milestone “%(name)s” is proposed twice; keep one date.")
                    % {"name": milestone.name}
                )
            seen.add(milestone.pk)

    def changes(self) -> list[dict[str, Any]]:
        return [
            {
                "milestone": f.cleaned_data["milestone"],
                "new_planned_date": f.cleaned_data["new_planned_date"],
            }
            for f in self.forms
            if f.cleaned_data.get("milestone")
        ]


MilestoneChangeFormSet = forms.formset_factory(
    MilestoneChangeForm, formset=BaseMilestoneChangeFormSet, extra=2, max_num=50
)


class DecisionForm(forms.Form):
    decided_on = forms.DateField(
        label=_("Decided on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
        help_text=_("Defaults to today; change it when recording an earlier decision."),
    )
    note = forms.CharField(
        label=_("Decision note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        bound_dates(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
