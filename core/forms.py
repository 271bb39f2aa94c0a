"""Form plumbing: crispy layout without its own <form> tag, date pickers, the
version the editor read, and a service's refusal put back on the form."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.dates import bounds, within_bounds
from core.versioning import StaleEdit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def bound_dates(form: forms.BaseForm) -> None:
    """Each date field of form accepts only dates within the accepted span
    (core/dates.py): the validator gives the message, the picker its limits."""
    earliest, latest = bounds()
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not isinstance(
            field, forms.DateTimeField
        ):
            if within_bounds not in field.validators:
                field.validators.append(within_bounds)
            field.widget.attrs.setdefault("min", earliest.isoformat())
            field.widget.attrs.setdefault("max", latest.isoformat())


def no_tag_helper() -> FormHelper:
    """A crispy helper for a form the template wraps in its own <form>."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form carrying the `version` its editor read (optimistic locking);
    date fields get a date picker."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()
        if self.instance.pk is not None and hasattr(self.instance, "version"):
            self.fields["version"].initial = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(
                field, forms.DateTimeField
            ):
                field.widget = DateInput(attrs=field.widget.attrs)
        bound_dates(self)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        versioned = self.instance.pk is not None and hasattr(self.instance, "version")
        if versioned and data.get("version") is None and "version" not in self.errors:
            # An edit always says which version it read: never a blind save.
            raise ValidationError(
                _(
                    "This form did not say which version it edits. Reload the "
                    "page and make your change again."
                ),
                code="version_required",
            )
        return data

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


def apply_errors(form: forms.BaseForm, error: ValidationError | StaleEdit) -> None:
    """Put a service's refusal on the form: each message on its field, those
    of fields the form does not show (or shows disabled) on top, labelled."""
    if isinstance(error, StaleEdit):
        form.add_error(None, str(error.message))
        return
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, errors in error.error_dict.items():
        field = form.fields.get(name)
        shown = field is not None and not field.disabled
        for item in errors:
            if shown:
                form.add_error(name, item)
            else:
                form.add_error(None, _labelled(field, name, item))


def _labelled(field: forms.Field | None, name: str, item: ValidationError) -> str:
    message = " ".join(item.messages)
    if name == "__all__" or field is None:
        return message
    return f"{field.label}: {message}"
