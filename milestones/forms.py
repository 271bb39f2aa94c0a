"""Milestone form: validates input; the baseline lock shows as a disabled field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from milestones.models import Milestone
from milestones.services import LOCKED_MESSAGE
from projects.forms import RecordForm


class MilestoneForm(RecordForm):
    depends_on = forms.ModelMultipleChoiceField(
        queryset=Milestone.objects.none(),
        required=False,
        label=_("Depends on"),
        help_text=_("Milestones of this project that must be reached first."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Milestone
        fields = [
            "name",
            "phase",
            "planned_date",
            "forecast_date",
            "completed_on",
            "deliverables",
            "depends_on",
        ]
        widgets = {"deliverables": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = self.project or self.instance.project
        self.fields["phase"].queryset = project.phases.all()
        others = project.milestones.order_by("planned_date", "pk")
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
            self.initial["depends_on"] = list(
                self.instance.depends_on.values_list("pk", flat=True)
            )
        self.fields["depends_on"].queryset = others
        if self.instance.pk is not None and project.baselined_on is not None:
            planned = self.fields["planned_date"]
            planned.disabled = True
            planned.help_text = LOCKED_MESSAGE
