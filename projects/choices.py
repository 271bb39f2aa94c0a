"""Choice labels without Django's per-call rebuild.

`Model._get_FIELD_display` (behind every `get_status_display`) builds a dict
of the field's whole choice list on each call, hashing every lazy label, which
translates it: a 25-row list showing three choice columns paid ~3 ms for it.
The labels are fixed per field and language, so they are built once.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@functools.lru_cache(maxsize=1024)
def _labels(field: models.Field, language: str | None) -> dict[Any, str]:
    return {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }


class ChoiceLabels(models.Model):
    """Abstract base: `get_FOO_display()` from a per-language table."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> Any:
        value = getattr(self, field.attname)
        found = _labels(field, get_language()).get(make_hashable(value), value)
        return force_str(found, strings_only=True)
