"""reviews REST API: `meetings`, `action-items`, `meeting-feedback`,
`customer-satisfaction` and `team-communication` on config.api.router.

Meetings carry `agenda_items` and `decisions` as writable nested lists: a
list sent in a write replaces the meeting's list (left out: unchanged).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import (
    ProjectRecordViewSet,
    VisibleProjectField,
    VisibleRecordField,
    expected_version,
    router,
)
from projects import access
from reviews import services
from reviews.models import (
    ActionItem,
    AgendaItem,
    CustomerSatisfaction,
    Meeting,
    MeetingFeedback,
    TeamCommunication,
)


class StayInPlaceMixin:
    """A record cannot move to another project or meeting by an update."""

    anchor = "project"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = getattr(self, "instance", None)
        if (
            instance is not None
            and self.anchor in attrs
            and attrs[self.anchor].pk != getattr(instance, f"{self.anchor}_id")
        ):
            raise serializers.ValidationError(
                {self.anchor: _("A record cannot be moved; create a new one.")}
            )
        return super().validate(attrs)  # type: ignore[misc,no-any-return]


# ------------------------------------------------------------------ meetings


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "notes"]
        read_only_fields = ["id", "order"]


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    description = serializers.CharField()


class MeetingSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    project = VisibleProjectField()
    attendees = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=get_user_model().objects.all()
    )
    agenda_items = AgendaItemSerializer(many=True, required=False)
    decisions = DecisionSerializer(many=True, required=False)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "project",
            "kind",
            "title",
            "held_on",
            "attendees",
            "guests",
            "agenda_items",
            "minutes",
            "decisions",
            "created_by",
            "created_at",
            "version",
        ]
        read_only_fields = ["created_by", "created_at", "version"]


def _meeting_lists(data: dict[str, Any]) -> dict[str, Any]:
    agenda = data.pop("agenda_items", None)
    decisions = data.pop("decisions", None)
    attendees = data.pop("attendees", None)
    return {
        "attendees": attendees,
        "agenda": None
        if agenda is None
        else [services.AgendaLine(a["title"], a.get("notes", "")) for a in agenda],
        "decisions": None
        if decisions is None
        else [d["description"] for d in decisions],
    }


class MeetingViewSet(ProjectRecordViewSet):
    queryset = Meeting.objects.select_related("project").prefetch_related(
        # Attendees are listed by id: their ids only, not whole user rows.
        Prefetch("attendees", queryset=get_user_model().objects.only("pk")),
        "agenda_items",
        "decisions",
    )
    serializer_class = MeetingSerializer
    tallied = True
    filterset_fields = {
        "project": ["exact"],
        "kind": ["exact"],
        "held_on": ["exact", "gte", "lte"],
        "attendees": ["exact"],
    }
    ordering_fields = ["held_on", "title", "created_at", "id"]
    # No .distinct() here: every other filter is a plain column or a
    # subquery (visible_to), and django-filter adds DISTINCT itself when the
    # `attendees` filter joins the M2M table. A blanket DISTINCT made the
    # paginator count every visible meeting row by row (issue 9).
    ordering = ["-held_on", "id"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        self.check_add(serializer)
        data = dict(serializer.validated_data)
        lists = _meeting_lists(data)
        project = data.pop("project")
        serializer.instance = services.meeting_create(
            project=project,
            by=self.request.user,
            data=data,
            attendees=lists["attendees"] or (),
            agenda=lists["agenda"],
            decisions=lists["decisions"],
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        lists = _meeting_lists(data)
        serializer.instance = services.meeting_update(
            meeting=serializer.instance,
            expected_version=expected_version(self.request),
            data=data,
            **lists,
        )
        # Re-read the nested lists after the replace.
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)


# -------------------------------------------------------------- action items


class ActionItemSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    anchor = "meeting"
    meeting = VisibleRecordField(queryset=Meeting.objects.select_related("project"))
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "meeting",
            "kind",
            "description",
            "owner",
            "due_date",
            "completed_on",
            "is_overdue",
            "version",
        ]
        read_only_fields = ["version"]


class ActionItemViewSet(ProjectRecordViewSet):
    queryset = ActionItem.objects.select_related("meeting", "meeting__project")
    serializer_class = ActionItemSerializer
    filterset_fields = {
        "meeting": ["exact"],
        "meeting__project": ["exact"],
        "kind": ["exact"],
        "owner": ["exact"],
        "due_date": ["exact", "gte", "lte"],
        "completed_on": ["exact", "isnull", "gte", "lte"],
    }
    ordering_fields = ["due_date", "completed_on", "id"]
    ordering = ["due_date", "id"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        self.check_add(serializer)
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        serializer.instance = services.action_item_create(meeting=meeting, data=data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("meeting", None)
        serializer.instance = services.action_item_update(
            item=serializer.instance,
            expected_version=expected_version(self.request),
            data=data,
        )


# ----------------------------------------------------------------- feedback


class MeetingFeedbackSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    anchor = "meeting"
    meeting = VisibleRecordField(queryset=Meeting.objects.select_related("project"))

    class Meta:
        model = MeetingFeedback
        fields = ["id", "meeting", "attendee", "rating", "comment", "created_at"]
        read_only_fields = ["attendee", "created_at"]


class MeetingFeedbackViewSet(ProjectRecordViewSet):
    """POST rates a meeting as the caller; a second POST replaces the rating."""

    queryset = MeetingFeedback.objects.select_related("meeting", "meeting__project")
    serializer_class = MeetingFeedbackSerializer
    filterset_fields = {
        "meeting": ["exact"],
        "meeting__project": ["exact"],
        "attendee": ["exact"],
        "rating": ["exact", "gte", "lte"],
    }
    ordering_fields = ["created_at", "rating", "id"]
    ordering = ["id"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = serializer.validated_data["meeting"]
        existing = MeetingFeedback.objects.filter(
            meeting=meeting, attendee=request.user
        ).first()
        probe = existing or MeetingFeedback(meeting=meeting, attendee=request.user)
        if not access.can(
            request.user, access.CHANGE if existing else access.ADD, probe
        ):
            self.permission_denied(request)
        feedback, created = services.feedback_give(
            meeting=meeting,
            by=request.user,
            rating=serializer.validated_data["rating"],
            comment=serializer.validated_data.get("comment", ""),
        )
        return Response(
            self.get_serializer(feedback).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def perform_update(self, serializer: Any) -> None:
        feedback = serializer.instance
        serializer.instance = services.feedback_update(
            feedback=feedback,
            rating=serializer.validated_data.get("rating", feedback.rating),
            comment=serializer.validated_data.get("comment", feedback.comment),
        )


# ------------------------------------------------------- customer satisfaction


class CustomerSatisfactionSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    project = VisibleProjectField()

    class Meta:
        model = CustomerSatisfaction
        fields = [
            "id",
            "project",
            "score",
            "responded_on",
            "comment",
            "source",
            "respondent",
            "logged_by",
            "created_at",
        ]
        read_only_fields = ["source", "logged_by", "created_at"]


class CustomerSatisfactionViewSet(ProjectRecordViewSet):
    """Responses through the survey link arrive there; the API logs scores."""

    queryset = CustomerSatisfaction.objects.select_related("project")
    serializer_class = CustomerSatisfactionSerializer
    filterset_fields = {
        "project": ["exact"],
        "source": ["exact"],
        "score": ["exact", "gte", "lte"],
        "responded_on": ["exact", "gte", "lte"],
    }
    ordering_fields = ["responded_on", "score", "id"]
    ordering = ["-responded_on", "id"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        self.check_add(serializer)
        data = serializer.validated_data
        serializer.instance = services.customer_satisfaction_log(
            project=data["project"],
            by=self.request.user,
            score=data["score"],
            responded_on=data.get("responded_on"),
            comment=data.get("comment", ""),
            respondent=data.get("respondent", ""),
        )


# --------------------------------------------------------- team communication


class TeamCommunicationSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    project = VisibleProjectField()
    rater = serializers.SerializerMethodField()

    class Meta:
        model = TeamCommunication
        fields = ["id", "project", "rater", "rating", "responded_on", "period"]
        read_only_fields = ["period"]

    def get_rater(self, obj: TeamCommunication) -> int | None:
        """Return the rater's id to admins and to the rater only (anonymous)."""
        request = self.context.get("request")
        if request is None:
            return None
        if obj.rater_id == request.user.pk or access.is_admin(request.user):
            return obj.rater_id
        return None


class TeamCommunicationViewSet(ProjectRecordViewSet):
    """Ratings of a project manager's communication; the rater is the caller.

    Updates (a correction by the rater or an admin; nobody else, not even the
    manager, may change a rating under access.py) change the row in place.

    Raters are anonymous to everyone but admins and themselves, so the list
    filters on project and dates, never on the rater.
    """

    queryset = TeamCommunication.objects.select_related("project")
    serializer_class = TeamCommunicationSerializer
    filterset_fields = {
        "project": ["exact"],
        "period": ["exact"],
        "rating": ["exact"],
        "responded_on": ["exact", "gte", "lte"],
    }
    ordering_fields = ["responded_on", "period", "id"]
    ordering = ["-responded_on", "id"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        probe = TeamCommunication(project=data["project"], rater=self.request.user)
        if not access.can(self.request.user, access.ADD, probe):
            self.permission_denied(self.request)
        serializer.instance = services.team_communication_rate(
            project=data["project"],
            by=self.request.user,
            rating=data["rating"],
            on=data.get("responded_on"),
        )

    def perform_update(self, serializer: Any) -> None:
        row = serializer.instance
        serializer.instance = services.team_communication_update(
            rating_row=row,
            rating=serializer.validated_data.get("rating", row.rating),
            on=serializer.validated_data.get("responded_on"),
        )


router.register("meetings", MeetingViewSet, basename="meeting")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("meeting-feedback", MeetingFeedbackViewSet, basename="meeting-feedback")
router.register(
    "customer-satisfaction",
    CustomerSatisfactionViewSet,
    basename="customer-satisfaction",
)
router.register(
    "team-communication", TeamCommunicationViewSet, basename="team-communication"
)
