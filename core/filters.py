"""django-filter for our list pages, in the reader's language.

django-filter ships no Simplified Chinese and labels some choices itself
("---------", "Unknown", "code (descending)"): these bases put our own,
translated words there.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings

ALL = _("All")
EMPTY_CHOICE_LABEL = filter_settings.EMPTY_CHOICE_LABEL


def field_label(model: type[models.Model], lookup: str) -> Any:
    """The (lazy, translated) name of the field a sort or filter is about:
    `project__code` sorts by the project."""
    name = lookup.lstrip("-").split("__")[0]
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return capfirst(name.replace("_", " "))


# Formatted when shown, in the reader's language (choices are built once,
# when the filter class is defined).
_descending = lazy(lambda text, label: str(text) % label, str)


class OrderingFilter(django_filters.OrderingFilter):
    """Sort options labelled with the fields' own names (`model=`), unless
    given, and a translated "(descending)"."""

    descending_fmt = _("%s (descending)")

    def __init__(
        self, *args: Any, model: type[models.Model] | None = None, **kwargs: Any
    ):
        if model is not None:
            fields = self.normalize_fields(kwargs.get("fields", ()))
            labels = dict(kwargs.get("field_labels") or {})
            for field in fields:
                labels.setdefault(field, field_label(model, field))
            kwargs["field_labels"] = labels
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault("empty_label", _("Default order"))
        super().__init__(*args, **kwargs)

    def build_choices(self, fields: Any, labels: dict[str, Any]) -> list[Any]:
        ascending = [
            (param, labels.get(field, param)) for field, param in fields.items()
        ]
        descending = [
            (f"-{param}", _descending(self.descending_fmt, label))
            for param, label in ascending
        ]
        return [
            choice
            for pair in zip(ascending, descending, strict=True)
            for choice in pair
        ]


class YesNoFilter(django_filters.TypedChoiceFilter):
    """A yes/no filter whose empty choice reads "All" (django-filter's
    BooleanFilter offers "Unknown"); the value is True, False or None."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "choices", [("", ALL), ("true", _("Yes")), ("false", _("No"))]
        )
        kwargs.setdefault("coerce", lambda value: value == "true")
        kwargs.setdefault("empty_value", None)
        super().__init__(*args, **kwargs)


class FilterSet(django_filters.FilterSet):
    """A page's filters: every choice list's empty option reads "All"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for found in self.filters.values():
            # ModelChoiceFilter puts django-filter's "---------" in extra.
            if (
                isinstance(
                    found,
                    django_filters.ChoiceFilter | django_filters.ModelChoiceFilter,
                )
                and not isinstance(found, django_filters.TypedChoiceFilter)
                and found.extra.get("empty_label") in (None, "", EMPTY_CHOICE_LABEL)
            ):
                found.extra["empty_label"] = ALL
