from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from changes.models import ChangeRequest, MilestoneChange
from tests.factories import (
    ChangeRequestFactory,
    MilestoneChangeFactory,
    MilestoneFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db
Status = ChangeRequest.Status


def test_customer_raises_and_submits_a_change_request(client, project, make_member):
    carl = make_member("customer_rep")
    milestone = MilestoneFactory(project=project)
    RequirementFactory(project=project, title="Internal requirement")
    client.force_login(carl)
    new_date = milestone.planned_date + timedelta(days=10)

    form = client.get(reverse("changes:create", args=[project.pk]))
    assert form.status_code == 200
    # Requirements are internal: a customer does not see them in the form.
    assert "Internal requirement" not in form.content.decode()
    response = client.post(
        reverse("changes:create", args=[project.pk]),
        {
            "title": "Export to PDF",
            "kind": "scope",
            "impact_days": 5,
            "impact_cost": "1200.00",
            "mc-TOTAL_FORMS": 2,
            "mc-INITIAL_FORMS": 0,
            "mc-0-milestone": milestone.pk,
            "mc-0-new_planned_date": new_date.isoformat(),
        },
    )
    cr = ChangeRequest.objects.get()
    assert response.url == reverse("changes:detail", args=[cr.pk])
    assert cr.requested_by == carl
    assert cr.milestone_changes.get().new_planned_date == new_date

    client.post(reverse("changes:submit", args=[cr.pk]), {"version": cr.version})
    cr.refresh_from_db()
    assert cr.status == Status.SUBMITTED
    # Customers cannot decide.
    response = client.post(reverse("changes:approve", args=[cr.pk]))
    assert response.status_code == 403
    cr.refresh_from_db()
    assert cr.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("who", "expected"),
    [("outsider", 404), ("director", 403), ("member", 403), ("manager", 302)],
)
def test_only_the_project_manager_decides(
    client, project, make_member, director, outsider, who, expected
):
    change = MilestoneChangeFactory(
        change_request__project=project, change_request__status=Status.SUBMITTED
    )
    planned = change.milestone.planned_date
    user = {
        "outsider": outsider,
        "director": director,
        "member": make_member("member") if who == "member" else None,
        "manager": project.manager,
    }[who]
    client.force_login(user)

    response = client.post(
        reverse("changes:approve", args=[change.change_request_id]),
        {"decided_on": timezone.localdate().isoformat(), "version": 1},
    )

    assert response.status_code == expected
    change.milestone.refresh_from_db()
    cr = ChangeRequest.objects.get(pk=change.change_request_id)
    if expected == 302:
        assert cr.status == Status.APPROVED
        assert change.milestone.planned_date == change.new_planned_date
    else:
        assert cr.status == Status.SUBMITTED
        assert change.milestone.planned_date == planned


def test_illegal_transition_on_the_page_shows_a_message(client, project):
    cr = ChangeRequestFactory(project=project, status=Status.REJECTED)
    client.force_login(project.manager)

    response = client.post(
        reverse("changes:approve", args=[cr.pk]),
        {"decided_on": timezone.localdate().isoformat()},
        follow=True,
    )

    assert "A rejected change request cannot be approved" in response.content.decode()
    cr.refresh_from_db()
    assert cr.status == Status.REJECTED


def test_stale_approval_page_is_told(client, project):
    cr = ChangeRequestFactory(project=project, status=Status.SUBMITTED, version=2)
    client.force_login(project.manager)

    response = client.post(
        reverse("changes:approve", args=[cr.pk]),
        {"decided_on": timezone.localdate().isoformat(), "version": 1},
        follow=True,
    )

    assert "Someone else changed this record" in response.content.decode()
    assert ChangeRequest.objects.get(pk=cr.pk).status == Status.SUBMITTED


def test_stale_draft_edit_is_told(client, project):
    cr = ChangeRequestFactory(
        project=project, title="Original", requested_by=project.manager
    )
    client.force_login(cr.requested_by)
    ChangeRequest.objects.filter(pk=cr.pk).update(version=2, title="Someone else")

    response = client.post(
        reverse("changes:edit", args=[cr.pk]),
        {
            "title": "Mine",
            "kind": "scope",
            "impact_days": 0,
            "impact_cost": "0",
            "version": 1,
            "mc-TOTAL_FORMS": 0,
            "mc-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert ChangeRequest.objects.get(pk=cr.pk).title == "Someone else"


def test_detail_shows_history_and_applied_dates(client, project):
    change = MilestoneChangeFactory(
        change_request__project=project, change_request__status=Status.SUBMITTED
    )
    client.force_login(project.manager)
    client.post(
        reverse("changes:approve", args=[change.change_request_id]),
        {"decided_on": timezone.localdate().isoformat()},
    )

    page = client.get(reverse("changes:detail", args=[change.change_request_id]))

    body = page.content.decode()
    assert page.status_code == 200
    assert "History" in body
    assert "Approved" in body
    assert MilestoneChange.objects.get(pk=change.pk).old_planned_date is not None


def test_list_follows_changes_though_cached(client, project):
    """The table is cached under a digest of what it shows (config/
    fragments.py): a rename and a decision each show on the next request."""
    change = ChangeRequestFactory(project=project, title="Old title")
    client.force_login(project.manager)

    def table():
        body = client.get(reverse("changes:list", args=[project.pk])).content.decode()
        return body[body.index('id="change-table"') : body.index("</table>")]

    first = table()
    assert table() == first
    assert "Old title" in first
    ChangeRequest.objects.filter(pk=change.pk).update(
        title="New title", status=Status.REJECTED, decided_on=timezone.localdate()
    )
    changed = table()
    assert "New title" in changed
    assert "Old title" not in changed
    assert str(Status.REJECTED.label) in changed


def test_list_query_count_is_fixed(client, project, django_assert_num_queries):
    def count_for(n):
        ChangeRequestFactory.create_batch(n, project=project)
        client.force_login(project.manager)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("changes:list_all")).status_code == 200
        return len(ctx.captured_queries)

    small = count_for(3)
    large = count_for(60)
    assert small == large
    assert large <= 12
