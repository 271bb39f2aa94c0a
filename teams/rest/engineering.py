"""REST resources of the director's own records (DESIGN §7):
`technical-reviews` (POST `…/{id}/decide/` with decision, rationale and
conditions), `tech-plans`, `tech-standards` (POST `…/{id}/retire/` and
`new-version/` besides the chain's steps) and `purchase-plans`. Each chain
takes POST `…/{id}/submit/`, `approve/` and `return/` (with `reason`), by
whoever holds the step that is due."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import Routes, ServiceCreate, ServiceUpdate, expected_version
from projects.rest import VisibleProjectField
from teams import engineering_services as services
from teams.models.engineering import (
    KeyResult,
    PurchaseItem,
    PurchasePlan,
    ReviewCondition,
    TechIntroduction,
    TechnicalReview,
    TechnicalReviewRound,
    TechObjective,
    TechPlan,
    TechStandard,
)
from teams.rest.base import ApprovalActions, VisiblePersonField
from teams.rest.recruitment import Visible, refused

routes = Routes()

STATE_FIELDS = ["state", "waiting_on", "waiting_on_capability", "submitted_at"]


# ------------------------------------------------------- technical reviews


class ConditionSerializer(serializers.ModelSerializer[ReviewCondition]):
    class Meta:
        model = ReviewCondition
        fields = [
            "id",
            "round",
            "description",
            "owner",
            "due_date",
            "completed_on",
            "version",
        ]
        read_only_fields = fields


class RoundSerializer(serializers.ModelSerializer[TechnicalReviewRound]):
    # Read-only fields lose allow_blank in DRF: an open round's outcome is "",
    # which the schema must admit.
    outcome = serializers.ChoiceField(
        choices=TechnicalReviewRound.Outcome.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = TechnicalReviewRound
        fields = [
            "number",
            "proposal",
            "options",
            "submitted_at",
            "outcome",
            "rationale",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="TechnicalReviewRecord")
class TechnicalReviewSerializer(serializers.ModelSerializer[TechnicalReview]):
    project = VisibleProjectField(allow_null=True, required=False)
    reviewers = VisiblePersonField(many=True, required=False)
    document_url = serializers.SerializerMethodField()
    conditions = ConditionSerializer(many=True, read_only=True)
    rounds = RoundSerializer(many=True, read_only=True)
    # "" until a director decides (read-only fields lose allow_blank in DRF).
    decision = serializers.ChoiceField(
        choices=TechnicalReview.Decision.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = TechnicalReview
        fields = [
            "id",
            "title",
            "project",
            "author",
            "proposal",
            "options",
            "document_url",
            "reviewers",
            "round",
            "decision",
            "rationale",
            "decided_by",
            "decided_at",
            *STATE_FIELDS,
            "conditions",
            "rounds",
            "created_at",
            "version",
        ]
        read_only_fields = [
            "author",
            "round",
            "decision",
            "rationale",
            "decided_by",
            "decided_at",
            *STATE_FIELDS,
            "created_at",
            "version",
        ]

    def validate_project(self, project: Any) -> Any:
        request = self.context.get("request")
        if request is not None and not services.may_link_project(request.user, project):
            raise serializers.ValidationError(
                _(
                    "Link a review only to a project you manage or advise as its "
                    "technical expert."
                )
            )
        return project

    def get_document_url(self, review: TechnicalReview) -> str | None:
        if not review.document:
            return None
        return reverse("teams:technical_review_document", args=[review.pk])


class ConditionInputSerializer(serializers.ModelSerializer[ReviewCondition]):
    owner = VisiblePersonField()

    class Meta:
        model = ReviewCondition
        fields = ["description", "owner", "due_date"]


class ReviewDecisionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.ChoiceField(choices=TechnicalReview.Decision.choices)
    rationale = serializers.CharField()
    conditions = ConditionInputSerializer(many=True, required=False, default=list)
    version = serializers.IntegerField(required=False, min_value=1)


class TechnicalReviewViewSet(ApprovalActions, ServiceCreate, ServiceUpdate, Visible):
    """Reviews seen by their author's line, their reviewers, directors, the
    general manager, HR and admins; a director other than the author takes
    the decision (`approve/` is a plain approval, `decide/` any decision)."""

    queryset = TechnicalReview.objects.select_related("project").prefetch_related(
        "reviewers", "conditions", "rounds"
    )
    serializer_class = TechnicalReviewSerializer
    filterset_fields = {
        "state": ["exact"],
        "decision": ["exact"],
        "project": ["exact"],
        "author": ["exact"],
    }
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]

    def create_service(self, serializer: Any) -> TechnicalReview:
        data = dict(serializer.validated_data)
        reviewers = data.pop("reviewers", [])
        try:
            return services.technical_review_create(
                by=self.request.user, data=data, reviewers=reviewers
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    def update_service(self, serializer: Any, version: int | None) -> TechnicalReview:
        data = dict(serializer.validated_data)
        reviewers = data.pop("reviewers", None)
        return services.technical_review_update(
            review=serializer.instance,
            by=self.request.user,
            data=data,
            reviewers=reviewers,
            expected_version=version,
        )

    def submit_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return services.technical_review_submit(
            review=record, by=by, comment=comment, expected_version=version
        )

    def approve_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        """A plain approval; its rationale is the `comment` sent (an error
        about the rationale names that field)."""
        try:
            return services.technical_review_decide(
                review=record,
                by=by,
                decision=TechnicalReview.Decision.APPROVED,
                rationale=comment,
                expected_version=version,
            )
        except DjangoValidationError as error:
            errors = getattr(error, "error_dict", None)
            if errors is not None and "rationale" in errors:
                errors["comment"] = errors.pop("rationale")
            raise

    def return_service(
        self, record: Any, by: Any, reason: str, comment: str, version: Any
    ) -> Any:
        return services.technical_review_return(
            review=record,
            by=by,
            reason=reason,
            comment=comment,
            expected_version=version,
        )

    @extend_schema(request=ReviewDecisionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """A director's decision with its rationale; an approval with
        conditions lists them (description, owner, due_date)."""
        record = self.get_object()
        if not services.may_decide(request.user, record):
            # Refused before the body is read: whatever was sent, a 403.
            raise refused(
                DjangoPermissionDenied(
                    _("You hold no step of this record's approval chain.")
                )
            )
        body = ReviewDecisionSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return self._answer(
            services.technical_review_decide(
                review=record,
                by=request.user,
                decision=data["decision"],
                rationale=data["rationale"],
                conditions=data["conditions"],
                expected_version=data.get("version") or expected_version(request),
            )
        )


routes.register("technical-reviews", TechnicalReviewViewSet, basename="technicalreview")


# ----------------------------------------------------------- technical plans


class KeyResultSerializer(serializers.ModelSerializer[KeyResult]):
    progress = serializers.IntegerField(read_only=True)

    class Meta:
        model = KeyResult
        fields = ["id", "description", "target", "current", "unit", "progress"]
        read_only_fields = ["id", "progress"]


class ObjectiveSerializer(serializers.ModelSerializer[TechObjective]):
    key_results = KeyResultSerializer(many=True, required=False)

    class Meta:
        model = TechObjective
        fields = ["id", "title", "position", "key_results"]
        read_only_fields = ["id", "position"]


class IntroductionSerializer(serializers.ModelSerializer[TechIntroduction]):
    class Meta:
        model = TechIntroduction
        fields = ["id", "name", "quadrant", "stage", "note"]
        read_only_fields = ["id"]


@extend_schema_serializer(component_name="TechPlanRecord")
class TechPlanSerializer(serializers.ModelSerializer[TechPlan]):
    objectives = ObjectiveSerializer(many=True, required=False)
    introductions = IntroductionSerializer(many=True, required=False)

    class Meta:
        model = TechPlan
        fields = [
            "id",
            "title",
            "owner",
            "period_start",
            "period_end",
            "summary",
            "objectives",
            "introductions",
            *STATE_FIELDS,
            "created_at",
            "version",
        ]
        read_only_fields = ["owner", *STATE_FIELDS, "created_at", "version"]


def _nested(data: dict[str, Any], name: str) -> list[dict[str, Any]] | None:
    items = data.pop(name, None)
    if items is None:
        return None
    return [
        {
            key: ([dict(r) for r in value] if key == "key_results" else value)
            for key, value in dict(item).items()
        }
        for item in items
    ]


class TechPlanViewSet(ApprovalActions, ServiceCreate, ServiceUpdate, Visible):
    """Plans seen by their owner's line and those who read every team
    record; the owner submits, the general manager approves."""

    queryset = TechPlan.objects.prefetch_related(
        "objectives__key_results", "introductions"
    )
    serializer_class = TechPlanSerializer
    filterset_fields = {"state": ["exact"], "owner": ["exact"]}
    ordering_fields = ["period_start", "id"]
    ordering = ["-period_start", "-id"]

    def create_service(self, serializer: Any) -> TechPlan:
        data = dict(serializer.validated_data)
        objectives = _nested(data, "objectives") or []
        introductions = _nested(data, "introductions") or []
        try:
            return services.tech_plan_create(
                by=self.request.user,
                data=data,
                objectives=objectives,
                introductions=introductions,
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    def update_service(self, serializer: Any, version: int | None) -> TechPlan:
        data = dict(serializer.validated_data)
        return services.tech_plan_update(
            plan=serializer.instance,
            by=self.request.user,
            data=data,
            objectives=_nested(data, "objectives"),
            introductions=_nested(data, "introductions"),
            expected_version=version,
        )

    def submit_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return services.tech_plan_submit(
            plan=record, by=by, comment=comment, expected_version=version
        )


routes.register("tech-plans", TechPlanViewSet, basename="techplan")


# -------------------------------------------------------- technical standards


@extend_schema_serializer(component_name="TechStandardRecord")
class TechStandardSerializer(serializers.ModelSerializer[TechStandard]):
    # DESIGN §7 names a standard's stage `status` (draft → in_review →
    # published → retired); `state` is the approval mechanism's same value.
    status = serializers.CharField(source="state", read_only=True)

    class Meta:
        model = TechStandard
        fields = [
            "id",
            "code",
            "title",
            "revision",
            "status",
            "owner",
            "body",
            "next_review_on",
            "published_on",
            "retired_on",
            "previous",
            *STATE_FIELDS,
            "created_at",
            "version",
        ]
        read_only_fields = [
            "revision",
            "owner",
            "published_on",
            "retired_on",
            "previous",
            *STATE_FIELDS,
            "created_at",
            "version",
        ]


class VersionOnlySerializer(serializers.Serializer):  # type: ignore[type-arg]
    version = serializers.IntegerField(required=False, min_value=1)


class TechStandardViewSet(ApprovalActions, ServiceCreate, ServiceUpdate, Visible):
    """Published and retired versions are company-wide (every internal role
    reads them); a version being written only its owner's line and those
    who read every team record.
    The author puts a draft to review (`submit/`), a director other than
    the author publishes it (`approve/`) or returns it; `retire/` and
    `new-version/` move a published standard on."""

    queryset = TechStandard.objects.all()
    serializer_class = TechStandardSerializer
    filterset_fields = {
        "state": ["exact"],
        "code": ["exact"],
        "owner": ["exact"],
        "next_review_on": ["lte", "gte"],
    }
    ordering_fields = ["code", "revision", "next_review_on", "id"]
    ordering = ["code", "-revision", "-id"]

    def create_service(self, serializer: Any) -> TechStandard:
        try:
            return services.tech_standard_create(
                by=self.request.user, data=dict(serializer.validated_data)
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    def update_service(self, serializer: Any, version: int | None) -> TechStandard:
        return services.tech_standard_update(
            standard=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )

    def submit_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return services.tech_standard_submit(
            standard=record, by=by, comment=comment, expected_version=version
        )

    def approve_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return services.tech_standard_publish(
            standard=record, by=by, comment=comment, expected_version=version
        )

    @extend_schema(request=VersionOnlySerializer)
    @action(detail=True, methods=["post"])
    def retire(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()
        return self._answer(
            services.tech_standard_retire(
                standard=record,
                by=request.user,
                expected_version=expected_version(request),
            )
        )

    @extend_schema(request=None, responses={201: TechStandardSerializer})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request: Request, pk: str | None = None) -> Response:
        """A new draft of the standard, the next version number."""
        record = self.get_object()
        try:
            draft = services.tech_standard_new_version(standard=record, by=request.user)
        except DjangoPermissionDenied as error:
            raise refused(error) from error
        fresh = self.get_queryset().get(pk=draft.pk)
        return Response(self.get_serializer(fresh).data, status=201)


routes.register("tech-standards", TechStandardViewSet, basename="techstandard")


# ------------------------------------------------------------ purchase plans


class PurchaseItemSerializer(serializers.ModelSerializer[PurchaseItem]):
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = PurchaseItem
        fields = [
            "id",
            "category",
            "description",
            "quantity",
            "unit_cost",
            "reason",
            "total",
        ]
        read_only_fields = ["id", "total"]


@extend_schema_serializer(component_name="PurchasePlanRecord")
class PurchasePlanSerializer(serializers.ModelSerializer[PurchasePlan]):
    items = PurchaseItemSerializer(many=True, required=False)
    total = serializers.SerializerMethodField()

    class Meta:
        model = PurchasePlan
        fields = [
            "id",
            "title",
            "owner",
            "period_start",
            "period_end",
            "note",
            "items",
            "total",
            *STATE_FIELDS,
            "created_at",
            "version",
        ]
        read_only_fields = ["owner", *STATE_FIELDS, "created_at", "version"]

    @extend_schema_field(
        serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    )
    def get_total(self, plan: PurchasePlan) -> str:
        total = sum((item.total for item in plan.items.all()), Decimal(0))
        return f"{total:.2f}"


class PurchasePlanViewSet(ApprovalActions, ServiceCreate, ServiceUpdate, Visible):
    """A director's purchase plan: seen by their line and those who read
    every team record; the general manager approves it."""

    queryset = PurchasePlan.objects.prefetch_related("items")
    serializer_class = PurchasePlanSerializer
    filterset_fields = {"state": ["exact"], "owner": ["exact"]}
    ordering_fields = ["period_start", "id"]
    ordering = ["-period_start", "-id"]

    def create_service(self, serializer: Any) -> PurchasePlan:
        data = dict(serializer.validated_data)
        items = [dict(i) for i in data.pop("items", [])]
        try:
            return services.purchase_plan_create(
                by=self.request.user, data=data, items=items
            )
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    def update_service(self, serializer: Any, version: int | None) -> PurchasePlan:
        data = dict(serializer.validated_data)
        items = data.pop("items", None)
        return services.purchase_plan_update(
            plan=serializer.instance,
            by=self.request.user,
            data=data,
            items=None if items is None else [dict(i) for i in items],
            expected_version=version,
        )

    def submit_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return services.purchase_plan_submit(
            plan=record, by=by, comment=comment, expected_version=version
        )


routes.register("purchase-plans", PurchasePlanViewSet, basename="purchaseplan")
