"""Writes for meetings, action items, feedback and surveys (one path per action)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core import ics
from core.dates import check_bounds
from core.mail import send_logged_mail
from core.versioning import claim_version
from projects.models import Document, Membership, Project
from reviews.models import (
    ActionItem,
    AgendaItem,
    CustomerSatisfaction,
    Decision,
    Meeting,
    MeetingFeedback,
    SurveyInvitation,
    TeamCommunication,
)

if TYPE_CHECKING:
    from accounts.models import User

SURVEY_SALT = "reviews.survey-invitation"
SURVEY_LINK_DAYS = getattr(settings, "MILEPOST_SURVEY_LINK_DAYS", 14)


# ------------------------------------------------------------------ meetings


def project_people_ids(project: Project) -> set[int]:
    """Return the ids of the project's members and its manager."""
    ids = set(
        Membership.objects.filter(project=project).values_list("user_id", flat=True)
    )
    ids.add(project.manager_id)
    return ids


def _check_attendees(project: Project, attendees: Iterable[User]) -> list[User]:
    people = list(attendees)
    allowed = project_people_ids(project)
    strangers = [u for u in people if u.pk not in allowed]
    if strangers:
        raise ValidationError(
            {
                "attendees": _("%(names)s is not on this project.")
                % {"names": ", ".join(str(u) for u in strangers)}
            }
        )
    return people


@dataclass
class AgendaLine:
    title: str
    notes: str = ""


def parse_lines(text: str) -> list[str]:
    """Return the non-empty lines of text, stripped (one entry per line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _replace_agenda(meeting: Meeting, agenda: Sequence[AgendaLine]) -> None:
    """Edit the agenda in place, line by line: a changed line is an update of
    the row at its position, an extra line a new row, a dropped line a
    deletion, each one in history (never delete-and-recreate)."""
    existing = list(meeting.agenda_items.order_by("order", "pk"))
    old_notes = {a.title: a.notes for a in existing}  # notes follow their title
    for index, line in enumerate(agenda, start=1):
        title = line.title[:200]
        notes = line.notes or old_notes.get(line.title, "")
        if index <= len(existing):
            item = existing[index - 1]
            if (item.order, item.title, item.notes) != (index, title, notes):
                item.order, item.title, item.notes = index, title, notes
                item.save(update_fields=["order", "title", "notes"])
        else:
            AgendaItem.objects.create(
                meeting=meeting, order=index, title=title, notes=notes
            )
    for item in existing[len(agenda) :]:
        item.delete()


def _replace_decisions(meeting: Meeting, decisions: Sequence[str]) -> None:
    """Edit the decisions in place (see _replace_agenda): a reworded decision
    keeps its row and its history."""
    existing = list(meeting.decisions.order_by("pk"))
    for index, text in enumerate(decisions):
        if index < len(existing):
            decision = existing[index]
            if decision.description != text:
                decision.description = text
                decision.save(update_fields=["description"])
        else:
            Decision.objects.create(meeting=meeting, description=text)
    for decision in existing[len(decisions) :]:
        decision.delete()


def _minutes_document(meeting: Meeting) -> Document:
    return Document.objects.create(
        project=meeting.project,
        kind=Document.Kind.MINUTES,
        title=_("Minutes: %(title)s (%(date)s)")
        % {"title": meeting.title, "date": meeting.held_on.isoformat()},
        due_date=meeting.held_on,
        submitted_on=timezone.localdate(),
        meeting=meeting.pk,
    )


def _retrospective_report(meeting: Meeting) -> Document | None:
    """A retrospective's report document, due RETRO_REPORT_DAYS after it was
    held; created unless one is already linked to the meeting."""
    if meeting.kind != Meeting.Kind.RETROSPECTIVE:
        return None
    linked = Document.objects.filter(
        meeting=meeting.pk, kind=Document.Kind.RETROSPECTIVE_REPORT
    )
    if linked.exists():
        return None
    return Document.objects.create(
        project=meeting.project,
        kind=Document.Kind.RETROSPECTIVE_REPORT,
        title=_("Retrospective report: %(title)s") % {"title": meeting.title},
        due_date=meeting.held_on + timedelta(days=settings.RETRO_REPORT_DAYS),
        meeting=meeting.pk,
    )


MEETING_FIELDS = (
    "kind",
    "title",
    "held_on",
    "starts_at",
    "duration_minutes",
    "place",
    "guests",
    "minutes",
)


@transaction.atomic
def meeting_create(
    *,
    project: Project,
    by: User | None,
    data: dict[str, Any],
    attendees: Iterable[User] = (),
    agenda: Sequence[AgendaLine] | None = None,
    decisions: Sequence[str] | None = None,
    create_document: bool = False,
) -> Meeting:
    meeting = Meeting(
        project=project,
        created_by=by,
        **{k: data[k] for k in data if k in MEETING_FIELDS},
    )
    meeting.full_clean(exclude=["attendees"])
    check_bounds(meeting)
    people = _check_attendees(project, attendees)
    meeting.save()
    meeting.attendees.set(people)
    if agenda:
        _replace_agenda(meeting, agenda)
    if decisions:
        _replace_decisions(meeting, decisions)
    if create_document:
        _minutes_document(meeting)
    _retrospective_report(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    expected_version: int | None,
    data: dict[str, Any],
    attendees: Iterable[User] | None = None,
    agenda: Sequence[AgendaLine] | None = None,
    decisions: Sequence[str] | None = None,
    create_document: bool = False,
) -> Meeting:
    """Save changed fields; None for a list means "leave it as it is"."""
    for key in MEETING_FIELDS:
        if key in data:
            setattr(meeting, key, data[key])
    meeting.full_clean(exclude=["attendees"])
    check_bounds(meeting)
    people = None if attendees is None else _check_attendees(meeting.project, attendees)
    claim_version(meeting, expected_version)
    meeting.save()
    if people is not None:
        meeting.attendees.set(people)
    if agenda is not None:
        _replace_agenda(meeting, agenda)
    if decisions is not None:
        _replace_decisions(meeting, decisions)
    if create_document:
        _minutes_document(meeting)
    _retrospective_report(meeting)
    return meeting


def meeting_calendar(meeting: Meeting, *, url: str = "") -> str:
    """The meeting as an iCalendar event (timed when it has a start time)."""
    start: datetime | date = meeting.held_on
    end: datetime | date | None = None
    if meeting.starts_at is not None:
        zone = timezone.get_current_timezone()
        start = datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=zone)
        end = start + timedelta(minutes=meeting.duration_minutes or 60)
    agenda = "\n".join(
        f"{item.order}. {item.title}" for item in meeting.agenda_items.all()
    )
    organizer = meeting.project.manager.email if meeting.project.manager else ""
    return ics.event(
        uid=f"meeting-{meeting.pk}@milepost",
        summary=f"{meeting.project.code} · {meeting.title}",
        start=start,
        end=end,
        location=meeting.place,
        description="\n\n".join(part for part in (agenda, url) if part),
        url=url,
        organizer=organizer,
        attendees=[u.email for u in meeting.attendees.all() if u.email],
        sequence=meeting.version,
    )


def meeting_invite(*, meeting: Meeting, url: str = "") -> int:
    """E-mail each attendee with an address the invitation, in their own
    language, with the .ics attached; return how many were sent."""
    if not meeting.is_planned:
        raise ValidationError(
            _("Invitations go out before a meeting, not after it is held.")
        )
    calendar = meeting_calendar(meeting, url=url)
    sent = 0
    for person in meeting.attendees.exclude(email=""):
        with translation.override(person.language or settings.LANGUAGE_CODE):
            when = formats.date_format(meeting.held_on)
            if meeting.starts_at is not None:
                when += " " + formats.time_format(meeting.starts_at)
            subject = _("Invitation: %(title)s, %(when)s") % {
                "title": meeting.title,
                "when": when,
            }
            body = _(
                "Hello,\n\nyou are invited to “%(title)s” (%(project)s).\n\n"
                "When: %(when)s\nWhere: %(place)s\n\n%(url)s\n\n"
                "The attached file adds the meeting to your calendar.\n"
            ) % {
                "title": meeting.title,
                "project": meeting.project.name,
                "when": when,
                "place": meeting.place or _("to be announced"),
                "url": url,
            }
            sent += send_logged_mail(
                subject,
                body,
                [person.email],
                kind="meeting invitation",
                attachments=[("invite.ics", calendar, "text/calendar")],
            )
    Meeting.objects.filter(pk=meeting.pk).update(invited_at=timezone.now())
    return sent


# -------------------------------------------------------------- action items


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: User) -> None:
    """Delete a meeting with its agenda, decisions, actions and ratings."""
    Document.objects.filter(meeting=meeting.pk).update(meeting=None)
    meeting._history_user = by  # type: ignore[attr-defined]
    meeting.delete()


def _check_owner(project: Project, owner: User | None) -> None:
    if owner is not None and owner.pk not in project_people_ids(project):
        raise ValidationError({"owner": _("The owner must be on this project.")})


@transaction.atomic
def action_item_create(*, meeting: Meeting, data: dict[str, Any]) -> ActionItem:
    item = ActionItem(meeting=meeting, **data)
    item.full_clean()
    check_bounds(item)
    _check_owner(meeting.project, item.owner)
    item.save()
    return item


@transaction.atomic
def action_item_update(
    *, item: ActionItem, expected_version: int | None, data: dict[str, Any]
) -> ActionItem:
    for key, value in data.items():
        setattr(item, key, value)
    item.full_clean()
    check_bounds(item)
    _check_owner(item.project, item.owner)
    claim_version(item, expected_version)
    item.save()
    return item


@transaction.atomic
def action_item_delete(*, item: ActionItem, by: User) -> None:
    item._history_user = by  # type: ignore[attr-defined]
    item.delete()


@transaction.atomic
def action_item_complete(
    *, item: ActionItem, on: date | None = None, expected_version: int | None = None
) -> ActionItem:
    if item.completed_on is not None:
        return item  # double clicks and retries are harmless
    day = on or timezone.localdate()
    # A planned meeting's actions (preparation) are done before it.
    if day < item.meeting.held_on and not item.meeting.is_planned:
        raise ValidationError(
            {"completed_on": _("An action cannot be done before its meeting.")}
        )
    if day > timezone.localdate():
        raise ValidationError({"completed_on": _("This date is in the future.")})
    claim_version(item, expected_version)
    item.completed_on = day
    item.save(update_fields=["completed_on", "version"])
    return item


@transaction.atomic
def action_item_reopen(*, item: ActionItem) -> ActionItem:
    if item.completed_on is None:
        return item
    claim_version(item, None)
    item.completed_on = None
    item.save(update_fields=["completed_on", "version"])
    return item


# ----------------------------------------------------------------- feedback


def feedback_may_rate(meeting: Meeting, user: User) -> str | None:
    """Return why user may not rate meeting now, or None if they may."""
    if meeting.is_planned:
        return _("You can rate a meeting once it has been held.")
    if not meeting.attendees.filter(pk=user.pk).exists():
        return _("Only the meeting's attendees can rate it.")
    return None


@transaction.atomic
def feedback_give(
    *, meeting: Meeting, by: User, rating: int, comment: str = ""
) -> tuple[MeetingFeedback, bool]:
    """Record by's rating of meeting; a second rating replaces the first.

    Returns (feedback, created).
    """
    reason = feedback_may_rate(meeting, by)
    if reason:
        raise ValidationError({"rating": reason})
    if not (isinstance(rating, int) and 1 <= rating <= 5):
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    feedback, created = MeetingFeedback.objects.update_or_create(
        meeting=meeting,
        attendee=by,
        defaults={"rating": rating, "comment": comment, "created_at": timezone.now()},
    )
    return feedback, created


@transaction.atomic
def feedback_update(
    *, feedback: MeetingFeedback, rating: int, comment: str
) -> MeetingFeedback:
    """Correct a rating in place (its attendee or an admin)."""
    if feedback.meeting.is_planned:
        raise ValidationError(
            {"rating": _("You can rate a meeting once it has been held.")}
        )
    if not (isinstance(rating, int) and 1 <= rating <= 5):
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    feedback.rating, feedback.comment = rating, comment
    feedback.save(update_fields=["rating", "comment"])
    return feedback


@transaction.atomic
def feedback_delete(*, feedback: MeetingFeedback, by: User) -> None:
    """An attendee withdraws their own rating."""
    feedback.delete()


# ------------------------------------------------- customer satisfaction


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SURVEY_SALT)


def survey_token(invitation: SurveyInvitation) -> str:
    return _signer().sign(str(invitation.pk))


class SurveyRefused(Exception):
    """A survey link that cannot be answered; `reason` says why."""

    TAMPERED, EXPIRED, USED = "tampered", "expired", "used"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def survey_invitation_for(token: str) -> SurveyInvitation:
    """Return the usable invitation a token names, else raise SurveyRefused."""
    try:
        pk = int(_signer().unsign(token))
    except (signing.BadSignature, ValueError):
        raise SurveyRefused(SurveyRefused.TAMPERED) from None
    invitation = (
        SurveyInvitation.objects.select_related("project").filter(pk=pk).first()
    )
    if invitation is None:
        raise SurveyRefused(SurveyRefused.TAMPERED)
    if invitation.used_at is not None:
        raise SurveyRefused(SurveyRefused.USED)
    if invitation.expires_at <= timezone.now():
        raise SurveyRefused(SurveyRefused.EXPIRED)
    return invitation


@transaction.atomic
def survey_invite(
    *,
    project: Project,
    email: str,
    by: User,
    days: int | None = None,
    language: str | None = None,
) -> tuple[SurveyInvitation, str]:
    """Create an invitation (its e-mail and page in `language`, default the
    site's); return (invitation, path)."""
    from django.urls import reverse

    invitation = SurveyInvitation(
        project=project,
        email=email,
        created_by=by,
        expires_at=timezone.now() + timedelta(days=days or SURVEY_LINK_DAYS),
        language=language or settings.LANGUAGE_CODE,
    )
    invitation.full_clean()
    invitation.save()
    path = reverse("reviews:survey_answer", args=[survey_token(invitation)])
    return invitation, path


def survey_send_mail(
    *, invitation: SurveyInvitation, url: str, sender: User | None
) -> None:
    """E-mail the link in the invitation's language."""
    with translation.override(invitation.language):
        _survey_mail(invitation, url, sender)


def _survey_mail(invitation: SurveyInvitation, url: str, sender: User | None) -> None:
    subject = _("How satisfied are you with %(project)s?") % {
        "project": invitation.project.name
    }
    body = _(
        "Hello,\n\n%(sender)s asks how satisfied you are with the project "
        "“%(project)s”. It takes one minute:\n\n%(url)s\n\n"
        "The link works once and until %(expires)s.\n"
    ) % {
        "sender": sender.get_full_name() if sender else _("Your project manager"),
        "project": invitation.project.name,
        "url": url,
        "expires": formats.date_format(timezone.localtime(invitation.expires_at)),
    }
    send_logged_mail(subject, body, [invitation.email], kind="survey invitation")


@transaction.atomic
def survey_answer(
    *, token: str, score: int, comment: str = "", respondent: str = ""
) -> CustomerSatisfaction:
    """Record a customer's answer through a link; the link is then used up."""
    invitation = survey_invitation_for(token)
    _check_score(score)
    now = timezone.now()
    # The conditional UPDATE claims the link: of two concurrent answers one wins.
    claimed = SurveyInvitation.objects.filter(
        pk=invitation.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        raise SurveyRefused(SurveyRefused.USED)
    response = CustomerSatisfaction.objects.create(
        project=invitation.project,
        score=score,
        comment=comment,
        respondent=respondent or invitation.email,
        source=CustomerSatisfaction.Source.LINK,
        responded_on=timezone.localdate(),
    )
    SurveyInvitation.objects.filter(pk=invitation.pk).update(response=response)
    # The claim above is an UPDATE (no history row): record the used link.
    invitation.refresh_from_db()
    invitation.save(update_fields=[])
    return response


def _check_score(score: Any) -> None:
    if not isinstance(score, int) or not 0 <= score <= 100:
        raise ValidationError({"score": _("Give a score from 0 to 100.")})


@transaction.atomic
def customer_satisfaction_log(
    *,
    project: Project,
    by: User,
    score: int,
    responded_on: date | None = None,
    comment: str = "",
    respondent: str = "",
) -> CustomerSatisfaction:
    """Record a score the PM heard by phone or in person (source logged)."""
    _check_score(score)
    day = responded_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"responded_on": _("This date is in the future.")})
    response = CustomerSatisfaction(
        project=project,
        score=score,
        responded_on=day,
        comment=comment,
        respondent=respondent,
        source=CustomerSatisfaction.Source.LOGGED,
        logged_by=by,
    )
    response.full_clean()
    response.save()
    return response


# ---------------------------------------------------------- team communication


def team_may_rate(project: Project, user: User) -> str | None:
    """Return why user may not rate the project's manager now, or None."""
    if project.manager_id == user.pk:
        return _("You cannot rate your own communication.")
    team = Membership.objects.filter(project=project, user=user).exclude(
        role__in=[Membership.Role.CUSTOMER_REP, Membership.Role.MANAGER]
    )
    if not team.exists():
        return _("Only the project's team members rate its manager's communication.")
    return None


@transaction.atomic
def team_communication_rate(
    *, project: Project, by: User, rating: int, on: date | None = None
) -> TeamCommunication:
    reason = team_may_rate(project, by)
    if reason:
        raise ValidationError({"rating": reason})
    if not (isinstance(rating, int) and 1 <= rating <= 5):
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"responded_on": _("This date is in the future.")})
    period = day.replace(day=1)
    message = _(
        "You have already rated this project's communication in %(month)s. "
        "You can rate it again next month."
    ) % {"month": formats.date_format(period, "YEAR_MONTH_FORMAT")}
    if TeamCommunication.objects.filter(
        project=project, rater=by, period=period
    ).exists():
        raise ValidationError({"rating": message})
    try:
        # A savepoint so that a concurrent duplicate leaves the transaction usable.
        with transaction.atomic():
            return TeamCommunication.objects.create(
                project=project, rater=by, rating=rating, responded_on=day
            )
    except IntegrityError:
        raise ValidationError({"rating": message}) from None


@transaction.atomic
def team_communication_update(
    *, rating_row: TeamCommunication, rating: int, on: date | None = None
) -> TeamCommunication:
    """Correct a rating in place; moving it into a month already rated is refused."""
    if not (isinstance(rating, int) and 1 <= rating <= 5):
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    day = on or rating_row.responded_on
    if day > timezone.localdate():
        raise ValidationError({"responded_on": _("This date is in the future.")})
    period = day.replace(day=1)
    taken = (
        TeamCommunication.objects.filter(
            project_id=rating_row.project_id,
            rater_id=rating_row.rater_id,
            period=period,
        )
        .exclude(pk=rating_row.pk)
        .exists()
    )
    if taken:
        raise ValidationError(
            {"responded_on": _("This person has already rated that month.")}
        )
    rating_row.rating, rating_row.responded_on = rating, day
    rating_row.save()
    return rating_row


# ------------------------------------------------------------------ reminders


def reminder_candidates(today: date) -> Any:
    """Return open items due tomorrow or earlier not yet reminded today."""
    return (
        ActionItem.objects.filter(
            completed_on__isnull=True,
            due_date__lte=today + timedelta(days=1),
            owner__isnull=False,
            owner__is_active=True,
        )
        .exclude(owner__email="")
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
        .select_related("owner", "meeting", "meeting__project")
        .order_by("pk")
    )


def action_item_claim_reminder(item: ActionItem, today: date) -> bool:
    """Atomically mark item reminded today; False if someone else already did."""
    return bool(
        ActionItem.objects.filter(pk=item.pk)
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
        .update(last_reminded_on=today)
    )


def action_item_reminders_send(*, today: date | None = None) -> int:
    """E-mail each owner of an item due tomorrow or overdue, once per item a day.

    The conditional UPDATE is the claim: when two workers run at once, only
    the one whose UPDATE changed the row sends that item's e-mail.
    Returns the number of e-mails sent.
    """
    day = today or timezone.localdate()
    sent = 0
    for item in reminder_candidates(day).iterator(chunk_size=500):
        if not action_item_claim_reminder(item, day):
            continue
        language = item.owner.language or settings.LANGUAGE_CODE  # type: ignore[union-attr]
        with translation.override(language):
            overdue = item.due_date < day
            subject = (
                _("Overdue action: %(text)s") if overdue else _("Action due: %(text)s")
            ) % {"text": item.description[:60]}
            body = _(
                "Hello %(name)s,\n\nyour action item from “%(meeting)s” "
                "(%(project)s) is due on %(due)s%(late)s:\n\n%(text)s\n\n"
                "Mark it done in Milepost under My work.\n"
            ) % {
                "name": item.owner.get_full_name() or item.owner.username,  # type: ignore[union-attr]
                "meeting": item.meeting.title,
                "project": item.meeting.project.code,
                "due": formats.date_format(item.due_date),
                "late": _(" (overdue)") if overdue else "",
                "text": item.description,
            }
            send_logged_mail(
                subject,
                body,
                [item.owner.email],  # type: ignore[union-attr]
                kind="action item reminder",
            )
        sent += 1
    return sent
