"""kpis REST API: `kpi-definitions` (directors and admins PATCH the target) and
read-only `kpi-snapshots`.

Decimals are JSON numbers on these two resources (rates as fractions: 0.9).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from core.api import ReadViewSet, Routes, ServiceUpdate
from kpis import registry, services
from kpis.models import (
    KpiDefinition,
    KpiSnapshot,
    can_edit_kpi_targets,
)

routes = Routes()


def number(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=30, decimal_places=10, coerce_to_string=False, **kwargs
    )


class KpiDefinitionSerializer(serializers.ModelSerializer[KpiDefinition]):
    target = serializers.DecimalField(
        max_digits=12, decimal_places=4, coerce_to_string=False
    )
    term_zh = serializers.SerializerMethodField()

    class Meta:
        model = KpiDefinition
        fields = [
            "id",
            "code",
            "label",
            "term_zh",
            "unit",
            "direction",
            "target",
            "description",
        ]
        read_only_fields = ["id", "code", "label", "unit", "direction", "description"]

    def get_term_zh(self, obj: KpiDefinition) -> str:
        kpi = registry.BY_CODE.get(obj.code)
        return kpi.term_zh if kpi else ""

    def validate_target(self, value: Decimal) -> Decimal:
        return validate_target(self.instance, value)


def validate_target(definition: KpiDefinition | None, value: Decimal) -> Decimal:
    """Refuse a target outside its unit's range (e.g. 90 for a rate of 0.9)."""
    if value < 0:
        raise serializers.ValidationError(_("A target cannot be negative."))
    kpi = registry.BY_CODE.get(definition.code) if definition else None
    if kpi is not None and value > kpi.max_target:
        if kpi.is_rate:
            message = _(
                "Give a rate as a fraction between 0 and %(max)s (0.9 means 90%%)."
            )
        else:
            message = _("The target cannot be above %(max)s.")
        raise serializers.ValidationError(message % {"max": kpi.max_target})
    return value


class TargetPermission(permissions.IsAuthenticated):
    """Everyone signed in reads definitions; directors and admins edit targets."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_edit_kpi_targets(request.user)


class KpiDefinitionViewSet(ServiceUpdate, ReadViewSet):
    queryset = KpiDefinition.objects.filter(code__in=registry.CODES)
    serializer_class = KpiDefinitionSerializer
    permission_classes = [TargetPermission]
    http_method_names = ["get", "patch", "head", "options"]
    filterset_fields = ["code", "unit", "direction"]

    def update_service(self, serializer: Any, version: int | None) -> KpiDefinition:
        return services.kpi_target_set(
            definition=serializer.instance,
            target=serializer.validated_data.get("target", serializer.instance.target),
            by=self.request.user,
        )


class KpiSnapshotSerializer(serializers.ModelSerializer[KpiSnapshot]):
    kpi = serializers.SlugRelatedField(slug_field="code", read_only=True)
    numerator = number(read_only=True)
    denominator = number(read_only=True)
    value = number(read_only=True, allow_null=True)
    target = serializers.DecimalField(
        max_digits=12, decimal_places=4, coerce_to_string=False, read_only=True
    )

    class Meta:
        model = KpiSnapshot
        fields = [
            "kpi",
            "scope_type",
            "scope_id",
            "as_of",
            "numerator",
            "denominator",
            "value",
            "target",
            "status",
        ]
        read_only_fields = fields


class KpiSnapshotFilter(django_filters.FilterSet):
    kpi = django_filters.ChoiceFilter(
        field_name="kpi__code", choices=[(c, c) for c in registry.CODES]
    )
    scope_type = django_filters.ChoiceFilter(choices=KpiSnapshot.ScopeType.choices)
    scope_id = django_filters.NumberFilter()
    as_of = django_filters.DateFilter()
    as_of_after = django_filters.DateFilter(field_name="as_of", lookup_expr="gte")
    as_of_before = django_filters.DateFilter(field_name="as_of", lookup_expr="lte")
    status = django_filters.ChoiceFilter(choices=KpiSnapshot.Status.choices)
    # Like every list of a project's records: that project's own rows.
    project = django_filters.NumberFilter(method="of_project")

    class Meta:
        model = KpiSnapshot
        fields = ["kpi", "scope_type", "scope_id", "as_of", "status"]

    def of_project(
        self, queryset: models.QuerySet[KpiSnapshot], name: str, value: int
    ) -> models.QuerySet[KpiSnapshot]:
        return queryset.filter(
            scope_type=KpiSnapshot.ScopeType.PROJECT, scope_key=int(value)
        )


class KpiSnapshotViewSet(ReadViewSet):
    serializer_class = KpiSnapshotSerializer
    filterset_class = KpiSnapshotFilter
    ordering_fields = ["as_of", "scope_type", "scope_id", "value"]
    # The unique index's order: a page of the newest date is read off the
    # index, never sorted out of the whole table.
    ordering = ["-as_of", "scope_type", "scope_key", "kpi_id"]

    def get_queryset(self) -> models.QuerySet[KpiSnapshot]:
        return KpiSnapshot.objects.select_related("kpi").visible_to(self.request.user)


routes.register("kpi-definitions", KpiDefinitionViewSet, basename="kpi-definition")
routes.register("kpi-snapshots", KpiSnapshotViewSet, basename="kpi-snapshot")
