"""Crispy ModelForms: they validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from projects.models import CostEntry, Document, Membership, Phase, Project, Requirement


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    """Base form: date pickers, crispy layout without its own <form> tag, and
    the version the editor read (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, project: Project | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.helper = FormHelper()
        self.helper.form_tag = False
        if self.instance.pk is not None and hasattr(self.instance, "version"):
            self.fields["version"].initial = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (unknown fields go on top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = (
                name if name in form.fields and not form.fields[name].disabled else None
            )
            for item in errors:
                form.add_error(
                    target, item if target else _with_label(form, name, item)
                )
    else:
        for message in error.messages:
            form.add_error(None, message)


def _with_label(form: forms.BaseForm, name: str, item: ValidationError) -> str:
    message = " ".join(item.messages)
    field = form.fields.get(name)
    if name == "__all__" or field is None:
        return message
    return f"{field.label}: {message}"


class ProjectForm(RecordForm):
    manager = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).order_by(
            "last_name", "first_name"
        ),
        label=_("Project manager"),
    )

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "customer",
            "department",
            "manager",
            "status",
            "start_date",
            "target_date",
            "budget",
            "objectives",
            "scope",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self, *args: Any, may_choose_manager: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not may_choose_manager:
            del self.fields["manager"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, target = data.get("start_date"), data.get("target_date")
        if start and target and target < start:
            self.add_error(
                "target_date", _("The target date cannot be before the start.")
            )
        return data


class MembershipForm(RecordForm):
    class Meta:
        model = Membership
        fields = ["user", "role", "allocation_percent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name"
        )
        if self.instance.pk is not None:
            self.fields["user"].disabled = True
        self.fields["allocation_percent"].widget.attrs.update(min=0, max=100)


class PhaseForm(RecordForm):
    class Meta:
        model = Phase
        fields = ["name", "order", "start_date", "end_date", "objectives"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 3})}


class RequirementForm(RecordForm):
    class Meta:
        model = Requirement
        fields = ["title", "acceptance_criteria", "priority", "status", "due_date"]
        widgets = {"acceptance_criteria": forms.Textarea(attrs={"rows": 4})}


class DocumentForm(RecordForm):
    class Meta:
        model = Document
        fields = ["kind", "title", "due_date", "submitted_on", "file", "url"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_file = data.get("file") or (self.instance.pk and self.instance.file)
        if not has_file and not data.get("url") and data.get("submitted_on"):
            self.add_error(
                "submitted_on",
                _("A submitted document needs an uploaded file or a link."),
            )
        return data


class DocumentReviewForm(RecordForm):
    class Meta:
        model = Document
        fields = ["review_status"]


class CostEntryForm(RecordForm):
    class Meta:
        model = CostEntry
        fields = ["date", "amount", "category", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs.update(min="0.01", step="0.01")


def model_form_for(model: type[models.Model]) -> type[RecordForm]:
    return {
        Membership: MembershipForm,
        Phase: PhaseForm,
        Requirement: RequirementForm,
        Document: DocumentForm,
        CostEntry: CostEntryForm,
    }[model]
