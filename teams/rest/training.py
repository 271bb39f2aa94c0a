"""`training-plans` (with items and the approval actions) and `training-records`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ServiceCreate, ServiceDestroy, ServiceUpdate
from projects import access
from projects.rest import ProjectRecordViewSet
from teams import approvals
from teams.models import Skill, TrainingItem, TrainingPlan, TrainingRecord
from teams.rest.base import (
    ApprovalActions,
    ApprovalStepSerializer,
    TeamPersonField,
    VisiblePersonField,
)
from teams.services import training as services

User = get_user_model()


class TrainingItemSerializer(serializers.ModelSerializer[TrainingItem]):
    skill = serializers.PrimaryKeyRelatedField(
        queryset=Skill.objects.all(), allow_null=True, required=False
    )
    target_level = serializers.IntegerField(allow_null=True, required=False)
    participants = VisiblePersonField(many=True, required=False)

    class Meta:
        model = TrainingItem
        fields = [
            "id",
            "topic",
            "skill",
            "target_level",
            "participants",
            "planned_on",
            "hours",
            "cost",
        ]
        read_only_fields = ["id"]


class TrainingPlanSerializer(serializers.ModelSerializer[TrainingPlan]):
    items = TrainingItemSerializer(many=True, required=False)
    steps = serializers.SerializerMethodField()
    due_step = serializers.SerializerMethodField()

    class Meta:
        model = TrainingPlan
        fields = [
            "id",
            "owner",
            "title",
            "period_start",
            "period_end",
            "note",
            "state",
            "due_step",
            "waiting_on",
            "submitted_at",
            "items",
            "steps",
            "created_at",
            "version",
        ]
        read_only_fields = [
            "id",
            "owner",
            "state",
            "waiting_on",
            "submitted_at",
            "created_at",
            "version",
        ]

    def get_steps(self, plan: TrainingPlan) -> list[dict[str, Any]]:
        steps = sorted(plan.approval_steps.all(), key=lambda s: (s.taken_at, s.pk))
        return ApprovalStepSerializer(steps, many=True).data  # type: ignore[return-value]

    def get_due_step(self, plan: TrainingPlan) -> dict[str, Any] | None:
        step = plan.due_step()
        if step is None:
            return None
        return {
            "state": step.state,
            "label": str(step.label),
            "holder": approvals.holder_label(plan, step),
        }


class TrainingPlanViewSet(
    ApprovalActions, ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    """A manager's training plan; its items are written with it while it is a
    draft or returned (PUT/PATCH with `items` replaces them)."""

    queryset = TrainingPlan.objects.select_related(
        "owner__reports_to", "owner__department__head"
    ).prefetch_related(
        "approval_steps",
        Prefetch(
            "items", queryset=TrainingItem.objects.prefetch_related("participants")
        ),
    )
    serializer_class = TrainingPlanSerializer
    filterset_fields = {
        "owner": ["exact"],
        "state": ["exact"],
        "waiting_on": ["exact"],
        "period_start": ["gte", "lte"],
    }
    ordering = ["-period_start", "-id"]
    STEP_ACTIONS = {
        "submit": access.VIEW,
        "approve": access.VIEW,
        "return_": access.VIEW,
    }

    @property
    def object_action(self) -> str | None:  # type: ignore[override]
        # The approval service decides who takes a step (403 names the holder).
        return self.STEP_ACTIONS.get(self.action or "")

    def authorize_create(self, serializer: Any) -> None:
        user = self.request.user
        if not access.can(user, access.ADD, TrainingPlan(owner=user)):
            raise PermissionDenied
        if not services.is_manager(user):
            raise PermissionDenied(services.NOT_A_MANAGER)

    def create_service(self, serializer: Any) -> TrainingPlan:
        data = dict(serializer.validated_data)
        items = data.pop("items", None)
        return services.training_plan_create(
            by=self.request.user, data=data, items=items
        )

    def update_service(self, serializer: Any, version: int | None) -> TrainingPlan:
        data = dict(serializer.validated_data)
        items = data.pop("items", None)
        plan = services.training_plan_update(
            plan=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )
        if items is not None:
            for item in list(plan.items.all()):
                services.training_item_delete(item=item, by=self.request.user)
            for item in items:
                services.training_item_create(
                    plan=plan, by=self.request.user, data=item
                )
        return plan

    def destroy_service(self, instance: TrainingPlan) -> None:
        services.training_plan_delete(plan=instance, by=self.request.user)

    def submit_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return services.training_plan_submit(
            plan=record, by=by, comment=comment, expected_version=version
        )


class TrainingRecordSerializer(serializers.ModelSerializer[TrainingRecord]):
    item = serializers.PrimaryKeyRelatedField(queryset=TrainingItem.objects.all())
    participant = TeamPersonField()
    feedback = serializers.IntegerField(
        allow_null=True, required=False, min_value=1, max_value=5
    )
    proposed_level = serializers.IntegerField(allow_null=True, required=False)

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "item",
            "participant",
            "attended",
            "hours",
            "result",
            "completed_on",
            "feedback",
            "proposed_level",
            "assessment",
        ]
        read_only_fields = ["id", "assessment"]

    def validate_item(self, item: TrainingItem) -> TrainingItem:
        request = self.context.get("request")
        if request is not None and not access.can(request.user, access.VIEW, item):
            raise serializers.ValidationError(
                serializers.PrimaryKeyRelatedField.default_error_messages[
                    "does_not_exist"
                ].format(pk_value=item.pk)
            )
        return item


class ConfirmLevelSerializer(serializers.Serializer[Any]):
    level = serializers.IntegerField(required=False)


class TrainingRecordViewSet(ServiceCreate, ServiceUpdate, ProjectRecordViewSet):
    """Attendance, hours, result and completion per participant; the
    participant adds their feedback; `confirm-level/` turns a proposed level
    into a skill assessment (the participant's manager)."""

    queryset = TrainingRecord.objects.select_related("item__plan", "participant")
    serializer_class = TrainingRecordSerializer
    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    filterset_fields = {
        "item": ["exact"],
        "item__plan": ["exact"],
        "participant": ["exact"],
        "completed_on": ["exact", "gte", "lte"],
    }
    ordering = ["-id"]

    @property
    def object_action(self) -> str | None:  # type: ignore[override]
        return access.VIEW if self.action == "confirm_level" else None

    def unsaved_instance(self, serializer: Any) -> TrainingRecord:
        return TrainingRecord(
            item=serializer.validated_data["item"],
            participant=serializer.validated_data["participant"],
        )

    def authorize_create(self, serializer: Any) -> None:
        access.require(self.request.user, access.ADD, self.unsaved_instance(serializer))

    def create_service(self, serializer: Any) -> TrainingRecord:
        data = dict(serializer.validated_data)
        return services.training_record_save(
            by=self.request.user,
            item=data.pop("item"),
            participant=data.pop("participant"),
            data=data,
        )

    def update_service(self, serializer: Any, version: int | None) -> TrainingRecord:
        data = dict(serializer.validated_data)
        record = serializer.instance
        for anchor in ("item", "participant"):
            value = data.pop(anchor, None)
            if value is not None and value.pk != getattr(record, f"{anchor}_id"):
                raise serializers.ValidationError({anchor: [_moved()]})
        return services.training_record_save(
            by=self.request.user,
            item=record.item,
            participant=record.participant,
            data=data,
        )

    @action(detail=True, methods=["post"], url_path="confirm-level")
    def confirm_level(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()
        body = ConfirmLevelSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.training_record_confirm_level(
            record=record, by=request.user, level=body.validated_data.get("level")
        )
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(
            TrainingRecordSerializer(fresh, context={"request": request}).data
        )


def _moved() -> str:
    from django.utils.translation import gettext as _

    return _("A training record stays with its item and participant.")
