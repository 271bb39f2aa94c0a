"""risks REST API: `risks`, `risk-responses` and `issues` on config.api.router."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from config.api import (
    ProjectRecordViewSet,
    VisibleProjectField,
    VisibleRecordField,
    expected_version,
    router,
)
from risks import services
from risks.models import Issue, Risk, RiskResponse


class StayInPlaceMixin:
    """A record cannot move to another project (or risk) by an update."""

    anchor = "project"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = getattr(self, "instance", None)
        if (
            instance is not None
            and self.anchor in attrs
            and getattr(attrs[self.anchor], "pk", None)
            != getattr(instance, f"{self.anchor}_id")
        ):
            raise serializers.ValidationError(
                {self.anchor: _("A record cannot be moved; create a new one.")}
            )
        return super().validate(attrs)  # type: ignore[misc,no-any-return]


class RiskSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    project = VisibleProjectField()

    class Meta:
        model = Risk
        fields = [
            "id",
            "project",
            "title",
            "description",
            "category",
            "probability",
            "impact",
            "score",
            "strategy",
            "owner",
            "status",
            "identified_on",
            "version",
        ]
        read_only_fields = ["score", "version"]


class RiskResponseSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    anchor = "risk"
    risk = VisibleRecordField(queryset=Risk.objects.all())
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = RiskResponse
        fields = [
            "id",
            "risk",
            "description",
            "owner",
            "due_date",
            "completed_on",
            "is_overdue",
            "version",
        ]
        read_only_fields = ["version"]


class IssueSerializer(StayInPlaceMixin, serializers.ModelSerializer):
    project = VisibleProjectField()
    hours_open = serializers.FloatField(read_only=True)
    breaches_sla = serializers.BooleanField(read_only=True)

    class Meta:
        model = Issue
        fields = [
            "id",
            "project",
            "title",
            "description",
            "severity",
            "reported_at",
            "resolved_at",
            "resolution",
            "owner",
            "reported_by",
            "hours_open",
            "breaches_sla",
            "version",
        ]
        read_only_fields = ["reported_by", "version"]


class RiskViewSet(ProjectRecordViewSet):
    queryset = Risk.objects.select_related("project", "owner")
    serializer_class = RiskSerializer
    tallied = True
    filterset_fields = [
        "project",
        "status",
        "category",
        "strategy",
        "owner",
        "probability",
        "impact",
        "score",
    ]
    ordering_fields = ["score", "identified_on", "title", "status", "id"]
    ordering = ["-score", "id"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        self.check_add(serializer)
        data = dict(serializer.validated_data)
        project = data.pop("project")
        serializer.instance = services.risk_create(
            project=project, by=self.request.user, data=data
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        serializer.instance = services.risk_update(
            risk=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=expected_version(self.request),
        )


class RiskResponseViewSet(ProjectRecordViewSet):
    queryset = RiskResponse.objects.select_related("risk", "risk__project", "owner")
    serializer_class = RiskResponseSerializer
    filterset_fields = {
        "risk": ["exact"],
        "risk__project": ["exact"],
        "owner": ["exact"],
        "due_date": ["exact", "gte", "lte"],
        "completed_on": ["exact", "isnull"],
    }
    ordering_fields = ["due_date", "completed_on", "id"]
    ordering = ["due_date", "id"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        self.check_add(serializer)
        data = dict(serializer.validated_data)
        risk = data.pop("risk")
        serializer.instance = services.response_create(
            risk=risk, by=self.request.user, data=data
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("risk", None)
        serializer.instance = services.response_update(
            response=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=expected_version(self.request),
        )

    def perform_destroy(self, instance: RiskResponse) -> None:
        services.response_delete(response=instance, by=self.request.user)


class IssueViewSet(ProjectRecordViewSet):
    queryset = Issue.objects.select_related("project", "owner")
    serializer_class = IssueSerializer
    tallied = True
    filterset_fields = {
        "project": ["exact"],
        "severity": ["exact"],
        "owner": ["exact"],
        "resolved_at": ["isnull", "gte", "lte"],
        "reported_at": ["gte", "lte"],
    }
    ordering_fields = ["reported_at", "resolved_at", "severity", "id"]
    ordering = ["-reported_at", "id"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        self.check_add(serializer)
        data = dict(serializer.validated_data)
        project = data.pop("project")
        serializer.instance = services.issue_create(
            project=project, by=self.request.user, data=data
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        serializer.instance = services.issue_update(
            issue=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=expected_version(self.request),
        )


router.register("risks", RiskViewSet, basename="risk")
router.register("risk-responses", RiskResponseViewSet, basename="riskresponse")
router.register("issues", IssueViewSet, basename="issue")
