"""Format KPI figures in the user's locale: rates as percentages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kpis import registry

register = template.Library()


def _rounded(value: Any, places: int) -> str:
    """number_format cuts digits off (73.06 → "73.0"); round half up first."""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return number_format(number, places)


@register.filter
def kpi_value(value: Decimal | None, code: str) -> str:
    if value is None:
        return "—"
    kpi = registry.BY_CODE.get(code)
    if kpi is None:
        return number_format(value, 2)
    if kpi.unit == registry.RATE:
        return f"{_rounded(value * 100, 1)} %"
    if kpi.unit == registry.HOURS:
        return _("%(hours)s h") % {"hours": _rounded(value, 1)}
    return _rounded(value, 1)


@register.filter
def kpi_change(value: Decimal | None, code: str) -> str:
    """A change between two values, signed, in the KPI's unit."""
    if value is None:
        return ""
    kpi = registry.BY_CODE.get(code)
    sign = "+" if value > 0 else ("±" if value == 0 else "−")
    magnitude = abs(value)
    if kpi is not None and kpi.unit == registry.RATE:
        return f"{sign}{_rounded(magnitude * 100, 1)} pp"
    return f"{sign}{_rounded(magnitude, 1)}"


@register.filter
def kpi_better(value: Decimal | None, code: str) -> bool | None:
    """True if the change moved towards the target's side."""
    if value is None or value == 0:
        return None
    kpi = registry.BY_CODE.get(code)
    if kpi is None:
        return None
    return (value > 0) == (kpi.direction == registry.AT_LEAST)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def plain_number(value: Any) -> str:
    """A numerator or denominator without trailing zeros, localised."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    places = max(0, min(4, -number.normalize().as_tuple().exponent))  # type: ignore[operator]
    return number_format(number, places)


@register.filter
def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.filter
def record_value(value: Any) -> str:
    """A fact of a record behind a KPI, in the one format of its kind: money
    (budgets, costs) grouped with the currency, dates and times localised."""
    from datetime import date, datetime

    from django.utils import timezone
    from django.utils.formats import date_format

    from core.templatetags.formats import money

    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
