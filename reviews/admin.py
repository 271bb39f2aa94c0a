from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from projects import access
from projects.admin import HistoryScopedAdmin
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


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ("kind", "description", "owner", "due_date", "completed_on")
    autocomplete_fields = ("owner",)


@admin.register(Meeting)
class MeetingAdmin(HistoryScopedAdmin):
    list_display = ("title", "project", "kind", "held_on", "created_by")
    list_filter = ("kind", "project__status")
    list_select_related = ("project", "created_by")
    search_fields = ("title", "minutes", "project__code")
    date_hierarchy = "held_on"
    autocomplete_fields = ("project", "attendees", "created_by")
    inlines = [AgendaItemInline, DecisionInline, ActionItemInline]


@admin.register(ActionItem)
class ActionItemAdmin(HistoryScopedAdmin):
    list_display = (
        "description",
        "meeting",
        "kind",
        "owner",
        "due_date",
        "completed_on",
        "last_reminded_on",
    )
    list_filter = ("kind", ("completed_on", admin.EmptyFieldListFilter))
    list_select_related = ("meeting", "meeting__project", "owner")
    search_fields = ("description", "meeting__title", "meeting__project__code")
    date_hierarchy = "due_date"
    autocomplete_fields = ("meeting", "owner")


class CorrectionForm(forms.ModelForm):  # type: ignore[type-arg]
    """An answer someone gave is corrected only with the reason, kept in history."""

    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=100,
        help_text=_("Required when changing an answer someone else gave."),
    )


class AnswerAdmin(HistoryScopedAdmin):
    """Answers (ratings, scores): only admins change or delete them here
    (access.py refuses the project manager), each change with a reason."""

    form = CorrectionForm

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["correction_reason"].required = obj is not None
        return form

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        reason = form.cleaned_data.get("correction_reason", "")
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)


@admin.register(MeetingFeedback)
class MeetingFeedbackAdmin(AnswerAdmin):
    list_display = ("meeting", "attendee", "rating", "created_at")
    list_filter = ("rating",)
    list_select_related = ("meeting", "meeting__project", "attendee")
    search_fields = ("meeting__title", "meeting__project__code", "attendee__username")
    autocomplete_fields = ("meeting", "attendee")


@admin.register(CustomerSatisfaction)
class CustomerSatisfactionAdmin(AnswerAdmin):
    list_display = ("project", "score", "responded_on", "source", "respondent")
    list_filter = ("source",)
    list_select_related = ("project",)
    search_fields = ("project__code", "respondent", "comment")
    date_hierarchy = "responded_on"
    autocomplete_fields = ("project", "logged_by")


@admin.register(TeamCommunication)
class TeamCommunicationAdmin(AnswerAdmin):
    # Who rated what is visible to admins here only, never to the manager.
    list_display = ("project", "period", "rating", "rater", "responded_on")
    list_filter = ("rating",)
    list_select_related = ("project", "rater")
    search_fields = ("project__code", "rater__username")
    date_hierarchy = "responded_on"
    autocomplete_fields = ("project", "rater")
    readonly_fields = ("period",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_admin(request.user)

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return access.is_admin(request.user)


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(HistoryScopedAdmin):
    list_display = ("project", "email", "created_at", "expires_at", "used_at")
    list_filter = (("used_at", admin.EmptyFieldListFilter),)
    list_select_related = ("project",)
    search_fields = ("project__code", "email")
    autocomplete_fields = ("project", "created_by")
    readonly_fields = ("used_at", "response")
