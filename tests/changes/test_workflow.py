"""Change control end to end: the baseline moves only on approval, with history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from changes import services
from changes.models import ChangeRequest, MilestoneChange
from core.versioning import StaleEdit
from milestones.models import Milestone
from tests.factories import (
    ChangeRequestFactory,
    MilestoneChangeFactory,
    MilestoneFactory,
    ProjectFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db

Status = ChangeRequest.Status


@pytest.fixture
def baselined(project):
    project.baselined_on = timezone.localdate() - timedelta(days=30)
    project.save()
    return project


def test_whole_workflow_moves_baselined_milestone_only_on_approval(
    baselined, make_member
):
    member = make_member("member")
    manager = baselined.manager
    today = timezone.localdate()
    planned = today + timedelta(days=20)
    milestone = MilestoneFactory(project=baselined, planned_date=planned)
    other = MilestoneFactory(project=baselined, planned_date=planned)
    requirement = RequirementFactory(project=baselined)
    new_date = planned + timedelta(days=14)

    draft = services.change_request_create(
        project=baselined,
        by=member,
        data={"title": "Add SSO", "kind": "scope", "impact_days": 14},
        affected_requirements=[requirement],
        milestone_changes=[{"milestone": milestone, "new_planned_date": new_date}],
    )
    assert draft.status == Status.DRAFT
    milestone.refresh_from_db()
    assert milestone.planned_date == planned

    submitted = services.change_request_submit(change_request=draft, by=member)
    assert submitted.status == Status.SUBMITTED
    assert submitted.submitted_on == today
    milestone.refresh_from_db()
    assert milestone.planned_date == planned

    decided = today - timedelta(days=2)
    approved = services.change_request_approve(
        change_request=submitted, by=manager, decided_on=decided, note="Worth it"
    )
    assert approved.status == Status.APPROVED
    assert approved.decided_by == manager
    assert approved.decided_on == decided
    milestone.refresh_from_db()
    other.refresh_from_db()
    assert milestone.planned_date == new_date
    assert other.planned_date == planned  # only proposed milestones move
    change = MilestoneChange.objects.get(change_request=approved)
    assert change.old_planned_date == planned
    # The milestone's own history records the move, who made it and why.
    latest = milestone.history.order_by("-history_date", "-history_id").first()
    assert latest.planned_date == new_date
    assert latest.history_user == manager
    assert "approved" in latest.history_change_reason
    previous = latest.prev_record
    assert previous.planned_date == planned
    # The request's history shows each step (and the draft's requirement set).
    statuses = approved.history.order_by("history_date", "history_id").values_list(
        "status", flat=True
    )
    assert list(dict.fromkeys(statuses)) == ["draft", "submitted", "approved"]

    implemented = services.change_request_implement(change_request=approved, by=manager)
    assert implemented.status == Status.IMPLEMENTED
    assert implemented.implemented_on == today
    milestone.refresh_from_db()
    assert milestone.planned_date == new_date


def test_reject_changes_nothing_but_the_decision(baselined):
    change = MilestoneChangeFactory(
        change_request__project=baselined, change_request__status=Status.SUBMITTED
    )
    planned = change.milestone.planned_date

    rejected = services.change_request_reject(
        change_request=change.change_request, by=baselined.manager, note="No budget"
    )

    assert rejected.status == Status.REJECTED
    assert rejected.decided_by == baselined.manager
    change.milestone.refresh_from_db()
    change.refresh_from_db()
    assert change.milestone.planned_date == planned
    assert change.old_planned_date is None


ALLOWED = {
    ("submit", Status.DRAFT),
    ("approve", Status.SUBMITTED),
    ("reject", Status.SUBMITTED),
    ("implement", Status.APPROVED),
}
REFUSED = [
    (step, status)
    for step in ("submit", "approve", "reject", "implement")
    for status in Status.values
    if (step, status) not in ALLOWED
]


def run_step(step, change_request, by):
    fn = getattr(services, f"change_request_{step}")
    return fn(change_request=change_request, by=by)


@pytest.mark.parametrize(("step", "status"), REFUSED)
def test_illegal_transition_is_refused_and_changes_nothing(project, step, status):
    change = MilestoneChangeFactory(
        change_request__project=project, change_request__status=status
    )
    cr = change.change_request
    planned = change.milestone.planned_date

    with pytest.raises(services.IllegalTransition) as info:
        run_step(step, cr, project.manager)

    assert "cannot be" in " ".join(info.value.messages)
    fresh = ChangeRequest.objects.get(pk=cr.pk)
    assert (fresh.status, fresh.version, fresh.decided_by_id) == (status, 1, None)
    change.milestone.refresh_from_db()
    assert change.milestone.planned_date == planned


def test_approval_is_all_or_nothing(project):
    cr = ChangeRequestFactory(project=project, status=Status.SUBMITTED)
    good = MilestoneChangeFactory(change_request=cr)
    # A row written around the services, pointing at another project's milestone.
    stray = MilestoneFactory(project=ProjectFactory())
    MilestoneChange.objects.create(
        change_request=cr, milestone=stray, new_planned_date=timezone.localdate()
    )
    planned = good.milestone.planned_date

    with pytest.raises(ValidationError):
        services.change_request_approve(change_request=cr, by=project.manager)

    good.milestone.refresh_from_db()
    assert good.milestone.planned_date == planned
    assert ChangeRequest.objects.get(pk=cr.pk).status == Status.SUBMITTED
    assert MilestoneChange.objects.get(pk=good.pk).old_planned_date is None


def test_stale_decision_is_refused(project):
    change = MilestoneChangeFactory(
        change_request__project=project, change_request__status=Status.SUBMITTED
    )
    cr = change.change_request
    services.change_request_reject(
        change_request=cr, by=project.manager, expected_version=1
    )

    with pytest.raises(StaleEdit):
        services.change_request_approve(
            change_request=cr, by=project.manager, expected_version=1
        )

    assert ChangeRequest.objects.get(pk=cr.pk).status == Status.REJECTED
    milestone = Milestone.objects.get(pk=change.milestone_id)
    assert milestone.planned_date == change.milestone.planned_date
    assert milestone.version == 1


def test_decision_cannot_be_dated_in_the_future(project):
    cr = ChangeRequestFactory(project=project, status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as info:
        services.change_request_approve(
            change_request=cr,
            by=project.manager,
            decided_on=timezone.localdate() + timedelta(days=1),
        )
    assert "decided_on" in info.value.message_dict
    assert ChangeRequest.objects.get(pk=cr.pk).status == Status.SUBMITTED


def test_milestones_and_requirements_must_belong_to_the_project(project):
    foreign_milestone = MilestoneFactory(project=ProjectFactory())
    foreign_requirement = RequirementFactory(project=ProjectFactory())

    with pytest.raises(ValidationError) as info:
        services.change_request_create(
            project=project,
            by=project.manager,
            data={"title": "x"},
            affected_requirements=[foreign_requirement],
            milestone_changes=[
                {
                    "milestone": foreign_milestone,
                    "new_planned_date": timezone.localdate(),
                }
            ],
        )

    assert set(info.value.message_dict) == {
        "affected_requirements",
        "milestone_changes",
    }
    assert not ChangeRequest.objects.exists()


def test_only_drafts_can_be_edited(project):
    cr = ChangeRequestFactory(project=project, status=Status.SUBMITTED)
    with pytest.raises(services.IllegalTransition):
        services.change_request_update(
            change_request=cr,
            by=cr.requested_by,
            data={"title": "Changed"},
            expected_version=1,
        )
    assert ChangeRequest.objects.get(pk=cr.pk).title == cr.title


def test_draft_edit_replaces_milestone_changes_and_detects_stale_pages(project):
    cr = ChangeRequestFactory(project=project)
    old = MilestoneChangeFactory(change_request=cr)
    milestone = MilestoneFactory(project=project)
    new_date = timezone.localdate() + timedelta(days=90)

    services.change_request_update(
        change_request=cr,
        by=cr.requested_by,
        data={"title": "Revised"},
        expected_version=1,
        milestone_changes=[{"milestone": milestone, "new_planned_date": new_date}],
    )

    assert list(cr.milestone_changes.values_list("milestone", flat=True)) == [
        milestone.pk
    ]
    assert not MilestoneChange.objects.filter(pk=old.pk).exists()
    with pytest.raises(StaleEdit):
        services.change_request_update(
            change_request=ChangeRequest.objects.get(pk=cr.pk),
            by=cr.requested_by,
            data={"title": "Second editor"},
            expected_version=1,
        )
    assert ChangeRequest.objects.get(pk=cr.pk).title == "Revised"
