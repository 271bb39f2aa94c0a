"""risks REST API: `risks`, `risk-responses` and `issues`."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api import Routes, ServiceCreate, ServiceDestroy, ServiceUpdate
from projects.rest import (
    ProjectRecordViewSet,
    StaysPut,
    VisibleProjectField,
    VisibleRecordField,
    filterset_with_project,
)
from risks import services
from risks.models import Issue, Risk, RiskResponse

routes = Routes()


class RiskSerializer(StaysPut):
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


class RiskResponseSerializer(StaysPut):
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


class IssueSerializer(StaysPut):
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
            "category",
            "parties",
            "resolve_by",
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


class RiskViewSet(ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet):
    queryset = Risk.objects.select_related("project", "owner")
    serializer_class = RiskSerializer
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

    def create_service(self, serializer: Any) -> Risk:
        data = dict(serializer.validated_data)
        project = data.pop("project")
        return services.risk_create(project=project, by=self.request.user, data=data)

    def update_service(self, serializer: Any, version: int | None) -> Risk:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        return services.risk_update(
            risk=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )

    def destroy_service(self, instance: Risk) -> None:
        services.risk_delete(risk=instance, by=self.request.user)


class RiskResponseViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = RiskResponse.objects.select_related("risk", "risk__project", "owner")
    serializer_class = RiskResponseSerializer
    filterset_class = filterset_with_project(
        RiskResponse,
        "risk__project",
        {
            "risk": ["exact"],
            "risk__project": ["exact"],
            "owner": ["exact"],
            "due_date": ["exact", "gte", "lte"],
            "completed_on": ["exact", "isnull"],
        },
    )
    ordering_fields = ["due_date", "completed_on", "id"]
    ordering = ["due_date", "id"]

    def create_service(self, serializer: Any) -> RiskResponse:
        data = dict(serializer.validated_data)
        risk = data.pop("risk")
        return services.response_create(risk=risk, by=self.request.user, data=data)

    def update_service(self, serializer: Any, version: int | None) -> RiskResponse:
        data = dict(serializer.validated_data)
        data.pop("risk", None)
        return services.response_update(
            response=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )

    def destroy_service(self, instance: RiskResponse) -> None:
        services.response_delete(response=instance, by=self.request.user)


class IssueViewSet(ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet):
    queryset = Issue.objects.select_related("project", "owner")
    serializer_class = IssueSerializer
    filterset_fields = {
        "project": ["exact"],
        "severity": ["exact"],
        "category": ["exact"],
        "owner": ["exact"],
        "resolve_by": ["exact", "gte", "lte"],
        "resolved_at": ["isnull", "gte", "lte"],
        "reported_at": ["gte", "lte"],
    }
    ordering_fields = ["reported_at", "resolved_at", "severity", "id"]
    ordering = ["-reported_at", "id"]

    def create_service(self, serializer: Any) -> Issue:
        data = dict(serializer.validated_data)
        project = data.pop("project")
        return services.issue_create(project=project, by=self.request.user, data=data)

    def update_service(self, serializer: Any, version: int | None) -> Issue:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        return services.issue_update(
            issue=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )

    def destroy_service(self, instance: Issue) -> None:
        services.issue_delete(issue=instance, by=self.request.user)


routes.register("risks", RiskViewSet, basename="risk")
routes.register("risk-responses", RiskResponseViewSet, basename="riskresponse")
routes.register("issues", IssueViewSet, basename="issue")
