"""Crispy forms of the reviews app: they validate, services write."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import bound_dates
from projects.models import Project
from reviews.models import ActionItem, CustomerSatisfaction, Meeting

RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


def people_queryset(project: Project) -> Any:
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(Q(memberships__project=project) | Q(pk=project.manager_id))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class NoTagHelperMixin:
    def _helper(self) -> FormHelper:
        bound_dates(self)  # type: ignore[arg-type]
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        return helper


class MeetingForm(NoTagHelperMixin, forms.ModelForm):
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line, in order."),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One decision per line."),
    )
    create_document = forms.BooleanField(
        label=_("Also file these minutes as a project document (kind: minutes)"),
        required=False,
    )
    send_invitation = forms.BooleanField(
        label=_("E-mail the invitation to the attendees (with a calendar file)"),
        required=False,
        help_text=_("For a planned meeting: each attendee with an e-mail address."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "held_on",
            "starts_at",
            "duration_minutes",
            "place",
            "attendees",
            "guests",
            "minutes",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "duration_minutes": forms.NumberInput(attrs={"min": 5, "step": 5}),
            "attendees": forms.CheckboxSelectMultiple,
            "guests": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people_queryset(project)
        self.fields["attendees"].help_text = _(
            "Project members invited to a planned meeting, or who took part."
        )
        self.fields["held_on"].help_text = _(
            "A date ahead plans the meeting; once it has come, the meeting is held."
        )
        if self.instance.pk:
            self.fields["agenda"].initial = "\n".join(
                a.title for a in self.instance.agenda_items.all()
            )
            self.fields["decisions"].initial = "\n".join(
                d.description.replace("\n", " ") for d in self.instance.decisions.all()
            )
            self.fields["expected_version"].initial = self.instance.version
        self.helper = self._helper()


class ActionItemForm(NoTagHelperMixin, forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActionItem
        fields = ["kind", "description", "owner", "due_date", "completed_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "completed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_queryset(project)
        # an action without an owner shows on nobody's My work
        self.fields["owner"].required = True
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        self.helper = self._helper()


class FeedbackForm(NoTagHelperMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "rating-choice"}),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class TeamRatingForm(NoTagHelperMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well does the project manager keep you informed?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_(
            "1 = poorly, 5 = very well. Your name is not shown to the manager."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class SurveyInviteForm(NoTagHelperMixin, forms.Form):
    email = forms.EmailField(label=_("Customer's e-mail"))
    language = forms.ChoiceField(
        label=_("Language of the e-mail and survey"),
        choices=settings.LANGUAGES,
        required=False,  # left out: the sender's language
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        initial=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()
        self.helper = self._helper()

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or get_language()


class SurveyLogForm(NoTagHelperMixin, forms.ModelForm):
    class Meta:
        model = CustomerSatisfaction
        fields = ["score", "responded_on", "respondent", "comment"]
        widgets = {
            "responded_on": forms.DateInput(attrs={"type": "date"}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"respondent": _("Who gave the score, e.g. by phone.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class SurveyAnswerForm(forms.Form):
    score = forms.IntegerField(
        label=_("How satisfied are you with the project? (0–100)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
    )
    comment = forms.CharField(
        label=_("What should we keep doing, or do better?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    respondent = forms.CharField(
        label=_("Your name (optional)"), required=False, max_length=200
    )
