"""The milestone pages, built on the shared project record views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from milestones import services
from milestones.filters import MilestoneFilter
from milestones.forms import MilestoneForm
from milestones.models import Milestone
from projects.records import Column, RecordKind


def _update(milestone: Milestone, **kwargs: Any) -> Milestone:
    return services.milestone_update(milestone=milestone, **kwargs)


def _delete(milestone: Milestone, **kwargs: Any) -> None:
    services.milestone_delete(milestone=milestone, **kwargs)


def _context(request: HttpRequest, obj: Milestone) -> dict[str, Any]:
    return {
        "depends_on": list(obj.depends_on.order_by("planned_date")),
        "dependents": list(obj.dependents.order_by("planned_date")),
        "locked": services.planned_date_locked(obj),
    }


def _row(m: Milestone) -> str:
    return "row-slipped" if m.is_slipped else ""


MILESTONE = RecordKind(
    key="milestone",
    model=Milestone,
    form_class=MilestoneForm,
    filterset=MilestoneFilter,
    singular=_("Milestone"),
    plural=_("Milestones"),
    namespace="milestones",
    prefix="",
    segment="milestones",
    icon="flag",
    select_related=("phase",),
    columns=[
        Column(_("Name"), "name", "name", link=True),
        Column(_("Phase"), "phase"),
        Column(_("Baseline"), "baseline"),
        Column(_("Planned"), "planned_date", "planned_date"),
        Column(_("Variance (days)"), "variance_days", numeric=True),
        Column(_("Forecast"), "forecast_date", "forecast_date"),
        Column(_("Completed"), "completed_on", "completed_on"),
    ],
    detail_fields=(
        "name",
        "phase",
        "planned_date",
        "baseline_date",
        "forecast_date",
        "completed_on",
        "deliverables",
    ),
    create=services.milestone_create,
    update=_update,
    delete=_delete,
    row_class=_row,
    detail_template="milestones/_milestone_extra.html",
    detail_context=_context,
)
