"""Every API resource of DESIGN §5, with how to build one object for it.

The generic tests (test_matrix.py, test_query_counts.py) walk the routes
registered on config.urls.router and look each one up here. A route without an
entry fails those tests by name, so a new endpoint cannot slip through
untested; an entry whose route is missing fails test_design_resources_exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from config.urls import router
from kpis import registry
from projects.models import Project
from tests import factories as f
from tests.teams import factories as tf


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
    # who may PATCH: "manager", "director", "admin" or "rater" (the person
    # who gave a rating: nobody else may change it)
    writer: str = "manager"
    # How to spot the object in a list row when rows carry no `id`.
    match: Callable[[dict[str, Any], Any], bool] | None = None
    # The list cannot grow with test data (one row per registered KPI).
    fixed_rows: bool = False
    # A team record (DESIGN §7): project members and customers see none.
    team: bool = False


def _snapshot(project: Project) -> Any:
    return f.KpiSnapshotFactory(
        kpi=_definition(project),
        scope_type="project",
        scope_id=project.pk,
        scope_key=project.pk,
    )


def _same_snapshot(row: dict[str, Any], snapshot: Any) -> bool:
    """Snapshot rows are {kpi, scope_type, scope_id, as_of, …} without an id."""
    return (row["kpi"], row["scope_type"], row["scope_id"], row["as_of"]) == (
        snapshot.kpi.code,
        snapshot.scope_type,
        snapshot.scope_id,
        snapshot.as_of.isoformat(),
    )


def _definition(project: Project) -> Any:
    """A registered KPI's definition (unregistered codes are not served)."""
    return f.KpiDefinitionFactory(code=registry.CODES[0])


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
    "document-versions": Spec(
        lambda p: f.DocumentVersionFactory(document__project=p),
        None,
        None,
    ),
    "document-reviews": Spec(
        lambda p: f.DocumentReviewFactory(document__project=p),
        None,
        None,
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
    # tasks and time (issue 26): members and customers of other projects see none
    "tasks": Spec(
        lambda p: f.TaskFactory(project=p),
        {"title": "Renamed"},
        {"due_date": "x"},
    ),
    "work-logs": Spec(
        lambda p: f.WorkLogFactory(task__project=p),
        {"hours": "3.50"},
        {"hours": "lots"},
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
        writer="rater",
    ),
    # An answer given by the customer: logged once, never edited over the API
    # (not even by the project manager; admins correct it in admin).
    "customer-satisfaction": Spec(
        lambda p: f.CustomerSatisfactionFactory(project=p), None, None
    ),
    "team-communication": Spec(
        lambda p: f.TeamCommunicationFactory(project=p),
        {"rating": 5},
        {"rating": 0},
        writer="rater",
    ),
    # kpis
    "kpi-definitions": Spec(
        _definition,
        {"target": "0.85"},
        {"target": "high"},
        scoped=False,
        writer="director",
        fixed_rows=True,
    ),
    "kpi-snapshots": Spec(_snapshot, None, None, match=_same_snapshot),
    # teams (DESIGN §7): positions and skills are company-wide, written by
    # directors; the rest is about a person, written by their line.
    "positions": Spec(
        lambda p: tf.PositionFactory(),
        {"title": "Renamed"},
        {"title": ""},
        scoped=False,
        writer="director",
    ),
    "skills": Spec(
        lambda p: tf.SkillFactory(),
        {"name": "Renamed"},
        {"category": 10**6},
        scoped=False,
        writer="director",
    ),
    "people": Spec(
        tf.person_for,
        {"weekly_capacity_hours": "30.0"},
        {"weekly_capacity_hours": "lots"},
        team=True,
    ),
    "skill-assessments": Spec(tf.assessment_for, None, None, team=True),
    "training-plans": Spec(
        tf.plan_for, {"title": "Renamed"}, {"period_start": "x"}, team=True
    ),
    "training-records": Spec(
        tf.record_for, {"hours": "6.0"}, {"feedback": 9}, team=True
    ),
    # teams part 2 (issue 23): appraisals and hiring move only through their
    # workflow actions (submit/approve/return, move, hire), never a PATCH.
    "appraisal-schemes": Spec(tf.scheme_for, None, None, scoped=False),
    "appraisal-cycles": Spec(tf.cycle_for, None, None, team=True),
    "appraisals": Spec(tf.appraisal_for, None, None, team=True),
    "position-requests": Spec(
        tf.position_request_for,
        {"reason": "Two backend engineers"},
        {"headcount": 0},
        team=True,
    ),
    "candidates": Spec(tf.candidate_for, None, None, team=True),
    "applications": Spec(tf.application_for, None, None, team=True),
    "interviews": Spec(tf.interview_for, None, None, team=True),
    # A draft case is edited by its proposer (the project's manager here).
    "staff-action-cases": Spec(
        tf.staff_case_for,
        {"reasons": "Missed four releases"},
        {"action": "firing"},
        team=True,
    ),
    # The director's own records (issue 23): edited by their author while a
    # draft, moved on only through their workflow actions.
    "technical-reviews": Spec(
        tf.technical_review_for,
        {"title": "Split the monolith, billing first"},
        {"title": ""},
        team=True,
    ),
    "tech-plans": Spec(
        tf.tech_plan_for, {"title": "Renamed plan"}, {"period_start": "x"}, team=True
    ),
    # A standard being written (this draft) is read by its owner's line and
    # those who read every team record; published and retired versions are
    # company-wide (tests/teams/test_engineering.py).
    "tech-standards": Spec(
        tf.tech_standard_for,
        {"title": "Code review standard, revised"},
        {"next_review_on": "soon"},
        team=True,
    ),
    "purchase-plans": Spec(
        tf.purchase_plan_for,
        {"note": "Two laptops for new hires"},
        {"period_end": "x"},
        team=True,
    ),
}


def registered() -> dict[str, tuple[type[Any], str]]:
    """Return {prefix: (viewset, basename)} for every route on the router."""
    return {
        prefix: (viewset, basename) for prefix, viewset, basename in router.registry
    }


def missing_specs() -> list[str]:
    return sorted(set(registered()) - set(RESOURCES))
