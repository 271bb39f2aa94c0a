"""changes REST API: `change-requests` with workflow POST actions."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from changes import services
from changes.models import ChangeRequest, MilestoneChange
from core.api import (
    Routes,
    ServiceCreate,
    ServiceDestroy,
    ServiceUpdate,
    expected_version,
)
from milestones.models import Milestone
from projects import access
from projects.models import Requirement
from projects.rest import (
    ProjectRecordViewSet,
    StaysPut,
    VisibleProjectField,
    VisibleRecordField,
)

routes = Routes()


class MilestoneChangeSerializer(serializers.ModelSerializer):
    milestone = VisibleRecordField(queryset=Milestone.objects.all())

    class Meta:
        model = MilestoneChange
        fields = ["id", "milestone", "new_planned_date", "old_planned_date"]
        read_only_fields = ["id", "old_planned_date"]


class ChangeRequestSerializer(StaysPut):
    project = VisibleProjectField()
    affected_requirements = VisibleRecordField(
        queryset=Requirement.objects.all(), many=True, required=False
    )
    milestone_changes = MilestoneChangeSerializer(many=True, required=False)

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "project",
            "title",
            "description",
            "kind",
            "requested_by",
            "status",
            "submitted_on",
            "decided_on",
            "decided_by",
            "decision_note",
            "implemented_on",
            "impact_days",
            "impact_cost",
            "affected_requirements",
            "milestone_changes",
            "created_at",
            "version",
        ]
        read_only_fields = [
            "requested_by",
            "status",
            "submitted_on",
            "decided_on",
            "decided_by",
            "decision_note",
            "implemented_on",
            "created_at",
            "version",
        ]


class DecisionSerializer(serializers.Serializer):
    decided_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class ImplementSerializer(serializers.Serializer):
    implemented_on = serializers.DateField(required=False)
    version = serializers.IntegerField(required=False)


class ChangeRequestViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    """Change requests; status moves only through submit/approve/reject/implement.
    Only a draft is edited or deleted."""

    queryset = ChangeRequest.objects.select_related("project").prefetch_related(
        # Requirements are listed by id: their ids only, not whole rows.
        Prefetch("affected_requirements", queryset=Requirement.objects.only("pk")),
        "milestone_changes",
    )
    serializer_class = ChangeRequestSerializer
    filterset_fields = {
        "project": ["exact"],
        "status": ["exact"],
        "kind": ["exact"],
        "requested_by": ["exact"],
        "decided_on": ["exact", "gte", "lte"],
    }
    ordering_fields = ["created_at", "decided_on", "impact_days", "impact_cost", "id"]
    ordering = ["-created_at", "-id"]
    STEP_ACTIONS = {
        "submit": access.SUBMIT,
        "approve": access.APPROVE,
        "reject": access.APPROVE,
        "implement": access.IMPLEMENT,
    }

    @property
    def object_action(self) -> str | None:  # type: ignore[override]
        return self.STEP_ACTIONS.get(self.action or "")

    def unsaved_instance(self, serializer: Any) -> ChangeRequest:
        return ChangeRequest(
            project=serializer.validated_data["project"],
            requested_by=self.request.user,
        )

    def create_service(self, serializer: Any) -> ChangeRequest:
        data = dict(serializer.validated_data)
        return services.change_request_create(
            project=data.pop("project"),
            by=self.request.user,
            data=data,
            affected_requirements=data.pop("affected_requirements", None),
            milestone_changes=data.pop("milestone_changes", None),
        )

    def update_service(self, serializer: Any, version: int | None) -> ChangeRequest:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        return services.change_request_update(
            change_request=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
            affected_requirements=data.pop("affected_requirements", None),
            milestone_changes=data.pop("milestone_changes", None),
        )

    def destroy_service(self, instance: ChangeRequest) -> None:
        services.change_request_delete(change_request=instance, by=self.request.user)

    def _answer(self, change_request: ChangeRequest) -> Response:
        fresh = self.get_queryset().get(pk=change_request.pk)
        return Response(self.get_serializer(fresh).data)

    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        change_request = self.get_object()
        return self._answer(
            services.change_request_submit(
                change_request=change_request,
                by=request.user,
                expected_version=expected_version(request),
            )
        )

    def _decide(self, request: Request, decide: Any) -> Response:
        change_request = self.get_object()
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            decide(
                change_request=change_request,
                by=request.user,
                decided_on=body.validated_data.get("decided_on"),
                note=body.validated_data.get("note", ""),
                expected_version=body.validated_data.get("version"),
            )
        )

    @action(detail=True, methods=["post"], serializer_class=ChangeRequestSerializer)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, services.change_request_approve)

    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, services.change_request_reject)

    @action(detail=True, methods=["post"])
    def implement(self, request: Request, pk: str | None = None) -> Response:
        change_request = self.get_object()
        body = ImplementSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            services.change_request_implement(
                change_request=change_request,
                by=request.user,
                implemented_on=body.validated_data.get("implemented_on"),
                expected_version=body.validated_data.get("version"),
            )
        )


routes.register("change-requests", ChangeRequestViewSet, basename="changerequest")
