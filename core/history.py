"""A record's django-simple-history versions as "who changed what, and when".

One reader for every page that shows history (components/history.html).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Bookkeeping columns nobody edits: a version bump, a generated score or the
# permission an approval waits on (the step's label says it) is not a change
# a reader needs to see.
HIDDEN_FIELDS = frozenset({"version", "score", "id", "waiting_on_capability"})
EMPTY = "—"


@dataclass
class HistoryRow:
    when: datetime
    who: Any
    kind: str
    reason: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def display_value(record: Any, model_field: models.Field[Any, Any]) -> str:
    """A stored value as a page shows it: choice labels, names, local dates."""
    value = getattr(record, model_field.attname, None)
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        try:
            return str(getattr(record, model_field.name) or value)
        except models.ObjectDoesNotExist:
            return str(value)  # the related row is gone; its id is all there is
    if isinstance(model_field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):
        return formats.date_format(localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def history_rows(instance: models.Model, limit: int = 50) -> list[HistoryRow]:
    """Return the newest `limit` versions of instance with their field changes.

    A version that changed no shown field (a related-set save, a version
    bump) is left out.
    """
    history = getattr(instance, "history", None)
    if history is None:
        return []
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    shown = [
        f
        for f in type(instance)._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not f.primary_key
    ]
    rows: list[HistoryRow] = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        row = HistoryRow(
            when=record.history_date,
            who=record.history_user,
            kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
            reason=record.history_change_reason or "",
        )
        if older is not None and record.history_type == "~":
            for model_field in shown:
                new = getattr(record, model_field.attname, None)
                if new != getattr(older, model_field.attname, None):
                    row.changes.append(
                        (
                            str(model_field.verbose_name),
                            display_value(older, model_field),
                            display_value(record, model_field),
                        )
                    )
            if not row.changes:
                continue
        rows.append(row)
    return rows
