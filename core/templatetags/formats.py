"""One format per kind of value (issue 18): `{{ amount|money }}` and
`{{ fraction|percent }}`, in the active language's number format."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.utils import formats

register = template.Library()


@register.filter
def money(value: Any, places: int = 2) -> str:
    """1234.5 -> "1,234.50 EUR" (the installation's one currency)."""
    if value is None or value == "":
        return "—"
    number = formats.number_format(
        Decimal(value), int(places), use_l10n=True, force_grouping=True
    )
    return f"{number} {settings.MILEPOST_CURRENCY}"


@register.filter
def percent(value: Any, places: int = 1) -> str:
    """A fraction as a percentage: 0.905 -> "90.5%"."""
    if value is None or value == "":
        return "—"
    number = formats.number_format(
        Decimal(value) * 100, int(places), use_l10n=True, force_grouping=True
    )
    return f"{number}%"
