"""What every team record shares: the capability that reads them all, the
skill level scale's bounds."""

from __future__ import annotations

from typing import Any, Self

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Directors, the general manager and HR read every team record (DESIGN §4).
READS_ALL = "teams.view_all_team_records"
# The general manager's and HR's steps of every approval chain (DESIGN §7).
APPROVE_AS_GM = "teams.approve_as_general_manager"
FILE_AS_HR = "teams.file_as_hr"
# HR writes every person's team records (positions, training, interviews).
WRITES_ALL = "teams.manage_team_records"

MIN_LEVEL, MAX_LEVEL = 1, 5
LEVEL_VALIDATORS = [MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)]


class TeamQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> Self:
        """The rows user may read (projects/access.py reads the TeamPolicy)."""
        from projects import access

        return access.visible(user, self)
