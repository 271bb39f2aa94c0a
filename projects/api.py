"""projects REST API: projects, memberships, phases, requirements, documents
and cost-entries, registered on config.api.router.

Writes go through projects.services (the same validation as the pages), so
bad input is a 400 naming the field and a stale `version` is a 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from config.api import (
    ProjectRecordViewSet,
    VisibleProjectField,
    expected_version,
    router,
)
from projects import access, services
from projects.models import CostEntry, Document, Membership, Phase, Project, Requirement


class RecordSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    project = VisibleProjectField()

    def validate_project(self, project: Project) -> Project:
        if self.instance is not None and project.pk != self.instance.project_id:
            raise serializers.ValidationError(
                _("A record cannot move to another project.")
            )
        return project


class PlanningViewSet(ProjectRecordViewSet):
    """Creates and updates through projects.services.record_save."""

    m2m: tuple[str, ...] = ()

    def save_instance(
        self, instance: models.Model, extra: dict[str, Any], version: int | None
    ) -> models.Model:
        return services.record_save(
            instance, by=self.request.user, expected_version=version
        )  # type: ignore[arg-type]

    def _apply(self, instance: models.Model, data: dict[str, Any]) -> dict[str, Any]:
        extra = {}
        for key, value in data.items():
            if key in self.m2m:
                extra[key] = value
            else:
                setattr(instance, key, value)
        return extra

    @transaction.atomic
    def perform_create(self, serializer: serializers.ModelSerializer) -> None:  # type: ignore[type-arg]
        self.check_add(serializer)
        instance = serializer.Meta.model()
        extra = self._apply(instance, dict(serializer.validated_data))
        serializer.instance = self.save_instance(instance, extra, None)

    @transaction.atomic
    def perform_update(self, serializer: serializers.ModelSerializer) -> None:  # type: ignore[type-arg]
        version = expected_version(self.request)
        instance = serializer.instance
        extra = self._apply(instance, dict(serializer.validated_data))
        serializer.instance = self.save_instance(instance, extra, version)

    def perform_destroy(self, instance: models.Model) -> None:
        services.record_delete(instance)


# ------------------------------------------------------------------ projects


class ProjectSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "customer",
            "department",
            "manager",
            "status",
            "start_date",
            "target_date",
            "objectives",
            "scope",
            "budget",
            "baselined_on",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["baselined_on", "version", "created_at", "updated_at"]
        extra_kwargs = {"manager": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        target = attrs.get("target_date", getattr(self.instance, "target_date", None))
        if start and target and target < start:
            raise serializers.ValidationError(
                {"target_date": [_("The target date cannot be before the start.")]}
            )
        return attrs


class ProjectFilter(filters.FilterSet):
    class Meta:
        model = Project
        fields = {
            "code": ["exact"],
            "status": ["exact"],
            "manager": ["exact"],
            "department": ["exact"],
            "start_date": ["gte", "lte"],
            "target_date": ["gte", "lte"],
        }


class ProjectViewSet(PlanningViewSet):
    """Projects. Create: project managers and admins (the manager defaults to
    the caller). POST …/{id}/approve/ approves the plan (sets baselined_on)."""

    queryset = Project.objects.order_by("code")
    serializer_class = ProjectSerializer
    tallied = True  # unfiltered pages count from the managers' rollups
    filterset_class = ProjectFilter
    ordering_fields = ["code", "name", "status", "start_date", "target_date", "budget"]

    def check_add(self, serializer: serializers.ModelSerializer) -> None:  # type: ignore[type-arg]
        if not access.can_create_project(self.request.user):
            raise PermissionDenied
        serializer.validated_data.setdefault("manager", self.request.user)
        super().check_add(serializer)

    def save_instance(
        self, instance: models.Model, extra: dict[str, Any], version: int | None
    ) -> models.Model:
        assert isinstance(instance, Project)  # noqa: S101 - narrowing
        if instance.pk is None:
            return services.project_create(project=instance, by=self.request.user)  # type: ignore[arg-type]
        return services.project_update(
            project=instance, by=self.request.user, expected_version=version
        )  # type: ignore[arg-type]

    @action(detail=True, methods=["post"], object_action=access.APPROVE)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        project = self.get_object()
        if access.is_director(request.user) and not access.is_admin(request.user):
            raise PermissionDenied
        services.project_approve_plan(project=project, by=request.user)  # type: ignore[arg-type]
        return Response(self.get_serializer(project).data)


# ---------------------------------------------------------------- memberships


class MembershipSerializer(RecordSerializer):
    class Meta:
        model = Membership
        fields = ["id", "project", "user", "role", "allocation_percent", "created_at"]
        read_only_fields = ["created_at"]
        validators: list[Any] = []  # the service reports duplicates clearly


class MembershipViewSet(PlanningViewSet):
    queryset = Membership.objects.order_by("project_id", "user_id")
    serializer_class = MembershipSerializer
    filterset_fields = ["project", "user", "role"]
    ordering_fields = ["id", "allocation_percent", "role"]


class PhaseSerializer(RecordSerializer):
    class Meta:
        model = Phase
        fields = [
            "id",
            "project",
            "name",
            "order",
            "start_date",
            "end_date",
            "objectives",
        ]


class PhaseViewSet(PlanningViewSet):
    queryset = Phase.objects.order_by("project_id", "order", "pk")
    serializer_class = PhaseSerializer
    filterset_fields = ["project"]
    ordering_fields = ["order", "start_date", "end_date", "name"]


class RequirementSerializer(RecordSerializer):
    class Meta:
        model = Requirement
        fields = [
            "id",
            "project",
            "title",
            "acceptance_criteria",
            "priority",
            "status",
            "due_date",
            "created_at",
            "version",
        ]
        read_only_fields = ["created_at", "version"]


class RequirementViewSet(PlanningViewSet):
    queryset = Requirement.objects.order_by("project_id", "pk")
    serializer_class = RequirementSerializer
    filterset_fields = ["project", "status", "priority"]
    ordering_fields = ["id", "due_date", "created_at", "priority", "status"]


class DocumentSerializer(RecordSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "project",
            "kind",
            "title",
            "due_date",
            "submitted_on",
            "review_status",
            "url",
            "file",
            "created_at",
            "version",
        ]
        read_only_fields = ["file", "created_at", "version"]


class DocumentReviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    review_status = serializers.ChoiceField(choices=Document.ReviewStatus.choices)


class DocumentViewSet(PlanningViewSet):
    """Document metadata (files are uploaded on the pages). QA and managers
    set the review with POST …/{id}/review/ {"review_status": "passed"}."""

    queryset = Document.objects.order_by("project_id", "due_date", "pk")
    serializer_class = DocumentSerializer
    filterset_fields = ["project", "kind", "review_status"]
    ordering_fields = ["id", "due_date", "submitted_on", "kind"]

    @action(
        detail=True,
        methods=["post"],
        object_action=access.REVIEW,
        serializer_class=DocumentReviewSerializer,
    )
    def review(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        body = DocumentReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.document_review(
            document=document,
            review_status=body.validated_data["review_status"],
            by=request.user,  # type: ignore[arg-type]
            expected_version=expected_version(request),
        )
        return Response(
            DocumentSerializer(document, context=self.get_serializer_context()).data
        )


class CostEntrySerializer(RecordSerializer):
    class Meta:
        model = CostEntry
        fields = ["id", "project", "date", "amount", "category", "note", "version"]
        read_only_fields = ["version"]


class CostEntryFilter(filters.FilterSet):
    class Meta:
        model = CostEntry
        fields = {
            "project": ["exact"],
            "category": ["exact"],
            "date": ["exact", "gte", "lte"],
        }


class CostEntryViewSet(PlanningViewSet):
    queryset = CostEntry.objects.order_by("project_id", "-date", "pk")
    serializer_class = CostEntrySerializer
    filterset_class = CostEntryFilter
    ordering_fields = ["date", "amount", "category"]


router.register("projects", ProjectViewSet, basename="project")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("phases", PhaseViewSet, basename="phase")
router.register("requirements", RequirementViewSet, basename="requirement")
router.register("documents", DocumentViewSet, basename="document")
router.register("cost-entries", CostEntryViewSet, basename="cost-entry")

__all__ = ["ValidationError"]
