"""Crispy ModelForms: they validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core import uploads
from core.forms import VersionedForm
from projects.models import (
    CostEntry,
    Document,
    DocumentReview,
    DocumentVersion,
    Membership,
    Phase,
    Project,
    Requirement,
)


class RecordForm(VersionedForm):
    """A project record's form: validates only; the page's service writes."""

    def __init__(
        self, *args: Any, project: Project | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.project = project


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
        fields = [
            "title",
            "acceptance_criteria",
            "priority",
            "status",
            "due_date",
            "accepted_on",
        ]
        widgets = {"acceptance_criteria": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "accepted_on": _(
                "Set to today when the status becomes accepted; change it when "
                "recording after the fact."
            )
        }


class DocumentForm(RecordForm):
    class Meta:
        model = Document
        fields = [
            "kind",
            "title",
            "due_date",
            "submitted_on",
            "update_every_days",
            "file",
            "url",
        ]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and upload is not getattr(self.instance, "file", None):
            uploads.validate_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_file = data.get("file") or (self.instance.pk and self.instance.file)
        if not has_file and not data.get("url") and data.get("submitted_on"):
            self.add_error(
                "submitted_on",
                _("A submitted document needs an uploaded file or a link."),
            )
        return data


class DocumentVersionForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new version of a document: a file or a link, never overwriting."""

    class Meta:
        model = DocumentVersion
        fields = ["file", "url", "submitted_on", "note"]
        widgets = {"submitted_on": forms.DateInput(attrs={"type": "date"})}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            uploads.validate_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            self.add_error("file", _("Upload a file or give a link."))
        return data


class DocumentReviewForm(forms.ModelForm):  # type: ignore[type-arg]
    """A review of the document's latest version."""

    class Meta:
        model = DocumentReview
        fields = ["result", "reviewed_on", "comments"]
        widgets = {
            "reviewed_on": forms.DateInput(attrs={"type": "date"}),
            "comments": forms.Textarea(attrs={"rows": 2}),
        }


class CostEntryForm(RecordForm):
    class Meta:
        model = CostEntry
        fields = ["date", "amount", "category", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs.update(min="0.01", step="0.01")
