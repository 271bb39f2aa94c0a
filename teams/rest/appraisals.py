"""REST resources of appraisals: `appraisal-schemes`, `appraisal-cycles`,
`appraisals` (POST `…/{id}/submit/` takes the self or manager review with
`scores`, `approve/` the director's calibration or the feedback talk,
`return/` sends it back one step with a `reason`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import roles
from accounts.models import User
from core.api import ReadViewSet, Routes, ServiceCreate
from projects import access
from teams import appraisal_services as services
from teams.models.appraisals import (
    Appraisal,
    AppraisalCriterion,
    AppraisalCycle,
    AppraisalScheme,
    AppraisalScore,
    ImprovementAction,
)
from teams.rest.base import ApprovalActions

routes = Routes()


def _refuse(error: DjangoPermissionDenied) -> PermissionDenied:
    return PermissionDenied(str(error) or None)


class CriterionSerializer(serializers.ModelSerializer[AppraisalCriterion]):
    class Meta:
        model = AppraisalCriterion
        fields = ["id", "name", "description", "weight", "kpi", "position"]
        read_only_fields = ["id", "position"]


class AppraisalSchemeSerializer(serializers.ModelSerializer[AppraisalScheme]):
    criteria = CriterionSerializer(many=True)

    class Meta:
        model = AppraisalScheme
        fields = [
            "id",
            "name",
            "description",
            "scale_min",
            "scale_max",
            "author",
            "criteria",
            "state",
            "waiting_on",
            "waiting_on_capability",
            "submitted_at",
            "created_at",
            "version",
        ]
        read_only_fields = [
            "author",
            "state",
            "waiting_on",
            "waiting_on_capability",
            "submitted_at",
            "created_at",
            "version",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        low, high = attrs.get("scale_min", 1), attrs.get("scale_max", 5)
        if high <= low:
            raise serializers.ValidationError(
                {"scale_max": [_("The highest score must exceed the lowest.")]}
            )
        return attrs


class SchemeAccess(permissions.IsAuthenticated):
    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and roles.has_capability(
            request.user, "teams.view_appraisalscheme"
        )


class AppraisalSchemeViewSet(ApprovalActions, ServiceCreate, ReadViewSet):
    """Schemes are read by those holding `view_appraisalscheme` (directors,
    the general manager, HR, managers); directors write them."""

    queryset = AppraisalScheme.objects.select_related("author").prefetch_related(
        "criteria"
    )
    serializer_class = AppraisalSchemeSerializer
    permission_classes = [SchemeAccess]
    filterset_fields = {"author": ["exact"]}
    ordering_fields = ["created_at", "name", "id"]
    ordering = ["-created_at", "-id"]

    def create_service(self, serializer: Any) -> AppraisalScheme:
        data = dict(serializer.validated_data)
        criteria = data.pop("criteria")
        try:
            return services.appraisal_scheme_create(
                by=self.request.user, data=data, criteria=criteria
            )
        except DjangoPermissionDenied as error:
            raise _refuse(error) from error


routes.register("appraisal-schemes", AppraisalSchemeViewSet, basename="appraisalscheme")


class AppraisalCycleSerializer(serializers.ModelSerializer[AppraisalCycle]):
    people = serializers.PrimaryKeyRelatedField(
        many=True,
        write_only=True,
        required=False,
        queryset=User.objects.filter(is_active=True),
    )

    class Meta:
        model = AppraisalCycle
        fields = [
            "id",
            "name",
            "scheme",
            "period_start",
            "period_end",
            "self_review_due",
            "manager_review_due",
            "calibration_due",
            "feedback_due",
            "status",
            "created_by",
            "created_at",
            "people",
            "version",
        ]
        read_only_fields = ["status", "created_by", "created_at", "version"]


class AppraisalCycleViewSet(ServiceCreate, ReadViewSet):
    """Cycles in which the user sees an appraisal (every cycle for those who
    read every appraisal); directors open them."""

    queryset = AppraisalCycle.objects.all()
    serializer_class = AppraisalCycleSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = {
        "scheme": ["exact"],
        "status": ["exact"],
        "period_end": ["gte", "lte"],
    }
    ordering_fields = ["period_end", "id"]
    ordering = ["-period_end", "-id"]

    def get_queryset(self) -> Any:
        qs = super().get_queryset()
        if access.reads_team(self.request.user, Appraisal.access):
            return qs
        return qs.filter(
            pk__in=Appraisal.objects.visible_to(self.request.user).values("cycle_id")
        )

    def create_service(self, serializer: Any) -> AppraisalCycle:
        data = dict(serializer.validated_data)
        people = data.pop("people", [])
        try:
            return services.appraisal_cycle_create(
                by=self.request.user, data=data, people=people
            )
        except DjangoPermissionDenied as error:
            raise _refuse(error) from error


routes.register("appraisal-cycles", AppraisalCycleViewSet, basename="appraisalcycle")


class ScoreSerializer(serializers.ModelSerializer[AppraisalScore]):
    class Meta:
        model = AppraisalScore
        fields = [
            "criterion",
            "self_score",
            "self_note",
            "manager_score",
            "manager_note",
        ]


class ImprovementActionSerializer(serializers.ModelSerializer[ImprovementAction]):
    class Meta:
        model = ImprovementAction
        fields = ["id", "description", "owner", "due_date", "completed_on", "version"]
        read_only_fields = fields


class AppraisalSerializer(serializers.ModelSerializer[Appraisal]):
    scores = serializers.SerializerMethodField()
    improvement_actions = ImprovementActionSerializer(many=True, read_only=True)

    class Meta:
        model = Appraisal
        fields = [
            "id",
            "cycle",
            "person",
            "manager",
            "stage",
            "self_comment",
            "self_submitted_at",
            "manager_comment",
            "manager_submitted_at",
            "manager_score",
            "final_score",
            "calibration_note",
            "calibrated_by",
            "calibrated_at",
            "feedback_held_on",
            "feedback_note",
            "closed_at",
            "return_reason",
            "scores",
            "improvement_actions",
            "version",
        ]
        read_only_fields = fields

    def get_scores(self, appraisal: Appraisal) -> list[dict[str, Any]]:
        """The person does not read the manager's scores before the talk."""
        request = self.context.get("request")
        rows = ScoreSerializer(appraisal.scores.all(), many=True).data
        hide = (
            request is not None
            and request.user.pk == appraisal.person_id
            and appraisal.stage
            not in (Appraisal.Stage.FEEDBACK, Appraisal.Stage.CLOSED)
        )
        if hide:
            for row in rows:
                row["manager_score"], row["manager_note"] = None, ""
        return rows  # type: ignore[return-value]


class ReviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    scores = serializers.DictField(child=serializers.JSONField())
    notes = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    stage = serializers.ChoiceField(choices=Appraisal.Stage.choices, required=False)
    version = serializers.IntegerField(required=False)


class DecideSerializer(serializers.Serializer):  # type: ignore[type-arg]
    final_score = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    held_on = serializers.DateField(required=False)
    stage = serializers.ChoiceField(choices=Appraisal.Stage.choices, required=False)
    version = serializers.IntegerField(required=False)


class ReturnSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField()
    version = serializers.IntegerField(required=False)


class AppraisalViewSet(ReadViewSet):
    """Appraisals the user may read (DESIGN §4: the person, their reporting
    line, their department's head, directors, the general manager, HR,
    admins); others get 404."""

    queryset = Appraisal.objects.select_related("cycle").prefetch_related(
        "scores", "improvement_actions"
    )
    serializer_class = AppraisalSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = {
        "cycle": ["exact"],
        "person": ["exact"],
        "manager": ["exact"],
        "stage": ["exact"],
    }
    ordering_fields = ["id", "final_score"]
    ordering = ["id"]

    def get_queryset(self) -> Any:
        return super().get_queryset().visible_to(self.request.user)

    def _answer(self, appraisal: Appraisal) -> Response:
        fresh = self.get_queryset().get(pk=appraisal.pk)
        return Response(self.get_serializer(fresh).data)

    def _take(self, take: Any, stage: str | None = None, **kwargs: Any) -> Response:
        """Run a step's service; `stage` (optional) is the step the client
        means to take: if someone took it first, the loser is told (400)."""
        appraisal = self.get_object()
        if stage and stage != appraisal.stage:
            raise serializers.ValidationError(
                {
                    "stage": [
                        _(
                            "This appraisal is at “%(now)s”, not “%(step)s”: "
                            "someone may have taken the step already. Reload the page."
                        )
                        % {
                            "now": appraisal.get_stage_display(),
                            "step": Appraisal.Stage(stage).label,
                        }
                    ]
                }
            )
        try:
            return self._answer(
                take(appraisal=appraisal, by=self.request.user, **kwargs)
            )
        except DjangoPermissionDenied as error:
            raise _refuse(error) from error

    @action(detail=True, methods=["post"], serializer_class=ReviewSerializer)
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Take the self review (the person) or the manager review (the
        manager): `scores` maps each criterion id to a score on the scale."""
        appraisal = self.get_object()
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        take = (
            services.appraisal_manager_review_submit
            if appraisal.stage == Appraisal.Stage.MANAGER_REVIEW
            else services.appraisal_self_review_submit
        )
        data = body.validated_data
        self.serializer_class = AppraisalSerializer
        return self._take(
            take,
            scores=data["scores"],
            notes=data.get("notes") or {},
            comment=data.get("comment", ""),
            stage=data.get("stage"),
            expected_version=data.get("version"),
        )

    @action(detail=True, methods=["post"], serializer_class=DecideSerializer)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Take the director's calibration (`final_score`, `note`) or record
        the feedback talk (`held_on`, `note`), whichever is due."""
        appraisal = self.get_object()
        body = DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        self.serializer_class = AppraisalSerializer
        if appraisal.stage == Appraisal.Stage.FEEDBACK:
            return self._take(
                services.appraisal_feedback_record,
                held_on=data.get("held_on"),
                note=data.get("note", ""),
                stage=data.get("stage"),
                expected_version=data.get("version"),
            )
        return self._take(
            services.appraisal_calibrate,
            final_score=data.get("final_score"),
            note=data.get("note", ""),
            stage=data.get("stage"),
            expected_version=data.get("version"),
        )

    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        serializer_class=ReturnSerializer,
    )
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Send the appraisal back one step with a `reason`."""
        self.get_object()  # 404 to those who may not see it, before the body
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        self.serializer_class = AppraisalSerializer
        return self._take(
            services.appraisal_return,
            reason=body.validated_data["reason"],
            expected_version=body.validated_data.get("version"),
        )


routes.register("appraisals", AppraisalViewSet, basename="appraisal")
