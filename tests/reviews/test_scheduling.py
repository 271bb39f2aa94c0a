"""Meetings are scheduled, not only recorded (issue 19): start time, place,
duration, an invitation by e-mail with a calendar file, planned versus held,
a planned meeting's actions can be done; a customer who attended a review
meeting reads its minutes and rates it."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from core import ics
from reviews import services
from reviews.models import Meeting, MeetingFeedback
from tests.factories import (
    ActionItemFactory,
    MeetingFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def manager(project):
    MembershipFactory(project=project, user=project.manager, role="manager")
    return project.manager


@pytest.fixture
def customer(project):
    user = UserFactory(role=roles.CUSTOMER, email="carl@example.com")
    MembershipFactory(project=project, user=user, role="customer_rep")
    return user


def test_manager_schedules_a_meeting_with_time_place_and_invitation(
    client, project, manager, make_member
):
    member = make_member("member")
    member.email = "mia@example.com"
    member.save()
    client.force_login(manager)
    day = today() + timedelta(days=7)

    response = client.post(
        reverse("reviews:meeting_create", args=[project.pk]),
        {
            "kind": "status",
            "title": "Weekly status",
            "held_on": day.isoformat(),
            "starts_at": "09:30",
            "duration_minutes": "45",
            "place": "Room 2",
            "attendees": [member.pk],
            "send_invitation": "on",
        },
    )

    meeting = Meeting.objects.get(title="Weekly status")
    assert response.status_code == 302
    assert (meeting.starts_at, meeting.duration_minutes, meeting.place) == (
        time(9, 30),
        45,
        "Room 2",
    )
    assert meeting.is_planned
    assert meeting.invited_at is not None
    assert [m.to for m in mail.outbox] == [["mia@example.com"]]
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype) == ("invite.ics", "text/calendar")
    assert "SUMMARY:" in content
    assert "LOCATION:Room 2" in content
    page = client.get(reverse("reviews:meeting_detail", args=[meeting.pk]))
    html = page.content.decode()
    assert "Planned for" in html
    assert "09:30–10:15" in html
    assert "Room 2" in html
    assert reverse("reviews:meeting_invite", args=[meeting.pk]) in html


def test_held_meeting_reads_held_and_offers_no_invitation(client, project, manager):
    meeting = MeetingFactory(project=project, held_on=today() - timedelta(days=2))
    client.force_login(manager)

    html = client.get(reverse("reviews:meeting_detail", args=[meeting.pk])).content

    assert not meeting.is_planned
    assert b"Held on" in html
    assert reverse("reviews:meeting_invite", args=[meeting.pk]).encode() not in html
    with pytest.raises(services.ValidationError):
        services.meeting_invite(meeting=meeting)
    assert mail.outbox == []


def test_a_meeting_later_today_is_still_planned(project, settings):
    # A time zone in which an hour from now is still today (zones 12 hours
    # apart cannot both be past 22:00), so the case runs at any hour.
    from zoneinfo import ZoneInfo

    settings.TIME_ZONE = next(
        zone
        for zone in ("UTC", "Etc/GMT-12", "Etc/GMT+12")
        if timezone.now().astimezone(ZoneInfo(zone)).hour < 22
    )
    later = (timezone.localtime() + timedelta(hours=1)).time()
    assert later > timezone.localtime().time()
    meeting = MeetingFactory(project=project, held_on=today(), starts_at=later)

    assert meeting.is_planned
    assert not MeetingFactory(project=project, held_on=today()).is_planned


def test_planned_meetings_action_can_be_completed(project):
    meeting = MeetingFactory(project=project, held_on=today() + timedelta(days=5))
    item = ActionItemFactory(meeting=meeting, due_date=today() + timedelta(days=4))

    services.action_item_complete(item=item)

    item.refresh_from_db()
    assert item.completed_on == today()


def test_held_meetings_action_is_not_done_before_the_meeting(project):
    meeting = MeetingFactory(project=project, held_on=today() - timedelta(days=1))
    item = ActionItemFactory(meeting=meeting, due_date=today())

    with pytest.raises(services.ValidationError):
        services.action_item_complete(item=item, on=today() - timedelta(days=3))
    item.refresh_from_db()
    assert item.completed_on is None


def test_calendar_file_is_served_to_readers_only(client, project, manager, outsider):
    meeting = MeetingFactory(
        project=project,
        held_on=today() + timedelta(days=3),
        starts_at=time(14, 0),
        duration_minutes=90,
        place="Room 1; east wing",
    )
    url = reverse("reviews:meeting_calendar", args=[meeting.pk])
    client.force_login(manager)

    response = client.get(url)

    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body
    assert "DTSTART:" in body
    assert "DTEND:" in body
    assert "LOCATION:Room 1\\; east wing" in body
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_ics_event_folds_long_lines_and_escapes_text():
    text = ics.event(
        uid="x@milepost",
        summary="Review, phase 1; " + "长" * 60,
        start=today(),
    )

    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Review\\, phase 1\\; " in unfolded
    assert "DTSTART;VALUE=DATE:" in unfolded


def test_customer_reads_and_rates_a_review_meeting_they_attended(
    client, project, customer
):
    meeting = MeetingFactory(
        project=project,
        kind="review",
        held_on=today() - timedelta(days=1),
        minutes="## Outcome\n\nThe customer **accepted** phase 1.",
    )
    meeting.attendees.add(customer)
    client.force_login(customer)

    page = client.get(reverse("reviews:meeting_detail", args=[meeting.pk]))
    listed = client.get(reverse("reviews:meeting_list", args=[project.pk]))
    printable = client.get(reverse("reviews:meeting_minutes", args=[meeting.pk]))
    rated = client.post(
        reverse("reviews:meeting_rate", args=[meeting.pk]), {"rating": 4}
    )

    assert page.status_code == 200
    assert "<strong>accepted</strong>" in page.content.decode()
    assert meeting.title in listed.content.decode()
    assert printable.status_code == 200
    # No sections the customer may not open (the crawler found them).
    assert reverse("reviews:action_item_list", args=[project.pk]) not in (
        listed.content.decode()
    )
    assert reverse("reviews:survey_overview", args=[project.pk]) not in (
        listed.content.decode()
    )
    assert rated.status_code == 302
    assert MeetingFeedback.objects.get(meeting=meeting, attendee=customer).rating == 4
    overview = client.get(reverse("portfolio:project_detail", args=[project.pk]))
    assert (
        reverse("reviews:meeting_list", args=[project.pk]) in overview.content.decode()
    )


@pytest.mark.parametrize("attended_kind", [None, "status", "retrospective"])
def test_customer_sees_no_other_meeting(client, project, customer, attended_kind):
    meeting = MeetingFactory(
        project=project, kind=attended_kind or "review", held_on=today()
    )
    if attended_kind:
        meeting.attendees.add(customer)
    client.force_login(customer)

    detail = client.get(reverse("reviews:meeting_detail", args=[meeting.pk]))
    listed = client.get(reverse("reviews:meeting_list", args=[project.pk]))
    rated = client.post(
        reverse("reviews:meeting_rate", args=[meeting.pk]), {"rating": 5}
    )
    overview = client.get(reverse("portfolio:project_detail", args=[project.pk]))

    assert detail.status_code == 404
    assert listed.status_code == 404
    assert rated.status_code == 404
    assert not MeetingFeedback.objects.exists()
    assert reverse("reviews:meeting_list", args=[project.pk]) not in (
        overview.content.decode()
    )


def test_customer_cannot_edit_or_add_actions_to_an_attended_meeting(
    client, project, customer
):
    meeting = MeetingFactory(project=project, kind="review", held_on=today())
    meeting.attendees.add(customer)
    client.force_login(customer)

    edit = client.get(reverse("reviews:meeting_edit", args=[meeting.pk]))
    action = client.post(
        reverse("reviews:action_item_create", args=[meeting.pk]),
        {"kind": "follow_up", "description": "x", "due_date": today().isoformat()},
    )

    assert edit.status_code == 403
    assert action.status_code in (403, 404)  # action items are not theirs to see
    assert not meeting.action_items.exists()
