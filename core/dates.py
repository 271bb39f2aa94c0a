"""The span of dates a record may carry (settings.MILEPOST_EARLIEST_DATE to
MILEPOST_LATEST_DATE). A typo such as 1900 or 9999 is refused with a clear
message, on the form's field and again when the record is saved, so one
person's mistake never stretches a timeline or monthly table others share.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _


def bounds() -> tuple[datetime.date, datetime.date]:
    return settings.MILEPOST_EARLIEST_DATE, settings.MILEPOST_LATEST_DATE


def within_bounds(value: Any) -> None:
    """A validator: refuse a date (or datetime) outside the accepted span."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    earliest, latest = bounds()
    if not earliest <= day <= latest:
        raise ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s.")
            % {
                "earliest": formats.date_format(earliest),
                "latest": formats.date_format(latest),
            },
            code="date_out_of_bounds",
        )


def check_bounds(instance: models.Model) -> None:
    """Raise a ValidationError naming each date field of instance that lies
    outside the accepted span."""
    errors: dict[str, list[ValidationError]] = {}
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.DateField):
            continue
        try:
            within_bounds(getattr(instance, field.attname))
        except ValidationError as error:
            errors[field.name] = [error]
    if errors:
        raise ValidationError(errors)


def clamp(day: datetime.date) -> datetime.date:
    """A date brought inside the accepted span (records saved before the
    bounds existed are still drawn)."""
    earliest, latest = bounds()
    return min(max(day, earliest), latest)
