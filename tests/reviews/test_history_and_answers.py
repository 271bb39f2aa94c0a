"""History on every table people change, with who changed it; decisions
edited in place; answers given by others cannot be rewritten by the project
manager, an admin corrects one with a reason (issue 20)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import roles
from kpis.models import KpiDefinition
from tests.factories import (
    CustomerSatisfactionFactory,
    DecisionFactory,
    MeetingFactory,
    MeetingFeedbackFactory,
    TeamCommunicationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"

# Tables whose rows only the system writes (snapshots, run records, sign-in
# attempts) or that Django/third-party apps own.
SYSTEM_TABLES = {
    "kpis.KpiSnapshot",
    "kpis.KpiRun",
    "kpis.KpiJob",  # the job's run record, written by the job alone
    "accounts.User",
    "accounts.Department",
}
OUR_APPS = {"projects", "milestones", "risks", "changes", "reviews", "kpis"}


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_every_table_people_change_keeps_history():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and not model.__name__.startswith("Historical")
        and model._meta.label not in SYSTEM_TABLES
        and not model._meta.auto_created
        and not hasattr(model, "history")
    ]
    assert missing == []


def test_editing_decisions_keeps_the_rows_and_records_who(project):
    meeting = MeetingFactory(project=project)
    first = DecisionFactory(meeting=meeting, description="Ship in May")
    second = DecisionFactory(meeting=meeting, description="Hire a tester")

    response = api(project.manager).patch(
        f"{API}/meetings/{meeting.pk}/",
        {"version": meeting.version, "decisions": [{"description": "Ship in June"}]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert list(meeting.decisions.values_list("pk", "description")) == [
        (first.pk, "Ship in June")
    ]
    change = first.history.latest("history_date")
    assert change.history_type == "~"
    assert change.history_user == project.manager
    assert change.prev_record.description == "Ship in May"
    gone = second.history.latest("history_date")
    assert gone.history_type == "-"
    assert gone.history_user == project.manager


def test_agenda_edits_are_in_history(project):
    meeting = MeetingFactory(project=project)
    client = api(project.manager)
    client.patch(
        f"{API}/meetings/{meeting.pk}/",
        {"version": meeting.version, "agenda_items": [{"title": "Budget"}]},
        format="json",
    )
    item = meeting.agenda_items.get()
    meeting.refresh_from_db()

    client.patch(
        f"{API}/meetings/{meeting.pk}/",
        {"version": meeting.version, "agenda_items": [{"title": "Budget and risks"}]},
        format="json",
    )

    assert meeting.agenda_items.get().pk == item.pk
    kinds = list(
        item.history.order_by("history_date").values_list("history_type", "title")
    )
    assert kinds == [("+", "Budget"), ("~", "Budget and risks")]


def test_kpi_target_change_is_in_history_with_the_director(director):
    definition = KpiDefinition.objects.get(code="on_time_delivery")

    response = api(director).patch(
        f"{API}/kpi-definitions/{definition.pk}/", {"target": "0.8"}, format="json"
    )

    assert response.status_code == 200, response.content
    change = KpiDefinition.objects.get(pk=definition.pk).history.latest("history_date")
    assert change.history_user == director
    assert str(change.target).startswith("0.8")


def test_project_manager_cannot_rewrite_or_delete_a_customer_score(project):
    answer = CustomerSatisfactionFactory(project=project, score=94)
    client = api(project.manager)

    patched = client.patch(
        f"{API}/customer-satisfaction/{answer.pk}/", {"score": 100}, format="json"
    )
    deleted = client.delete(f"{API}/customer-satisfaction/{answer.pk}/")

    assert patched.status_code in (403, 405)
    assert deleted.status_code in (403, 405)
    answer.refresh_from_db()
    assert answer.score == 94


@pytest.mark.parametrize("kind", ["team-communication", "meeting-feedback"])
def test_project_manager_cannot_rewrite_a_team_rating(project, make_member, kind):
    member = make_member("member")
    if kind == "team-communication":
        answer = TeamCommunicationFactory(project=project, rater=member, rating=2)
        field = "rating"
    else:
        meeting = MeetingFactory(project=project)
        answer = MeetingFeedbackFactory(meeting=meeting, attendee=member, rating=2)
        field = "rating"
    client = api(project.manager)

    patched = client.patch(f"{API}/{kind}/{answer.pk}/", {field: 5}, format="json")
    deleted = client.delete(f"{API}/{kind}/{answer.pk}/")

    assert patched.status_code in (403, 405)
    assert deleted.status_code in (403, 405)
    answer.refresh_from_db()
    assert answer.rating == 2


def test_project_manager_cannot_change_an_answer_in_django_admin(client, project):
    answer = CustomerSatisfactionFactory(project=project, score=94)
    manager = project.manager
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    url = reverse("admin:reviews_customersatisfaction_change", args=[answer.pk])

    client.post(url, {"score": 100, "correction_reason": "typo"})

    answer.refresh_from_db()
    assert answer.score == 94


def test_admin_corrects_an_answer_with_a_reason_kept_in_history(client, project):
    answer = CustomerSatisfactionFactory(project=project, score=94)
    admin = UserFactory(role=roles.ADMIN, is_staff=True)
    client.force_login(admin)
    url = reverse("admin:reviews_customersatisfaction_change", args=[answer.pk])
    form = {
        "project": project.pk,
        "score": 49,
        "responded_on": answer.responded_on.isoformat(),
        "source": answer.source,
        "comment": "",
        "respondent": "",
        "logged_by": "",
    }

    without_reason = client.post(url, form)
    answer.refresh_from_db()
    assert without_reason.status_code == 200  # the form again, with the error
    assert answer.score == 94

    with_reason = client.post(url, {**form, "correction_reason": "Typed 94 for 49"})

    assert with_reason.status_code == 302
    answer.refresh_from_db()
    assert answer.score == 49
    latest = answer.history.latest("history_date")
    assert latest.history_change_reason == "Typed 94 for 49"
    assert latest.history_user == admin
    assert latest.prev_record.score == 94
