from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from core.forms import no_tag_helper
from teams.models import Position, Skill, SkillAssessment, SkillCategory
from teams.models.common import MAX_LEVEL, MIN_LEVEL


class MatrixFilter(forms.Form):
    """The skills matrix: a department or a manager's team, a category."""

    department = forms.ModelChoiceField(
        Department.objects.all(), required=False, label=_("Department")
    )
    manager = forms.ModelChoiceField(
        get_user_model().objects.none(),
        required=False,
        label=_("Team of"),
        help_text=_("Everyone who reports to this person, directly or not."),
    )
    category = forms.ModelChoiceField(
        SkillCategory.objects.all(), required=False, label=_("Skill category")
    )
    position = forms.ModelChoiceField(
        Position.objects.all(), required=False, label=_("Position")
    )
    gaps = forms.BooleanField(required=False, label=_("Only people with gaps"))

    def __init__(self, *args: Any, managers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if managers is not None:
            self.fields["manager"].queryset = managers
        self.helper = no_tag_helper()


class AssessmentForm(forms.Form):
    skill = forms.ModelChoiceField(
        Skill.objects.select_related("category"), label=_("Skill")
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        choices=[(n, n) for n in range(MIN_LEVEL, MAX_LEVEL + 1)],
    )
    assessed_on = forms.DateField(
        label=_("Assessed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=SkillAssessment.Source.choices
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, own: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()
        sources = SkillAssessment.Source
        if own:  # one's own level is only ever a self-assessment
            self.fields["source"].choices = [(sources.SELF, sources.SELF.label)]
        else:
            self.fields["source"].choices = [
                (value, label)
                for value, label in sources.choices
                if value != sources.SELF
            ]
