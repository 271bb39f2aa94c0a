"""Every API resource of DESIGN §5, with how to build one object for it.

The generic tests (test_matrix.py, test_query_counts.py) walk the routes
registered on config.api.router and look each one up here. A route without an
entry fails those tests by name, so a new endpoint cannot slip through
untested; an entry whose route is missing fails test_design_resources_exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import config.urls  # noqa: F401  (imports every app's api.py: fills the router)
from config.api import router
from projects.models import Project
from tests import factories as f


@dataclass(frozen=True)
class Spec:
    """How the access matrix treats one resource.

    make(project) builds one object attached to `project` (ignored when the
    resource is global). `patch` is a valid change the `writer` may make
    (None: the resource is read-only); `bad` is malformed input that must be
    refused with 400 naming each of its keys.
    """

    make: Callable[[Project], Any]
    patch: dict[str, Any] | None
    bad: dict[str, Any] | None
    scoped: bool = True  # a project record: outsiders get 404
    writer: str = "manager"  # who may PATCH: "manager", "director" or "admin"


def _snapshot(project: Project) -> Any:
    return f.KpiSnapshotFactory(
        scope_type="project", scope_id=project.pk, scope_key=project.pk
    )


RESOURCES: dict[str, Spec] = {
    # accounts (global)
    "users": Spec(lambda p: f.UserFactory(), None, None, scoped=False),
    "departments": Spec(
        lambda p: f.DepartmentFactory(),
        {"name": "Renamed department"},
        {"code": "not a slug!"},
        scoped=False,
        writer="admin",
    ),
    # projects app
    "projects": Spec(lambda p: p, {"name": "Renamed project"}, {"start_date": "x"}),
    "memberships": Spec(
        lambda p: f.MembershipFactory(project=p),
        {"allocation_percent": 40},
        {"allocation_percent": 150},
    ),
    "phases": Spec(
        lambda p: f.PhaseFactory(project=p), {"name": "Renamed"}, {"start_date": "x"}
    ),
    "requirements": Spec(
        lambda p: f.RequirementFactory(project=p),
        {"title": "Renamed"},
        {"due_date": "x"},
    ),
    "documents": Spec(
        lambda p: f.DocumentFactory(project=p), {"title": "Renamed"}, {"due_date": "x"}
    ),
    "cost-entries": Spec(
        lambda p: f.CostEntryFactory(project=p),
        {"amount": "1500.00"},
        {"amount": "lots"},
    ),
    "milestones": Spec(
        lambda p: f.MilestoneFactory(project=p),
        {"name": "Renamed"},
        {"forecast_date": "x"},
    ),
    # risks and changes
    "risks": Spec(
        lambda p: f.RiskFactory(project=p), {"title": "Renamed"}, {"probability": 9}
    ),
    "risk-responses": Spec(
        lambda p: f.RiskResponseFactory(risk__project=p),
        {"description": "Renamed"},
        {"due_date": "x"},
    ),
    "issues": Spec(
        lambda p: f.IssueFactory(project=p), {"title": "Renamed"}, {"severity": "x"}
    ),
    "change-requests": Spec(
        lambda p: f.ChangeRequestFactory(project=p),
        {"title": "Renamed"},
        {"kind": "x"},
    ),
    # reviews
    "meetings": Spec(
        lambda p: f.MeetingFactory(project=p), {"title": "Renamed"}, {"held_on": "x"}
    ),
    "action-items": Spec(
        lambda p: f.ActionItemFactory(meeting__project=p),
        {"description": "Renamed"},
        {"due_date": "x"},
    ),
    "meeting-feedback": Spec(
        lambda p: f.MeetingFeedbackFactory(meeting__project=p),
        {"rating": 5},
        {"rating": 9},
    ),
    "customer-satisfaction": Spec(
        lambda p: f.CustomerSatisfactionFactory(project=p),
        {"score": 90},
        {"score": 101},
    ),
    "team-communication": Spec(
        lambda p: f.TeamCommunicationFactory(project=p),
        {"rating": 5},
        {"rating": 0},
    ),
    # kpis
    "kpi-definitions": Spec(
        lambda p: f.KpiDefinitionFactory(),
        {"target": "0.85"},
        {"target": "high"},
        scoped=False,
        writer="director",
    ),
    "kpi-snapshots": Spec(_snapshot, None, None),
}


def registered() -> dict[str, tuple[type[Any], str]]:
    """Return {prefix: (viewset, basename)} for every route on the router."""
    return {
        prefix: (viewset, basename) for prefix, viewset, basename in router.registry
    }


def missing_specs() -> list[str]:
    return sorted(set(registered()) - set(RESOURCES))
