"""Optimistic locking: detect two people saving the same record from stale pages.

Every editable record carries a `version`. A form or API call sends back the
version it read; `claim_version` lets the save through only if nobody saved
in between.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class StaleEdit(Exception):
    """Someone else saved the record after this editor loaded it."""

    message = _(
        "Someone else changed this record while you were editing it. "
        "Reload the page to see their changes, then apply yours again."
    )


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def claim_version(instance: Versioned, expected_version: int | None) -> None:
    """Bump the stored version if it is still expected_version, else StaleEdit.

    Call inside a transaction, then save the instance as usual: the
    conditional UPDATE is the atomic claim on every database backend.
    expected_version None skips the check (API clients that send none).
    """
    rows = type(instance)._default_manager.filter(pk=instance.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1):
        raise StaleEdit
    if expected_version is not None:  # the UPDATE matched exactly that version
        instance.version = expected_version + 1
    else:
        instance.version = rows.model._default_manager.values_list(
            "version", flat=True
        ).get(pk=instance.pk)
