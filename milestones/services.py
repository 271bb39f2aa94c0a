"""Writes for milestones: the baseline lock and dependency rules live here.

`milestone_create` and `milestone_update` apply the lock explicitly; it is
deliberately not in Milestone.save(): an approved change request
(changes/services.py) moves planned_date directly, with history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from milestones.models import Milestone
from projects import services as project_services
from projects.models import Phase, Project

if TYPE_CHECKING:
    from accounts.models import User

LOCKED_MESSAGE = _(
    "The plan was approved (baselined): the planned date can only be moved "
    "by an approved change request."
)


def planned_date_locked(milestone: Milestone) -> bool:
    """Return True if planned_date may not be edited directly any more."""
    return milestone.pk is not None and milestone.project.baselined_on is not None


FIELDS = (
    "name",
    "phase",
    "planned_date",
    "forecast_date",
    "completed_on",
    "deliverables",
)


def check_baseline_lock(milestone: Milestone, stored_planned: Any) -> None:
    """Refuse a direct move of a baselined milestone's planned date."""
    if milestone.project.baselined_on is None:
        return
    if stored_planned != milestone.planned_date:
        raise ValidationError({"planned_date": LOCKED_MESSAGE})


def _check_milestone(milestone: Milestone) -> None:
    project = milestone.project
    if milestone.pk is None or project.baselined_on is None:
        project_services.within_project(project, "planned_date", milestone.planned_date)
    if milestone.phase_id is not None and milestone.phase.project_id != project.pk:
        raise ValidationError({"phase": _("Choose a phase of this project.")})
    if milestone.forecast_date and milestone.forecast_date < project.start_date:
        raise ValidationError(
            {"forecast_date": _("A forecast cannot be before the project starts.")}
        )
    if milestone.completed_on and milestone.completed_on > timezone.localdate():
        raise ValidationError(
            {"completed_on": _("A completion date cannot be in the future.")}
        )


def check_dependencies(milestone: Milestone, depends_on: Iterable[Milestone]) -> None:
    """Refuse dependencies across projects, on itself, or that make a cycle."""
    targets = list(depends_on)
    for other in targets:
        if other.project_id != milestone.project_id:
            raise ValidationError(
                {
                    "depends_on": _(
                        "“%(name)s” belongs to another project; a milestone can "
                        "only depend on milestones of its own project."
                    )
                    % {"name": other.name}
                }
            )
        if milestone.pk is not None and other.pk == milestone.pk:
            raise ValidationError(
                {"depends_on": _("A milestone cannot depend on itself.")}
            )
    if milestone.pk is None or not targets:
        return  # a new milestone has no dependents, so no cycle is possible
    # One query for the project's dependency edges, then a walk in memory.
    edges: dict[int, set[int]] = {}
    through = Milestone.depends_on.through
    rows = through.objects.filter(
        from_milestone__project_id=milestone.project_id
    ).values_list("from_milestone_id", "to_milestone_id")
    for source, target in rows:
        if source != milestone.pk:
            edges.setdefault(source, set()).add(target)
    names = {m.pk: m.name for m in targets}
    for start in targets:
        stack, seen = [start.pk], set()
        while stack:
            node = stack.pop()
            if node == milestone.pk:
                raise ValidationError(
                    {
                        "depends_on": _(
                            "Depending on “%(name)s” would create a cycle: it "
                            "already depends, directly or through others, on "
                            "“%(this)s”."
                        )
                        % {"name": names[start.pk], "this": milestone.name}
                    }
                )
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))


def check_predecessors_done(
    milestone: Milestone, stored_completed: Any, depends_on: Iterable[Milestone] | None
) -> None:
    """Refuse completing a milestone while one it depends on is still open."""
    if milestone.completed_on is None or stored_completed is not None:
        return  # not being completed now (an old completion stays editable)
    if depends_on is not None:
        open_ones = [m.name for m in depends_on if m.completed_on is None]
    elif milestone.pk is not None:
        open_ones = list(
            milestone.depends_on.filter(completed_on__isnull=True).values_list(
                "name", flat=True
            )
        )
    else:
        open_ones = []
    if open_ones:
        raise ValidationError(
            {
                "completed_on": _(
                    "Complete %(names)s first: this milestone depends on it."
                )
                % {"names": ", ".join(f"“{name}”" for name in open_ones)}
            }
        )


def check_moves(project: Project, moves: dict[int, date], field: str) -> None:
    """Refuse new planned dates (a change request's) that would put a
    milestone before a milestone it depends on."""
    if not moves:
        return
    milestones = {m.pk: m for m in Milestone.objects.filter(project=project)}

    def planned(pk: int) -> date:
        return moves.get(pk, milestones[pk].planned_date)

    edges = Milestone.depends_on.through.objects.filter(
        from_milestone__project=project
    ).values_list("from_milestone_id", "to_milestone_id")
    for later, earlier in edges:
        if later not in moves and earlier not in moves:
            continue
        if milestones[later].completed_on is not None:
            continue  # done already: its plan no longer matters
        if planned(earlier) > planned(later):
            raise ValidationError(
                {
                    field: _(
                        "“%(later)s” depends on “%(earlier)s”, which would then "
                        "be planned after it (%(date)s): move both in this "
                        "change request."
                    )
                    % {
                        "later": milestones[later].name,
                        "earlier": milestones[earlier].name,
                        "date": formats.date_format(planned(earlier)),
                    }
                }
            )


def phases_stretch(*, milestones: Iterable[Milestone], by: User | None) -> None:
    """Widen each milestone's phase to hold its (new) planned date: an
    approved change request moves the phase with its milestone, as a parent
    task widens in OpenProject. A phase that would leave the project's dates
    is refused (ValidationError), and the approval with it."""
    for milestone in milestones:
        if milestone.phase_id is None:
            continue
        phase = Phase.objects.get(pk=milestone.phase_id)
        start = min(phase.start_date, milestone.planned_date)
        end = max(phase.end_date, milestone.planned_date)
        if (start, end) != (phase.start_date, phase.end_date):
            project_services.phase_update(
                phase=phase,
                by=by,  # type: ignore[arg-type]
                data={"start_date": start, "end_date": end},
                expected_version=None,
            )


@transaction.atomic
def milestone_create(
    *,
    project: Project,
    by: User | None,
    data: dict[str, Any],
) -> Milestone:
    """Create a milestone (and its dependencies, when given).

    Raises ValidationError naming the field, with nothing saved.
    """
    milestone = Milestone(project=project)
    project_services.assign(milestone, data, FIELDS)
    targets = data.get("depends_on")
    if targets is not None:
        targets = list(targets)
        check_dependencies(milestone, targets)
    _check_milestone(milestone)
    check_predecessors_done(milestone, None, targets)
    project_services.save(milestone, by=by)
    if targets is not None:
        milestone.depends_on.set(targets)
    return milestone


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    by: User | None,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> Milestone:
    """Update a milestone (and its dependencies, when given).

    Raises ValidationError naming the field (planned_date once baselined,
    depends_on for cycles) with nothing saved, or StaleEdit.
    """
    stored_planned, stored_completed = Milestone.objects.values_list(
        "planned_date", "completed_on"
    ).get(pk=milestone.pk)
    project_services.assign(milestone, data, FIELDS)
    check_baseline_lock(milestone, stored_planned)
    targets = data.get("depends_on")
    if targets is not None:
        targets = list(targets)
        check_dependencies(milestone, targets)
    _check_milestone(milestone)
    check_predecessors_done(milestone, stored_completed, targets)
    project_services.save(milestone, by=by, expected_version=expected_version)
    if targets is not None:
        milestone.depends_on.set(targets)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: User | None) -> None:
    project_services.delete(milestone, by=by)
