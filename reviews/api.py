"""reviews REST API: `meetings`, `action-items`, `meeting-feedback`,
`customer-satisfaction` and `team-communication`.

Meetings carry `agenda_items` and `decisions` as writable nested lists: a
list sent in a write replaces the meeting's list (left out: unchanged).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import Routes, ServiceCreate, ServiceDestroy, ServiceUpdate
from projects import access
from projects.rest import (
    ProjectRecordViewSet,
    StaysPut,
    VisibleProjectField,
    VisibleRecordField,
    filterset_with_project,
)
from reviews import services
from reviews.models import (
    ActionItem,
    AgendaItem,
    CustomerSatisfaction,
    Decision,
    Meeting,
    MeetingFeedback,
    TeamCommunication,
)

routes = Routes()


# ------------------------------------------------------------------ meetings


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "notes"]
        read_only_fields = ["id", "order"]


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    description = serializers.CharField()


@extend_schema_field({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"})
class ClockTimeField(serializers.TimeField):
    """A wall-clock time in the site time zone, "HH:MM" (OpenAPI's `time`
    format wants an offset, which a meeting's local start time has not)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%H:%M")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)


class MeetingSerializer(StaysPut):
    project = VisibleProjectField()
    starts_at = ClockTimeField(required=False, allow_null=True, label=_("start time"))
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
            "starts_at",
            "duration_minutes",
            "place",
            "invited_at",
            "attendees",
            "guests",
            "agenda_items",
            "minutes",
            "decisions",
            "created_by",
            "created_at",
            "version",
        ]
        read_only_fields = ["created_by", "created_at", "invited_at", "version"]


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


def meeting_rows(ids: list[int], serializer: Any) -> list[dict[str, Any]]:
    """MeetingSerializer's representation of the meetings `ids`, in that
    order, from four `.values()` queries (tests/reviews/test_api.py checks it
    against the serializer's own)."""
    fields = serializer.fields
    plain = [
        name
        for name in fields
        if name
        not in ("project", "created_by", "attendees", "agenda_items", "decisions")
    ]
    rows = {
        row["id"]: row
        for row in Meeting.objects.filter(pk__in=ids).values(
            *plain, "project_id", "created_by_id"
        )
    }
    attendees: dict[int, list[int]] = {pk: [] for pk in ids}
    through = Meeting.attendees.through.objects.filter(meeting_id__in=ids)
    for meeting_id, user_id in through.order_by("user__username").values_list(
        "meeting_id", "user_id"
    ):
        attendees[meeting_id].append(user_id)
    agenda: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for item in (
        AgendaItem.objects.filter(meeting_id__in=ids)
        .order_by("order", "pk")
        .values("meeting_id", "id", "order", "title", "notes")
    ):
        agenda[item.pop("meeting_id")].append(item)
    decisions: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for item in (
        Decision.objects.filter(meeting_id__in=ids)
        .order_by("pk")
        .values("meeting_id", "id", "description")
    ):
        decisions[item.pop("meeting_id")].append(item)
    out = []
    for pk in ids:
        row = rows[pk]
        shown = {}
        for name in fields:
            if name == "project":
                shown[name] = row["project_id"]
            elif name == "created_by":
                shown[name] = row["created_by_id"]
            elif name == "attendees":
                shown[name] = attendees[pk]
            elif name == "agenda_items":
                shown[name] = agenda[pk]
            elif name == "decisions":
                shown[name] = decisions[pk]
            else:
                value = row[name]
                shown[name] = (
                    None if value is None else fields[name].to_representation(value)
                )
        out.append(shown)
    return out


class MeetingViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = Meeting.objects.select_related("project").prefetch_related(
        # Attendees are listed by id: their ids only, not whole user rows.
        Prefetch("attendees", queryset=get_user_model().objects.only("pk")),
        "agenda_items",
        "decisions",
    )
    serializer_class = MeetingSerializer
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
    # paginator count every visible meeting row by row.
    ordering = ["-held_on", "id"]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of meetings read as plain rows (`meeting_rows`): the same
        JSON as the serializer's, without building the page's ~600 model
        instances of meetings, attendees, agenda items and decisions, which
        cost more than all its queries (bench/results, issue 17)."""
        queryset = self.filter_queryset(self.get_queryset())
        ids = queryset.select_related(None).prefetch_related(None)
        page = self.paginate_queryset(ids.values_list("pk", flat=True))
        if page is None:
            page = list(ids.values_list("pk", flat=True))
            return Response(meeting_rows(list(page), self.get_serializer()))
        return self.get_paginated_response(
            meeting_rows(list(page), self.get_serializer())
        )

    def create_service(self, serializer: Any) -> Meeting:
        data = dict(serializer.validated_data)
        lists = _meeting_lists(data)
        project = data.pop("project")
        meeting = services.meeting_create(
            project=project,
            by=self.request.user,
            data=data,
            attendees=lists["attendees"] or (),
            agenda=lists["agenda"],
            decisions=lists["decisions"],
        )
        return self.get_queryset().get(pk=meeting.pk)

    def update_service(self, serializer: Any, version: int | None) -> Meeting:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        lists = _meeting_lists(data)
        meeting = services.meeting_update(
            meeting=serializer.instance,
            expected_version=version,
            data=data,
            **lists,
        )
        # Re-read the nested lists after the replace.
        return self.get_queryset().get(pk=meeting.pk)

    def destroy_service(self, instance: Meeting) -> None:
        services.meeting_delete(meeting=instance, by=self.request.user)


# -------------------------------------------------------------- action items


class ActionItemSerializer(StaysPut):
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


class ActionItemViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = ActionItem.objects.select_related("meeting", "meeting__project")
    serializer_class = ActionItemSerializer
    filterset_class = filterset_with_project(
        ActionItem,
        "meeting__project",
        {
            "meeting": ["exact"],
            "meeting__project": ["exact"],
            "kind": ["exact"],
            "owner": ["exact"],
            "due_date": ["exact", "gte", "lte"],
            "completed_on": ["exact", "isnull", "gte", "lte"],
        },
    )
    ordering_fields = ["due_date", "completed_on", "id"]
    ordering = ["due_date", "id"]

    def create_service(self, serializer: Any) -> ActionItem:
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        return services.action_item_create(meeting=meeting, data=data)

    def update_service(self, serializer: Any, version: int | None) -> ActionItem:
        data = dict(serializer.validated_data)
        data.pop("meeting", None)
        return services.action_item_update(
            item=serializer.instance, expected_version=version, data=data
        )

    def destroy_service(self, instance: ActionItem) -> None:
        services.action_item_delete(item=instance, by=self.request.user)


# ----------------------------------------------------------------- feedback


class MeetingFeedbackSerializer(StaysPut):
    anchor = "meeting"
    meeting = VisibleRecordField(queryset=Meeting.objects.select_related("project"))

    class Meta:
        model = MeetingFeedback
        fields = ["id", "meeting", "attendee", "rating", "comment", "created_at"]
        read_only_fields = ["attendee", "created_at"]


class MeetingFeedbackViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    """POST rates a meeting as the caller; a second POST replaces the rating."""

    queryset = MeetingFeedback.objects.select_related("meeting", "meeting__project")
    serializer_class = MeetingFeedbackSerializer
    filterset_class = filterset_with_project(
        MeetingFeedback,
        "meeting__project",
        {
            "meeting": ["exact"],
            "meeting__project": ["exact"],
            "attendee": ["exact"],
            "rating": ["exact", "gte", "lte"],
        },
    )
    ordering_fields = ["created_at", "rating", "id"]
    ordering = ["id"]

    def authorize_create(self, serializer: Any) -> None:
        meeting = serializer.validated_data["meeting"]
        existing = MeetingFeedback.objects.filter(
            meeting=meeting, attendee=self.request.user
        ).first()
        probe = existing or MeetingFeedback(meeting=meeting, attendee=self.request.user)
        if not access.can(
            self.request.user, access.CHANGE if existing else access.ADD, probe
        ):
            self.permission_denied(self.request)

    def create_service(self, serializer: Any) -> MeetingFeedback:
        feedback, created = services.feedback_give(
            meeting=serializer.validated_data["meeting"],
            by=self.request.user,
            rating=serializer.validated_data["rating"],
            comment=serializer.validated_data.get("comment", ""),
        )
        feedback.created_now = created  # type: ignore[attr-defined]
        return feedback

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """201 for a first rating, 200 when it replaced the caller's earlier one."""
        response = super().create(request, *args, **kwargs)
        if not getattr(self, "_created", True):
            response.status_code = status.HTTP_200_OK
        return response

    def perform_create(self, serializer: Any) -> None:
        super().perform_create(serializer)
        self._created = serializer.instance.created_now

    def update_service(self, serializer: Any, version: int | None) -> MeetingFeedback:
        feedback = serializer.instance
        return services.feedback_update(
            feedback=feedback,
            rating=serializer.validated_data.get("rating", feedback.rating),
            comment=serializer.validated_data.get("comment", feedback.comment),
        )

    def destroy_service(self, instance: MeetingFeedback) -> None:
        services.feedback_delete(feedback=instance, by=self.request.user)


# ------------------------------------------------------- customer satisfaction


class CustomerSatisfactionSerializer(StaysPut):
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


class CustomerSatisfactionViewSet(ServiceCreate, ProjectRecordViewSet):
    """Responses through the survey link arrive there; the API logs scores.
    An answer is never edited or deleted here (admins correct it in admin)."""

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

    def create_service(self, serializer: Any) -> CustomerSatisfaction:
        data = serializer.validated_data
        return services.customer_satisfaction_log(
            project=data["project"],
            by=self.request.user,
            score=data["score"],
            responded_on=data.get("responded_on"),
            comment=data.get("comment", ""),
            respondent=data.get("respondent", ""),
        )


# --------------------------------------------------------- team communication


class TeamCommunicationSerializer(StaysPut):
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


class TeamCommunicationViewSet(ServiceCreate, ServiceUpdate, ProjectRecordViewSet):
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

    def authorize_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        probe = TeamCommunication(project=data["project"], rater=self.request.user)
        if not access.can(self.request.user, access.ADD, probe):
            self.permission_denied(self.request)

    def create_service(self, serializer: Any) -> TeamCommunication:
        data = serializer.validated_data
        return services.team_communication_rate(
            project=data["project"],
            by=self.request.user,
            rating=data["rating"],
            on=data.get("responded_on"),
        )

    def update_service(self, serializer: Any, version: int | None) -> TeamCommunication:
        row = serializer.instance
        return services.team_communication_update(
            rating_row=row,
            rating=serializer.validated_data.get("rating", row.rating),
            on=serializer.validated_data.get("responded_on"),
        )


routes.register("meetings", MeetingViewSet, basename="meeting")
routes.register("action-items", ActionItemViewSet, basename="action-item")
routes.register("meeting-feedback", MeetingFeedbackViewSet, basename="meeting-feedback")
routes.register(
    "customer-satisfaction",
    CustomerSatisfactionViewSet,
    basename="customer-satisfaction",
)
routes.register(
    "team-communication", TeamCommunicationViewSet, basename="team-communication"
)
