from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts import roles
from projects import access


class KpiDefinition(models.Model):
    """A registered KPI's editable side: its organisation-wide target."""

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("At least (higher is better)")
        AT_MOST = "at_most", _("At most (lower is better)")

    class Unit(models.TextChoices):
        RATE = "rate", _("Rate (fraction)")
        SCORE = "score", _("Score")
        HOURS = "hours", _("Hours")

    code = models.SlugField(pgettext_lazy("kpi", "code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=4)
    description = models.TextField(_("description"), blank=True)

    # who changed a target and when (the targets page shows it)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("KPI definition")
        verbose_name_plural = _("KPI definitions")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        """The KPI's name in the reader's language (the stored label is the
        English one the registry wrote)."""
        from kpis import registry

        kpi = registry.BY_CODE.get(self.code)
        return str(kpi.label) if kpi else self.label


def can_see_dashboards(user: Any) -> bool:
    """Directors, the general manager and admins read every scorecard."""
    return roles.has_capability(user, "kpis.view_all_scorecards")


def can_edit_kpi_targets(user: Any) -> bool:
    return roles.has_capability(user, "kpis.change_kpidefinition")


def can_view_scope(user: Any, scope_type: str, scope_id: int | None) -> bool:
    """Who reads a scorecard: directors, the general manager and admins every
    one; a project manager their own manager scorecard; a project's team
    (not its customers) the project's."""
    if not user.is_active or user.pk is None:
        return False
    if can_see_dashboards(user):
        return True
    if scope_type == KpiSnapshot.ScopeType.MANAGER:
        return scope_id == user.pk
    if scope_type == KpiSnapshot.ScopeType.PROJECT and scope_id is not None:
        return access.team_projects(user).filter(pk=scope_id).exists()
    return False


class KpiSnapshotQuerySet(models.QuerySet["KpiSnapshot"]):
    def visible_to(self, user: Any) -> Self:
        """The rows of the scopes `can_view_scope` lets the user read."""
        if not user.is_active or user.pk is None:
            return self.none()
        if can_see_dashboards(user):
            return self
        return self.filter(
            Q(scope_type=KpiSnapshot.ScopeType.MANAGER, scope_id=user.pk)
            | Q(
                scope_type=KpiSnapshot.ScopeType.PROJECT,
                scope_id__in=access.team_projects(user),
            )
        )


class KpiSnapshot(models.Model):
    class ScopeType(models.TextChoices):
        PROJECT = "project", _("Project")
        MANAGER = "manager", _("Project manager")
        DEPARTMENT = "department", _("Department")
        ORGANISATION = "organisation", pgettext_lazy("kpi scope", "Organisation")

    class Status(models.TextChoices):
        MET = "met", _("Met")
        MISSED = "missed", _("Missed")
        NO_DATA = "no_data", _("No data")

    # No index of its own: the unique key below covers lookups by kpi too.
    # No database constraint either: checking it for each of the rows the
    # nightly job writes cost a third of the job. The job writes
    # only the registry's definitions, and the ORM still cascades a deletion.
    kpi = models.ForeignKey(
        KpiDefinition,
        models.CASCADE,
        related_name="snapshots",
        verbose_name=_("KPI"),
        db_index=False,
        db_constraint=False,
    )
    scope_type = models.CharField(_("scope type"), max_length=20, choices=ScopeType)
    # Null for the organisation (as the API shows it); scope_key is the same id
    # with 0 for the organisation, so the unique key has no NULL on any backend.
    scope_id = models.BigIntegerField(_("scope id"), null=True, blank=True)
    scope_key = models.BigIntegerField(_("scope key"), editable=False)
    as_of = models.DateField(_("as of"))
    # Ten places: a rate like 1/3 or a mean of hours keeps its precision; the
    # status is decided on numerator and denominator, never on the rounded value.
    numerator = models.DecimalField(_("numerator"), max_digits=30, decimal_places=10)
    denominator = models.DecimalField(
        _("denominator"), max_digits=30, decimal_places=10
    )
    value = models.DecimalField(
        _("value"), max_digits=30, decimal_places=10, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=4)
    status = models.CharField(_("status"), max_length=10, choices=Status)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    objects = KpiSnapshotQuerySet.as_manager()

    class Meta:
        # The unique key's own order: the newest date's rows come straight off
        # the index, with no sort of a whole date.
        ordering = ["-as_of", "scope_type", "scope_key", "kpi"]
        verbose_name = _("KPI snapshot")
        verbose_name_plural = _("KPI snapshots")
        permissions = [("view_all_scorecards", _("Can read every scorecard"))]
        constraints = [
            # as_of first: the nightly job adds a new date at one edge of this
            # index instead of touching every page of it, and it serves "the
            # rows of one date" reads and the default ordering (newest first).
            models.UniqueConstraint(
                F("as_of").desc(),
                F("scope_type"),
                F("scope_key"),
                F("kpi"),
                name="kpi_snapshot_unique_scope_day",
                violation_error_message=_(
                    "This KPI already has a snapshot for this scope and date."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(scope_key=Coalesce("scope_id", 0)),
                name="kpi_snapshot_scope_key_matches_id",
            ),
        ]
        # No (scope, date) index: kept up to date it cost the job a fifth of
        # its time (its entries for a new date land all over it). A scope's history is
        # read by dates instead (KpiRun's dates, one descent of the unique key
        # per date).
        indexes = [
            # "Projects missing the most targets" on the scorecards: an
            # index-only count over one date's missed project rows.
            models.Index(
                fields=["as_of", "scope_id"],
                condition=models.Q(scope_type="project", status="missed"),
                name="kpi_snapshot_missed_projects",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.scope_type}:{self.scope_id} {self.as_of}"


class KpiRun(models.Model):
    """The KPI job's log: when it last finished each date, and with how many rows.

    Only the job writes snapshots, so the latest finish is a stamp that changes
    whenever stored snapshots may have: reads that are costly to repeat (the
    exact count of 1.4 million rows behind the API list) are cached under it.
    """

    as_of = models.DateField(_("as of"), unique=True)
    finished_at = models.DateTimeField(_("finished at"))
    rows = models.PositiveIntegerField(_("rows written"), default=0)

    class Meta:
        ordering = ["-as_of"]
        verbose_name = _("KPI run")
        verbose_name_plural = _("KPI runs")

    def __str__(self) -> str:
        return f"{self.as_of} ({self.rows})"


class KpiTarget(models.Model):
    """A department's own target for a KPI; its sub-departments inherit it."""

    kpi = models.ForeignKey(
        KpiDefinition, models.CASCADE, related_name="overrides", verbose_name=_("KPI")
    )
    department = models.ForeignKey(
        "accounts.Department",
        models.CASCADE,
        related_name="kpi_targets",
        verbose_name=_("department"),
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "department"]
        verbose_name = _("department KPI target")
        verbose_name_plural = _("department KPI targets")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "department"],
                name="kpi_target_once_per_department",
                violation_error_message=_(
                    "This department already has a target for this KPI."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} · {self.department} · {self.target}"


class KpiJob(models.Model):
    """The nightly job's run record for one date: a lock against duplicate
    enqueues, and what the watchdog reads to find a run a fault left
    unfinished (issue 20)."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    as_of = models.DateField(_("as of"), unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    skipped = models.PositiveIntegerField(_("duplicate enqueues skipped"), default=0)
    requeued = models.PositiveIntegerField(_("re-queued by the watchdog"), default=0)

    class Meta:
        ordering = ["-as_of"]
        verbose_name = _("KPI job")
        verbose_name_plural = _("KPI jobs")
        indexes = [models.Index(fields=["state", "started_at"])]

    def __str__(self) -> str:
        return f"{self.as_of} ({self.state})"
