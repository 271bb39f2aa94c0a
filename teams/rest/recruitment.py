"""REST resources of staff cases and recruitment (DESIGN §7):
`staff-action-cases`, `position-requests`, `candidates`, `applications`,
`interviews`. Chains take POST `…/{id}/submit/`, `approve/` and `return/`
(with `reason`), by whoever holds the step that is due."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import roles
from accounts.models import User
from core.api import ReadViewSet, Routes, ServiceCreate, ServiceUpdate
from teams import case_services
from teams import recruitment_services as hiring
from teams.models.cases import StaffActionCase
from teams.models.recruitment import (
    Application,
    Candidate,
    Interview,
    PositionRequest,
)
from teams.rest.base import ApprovalActions

routes = Routes()


def refused(error: DjangoPermissionDenied) -> PermissionDenied:
    """Django's refusal as DRF's, keeping its message (who holds the step)."""
    return PermissionDenied(str(error) or None)


class Visible(ReadViewSet):
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> Any:
        return super().get_queryset().visible_to(self.request.user)  # type: ignore[attr-defined]

    def check_object_permissions(self, request: Request, obj: Any) -> None:
        """Only the author (or an admin) edits a record: anyone else who may
        read it is refused (403) before its body or version is looked at."""
        super().check_object_permissions(request, obj)
        author = getattr(obj, "AUTHOR", None)
        if (
            self.action in ("update", "partial_update")
            and author is not None
            and request.user.pk != getattr(obj, f"{author}_id")
            and not roles.is_admin(request.user)
        ):
            raise PermissionDenied


# ------------------------------------------------------------------ staff cases


class StaffActionCaseSerializer(serializers.ModelSerializer[StaffActionCase]):
    person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True)
    )

    class Meta:
        model = StaffActionCase
        fields = [
            "id",
            "person",
            "action",
            "reasons",
            "proposed_by",
            "director",
            "state",
            "waiting_on",
            "waiting_on_capability",
            "submitted_at",
            "created_at",
            "version",
        ]
        read_only_fields = [
            "proposed_by",
            "director",
            "state",
            "waiting_on",
            "waiting_on_capability",
            "submitted_at",
            "created_at",
            "version",
        ]


class StaffActionCaseViewSet(ApprovalActions, ServiceCreate, ServiceUpdate, Visible):
    """Seen only by the proposer, the director who confirms, the general
    manager, HR and admins; 404 to everyone else."""

    queryset = StaffActionCase.objects.all()
    serializer_class = StaffActionCaseSerializer
    filterset_fields = {"state": ["exact"], "action": ["exact"], "person": ["exact"]}
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]

    def create_service(self, serializer: Any) -> StaffActionCase:
        try:
            return case_services.staff_case_create(
                by=self.request.user, data=dict(serializer.validated_data)
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    def update_service(self, serializer: Any, version: int | None) -> StaffActionCase:
        data = dict(serializer.validated_data)
        data.pop("person", None)
        try:
            return case_services.staff_case_update(
                case=serializer.instance,
                by=self.request.user,
                data=data,
                expected_version=version,
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error


routes.register(
    "staff-action-cases", StaffActionCaseViewSet, basename="staffactioncase"
)


# ------------------------------------------------------------------ recruitment


@extend_schema_serializer(component_name="PositionRequestRecord")
class PositionRequestSerializer(serializers.ModelSerializer[PositionRequest]):
    age_days = serializers.IntegerField(read_only=True)
    days_to_fill = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = PositionRequest
        fields = [
            "id",
            "department",
            "position",
            "responsibilities",
            "qualifications",
            "headcount",
            "reason",
            "requested_by",
            "state",
            "waiting_on",
            "waiting_on_capability",
            "submitted_at",
            "opened_at",
            "closed_at",
            "age_days",
            "days_to_fill",
            "created_at",
            "version",
        ]
        read_only_fields = [
            "requested_by",
            "state",
            "waiting_on",
            "waiting_on_capability",
            "submitted_at",
            "opened_at",
            "closed_at",
            "created_at",
            "version",
        ]
        extra_kwargs = {"department": {"required": False}}


class MoveSerializer(serializers.Serializer):  # type: ignore[type-arg]
    state = serializers.ChoiceField(
        choices=[
            PositionRequest.REJECTED,
            PositionRequest.ON_HOLD,
            PositionRequest.OPEN,
            PositionRequest.CANCELLED,
        ]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class PositionRequestViewSet(ApprovalActions, ServiceCreate, ServiceUpdate, Visible):
    queryset = PositionRequest.objects.select_related("position")
    serializer_class = PositionRequestSerializer
    filterset_fields = {
        "state": ["exact"],
        "department": ["exact"],
        "position": ["exact"],
        "requested_by": ["exact"],
    }
    ordering_fields = ["created_at", "opened_at", "id"]
    ordering = ["-created_at", "-id"]

    def create_service(self, serializer: Any) -> PositionRequest:
        try:
            return hiring.position_request_create(
                by=self.request.user, data=dict(serializer.validated_data)
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    def update_service(self, serializer: Any, version: int | None) -> PositionRequest:
        try:
            return hiring.position_request_update(
                request=serializer.instance,
                by=self.request.user,
                data=dict(serializer.validated_data),
                expected_version=version,
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    @action(detail=True, methods=["post"], serializer_class=MoveSerializer)
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Reject (the due step's holder, with `reason`), put on hold, reopen
        or cancel (with `reason`)."""
        record = self.get_object()
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            moved = hiring.position_request_move(
                request=record,
                by=request.user,
                to=body.validated_data["state"],
                reason=body.validated_data["reason"],
                expected_version=body.validated_data.get("version"),
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error
        return self._answer(moved)


routes.register("position-requests", PositionRequestViewSet, basename="positionrequest")


class CandidateSerializer(serializers.ModelSerializer[Candidate]):
    class Meta:
        model = Candidate
        fields = [
            "id",
            "name",
            "email",
            "phone",
            "source",
            "note",
            "created_by",
            "created_at",
            "version",
        ]
        read_only_fields = ["created_by", "created_at", "version"]


class CandidateViewSet(ServiceCreate, Visible):
    queryset = Candidate.objects.all()
    serializer_class = CandidateSerializer
    filterset_fields = {"name": ["exact", "icontains"]}
    ordering_fields = ["name", "created_at", "id"]
    ordering = ["name", "id"]

    def create_service(self, serializer: Any) -> Candidate:
        try:
            return hiring.candidate_create(
                by=self.request.user, data=dict(serializer.validated_data)
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error


routes.register("candidates", CandidateViewSet, basename="candidate")


class VisibleCandidate(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    def get_queryset(self) -> Any:
        request = self.context.get("request")
        if request is None:
            return Candidate.objects.none()
        return Candidate.objects.visible_to(request.user)


class VisibleRequest(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    def get_queryset(self) -> Any:
        request = self.context.get("request")
        if request is None:
            return PositionRequest.objects.none()
        return PositionRequest.objects.visible_to(request.user)


class ApplicationSerializer(serializers.ModelSerializer[Application]):
    candidate = VisibleCandidate()
    position_request = VisibleRequest()

    class Meta:
        model = Application
        fields = [
            "id",
            "candidate",
            "position_request",
            "stage",
            "stage_changed_at",
            "hired_user",
            "note",
            "created_at",
            "version",
        ]
        read_only_fields = [
            "stage",
            "stage_changed_at",
            "hired_user",
            "created_at",
            "version",
        ]


class StageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    stage = serializers.ChoiceField(choices=Application.Stage.choices)
    version = serializers.IntegerField(required=False)


class HireSerializer(serializers.Serializer):  # type: ignore[type-arg]
    username = serializers.CharField()
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    first_name = serializers.CharField(required=False, allow_blank=True, default="")
    last_name = serializers.CharField(required=False, allow_blank=True, default="")
    reports_to = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False
    )
    hired_on = serializers.DateField(required=False)
    version = serializers.IntegerField(required=False)


class ApplicationViewSet(ServiceCreate, Visible):
    queryset = Application.objects.select_related("candidate", "position_request")
    serializer_class = ApplicationSerializer
    filterset_fields = {
        "stage": ["exact"],
        "position_request": ["exact"],
        "candidate": ["exact"],
    }
    ordering_fields = ["created_at", "stage_changed_at", "id"]
    ordering = ["-created_at", "-id"]

    def create_service(self, serializer: Any) -> Application:
        data = serializer.validated_data
        try:
            return hiring.application_create(
                by=self.request.user,
                candidate=data["candidate"],
                request=data["position_request"],
                note=data.get("note", ""),
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    def _answer(self, application: Application) -> Response:
        fresh = self.get_queryset().get(pk=application.pk)
        return Response(
            ApplicationSerializer(fresh, context=self.get_serializer_context()).data
        )

    @action(detail=True, methods=["post"], serializer_class=StageSerializer)
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Move to the next stage (screening → 初试 → 复试 → offer), or reject
        or withdraw."""
        application = self.get_object()
        body = StageSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            moved = hiring.application_move(
                application=application,
                by=request.user,
                to=body.validated_data["stage"],
                expected_version=body.validated_data.get("version"),
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error
        return self._answer(moved)

    @action(detail=True, methods=["post"], serializer_class=HireSerializer)
    def hire(self, request: Request, pk: str | None = None) -> Response:
        """Hire a candidate with an offer: creates the user with the
        position and reports_to (default: the requester)."""
        application = self.get_object()
        body = HireSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        version = data.pop("version", None)
        try:
            hired = hiring.application_hire(
                application=application,
                by=request.user,
                expected_version=version,
                **data,
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error
        return self._answer(hired)


routes.register("applications", ApplicationViewSet, basename="application")


class InterviewSerializer(serializers.ModelSerializer[Interview]):
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.all())
    interviewers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(is_active=True)
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(), write_only=True, required=False
    )
    skill_scores = serializers.SerializerMethodField()

    class Meta:
        model = Interview
        fields = [
            "id",
            "application",
            "round",
            "interviewers",
            "held_on",
            "recommendation",
            "notes",
            "scores",
            "skill_scores",
            "created_by",
            "version",
        ]
        read_only_fields = ["created_by", "version"]

    def get_skill_scores(self, interview: Interview) -> dict[str, int]:
        return {str(s.skill_id): s.score for s in interview.scores.all()}

    def validate_application(self, value: Application) -> Application:
        request = self.context.get("request")
        if (
            request is None
            or not Application.objects.visible_to(request.user)
            .filter(pk=value.pk)
            .exists()
        ):
            raise serializers.ValidationError(_not_found())
        return value


def _not_found() -> str:
    from django.utils.translation import gettext

    return gettext("No such application.")


class InterviewViewSet(ServiceCreate, Visible):
    queryset = Interview.objects.select_related("application").prefetch_related(
        "interviewers", "scores"
    )
    serializer_class = InterviewSerializer
    filterset_fields = {"application": ["exact"], "round": ["exact"]}
    ordering_fields = ["held_on", "id"]
    ordering = ["held_on", "id"]

    def create_service(self, serializer: Any) -> Interview:
        data = dict(serializer.validated_data)
        application = data.pop("application")
        interviewers = data.pop("interviewers")
        scores = data.pop("scores", {})
        try:
            return hiring.interview_record(
                application=application,
                by=self.request.user,
                data=data,
                interviewers=interviewers,
                scores=scores,
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error


routes.register("interviews", InterviewViewSet, basename="interview")
