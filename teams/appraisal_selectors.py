"""Reads of appraisals that span models: KPI values beside criteria, the
calibration grid, a cycle's progress. Each costs a fixed number of queries
whatever the size of the team."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q

from kpis.models import KpiSnapshot
from teams.models.appraisals import Appraisal, AppraisalCriterion, AppraisalCycle


def kpi_values(
    cycle: AppraisalCycle, person_ids: list[int], criteria: list[AppraisalCriterion]
) -> dict[tuple[int, int], KpiSnapshot]:
    """{(person id, kpi id): the person's latest manager-scope snapshot in the
    cycle's period} for the KPI-tied criteria. Two queries."""
    kpi_ids = {c.kpi_id for c in criteria if c.kpi_id}
    if not kpi_ids or not person_ids:
        return {}
    rows = KpiSnapshot.objects.filter(
        scope_type=KpiSnapshot.ScopeType.MANAGER,
        scope_id__in=person_ids,
        kpi_id__in=kpi_ids,
        as_of__range=(cycle.period_start, cycle.period_end),
    )
    latest = rows.order_by().values("scope_id", "kpi_id").annotate(last=Max("as_of"))
    wanted = Q(pk__in=[])
    for row in latest:
        wanted |= Q(scope_id=row["scope_id"], kpi_id=row["kpi_id"], as_of=row["last"])
    if not latest:
        return {}
    return {
        (int(snap.scope_id), snap.kpi_id): snap  # type: ignore[arg-type]
        for snap in rows.filter(wanted).select_related("kpi")
    }


@dataclass
class CriterionRow:
    criterion: AppraisalCriterion
    self_score: int | None = None
    self_note: str = ""
    manager_score: int | None = None
    manager_note: str = ""
    snapshot: KpiSnapshot | None = None


def appraisal_rows(appraisal: Appraisal) -> list[CriterionRow]:
    """Each criterion of the scheme with its scores and, when tied to a KPI,
    the person's KPI value for the period."""
    criteria = list(appraisal.cycle.scheme.criteria.select_related("kpi"))
    scores = {s.criterion_id: s for s in appraisal.scores.all()}
    snapshots = kpi_values(appraisal.cycle, [appraisal.person_id], criteria)
    rows = []
    for criterion in criteria:
        row = CriterionRow(criterion)
        score = scores.get(criterion.pk)
        if score is not None:
            row.self_score, row.self_note = score.self_score, score.self_note
            row.manager_score, row.manager_note = (
                score.manager_score,
                score.manager_note,
            )
        if criterion.kpi_id:
            row.snapshot = snapshots.get((appraisal.person_id, criterion.kpi_id))
        rows.append(row)
    return rows


def cycle_progress(cycles: list[AppraisalCycle]) -> dict[int, dict[str, int]]:
    """{cycle id: {stage: count, "total": n}} in one query."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"total": 0})
    rows = (
        Appraisal.objects.filter(cycle__in=cycles)
        .order_by()
        .values("cycle_id", "stage")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["cycle_id"]][row["stage"]] = row["n"]
        counts[row["cycle_id"]]["total"] += row["n"]
    return counts


@dataclass
class ManagerColumn:
    manager: Any
    appraisals: list[Appraisal] = field(default_factory=list)

    @property
    def mean(self) -> Decimal | None:
        scores = [a.manager_score for a in self.appraisals if a.manager_score]
        if not scores:
            return None
        return (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"))


def calibration_grid(appraisals: list[Appraisal]) -> list[ManagerColumn]:
    """The cycle's grades grouped by manager, the most lenient first, so a
    director sees who grades high and who low before evening them out."""
    columns: dict[int | None, ManagerColumn] = {}
    for appraisal in appraisals:
        column = columns.setdefault(
            appraisal.manager_id, ManagerColumn(appraisal.manager)
        )
        column.appraisals.append(appraisal)
    return sorted(
        columns.values(),
        key=lambda c: (c.mean is None, -(c.mean or 0), str(c.manager or "")),
    )


def appraisal_steps_for(user: Any, limit: int = 500) -> list[Appraisal]:
    """Open appraisals whose due step the user takes (My work): their own
    self review, their reports' manager review and feedback talk, and, for
    directors, calibrations. One query."""
    from accounts import roles

    if not user.is_active or user.pk is None:
        return []
    mine = Q(stage=Appraisal.Stage.SELF_REVIEW, person=user) | Q(
        stage__in=[Appraisal.Stage.MANAGER_REVIEW, Appraisal.Stage.FEEDBACK],
        manager=user,
    )
    if roles.has_capability(user, "teams.calibrate_appraisal"):
        mine |= Q(stage=Appraisal.Stage.CALIBRATION) & ~Q(person=user)
    return list(
        Appraisal.objects.filter(mine, cycle__status=AppraisalCycle.Status.OPEN)
        .select_related("cycle", "person")
        .order_by("pk")[:limit]
    )


def open_improvement_actions_for(user: Any, limit: int = 500) -> list[Any]:
    """The user's open improvement actions (My work), due first."""
    from teams.models.appraisals import ImprovementAction

    if not user.is_active or user.pk is None:
        return []
    return list(
        ImprovementAction.objects.filter(owner=user, completed_on__isnull=True)
        .select_related("appraisal__cycle")
        .order_by("due_date", "pk")[:limit]
    )
