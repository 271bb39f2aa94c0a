"""reviews API: meetings, action-items, meeting-feedback, customer-satisfaction,
team-communication — allowed, 403, 404, 400, and fixed query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from reviews.models import (
    ActionItem,
    CustomerSatisfaction,
    Meeting,
    MeetingFeedback,
    TeamCommunication,
)
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    CustomerSatisfactionFactory,
    DecisionFactory,
    MeetingFactory,
    MeetingFeedbackFactory,
    TeamCommunicationFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


def today():
    return timezone.localdate()


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


# -------------------------------------------------------------------- meetings


def test_manager_creates_a_meeting_with_nested_lists(project, make_member):
    member = make_member("member")

    response = api(project.manager).post(
        f"{API}/meetings/",
        {
            "project": project.pk,
            "kind": "retrospective",
            "title": "Retro",
            "held_on": today().isoformat(),
            "attendees": [member.pk],
            "agenda_items": [
                {"title": "Went well"},
                {"title": "Improve", "notes": "n"},
            ],
            "decisions": [{"description": "Demo weekly"}],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["attendees"] == [member.pk]
    assert [a["title"] for a in body["agenda_items"]] == ["Went well", "Improve"]
    assert [a["order"] for a in body["agenda_items"]] == [1, 2]
    assert body["decisions"][0]["description"] == "Demo weekly"
    assert body["created_by"] == project.manager.pk
    assert body["created_at"]


def test_meeting_update_replaces_lists_and_checks_the_version(project):
    meeting = MeetingFactory(project=project)
    client = api(project.manager)

    ok = client.patch(
        f"{API}/meetings/{meeting.pk}/",
        {"version": 1, "decisions": [{"description": "A"}, {"description": "B"}]},
        format="json",
    )
    stale = client.patch(
        f"{API}/meetings/{meeting.pk}/",
        {"version": 1, "title": "Late"},
        format="json",
    )

    assert ok.status_code == 200, ok.content
    assert [d["description"] for d in ok.json()["decisions"]] == ["A", "B"]
    assert stale.status_code == 409
    meeting.refresh_from_db()
    assert meeting.title != "Late"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"held_on": "x"}, "held_on"),
        ({"kind": "party"}, "kind"),
        ({"title": ""}, "title"),
    ],
)
def test_meeting_bad_input_is_400_naming_the_field(project, body, field):
    response = api(project.manager).post(
        f"{API}/meetings/",
        {"project": project.pk, "title": "T", "held_on": today().isoformat()} | body,
        format="json",
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Meeting.objects.exists()


def test_meeting_with_a_stranger_as_attendee_is_400(project, outsider):
    response = api(project.manager).post(
        f"{API}/meetings/",
        {
            "project": project.pk,
            "title": "T",
            "held_on": today().isoformat(),
            "attendees": [outsider.pk],
        },
        format="json",
    )

    assert response.status_code == 400
    assert "attendees" in response.json()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(("role", "expected"), [("member", 403), ("director", 403)])
def test_meeting_create_refused(project, make_member, director, role, expected):
    user = director if role == "director" else make_member(role)

    response = api(user).post(
        f"{API}/meetings/",
        {"project": project.pk, "title": "T", "held_on": today().isoformat()},
        format="json",
    )

    assert response.status_code == expected
    assert not Meeting.objects.exists()


def test_outsider_and_customer_get_404_for_a_meeting(project, make_member, outsider):
    meeting = MeetingFactory(project=project)
    for user in (outsider, make_member("customer_rep")):
        client = api(user)
        assert client.get(f"{API}/meetings/{meeting.pk}/").status_code == 404
        assert (
            client.patch(f"{API}/meetings/{meeting.pk}/", {"title": "x"}).status_code
            == 404
        )
        assert client.get(f"{API}/meetings/").json()["results"] == []
    meeting.refresh_from_db()
    assert meeting.title != "x"


def test_meetings_attendee_filter_lists_each_meeting_once(project, make_member):
    member, other = make_member("member"), make_member("member")
    both = MeetingFactory(project=project)
    both.attendees.add(member, other)
    alone = MeetingFactory(project=project)
    alone.attendees.add(other)
    MeetingFactory(project=project)  # nobody asked for attends

    response = api(member).get(f"{API}/meetings/", {"attendees": [member.pk, other.pk]})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert sorted(m["id"] for m in body["results"]) == sorted([both.pk, alone.pk])


def test_meetings_filter_and_fixed_query_count(project, make_member):
    member = make_member("member")
    client = api(member)

    def add(n):
        for _ in range(n):
            meeting = MeetingFactory(project=project, kind="review")
            meeting.attendees.add(member)
            ActionItemFactory(meeting=meeting)
        MeetingFactory(project=project, kind="retrospective")

    add(1)
    client.get(f"{API}/meetings/")  # warm per-process caches
    with CaptureQueriesContext(connection) as small:
        first = client.get(f"{API}/meetings/", {"kind": "review"})
    add(20)
    with CaptureQueriesContext(connection) as large:
        second = client.get(f"{API}/meetings/", {"kind": "review"})

    assert first.json()["count"] == 1
    assert second.json()["count"] == 21
    assert len(small) == len(large) <= 10


# ---------------------------------------------------------------- action items


def test_owner_completes_own_item_but_not_others(project, make_member):
    owner, other = make_member("member"), make_member("member")
    item = ActionItemFactory(meeting=MeetingFactory(project=project), owner=owner)
    url = f"{API}/action-items/{item.pk}/"

    refused = api(other).patch(url, {"completed_on": today().isoformat()})
    assert refused.status_code == 403
    item.refresh_from_db()
    assert item.completed_on is None

    done = api(owner).patch(url, {"completed_on": today().isoformat(), "version": 1})
    assert done.status_code == 200, done.content
    item.refresh_from_db()
    assert item.completed_on == today()


def test_action_item_create_400_and_404(project, outsider):
    meeting = MeetingFactory(project=project)
    client = api(project.manager)

    bad = client.post(
        f"{API}/action-items/",
        {"meeting": meeting.pk, "description": "x", "due_date": "soon"},
    )
    stranger = client.post(
        f"{API}/action-items/",
        {
            "meeting": meeting.pk,
            "description": "x",
            "due_date": today().isoformat(),
            "owner": outsider.pk,
        },
    )
    ok = client.post(
        f"{API}/action-items/",
        {"meeting": meeting.pk, "description": "x", "due_date": today().isoformat()},
    )

    assert bad.status_code == 400
    assert "due_date" in bad.json()
    assert stranger.status_code == 400
    assert "owner" in stranger.json()
    assert ok.status_code == 201
    assert ActionItem.objects.count() == 1
    assert (
        api(outsider).get(f"{API}/action-items/{ok.json()['id']}/").status_code == 404
    )


def test_action_items_filter_open_by_owner(project):
    meeting = MeetingFactory(project=project)
    ActionItemFactory(meeting=meeting, owner=project.manager)
    ActionItemFactory(meeting=meeting, owner=project.manager, completed_on=today())

    response = api(project.manager).get(
        f"{API}/action-items/",
        {"owner": project.manager.pk, "completed_on__isnull": "true"},
    )

    assert response.json()["count"] == 1


# ------------------------------------------------------------ meeting feedback


def test_attendee_rates_via_api_and_a_second_post_replaces(make_member):
    member = make_member("member")
    meeting = MeetingFactory(project=member.memberships.get().project)
    meeting.attendees.add(member)
    client = api(member)

    first = client.post(
        f"{API}/meeting-feedback/", {"meeting": meeting.pk, "rating": 3}
    )
    second = client.post(
        f"{API}/meeting-feedback/", {"meeting": meeting.pk, "rating": 5}
    )

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["attendee"] == member.pk
    assert list(MeetingFeedback.objects.values_list("rating", flat=True)) == [5]


def test_feedback_rules_via_api(project, make_member):
    member = make_member("member")
    future = MeetingFactory(project=project, held_on=today() + timedelta(days=3))
    future.attendees.add(member)
    absent = MeetingFactory(project=project)
    client = api(member)

    early = client.post(f"{API}/meeting-feedback/", {"meeting": future.pk, "rating": 4})
    not_there = client.post(
        f"{API}/meeting-feedback/", {"meeting": absent.pk, "rating": 4}
    )
    out_of_range = client.post(
        f"{API}/meeting-feedback/", {"meeting": future.pk, "rating": 6}
    )

    assert early.status_code == not_there.status_code == out_of_range.status_code == 400
    assert "rating" in early.json()
    assert not MeetingFeedback.objects.exists()


def test_customer_rates_an_attended_review_meeting_via_api(project, make_member):
    customer = make_member("customer_rep")
    meeting = MeetingFactory(project=project, kind="review")
    meeting.attendees.add(customer)

    response = api(customer).post(
        f"{API}/meeting-feedback/", {"meeting": meeting.pk, "rating": 4}
    )

    assert response.status_code == 201, response.content
    assert MeetingFeedback.objects.get().attendee == customer


def test_customer_cannot_rate_a_status_meeting_via_api(project, make_member):
    customer = make_member("customer_rep")
    meeting = MeetingFactory(project=project, kind="status")
    meeting.attendees.add(customer)

    response = api(customer).post(
        f"{API}/meeting-feedback/", {"meeting": meeting.pk, "rating": 4}
    )

    assert response.status_code == 400  # the meeting is not visible to them
    assert "meeting" in response.json()
    assert not MeetingFeedback.objects.exists()


def test_other_member_cannot_change_someones_rating(project, make_member):
    feedback = MeetingFeedbackFactory(
        meeting=MeetingFactory(project=project), attendee=make_member("member")
    )

    response = api(make_member("member")).patch(
        f"{API}/meeting-feedback/{feedback.pk}/", {"rating": 1}
    )

    assert response.status_code == 403
    feedback.refresh_from_db()
    assert feedback.rating == 4


# ------------------------------------------------------- customer satisfaction


def test_manager_logs_a_score_marked_logged(project):
    response = api(project.manager).post(
        f"{API}/customer-satisfaction/",
        {"project": project.pk, "score": 77, "comment": "phone"},
    )

    assert response.status_code == 201, response.content
    assert response.json()["source"] == "logged"
    assert response.json()["logged_by"] == project.manager.pk


def test_customer_satisfaction_refusals(project, make_member, outsider):
    row = CustomerSatisfactionFactory(project=project)

    bad = api(project.manager).post(
        f"{API}/customer-satisfaction/", {"project": project.pk, "score": 101}
    )
    member = api(make_member("member")).post(
        f"{API}/customer-satisfaction/", {"project": project.pk, "score": 50}
    )
    hidden = api(outsider).get(f"{API}/customer-satisfaction/{row.pk}/")
    customer = api(make_member("customer_rep")).get(
        f"{API}/customer-satisfaction/{row.pk}/"
    )

    assert bad.status_code == 400
    assert "score" in bad.json()
    assert member.status_code == 403
    assert hidden.status_code == customer.status_code == 404
    assert CustomerSatisfaction.objects.count() == 1


def test_customer_satisfaction_filters(project):
    CustomerSatisfactionFactory(project=project, score=40, source="link")
    CustomerSatisfactionFactory(project=project, score=90)

    response = api(project.manager).get(
        f"{API}/customer-satisfaction/", {"source": "link", "score__lte": 50}
    )

    assert [r["score"] for r in response.json()["results"]] == [40]


# ---------------------------------------------------------- team communication


def test_member_rates_once_a_month_via_api(project, make_member):
    member = make_member("member")
    client = api(member)

    first = client.post(
        f"{API}/team-communication/", {"project": project.pk, "rating": 4}
    )
    second = client.post(
        f"{API}/team-communication/", {"project": project.pk, "rating": 2}
    )

    assert first.status_code == 201, first.content
    assert first.json()["rater"] == member.pk
    assert first.json()["period"] == today().replace(day=1).isoformat()
    assert second.status_code == 400
    assert "rating" in second.json()
    assert TeamCommunication.objects.count() == 1


def test_manager_sees_ratings_without_raters(project, make_member):
    TeamCommunicationFactory(project=project, rater=make_member("member"))

    rows = api(project.manager).get(f"{API}/team-communication/").json()["results"]

    assert len(rows) == 1
    assert rows[0]["rater"] is None


def test_team_communication_refusals(project, make_member, outsider):
    row = TeamCommunicationFactory(project=project, rater=make_member("member"))

    own = api(project.manager).post(
        f"{API}/team-communication/", {"project": project.pk, "rating": 5}
    )
    customer = api(make_member("customer_rep")).post(
        f"{API}/team-communication/", {"project": project.pk, "rating": 5}
    )
    bad = api(make_member("qa")).post(
        f"{API}/team-communication/", {"project": project.pk, "rating": 9}
    )
    hidden = api(outsider).get(f"{API}/team-communication/{row.pk}/")

    assert own.status_code == 403  # a manager may not rate themself
    assert customer.status_code == 403  # sees the project, may not rate
    assert bad.status_code == 400
    assert "rating" in bad.json()
    assert hidden.status_code == 404
    assert TeamCommunication.objects.count() == 1


def test_meeting_list_rows_match_the_serializer(project, make_member):
    """The list reads plain rows (reviews.api.meeting_rows); every field of
    every meeting is what MeetingSerializer gives for the same record."""
    from rest_framework.test import APIRequestFactory

    from reviews.api import MeetingSerializer

    people = [make_member("member") for _ in range(3)]
    for n in range(4):
        meeting = MeetingFactory(project=project, held_on=today() - timedelta(days=n))
        meeting.attendees.set(people[: n % 3 + 1])
        AgendaItemFactory(meeting=meeting, order=2, title="B")
        AgendaItemFactory(meeting=meeting, order=1, title="A")
        DecisionFactory(meeting=meeting, description=f"Decided {n}")
    api = APIClient()
    api.force_authenticate(project.manager)

    body = api.get("/api/v1/meetings/").json()

    request = APIRequestFactory().get("/api/v1/meetings/")
    request.user = project.manager
    expected = [
        MeetingSerializer(
            Meeting.objects.get(pk=row["id"]), context={"request": request}
        ).data
        for row in body["results"]
    ]
    assert len(body["results"]) == 4
    assert body["results"] == [dict(row) for row in expected]
    assert [a["title"] for a in body["results"][0]["agenda_items"]] == ["A", "B"]
