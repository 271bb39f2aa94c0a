"""Forms of appraisals: they validate; views hand cleaned_data to
teams/appraisal_services.py."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.forms import inlineformset_factory
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from core.filters import FilterSet
from core.forms import DateInput, VersionedForm, no_tag_helper
from teams.models.appraisals import (
    Appraisal,
    AppraisalCriterion,
    AppraisalCycle,
    AppraisalScheme,
    ImprovementAction,
)


class AppraisalSchemeForm(VersionedForm):
    class Meta:
        model = AppraisalScheme
        fields = ["name", "description", "scale_min", "scale_max"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("The highest score must exceed the lowest."))
        return data


class CriterionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AppraisalCriterion
        fields = ["name", "weight", "kpi", "description"]
        widgets = {"description": forms.TextInput}


CriterionFormSet = inlineformset_factory(
    AppraisalScheme,
    AppraisalCriterion,
    form=CriterionForm,
    extra=3,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


class AppraisalCycleForm(VersionedForm):
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(),
        required=False,
        label=_("Everyone in department"),
        help_text=_("Its sub-departments too."),
    )
    people = forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        label=_("And these people"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = AppraisalCycle
        fields = [
            "name",
            "scheme",
            "period_start",
            "period_end",
            "self_review_due",
            "manager_review_due",
            "calibration_due",
            "feedback_due",
        ]

    def __init__(self, *args: Any, schemes: QuerySet[AppraisalScheme], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("department") and not data.get("people"):
            self.add_error("people", _("Choose a department or some people."))
        return data

    def chosen_people(self) -> list[User]:
        chosen = {u.pk: u for u in self.cleaned_data.get("people") or []}
        department = self.cleaned_data.get("department")
        if department is not None:
            ids = Department.objects.subtree_ids(department.pk)
            for user in User.objects.filter(is_active=True, department__in=ids):
                chosen.setdefault(user.pk, user)
        return list(chosen.values())


class ScoresForm(forms.Form):
    """One score (and a note) per criterion of the scheme, on its scale."""

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        appraisal: Appraisal,
        criteria: list[AppraisalCriterion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        scheme = appraisal.cycle.scheme
        self.helper = no_tag_helper()
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=scheme.scale_min,
                max_value=scheme.scale_max,
                help_text=_("%(weight)s%% of the grade, scale %(low)s–%(high)s")
                % {
                    "weight": number_format(criterion.weight.normalize(), use_l10n=True)
                    if criterion.weight != criterion.weight.to_integral()
                    else int(criterion.weight),
                    "low": scheme.scale_min,
                    "high": scheme.scale_max,
                },
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Note on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
            )
        self.order_fields(
            [
                *(f"{kind}_{c.pk}" for c in criteria for kind in ("score", "note")),
                "comment",
            ]
        )
        self.fields["version"].initial = appraisal.version

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"note_{c.pk}", "") for c in self.criteria}


class CalibrationForm(forms.Form):
    final_score = forms.DecimalField(
        label=_("Calibrated grade"),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Empty: keep the manager's score."),
    )
    note = forms.CharField(
        label=_("Calibration note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


class FeedbackForm(forms.Form):
    held_on = forms.DateField(label=_("Talk held on"), widget=DateInput())
    note = forms.CharField(
        label=_("What was agreed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


class ImprovementActionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ImprovementAction
        fields = ["description", "owner", "due_date"]
        widgets = {"description": forms.TextInput, "due_date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True)
        self.helper = no_tag_helper()


class AppraisalFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Person"))
    stage = django_filters.ChoiceFilter(
        choices=Appraisal.Stage.choices, label=_("Step")
    )
    cycle = django_filters.ModelChoiceFilter(
        queryset=AppraisalCycle.objects.all(), label=_("Appraisal cycle")
    )

    class Meta:
        model = Appraisal
        fields: list[str] = []

    def search(self, queryset: QuerySet[Appraisal], name: str, value: str) -> Any:
        from django.db.models import Q

        return queryset.filter(
            Q(person__username__icontains=value)
            | Q(person__first_name__icontains=value)
            | Q(person__last_name__icontains=value)
        )
