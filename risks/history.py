"""Turn django-simple-history records into "who changed what, when" rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
HIDDEN_FIELDS = {"version", "score"}


@dataclass
class HistoryRow:
    when: datetime
    who: Any
    kind: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _display(record: Any, name: str) -> str:
    model = record.instance_type
    model_field = model._meta.get_field(name)
    value = getattr(record, model_field.attname, None)
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return str(getattr(record, name, value) or value)
    if isinstance(value, datetime):
        return formats.date_format(localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def history_rows(instance: models.Model, limit: int = 50) -> list[HistoryRow]:
    """Return the newest `limit` history entries of instance with field diffs."""
    records = list(
        instance.history.select_related("history_user").order_by(  # type: ignore[attr-defined]
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    rows: list[HistoryRow] = []
    model = type(instance)
    names = [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and not f.primary_key
    ]
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        row = HistoryRow(
            when=record.history_date,
            who=record.history_user,
            kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
        )
        if older is not None and record.history_type == "~":
            for name in names:
                attname = model._meta.get_field(name).attname
                if getattr(record, attname, None) != getattr(older, attname, None):
                    label = str(model._meta.get_field(name).verbose_name)
                    row.changes.append(
                        (label, _display(older, name), _display(record, name))
                    )
        if older is not None and record.history_type == "~" and not row.changes:
            continue  # a related-set save (m2m) with no field change of its own
        rows.append(row)
    return rows
