"""Pages of the reviews app: fetch → check → service → render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from projects.models import Project
from projects.records import PAGE_SIZE, get_project
from reviews import selectors, services
from reviews.filters import ActionItemFilter, AllMeetingFilter, MeetingFilter
from reviews.forms import (
    ActionItemForm,
    FeedbackForm,
    MeetingForm,
    SurveyAnswerForm,
    SurveyInviteForm,
    SurveyLogForm,
    TeamRatingForm,
    people_queryset,
)
from reviews.models import (
    ActionItem,
    CustomerSatisfaction,
    Meeting,
    MeetingFeedback,
    SurveyInvitation,
    TeamCommunication,
)


def _page(request: HttpRequest, rows: Any) -> Any:
    return CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


# ------------------------------------------------------------------ meetings


@login_required
def meeting_list(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    # A customer sees the review meetings they attended, nothing else.
    visible = Meeting.objects.visible_to(request.user).filter(project=project)
    probe = Meeting(project=project)
    team_view = access.can(request.user, access.VIEW, probe)
    if not team_view and not visible.exists():
        raise Http404
    meetings = MeetingFilter(
        request.GET, queryset=selectors.meetings_with_counts(visible)
    )
    template = "reviews/meeting_list.html"
    if request.htmx:
        template += "#meeting-table"
    return render(
        request,
        template,
        {
            "project": project,
            "filter": meetings,
            "page_obj": _page(request, meetings.qs),
            "can_add": access.can(request.user, access.ADD, Meeting(project=project)),
            # A customer's list has no action-item or survey sections.
            "sections": team_view,
        },
    )


@login_required
def meeting_list_all(request: HttpRequest) -> HttpResponse:
    projects = Project.objects.visible_to(request.user)
    meetings = AllMeetingFilter(
        request.GET,
        queryset=selectors.meetings_with_counts(
            Meeting.objects.visible_to(request.user)
        ).order_by("-held_on", "pk"),
        projects=projects,
    )
    template = "reviews/meeting_list.html"
    if request.htmx:
        template += "#meeting-table"
    return render(
        request,
        template,
        {
            "project": None,
            "filter": meetings,
            "page_obj": _page(request, meetings.qs),
        },
    )


def _agenda(text: str) -> list[services.AgendaLine]:
    return [services.AgendaLine(title=line) for line in services.parse_lines(text)]


@login_required
def meeting_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.VIEW, Meeting(project=project))
    access.require(request.user, access.ADD, Meeting(project=project))
    form = MeetingForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                project=project,
                by=request.user,
                data=data,
                attendees=data["attendees"],
                agenda=_agenda(data["agenda"]),
                decisions=services.parse_lines(data["decisions"]),
                create_document=data["create_document"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            if data["send_invitation"]:
                _invite(request, meeting)
            return redirect("reviews:meeting_detail", meeting.pk)
    return render(
        request,
        "reviews/meeting_form.html",
        {"project": project, "form": form, "meeting": None},
    )


def _absolute(request: HttpRequest, meeting: Meeting) -> str:
    path = reverse("reviews:meeting_detail", args=[meeting.pk])
    return request.build_absolute_uri(path)


def _invite(request: HttpRequest, meeting: Meeting) -> None:
    """Send the invitation and say how it went."""
    url = request.build_absolute_uri(
        reverse("reviews:meeting_detail", args=[meeting.pk])
    )
    try:
        sent = services.meeting_invite(meeting=meeting, url=url)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    if sent:
        messages.success(
            request,
            ngettext(
                "Invitation sent to %(n)d attendee.",
                "Invitation sent to %(n)d attendees.",
                sent,
            )
            % {"n": sent},
        )
    else:
        messages.warning(request, _("No attendee has an e-mail address: nothing sent."))


@require_POST
@login_required
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    access.require(request.user, access.CHANGE, meeting)
    _invite(request, meeting)
    return redirect("reviews:meeting_detail", meeting.pk)


@login_required
def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting as an .ics file a calendar imports."""
    meeting = _meeting_full(request, pk)
    url = request.build_absolute_uri(
        reverse("reviews:meeting_detail", args=[meeting.pk])
    )
    response = HttpResponse(
        services.meeting_calendar(meeting, url=url),
        content_type="text/calendar; charset=utf-8",
    )
    name = (
        f"{meeting.project.code}-{meeting.held_on.isoformat()}-{slugify(meeting.title)}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related(
            "project", "project__manager", "created_by"
        ),
        pk=pk,
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    access.require(request.user, access.CHANGE, meeting)
    form = MeetingForm(request.POST or None, instance=meeting, project=meeting.project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=Meeting.objects.get(pk=meeting.pk),
                expected_version=data["expected_version"],
                data=data,
                attendees=data["attendees"],
                agenda=_agenda(data["agenda"]),
                decisions=services.parse_lines(data["decisions"]),
                create_document=data["create_document"],
            )
        except (StaleEdit, ValidationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            if data["send_invitation"]:
                _invite(request, Meeting.objects.get(pk=meeting.pk))
            return redirect("reviews:meeting_detail", meeting.pk)
    return render(
        request,
        "reviews/meeting_form.html",
        {"project": meeting.project, "form": form, "meeting": meeting},
    )


def _meeting_full(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user)
        .select_related("project", "project__manager", "created_by")
        .prefetch_related(
            "attendees",
            "agenda_items",
            "decisions",
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner").order_by(
                    "kind", "due_date", "pk"
                ),
            ),
        ),
        pk=pk,
    )


def _action_rows(meeting: Meeting, user: Any) -> list[dict[str, Any]]:
    return [
        {"item": item, "can_change": access.can(user, access.CHANGE, item)}
        for item in meeting.action_items.all()
    ]


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_full(request, pk)
    user = request.user
    feedback = MeetingFeedback.objects.filter(meeting=meeting).aggregate(
        mean=Avg("rating"), count=Count("pk")
    )
    mine = MeetingFeedback.objects.filter(meeting=meeting, attendee=user).first()
    rating_refused = services.feedback_may_rate(meeting, user)
    rows = _action_rows(meeting, user)
    context = {
        "meeting": meeting,
        "project": meeting.project,
        "follow_ups": [r for r in rows if r["item"].kind == ActionItem.Kind.FOLLOW_UP],
        "improvements": [
            r for r in rows if r["item"].kind == ActionItem.Kind.IMPROVEMENT
        ],
        "feedback": feedback,
        "my_feedback": mine,
        "rating_refused": rating_refused,
        "feedback_form": FeedbackForm(
            initial={"rating": mine.rating, "comment": mine.comment} if mine else None
        ),
        "can_edit": access.can(user, access.CHANGE, meeting),
        "can_add_action": access.can(user, access.ADD, ActionItem(meeting=meeting)),
        "action_form": ActionItemForm(
            project=meeting.project,
            initial={
                "kind": ActionItem.Kind.IMPROVEMENT
                if meeting.kind == Meeting.Kind.RETROSPECTIVE
                else ActionItem.Kind.FOLLOW_UP
            },
        ),
        "today": timezone.localdate(),
    }
    if meeting.kind == Meeting.Kind.RETROSPECTIVE:
        context["earlier"] = selectors.earlier_improvements(meeting)
    return render(request, "reviews/meeting_detail.html", context)


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_full(request, pk)
    return render(
        request,
        "reviews/meeting_minutes.html",
        {"meeting": meeting, "project": meeting.project},
    )


@login_required
def meeting_markdown(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_full(request, pk)
    text = render_to_string(
        "reviews/meeting_minutes.md", {"meeting": meeting, "project": meeting.project}
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    name = (
        f"{meeting.project.code}-{meeting.held_on.isoformat()}-{slugify(meeting.title)}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.md"'
    return response


# ----------------------------------------------------------------- feedback


@require_POST
@login_required
def meeting_rate(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    existing = MeetingFeedback.objects.filter(
        meeting=meeting, attendee=request.user
    ).first()
    probe = existing or MeetingFeedback(meeting=meeting, attendee=request.user)
    access.require(request.user, access.CHANGE if existing else access.ADD, probe)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            _feedback, created = services.feedback_give(
                meeting=meeting,
                by=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Thank you for your rating.")
                if created
                else _("Your rating replaced your earlier one."),
            )
    else:
        messages.error(request, _("Choose a rating from 1 to 5."))
    return redirect("reviews:meeting_detail", meeting.pk)


# -------------------------------------------------------------- action items


@require_POST
@login_required
def action_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    access.require(request.user, access.ADD, ActionItem(meeting=meeting))
    form = ActionItemForm(request.POST, project=meeting.project)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "expected_version"}
        try:
            services.action_item_create(meeting=meeting, data=data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Action item added."))
    else:
        messages.error(
            request,
            _("The action item was not saved: %(errors)s")
            % {"errors": "; ".join(e for errs in form.errors.values() for e in errs)},
        )
    return redirect("reviews:meeting_detail", meeting.pk)


def _item(request: HttpRequest, pk: int) -> ActionItem:
    return get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related(
            "meeting", "meeting__project", "owner"
        ),
        pk=pk,
    )


@login_required
def action_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    access.require(request.user, access.CHANGE, item)
    form = ActionItemForm(request.POST or None, instance=item, project=item.project)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "expected_version"}
        try:
            services.action_item_update(
                item=ActionItem.objects.get(pk=item.pk),
                expected_version=form.cleaned_data["expected_version"],
                data=data,
            )
        except (StaleEdit, ValidationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Action item saved."))
            return redirect("reviews:meeting_detail", item.meeting_id)
    return render(
        request,
        "reviews/action_item_form.html",
        {"item": item, "form": form, "project": item.project},
    )


@require_POST
@login_required
def action_item_complete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    access.require(request.user, access.CHANGE, item)
    error = None
    try:
        if request.POST.get("reopen"):
            item = services.action_item_reopen(item=item)
        else:
            item = services.action_item_complete(item=item)
    except (ValidationError, StaleEdit) as exc:
        error = exc.message if isinstance(exc, StaleEdit) else " ".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "reviews/meeting_detail.html#action-row",
            {
                "row": {"item": item, "can_change": True},
                "today": timezone.localdate(),
                "row_error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Action item updated."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("reviews:meeting_detail", args=[item.meeting_id])
    return redirect(target)


@login_required
def action_item_list(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.VIEW, Meeting(project=project))
    items = ActionItemFilter(
        request.GET,
        queryset=ActionItem.objects.filter(meeting__project=project)
        .select_related("meeting", "owner")
        .order_by("completed_on", "due_date", "pk"),
        people=people_queryset(project),
    )
    template = "reviews/action_item_list.html"
    if request.htmx:
        template += "#item-table"
    return render(
        request,
        template,
        {
            "project": project,
            "filter": items,
            "page_obj": _page(request, items.qs),
            "today": timezone.localdate(),
        },
    )


# ------------------------------------------------------------------ surveys


@login_required
def survey_overview(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.VIEW, CustomerSatisfaction(project=project))
    return _survey_page(request, project)


def _survey_page(
    request: HttpRequest,
    project: Project,
    *,
    invite_form: SurveyInviteForm | None = None,
    log_form: SurveyLogForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The survey page; a refused invite or log comes back with its bound form,
    so what was typed stays and each field shows its own error."""
    user = request.user
    responses = CustomerSatisfaction.objects.filter(project=project).select_related(
        "logged_by"
    )
    summary = responses.aggregate(mean=Avg("score"), count=Count("pk"))
    is_manager = access.can(user, access.CHANGE, project)
    rate_refused = services.team_may_rate(project, user)
    this_month = timezone.localdate().replace(day=1)
    rated_this_month = TeamCommunication.objects.filter(
        project=project, rater=user, period=this_month
    ).exists()
    return render(
        request,
        "reviews/survey_overview.html",
        {
            "project": project,
            "page_obj": _page(request, responses.order_by("-responded_on", "-pk")),
            "summary": summary,
            "months": selectors.team_communication_by_month(project),
            "invitations": SurveyInvitation.objects.filter(project=project)
            .select_related("created_by")
            .order_by("-created_at")[:10]
            if is_manager
            else [],
            "is_manager": is_manager,
            "invite_form": invite_form or SurveyInviteForm(),
            "log_form": log_form
            or SurveyLogForm(initial={"responded_on": timezone.localdate()}),
            "team_form": TeamRatingForm(),
            "rate_refused": rate_refused,
            "rated_this_month": rated_this_month,
            "new_link": request.session.pop("reviews_survey_link", None),
        },
        status=status,
    )


@require_POST
@login_required
def survey_invite(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.VIEW, CustomerSatisfaction(project=project))
    access.require(request.user, access.CHANGE, project)
    form = SurveyInviteForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("The link was not sent: see the fields marked below.")
        )
        return _survey_page(request, project, invite_form=form, status=400)
    invitation, path = services.survey_invite(
        project=project,
        email=form.cleaned_data["email"],
        by=request.user,
        days=form.cleaned_data["days"],
        language=form.cleaned_data["language"],
    )
    url = request.build_absolute_uri(path)
    services.survey_send_mail(invitation=invitation, url=url, sender=request.user)
    request.session["reviews_survey_link"] = url
    messages.success(
        request,
        _("Survey link sent to %(email)s. You can also copy it below.")
        % {"email": invitation.email},
    )
    return redirect("reviews:survey_overview", project.pk)


@require_POST
@login_required
def survey_log(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.VIEW, CustomerSatisfaction(project=project))
    access.require(request.user, access.CHANGE, project)
    form = SurveyLogForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.customer_satisfaction_log(
                project=project,
                by=request.user,
                score=data["score"],
                responded_on=data["responded_on"],
                comment=data["comment"],
                respondent=data["respondent"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Score logged."))
    else:
        messages.error(
            request, _("The score was not saved: see the fields marked below.")
        )
        return _survey_page(request, project, log_form=form, status=400)
    return redirect("reviews:survey_overview", project.pk)


@require_POST
@login_required
def team_rate(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(
        request.user,
        access.ADD,
        TeamCommunication(project=project, rater=request.user),
    )
    form = TeamRatingForm(request.POST)
    if form.is_valid():
        try:
            services.team_communication_rate(
                project=project, by=request.user, rating=form.cleaned_data["rating"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your rating was recorded."))
    else:
        messages.error(request, _("Choose a rating from 1 to 5."))
    return redirect("reviews:survey_overview", project.pk)


# ------------------------------------------------------ the public survey page

REFUSALS = {  # lazy: read in the language of each request
    services.SurveyRefused.TAMPERED: (
        400,
        gettext_lazy("This survey link is not valid"),
        gettext_lazy(
            "The link is incomplete or was changed. Please open the link exactly "
            "as it was sent to you, or ask your project manager for a new one."
        ),
    ),
    services.SurveyRefused.EXPIRED: (
        410,
        gettext_lazy("This survey link has expired"),
        gettext_lazy("Please ask your project manager for a new link."),
    ),
    services.SurveyRefused.USED: (
        410,
        gettext_lazy("This survey has already been answered"),
        gettext_lazy("Each link can be used once. Thank you for your answer!"),
    ),
}


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    status, title, text = REFUSALS[reason]
    return render(
        request,
        "reviews/survey_refused.html",
        {"title": title, "text": text, "reason": reason},
        status=status,
    )


def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The customer's survey: no account needed, the signed link is the key.
    It speaks the language the project manager chose for the invitation,
    unless the customer picked one with the switcher."""
    try:
        invitation = services.survey_invitation_for(token)
    except services.SurveyRefused as refused:
        return _refused(request, refused.reason)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language  # type: ignore[attr-defined]
    form = SurveyAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(
                token=token,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                respondent=form.cleaned_data["respondent"],
            )
        except services.SurveyRefused as refused:
            return _refused(request, refused.reason)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return render(
                request,
                "reviews/survey_thanks.html",
                {"project_name": invitation.project.name},
            )
    return render(
        request,
        "reviews/survey_answer.html",
        {
            "form": form,
            "invitation": invitation,
            "project_name": invitation.project.name,
        },
    )
