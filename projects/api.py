"""projects REST API: `users` (read-only), `projects`, `memberships`,
`phases`, `requirements`, `documents` and `cost-entries`.

Writes go through projects.services (the same validation as the pages), so
bad input is a 400 naming the field and a stale `version` is a 409.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api import (
    ReadViewSet,
    Routes,
    ServiceCreate,
    ServiceDestroy,
    ServiceUpdate,
    VersionedSerializer,
)
from projects import access, services
from projects.models import (
    CostEntry,
    Document,
    DocumentReview,
    DocumentVersion,
    Membership,
    Phase,
    Project,
    Requirement,
)
from projects.rest import (
    ProjectRecordViewSet,
    StaysPut,
    VisibleProjectField,
    VisibleRecordField,
)

routes = Routes()


# ---------------------------------------------------------------------- users


class UserSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "department"]
        read_only_fields = fields


class UserFilter(filters.FilterSet):
    class Meta:
        model = User
        fields = {"username": ["exact", "icontains"], "department": ["exact"]}


class UserViewSet(ReadViewSet):
    """People, for looking up ids (owners, members, managers). Who sees whom
    is access.visible_users: admins everyone, staff every active user,
    customers only the people on their projects."""

    queryset = User.objects.order_by("username")
    serializer_class = UserSerializer
    filterset_class = UserFilter
    ordering_fields = ["username", "last_name", "first_name", "id"]

    def get_queryset(self) -> models.QuerySet[User]:
        return access.visible_users(self.request.user, super().get_queryset())


# ------------------------------------------------------------------ projects


class ProjectSerializer(VersionedSerializer):
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
            "baselined_at",
            "baselined_on",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "baselined_at",
            "baselined_on",
            "version",
            "created_at",
            "updated_at",
        ]
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


class ProjectViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    """Projects. Create: project managers and admins (the manager defaults to
    the caller). POST …/{id}/approve/ approves the plan (sets baselined_on)."""

    queryset = Project.objects.order_by("code")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["code", "name", "status", "start_date", "target_date", "budget"]

    def authorize_create(self, serializer: Any) -> None:
        manager = serializer.validated_data.get("manager", self.request.user)
        if not access.can(self.request.user, access.ADD, Project(manager=manager)):
            raise PermissionDenied

    def create_service(self, serializer: Any) -> Project:
        return services.project_create(
            by=self.request.user, data=dict(serializer.validated_data)
        )

    def update_service(self, serializer: Any, version: int | None) -> Project:
        return services.project_update(
            project=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )

    def destroy_service(self, instance: Project) -> None:
        services.project_delete(project=instance, by=self.request.user)

    @action(detail=True, methods=["post"], object_action=access.APPROVE)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        project = self.get_object()
        services.project_approve_plan(project=project, by=request.user)
        return Response(self.get_serializer(project).data)


# ------------------------------------------------------- a project's records


class RecordSerializer(StaysPut):
    project = VisibleProjectField()


class MembershipSerializer(RecordSerializer):
    class Meta:
        model = Membership
        fields = ["id", "project", "user", "role", "allocation_percent", "created_at"]
        read_only_fields = ["created_at"]
        validators: list[Any] = []  # the service reports duplicates clearly


class MembershipViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = Membership.objects.order_by("project_id", "user_id")
    serializer_class = MembershipSerializer
    filterset_fields = ["project", "user", "role"]
    ordering_fields = ["id", "allocation_percent", "role"]

    def create_service(self, serializer: Any) -> Membership:
        data = dict(serializer.validated_data)
        return services.membership_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> Membership:
        return services.membership_update(
            membership=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )

    def destroy_service(self, instance: Membership) -> None:
        services.membership_delete(membership=instance, by=self.request.user)


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


class PhaseViewSet(ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet):
    queryset = Phase.objects.order_by("project_id", "order", "pk")
    serializer_class = PhaseSerializer
    filterset_fields = ["project"]
    ordering_fields = ["order", "start_date", "end_date", "name"]

    def create_service(self, serializer: Any) -> Phase:
        data = dict(serializer.validated_data)
        return services.phase_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> Phase:
        return services.phase_update(
            phase=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )

    def destroy_service(self, instance: Phase) -> None:
        services.phase_delete(phase=instance, by=self.request.user)


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
            "accepted_on",
            "version",
        ]
        read_only_fields = ["created_at", "version"]


class RequirementViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = Requirement.objects.order_by("project_id", "pk")
    serializer_class = RequirementSerializer
    filterset_fields = ["project", "status", "priority"]
    ordering_fields = ["id", "due_date", "created_at", "priority", "status"]

    def create_service(self, serializer: Any) -> Requirement:
        data = dict(serializer.validated_data)
        return services.requirement_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> Requirement:
        return services.requirement_update(
            requirement=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )

    def destroy_service(self, instance: Requirement) -> None:
        services.requirement_delete(requirement=instance, by=self.request.user)


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
            "meeting",
            "update_every_days",
            "url",
            "file",
            "created_at",
            "version",
        ]
        read_only_fields = ["file", "review_status", "created_at", "version"]


class DocumentReviewActionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """POST documents/{id}/review/: `result` (`review_status`, its older
    name, is read when `result` is absent)."""

    result = serializers.ChoiceField(choices=DocumentReview.Result.choices)
    reviewed_on = serializers.DateField(required=False)
    comments = serializers.CharField(required=False, allow_blank=True)
    # the DocumentVersion reviewed (DESIGN §2), not the stale-edit check
    version = serializers.IntegerField(required=False, allow_null=True)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if hasattr(data, "get") and "result" not in data and "review_status" in data:
            data = {**data, "result": data["review_status"]}
        return super().to_internal_value(data)  # type: ignore[no-any-return]


class DocumentViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    """Document metadata (files: document-versions). QA and managers record
    a review with POST …/{id}/review/ {"result": "passed"}."""

    queryset = Document.objects.order_by("project_id", "due_date", "pk")
    serializer_class = DocumentSerializer
    filterset_fields = ["project", "kind", "review_status"]
    ordering_fields = ["id", "due_date", "submitted_on", "kind"]

    def create_service(self, serializer: Any) -> Document:
        data = dict(serializer.validated_data)
        return services.document_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> Document:
        return services.document_update(
            document=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )

    def destroy_service(self, instance: Document) -> None:
        services.document_delete(document=instance, by=self.request.user)

    @action(
        detail=True,
        methods=["post"],
        object_action=access.REVIEW,
        serializer_class=DocumentReviewActionSerializer,
    )
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Record a DocumentReview; the answer is the review (201)."""
        document = self.get_object()
        body = DocumentReviewActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        number = data.pop("version", None)
        if number is not None:
            data["version"] = document.versions.filter(pk=number).first()
            if data["version"] is None:
                raise serializers.ValidationError(
                    {"version": [_("Choose a version of this document.")]}
                )
        review = services.document_review_create(
            document=document,
            by=request.user,  # type: ignore[arg-type]
            data=data,
        )
        return Response(
            DocumentReviewSerializer(
                review, context=self.get_serializer_context()
            ).data,
            status=201,
        )


class DocumentVersionSerializer(StaysPut):
    anchor = "document"
    document = VisibleRecordField(queryset=Document.objects.all())

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "document",
            "number",
            "file",
            "url",
            "submitted_on",
            "submitted_by",
            "note",
            "created_at",
        ]
        read_only_fields = ["number", "submitted_by", "created_at"]


class DocumentVersionFilter(filters.FilterSet):
    project = filters.NumberFilter(field_name="document__project", label="project")

    class Meta:
        model = DocumentVersion
        fields = {
            "document": ["exact"],
            "submitted_on": ["exact", "gte", "lte"],
        }


class DocumentVersionViewSet(ServiceCreate, ProjectRecordViewSet):
    """Every submission of a document, numbered; a new file or link is a new
    version (POST, multipart for a file), earlier ones are kept."""

    queryset = DocumentVersion.objects.select_related("document").order_by(
        "document_id", "number"
    )
    serializer_class = DocumentVersionSerializer
    filterset_class = DocumentVersionFilter
    ordering_fields = ["id", "number", "submitted_on"]

    def create_service(self, serializer: Any) -> DocumentVersion:
        data = dict(serializer.validated_data)
        return services.document_version_create(
            document=data.pop("document"), by=self.request.user, data=data
        )


class DocumentReviewSerializer(StaysPut):
    anchor = "document"
    document = VisibleRecordField(queryset=Document.objects.all())
    version = VisibleRecordField(
        queryset=DocumentVersion.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = DocumentReview
        fields = [
            "id",
            "document",
            "version",
            "reviewer",
            "result",
            "reviewed_on",
            "comments",
            "created_at",
        ]
        read_only_fields = ["reviewer", "created_at"]


# The review action answers 201 with the review it recorded (its serializer
# is defined only now, below the documents' viewset).
extend_schema(
    request=DocumentReviewActionSerializer,
    responses={201: DocumentReviewSerializer},
)(DocumentViewSet.review)


class DocumentReviewFilter(filters.FilterSet):
    project = filters.NumberFilter(field_name="document__project", label="project")

    class Meta:
        model = DocumentReview
        fields = {
            "document": ["exact"],
            "result": ["exact"],
            "reviewer": ["exact"],
            "reviewed_on": ["exact", "gte", "lte"],
        }


class DocumentReviewViewSet(ServiceCreate, ProjectRecordViewSet):
    """Reviews of documents by the project's QA or manager; the document's
    review_status is the latest result."""

    queryset = DocumentReview.objects.select_related("document").order_by(
        "document_id", "reviewed_on", "pk"
    )
    serializer_class = DocumentReviewSerializer
    filterset_class = DocumentReviewFilter
    ordering_fields = ["id", "reviewed_on"]

    def create_service(self, serializer: Any) -> DocumentReview:
        data = dict(serializer.validated_data)
        return services.document_review_create(
            document=data.pop("document"), by=self.request.user, data=data
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


class CostEntryViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = CostEntry.objects.order_by("project_id", "-date", "pk")
    serializer_class = CostEntrySerializer
    filterset_class = CostEntryFilter
    ordering_fields = ["date", "amount", "category"]

    def create_service(self, serializer: Any) -> CostEntry:
        data = dict(serializer.validated_data)
        return services.cost_entry_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> CostEntry:
        return services.cost_entry_update(
            cost_entry=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )

    def destroy_service(self, instance: CostEntry) -> None:
        services.cost_entry_delete(cost_entry=instance, by=self.request.user)


routes.register("users", UserViewSet, basename="users")
routes.register("projects", ProjectViewSet, basename="project")
routes.register("memberships", MembershipViewSet, basename="membership")
routes.register("phases", PhaseViewSet, basename="phase")
routes.register("requirements", RequirementViewSet, basename="requirement")
routes.register("documents", DocumentViewSet, basename="document")
routes.register(
    "document-versions", DocumentVersionViewSet, basename="document-version"
)
routes.register("document-reviews", DocumentReviewViewSet, basename="document-review")
routes.register("cost-entries", CostEntryViewSet, basename="cost-entry")
