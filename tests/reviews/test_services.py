"""Rules of the reviews services: survey links, ratings, reminders, meetings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.versioning import StaleEdit
from projects.models import Document
from reviews import services
from reviews.models import (
    ActionItem,
    CustomerSatisfaction,
    Meeting,
    MeetingFeedback,
    SurveyInvitation,
    TeamCommunication,
)
from reviews.tasks import send_action_item_reminders_task
from tests.factories import (
    ActionItemFactory,
    MeetingFactory,
    SurveyInvitationFactory,
    TeamCommunicationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


# ---------------------------------------------------------------- survey links


def test_valid_link_records_one_answer_with_source_link(project):
    invitation, path = services.survey_invite(
        project=project, email="c@example.com", by=project.manager
    )
    token = path.rstrip("/").rsplit("/", 1)[1]

    response = services.survey_answer(token=token, score=88, comment="Great")

    assert response.source == CustomerSatisfaction.Source.LINK
    assert (response.project, response.score, response.comment) == (
        project,
        88,
        "Great",
    )
    assert response.responded_on == today()
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    assert invitation.response == response


def test_used_link_is_refused_and_records_nothing_more(project):
    invitation = SurveyInvitationFactory(project=project)
    token = services.survey_token(invitation)
    services.survey_answer(token=token, score=70)

    with pytest.raises(services.SurveyRefused) as refused:
        services.survey_answer(token=token, score=10)

    assert refused.value.reason == services.SurveyRefused.USED
    assert list(CustomerSatisfaction.objects.values_list("score", flat=True)) == [70]


def test_expired_link_is_refused(project):
    invitation = SurveyInvitationFactory(
        project=project, expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(services.SurveyRefused) as refused:
        services.survey_answer(token=services.survey_token(invitation), score=90)

    assert refused.value.reason == services.SurveyRefused.EXPIRED
    assert not CustomerSatisfaction.objects.exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
        lambda t: "9999" + t[t.index(":") :],  # another invitation id, same sig
        lambda t: "garbage",
        lambda t: signing.TimestampSigner(salt="other").sign(t.split(":")[0]),
    ],
)
def test_tampered_link_is_refused(project, mangle):
    invitation = SurveyInvitationFactory(project=project)
    token = mangle(services.survey_token(invitation))

    with pytest.raises(services.SurveyRefused) as refused:
        services.survey_answer(token=token, score=90)

    assert refused.value.reason == services.SurveyRefused.TAMPERED
    assert not CustomerSatisfaction.objects.exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_signed_link_to_a_deleted_invitation_is_refused(project):
    invitation = SurveyInvitationFactory(project=project)
    token = services.survey_token(invitation)
    invitation.delete()

    with pytest.raises(services.SurveyRefused) as refused:
        services.survey_invitation_for(token)

    assert refused.value.reason == services.SurveyRefused.TAMPERED


@pytest.mark.parametrize("score", [-1, 101, "80"])
def test_survey_answer_out_of_range_saves_nothing_and_keeps_the_link(project, score):
    invitation = SurveyInvitationFactory(project=project)

    with pytest.raises(ValidationError) as error:
        services.survey_answer(token=services.survey_token(invitation), score=score)

    assert "score" in error.value.message_dict
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert not CustomerSatisfaction.objects.exists()


def test_invite_mail_carries_the_link(project):
    invitation, path = services.survey_invite(
        project=project, email="c@example.com", by=project.manager, days=3
    )
    services.survey_send_mail(
        invitation=invitation, url=f"http://testserver{path}", sender=project.manager
    )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["c@example.com"]
    assert path in mail.outbox[0].body
    assert invitation.expires_at - timezone.now() > timedelta(days=2, hours=23)


def test_logged_score_is_marked_logged(project):
    response = services.customer_satisfaction_log(
        project=project, by=project.manager, score=75, respondent="By phone"
    )

    assert response.source == CustomerSatisfaction.Source.LOGGED
    assert response.logged_by == project.manager


def test_logged_score_in_the_future_is_refused(project):
    with pytest.raises(ValidationError):
        services.customer_satisfaction_log(
            project=project,
            by=project.manager,
            score=75,
            responded_on=today() + timedelta(days=1),
        )
    assert not CustomerSatisfaction.objects.exists()


# ------------------------------------------------------------ meeting feedback


def test_attendee_rates_once_and_a_second_rating_replaces_the_first(make_member):
    member = make_member("member")
    meeting = MeetingFactory(project=member.memberships.get().project)
    meeting.attendees.add(member)

    first, created = services.feedback_give(meeting=meeting, by=member, rating=2)
    second, created_again = services.feedback_give(
        meeting=meeting, by=member, rating=5, comment="Better"
    )

    assert created
    assert not created_again
    assert first.pk == second.pk
    assert list(MeetingFeedback.objects.values_list("rating", "comment")) == [
        (5, "Better")
    ]


def test_rating_before_the_meeting_is_held_is_refused(make_member):
    member = make_member("member")
    meeting = MeetingFactory(
        project=member.memberships.get().project,
        held_on=today() + timedelta(days=1),
    )
    meeting.attendees.add(member)

    with pytest.raises(ValidationError) as error:
        services.feedback_give(meeting=meeting, by=member, rating=4)

    assert "held" in error.value.message_dict["rating"][0]
    assert not MeetingFeedback.objects.exists()


def test_team_member_who_did_not_attend_cannot_rate(make_member):
    member = make_member("member")
    meeting = MeetingFactory(project=member.memberships.get().project)

    with pytest.raises(ValidationError):
        services.feedback_give(meeting=meeting, by=member, rating=4)

    assert not MeetingFeedback.objects.exists()


@pytest.mark.parametrize("rating", [0, 6])
def test_rating_out_of_range_is_refused(make_member, rating):
    member = make_member("member")
    meeting = MeetingFactory(project=member.memberships.get().project)
    meeting.attendees.add(member)

    with pytest.raises(ValidationError):
        services.feedback_give(meeting=meeting, by=member, rating=rating)

    assert not MeetingFeedback.objects.exists()


# ---------------------------------------------------------- team communication


def test_member_rates_the_manager_once_a_month(project, make_member):
    member = make_member("member")

    services.team_communication_rate(project=project, by=member, rating=4)
    with pytest.raises(ValidationError) as error:
        services.team_communication_rate(project=project, by=member, rating=1)

    assert "already rated" in error.value.message_dict["rating"][0]
    assert list(TeamCommunication.objects.values_list("rating", flat=True)) == [4]
    assert TeamCommunication.objects.get().period == today().replace(day=1)


def test_a_rating_last_month_does_not_block_this_month(project, make_member):
    member = make_member("member")
    last_month = today().replace(day=1) - timedelta(days=1)
    TeamCommunicationFactory(project=project, rater=member, responded_on=last_month)

    services.team_communication_rate(project=project, by=member, rating=3)

    assert TeamCommunication.objects.filter(rater=member).count() == 2


@pytest.mark.parametrize("who", ["manager", "customer", "outsider"])
def test_only_team_members_rate_the_manager(project, make_member, outsider, who):
    user = {
        "manager": project.manager,
        "customer": make_member("customer_rep"),
        "outsider": outsider,
    }[who]

    with pytest.raises(ValidationError):
        services.team_communication_rate(project=project, by=user, rating=5)

    assert not TeamCommunication.objects.exists()


# ------------------------------------------------------------------- reminders


def _item(**kwargs):
    owner = kwargs.pop("owner", None) or UserFactory()
    return ActionItemFactory(owner=owner, **kwargs)


def test_reminders_go_to_items_due_tomorrow_or_overdue_once_a_day():
    due_tomorrow = _item(due_date=today() + timedelta(days=1))
    overdue = _item(due_date=today() - timedelta(days=3))
    later = _item(due_date=today() + timedelta(days=2))
    done = _item(due_date=today() - timedelta(days=1), completed_on=today())
    no_owner = ActionItemFactory(owner=None, due_date=today())

    # apply() runs the task here whatever the broker settings.
    sent = send_action_item_reminders_task.apply().get()
    sent_again = send_action_item_reminders_task.apply().get()

    assert (sent, sent_again) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [due_tomorrow.owner.email, overdue.owner.email]
    )
    assert "Overdue" in next(
        m.subject for m in mail.outbox if m.to == [overdue.owner.email]
    )
    reminded = dict(ActionItem.objects.values_list("pk", "last_reminded_on"))
    assert reminded[due_tomorrow.pk] == reminded[overdue.pk] == today()
    assert reminded[later.pk] is reminded[done.pk] is reminded[no_owner.pk] is None


def test_reminded_yesterday_is_reminded_again_today():
    item = _item(due_date=today() - timedelta(days=1))
    ActionItem.objects.filter(pk=item.pk).update(
        last_reminded_on=today() - timedelta(days=1)
    )

    assert services.action_item_reminders_send() == 1
    assert services.action_item_reminders_send() == 0
    assert len(mail.outbox) == 1


def test_a_claimed_item_is_not_claimed_twice():
    """Two workers that read the same candidate: only one UPDATE wins."""
    item = _item(due_date=today())
    seen_by_both = list(services.reminder_candidates(today()))

    first = services.action_item_claim_reminder(seen_by_both[0], today())
    second = services.action_item_claim_reminder(seen_by_both[0], today())

    assert (first, second) == (True, False)
    item.refresh_from_db()
    assert item.last_reminded_on == today()


def test_reminder_does_not_bump_the_version():
    item = _item(due_date=today())

    services.action_item_reminders_send()

    item.refresh_from_db()
    assert item.version == 1


def test_reminder_schedule_is_in_celery_beat():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(
        task="reviews.tasks.send_action_item_reminders_task"
    )
    assert task.enabled
    assert task.crontab is not None


# ------------------------------------------------------------------- meetings


def test_meeting_create_with_agenda_decisions_and_a_minutes_document(
    project, make_member
):
    member = make_member("member")

    meeting = services.meeting_create(
        project=project,
        by=project.manager,
        data={"kind": "review", "title": "Review", "held_on": today(), "minutes": "x"},
        attendees=[member, project.manager],
        agenda=[services.AgendaLine("One"), services.AgendaLine("Two")],
        decisions=["Go"],
        create_document=True,
    )

    assert list(meeting.agenda_items.values_list("order", "title")) == [
        (1, "One"),
        (2, "Two"),
    ]
    assert list(meeting.decisions.values_list("description", flat=True)) == ["Go"]
    assert set(meeting.attendees.all()) == {member, project.manager}
    document = Document.objects.get(project=project)
    assert document.kind == Document.Kind.MINUTES
    assert document.submitted_on == today()


def test_meeting_with_a_stranger_as_attendee_saves_nothing(project, outsider):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            project=project,
            by=project.manager,
            data={"title": "Review", "held_on": today()},
            attendees=[outsider],
            create_document=True,
        )

    assert "attendees" in error.value.message_dict
    assert not Meeting.objects.exists()
    assert not Document.objects.exists()


def test_meeting_update_from_a_stale_page_changes_nothing(project):
    meeting = MeetingFactory(project=project, title="Old")
    services.meeting_update(
        meeting=Meeting.objects.get(pk=meeting.pk),
        expected_version=1,
        data={"title": "First"},
    )

    with pytest.raises(StaleEdit):
        services.meeting_update(
            meeting=Meeting.objects.get(pk=meeting.pk),
            expected_version=1,
            data={"title": "Second"},
            decisions=["Should not appear"],
        )

    meeting.refresh_from_db()
    assert meeting.title == "First"
    assert not meeting.decisions.exists()


def test_agenda_replace_keeps_notes_of_unchanged_titles(project):
    meeting = MeetingFactory(project=project)
    services.meeting_update(
        meeting=meeting,
        expected_version=None,
        data={},
        agenda=[services.AgendaLine("Budget", "Over by 5%")],
    )

    services.meeting_update(
        meeting=meeting,
        expected_version=None,
        data={},
        agenda=[services.AgendaLine("Intro"), services.AgendaLine("Budget")],
    )

    assert list(meeting.agenda_items.values_list("title", "notes")) == [
        ("Intro", ""),
        ("Budget", "Over by 5%"),
    ]


def test_completing_twice_is_harmless_and_before_the_meeting_is_refused(project):
    item = ActionItemFactory(meeting=MeetingFactory(project=project))

    services.action_item_complete(item=item)
    services.action_item_complete(item=item)
    item.refresh_from_db()
    assert item.completed_on == today()
    assert item.version == 2

    early = ActionItemFactory(meeting=MeetingFactory(project=project))
    with pytest.raises(ValidationError):
        services.action_item_complete(item=early, on=today() - timedelta(days=1))
    early.refresh_from_db()
    assert early.completed_on is None


def test_survey_invitation_usable_queryset(project):
    fresh = SurveyInvitationFactory(project=project)
    SurveyInvitationFactory(
        project=project, expires_at=timezone.now() - timedelta(seconds=1)
    )
    SurveyInvitationFactory(project=project, used_at=timezone.now())

    assert list(SurveyInvitation.objects.usable()) == [fresh]
