"""milestones REST API: `milestones`.

Once the project is baselined, a changed planned_date is a 400 naming
planned_date (only an approved change request moves it); depends_on is a list
of ids of the same project's milestones, and a cycle is a 400 naming it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Prefetch
from django_filters import rest_framework as filters

from core.api import Routes, ServiceCreate, ServiceDestroy, ServiceUpdate
from milestones import services
from milestones.models import Milestone
from projects.api import RecordSerializer
from projects.rest import ProjectRecordViewSet, VisibleRecordField

routes = Routes()


class MilestoneSerializer(RecordSerializer):
    depends_on = VisibleRecordField(
        many=True, queryset=Milestone.objects.all(), required=False
    )

    class Meta:
        model = Milestone
        fields = [
            "id",
            "project",
            "phase",
            "name",
            "planned_date",
            "forecast_date",
            "completed_on",
            "deliverables",
            "depends_on",
            "version",
        ]
        read_only_fields = ["version"]


class MilestoneFilter(filters.FilterSet):
    slipped = filters.BooleanFilter(method="filter_slipped")

    class Meta:
        model = Milestone
        fields = {
            "project": ["exact"],
            "phase": ["exact"],
            "planned_date": ["exact", "gte", "lte"],
            "completed_on": ["isnull"],
        }

    def filter_slipped(
        self, qs: models.QuerySet[Any], name: str, value: bool
    ) -> models.QuerySet[Any]:
        slipped = qs.slipped()  # type: ignore[attr-defined]
        return slipped if value else qs.exclude(pk__in=slipped.values("pk"))


class MilestoneViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = (
        Milestone.objects.select_related("project")
        .prefetch_related(Prefetch("depends_on", queryset=Milestone.objects.only("pk")))
        .order_by("project_id", "planned_date", "pk")
    )
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    ordering_fields = ["planned_date", "forecast_date", "completed_on", "name", "id"]

    def create_service(self, serializer: Any) -> Milestone:
        data = dict(serializer.validated_data)
        return services.milestone_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> Milestone:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        return services.milestone_update(
            milestone=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )

    def destroy_service(self, instance: Milestone) -> None:
        services.milestone_delete(milestone=instance, by=self.request.user)


routes.register("milestones", MilestoneViewSet, basename="milestone")


# Tasks and work logs (issue 26) live in task_api.py; served with these.
from milestones import task_api  # noqa: E402

routes.registry.extend(task_api.routes.registry)
