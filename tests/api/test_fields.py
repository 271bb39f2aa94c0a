"""Each resource shows the DESIGN §2 fields by the same names (§5)."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from accounts import roles
from tests.api.resources import RESOURCES
from tests.api.test_matrix import World
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DESIGN_FIELDS: dict[str, set[str]] = {
    "users": {"id", "username", "email", "first_name", "last_name", "department"},
    "departments": {"id", "name", "parent"},
    "projects": {
        "id", "code", "name", "customer", "department", "manager", "status",
        "start_date", "target_date", "objectives", "scope", "budget", "baselined_on",
        "baselined_at",
    },
    "memberships": {"id", "project", "user", "role", "allocation_percent"},
    "phases": {"id", "project", "name", "order", "start_date", "end_date"},
    "requirements": {
        "id", "project", "title", "acceptance_criteria", "priority", "status",
        "due_date", "created_at", "accepted_on",
    },
    "documents": {
        "id", "project", "kind", "title", "due_date", "submitted_on", "review_status",
        "meeting", "update_every_days",
    },
    "document-versions": {
        "id", "document", "number", "file", "url", "submitted_on", "submitted_by",
        "note",
    },
    "document-reviews": {
        "id", "document", "version", "reviewer", "result", "reviewed_on", "comments",
    },
    "cost-entries": {"id", "project", "date", "amount", "category", "note"},
    "milestones": {
        "id", "project", "phase", "name", "planned_date", "forecast_date",
        "completed_on", "deliverables", "depends_on",
    },
    "risks": {
        "id", "project", "title", "description", "category", "probability",
        "impact", "score", "strategy", "owner", "status", "identified_on",
    },
    "risk-responses": {
        "id", "risk", "description", "owner", "due_date", "completed_on",
    },
    "issues": {
        "id", "project", "title", "severity", "reported_at", "resolved_at",
        "resolution", "owner", "category", "parties", "resolve_by",
    },
    "change-requests": {
        "id", "project", "title", "description", "kind", "requested_by", "status",
        "decided_on", "decided_by", "impact_days", "impact_cost",
        "affected_requirements", "milestone_changes",
    },
    "meetings": {"id", "project", "kind", "held_on", "attendees", "minutes"},
    "action-items": {
        "id", "meeting", "kind", "description", "owner", "due_date", "completed_on",
    },
    "meeting-feedback": {"id", "meeting", "attendee", "rating", "created_at"},
    "customer-satisfaction": {
        "id", "project", "score", "responded_on", "comment", "source",
    },
    "team-communication": {"id", "project", "rater", "rating", "responded_on"},
    "kpi-definitions": {"code", "target"},
    "kpi-snapshots": {
        "kpi", "scope_type", "scope_id", "as_of", "numerator", "denominator",
        "value", "target", "status",
    },
    # issue 26
    "tasks": {
        "id", "project", "phase", "milestone", "title", "description", "owner",
        "status", "blocked_reason", "priority", "estimate_hours", "start_date",
        "due_date", "depends_on",
    },
    "work-logs": {"id", "project", "task", "user", "date", "hours", "note"},
    # DESIGN §7 (issue 22)
    "people": {
        "id", "department", "reports_to", "position", "hired_on",
        "weekly_capacity_hours",
    },
    "positions": {
        "id", "department", "title", "responsibilities", "qualifications",
        "required_skills",
    },
    "skills": {"id", "category", "name"},
    "skill-assessments": {
        "id", "person", "skill", "level", "assessed_on", "assessed_by", "source",
        "note",
    },
    "training-plans": {
        "id", "owner", "period_start", "period_end", "items", "state", "steps",
    },
    "training-records": {
        "id", "item", "participant", "attended", "hours", "result", "completed_on",
        "feedback",
    },
    # DESIGN §7 part 2 (issue 23)
    "appraisal-schemes": {"id", "criteria", "scale_min", "scale_max"},
    "appraisal-cycles": {
        "id", "scheme", "period_start", "period_end", "self_review_due",
        "manager_review_due", "calibration_due", "feedback_due",
    },
    "appraisals": {"id", "cycle", "person", "improvement_actions"},
    "position-requests": {
        "id", "department", "position", "responsibilities", "qualifications",
        "headcount", "reason", "requested_by", "state", "days_to_fill",
    },
    "candidates": {"id", "name"},
    "applications": {"id", "candidate", "position_request", "stage"},
    "interviews": {
        "id", "application", "round", "interviewers", "held_on", "skill_scores",
        "recommendation",
    },
    "staff-action-cases": {"id", "person", "action", "reasons", "proposed_by"},
    "technical-reviews": {
        "id", "title", "project", "author", "proposal", "options", "reviewers",
        "round", "decision", "rationale", "decided_by",
    },
    "tech-plans": {
        "id", "owner", "period_start", "period_end", "objectives", "introductions",
        "state",
    },
    # `version` is every record's stale-edit counter (§5): a standard's own
    # version number is `revision`.
    "tech-standards": {"id", "title", "revision", "status", "next_review_on"},
    "purchase-plans": {"id", "owner", "items", "total", "state"},
}  # fmt: skip
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
DATETIME_FIELDS = {"created_at", "reported_at", "resolved_at"}


def test_every_resource_has_its_design_fields_listed():
    assert set(DESIGN_FIELDS) == set(RESOURCES)


@pytest.mark.parametrize("prefix", sorted(DESIGN_FIELDS))
def test_resource_shows_design_fields_with_iso_dates(prefix):
    world = World(prefix)
    client = APIClient()
    client.force_login(UserFactory(role=roles.ADMIN))

    body = client.get(world.detail_url()).json()

    missing = DESIGN_FIELDS[prefix] - set(body)
    assert not missing, f"{prefix} lacks {sorted(missing)}; has {sorted(body)}"
    if prefix == "kpi-snapshots":
        assert set(body) == DESIGN_FIELDS[prefix]
        assert body["kpi"] == world.obj.kpi.code
    for name, value in body.items():
        if not isinstance(value, str):
            continue
        if name in DATETIME_FIELDS:
            assert ISO_DATETIME.match(value), (name, value)
        elif name.endswith(("_date", "_on")) or name in {"date", "as_of"}:
            assert ISO_DATE.match(value), (name, value)
