"""milestones REST API: `milestones`, registered on config.api.router.

Once the project is baselined, a changed planned_date is a 400 naming
planned_date (only an approved change request moves it); depends_on is a list
of ids of the same project's milestones, and a cycle is a 400 naming it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Prefetch
from django_filters import rest_framework as filters

from config.api import VisibleRecordField, router
from milestones import services
from milestones.models import Milestone
from projects.api import PlanningViewSet, RecordSerializer


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


class MilestoneViewSet(PlanningViewSet):
    queryset = (
        Milestone.objects.select_related("project")
        .prefetch_related(Prefetch("depends_on", queryset=Milestone.objects.only("pk")))
        .order_by("project_id", "planned_date", "pk")
    )
    serializer_class = MilestoneSerializer
    tallied = True
    filterset_class = MilestoneFilter
    ordering_fields = ["planned_date", "forecast_date", "completed_on", "name", "id"]
    m2m = ("depends_on",)

    def save_instance(
        self, instance: models.Model, extra: dict[str, Any], version: int | None
    ) -> models.Model:
        assert isinstance(instance, Milestone)  # noqa: S101 - narrowing
        return services.milestone_save(
            milestone=instance,
            by=self.request.user,  # type: ignore[arg-type]
            depends_on=extra.get("depends_on"),
            expected_version=version,
        )


router.register("milestones", MilestoneViewSet, basename="milestone")
