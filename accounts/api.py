"""accounts REST API: `departments`, read by every signed-in user and
written by admins only. (`users` needs the project access rules: projects/api.py.)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import rest_framework as filters
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts import roles, services
from accounts.models import Department
from core.api import ReadViewSet, Routes, ServiceCreate, ServiceDestroy, ServiceUpdate

routes = Routes()


class AdminWritesOrReadOnly(permissions.IsAuthenticated):
    """Every signed-in user reads; only admins write (others get 403)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or roles.is_admin(
            request.user
        )


class DepartmentSerializer(serializers.ModelSerializer[Department]):
    class Meta:
        model = Department
        fields = ["id", "name", "code", "parent", "head"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        parent = attrs.get("parent", getattr(self.instance, "parent", None))
        probe = Department(
            pk=getattr(self.instance, "pk", None),
            name=attrs.get("name", ""),
            parent=parent,
        )
        try:
            probe.clean()  # the model's own rule: no department inside itself
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs


class DepartmentFilter(filters.FilterSet):
    class Meta:
        model = Department
        fields = {"code": ["exact"], "parent": ["exact", "isnull"]}


class DepartmentViewSet(ServiceCreate, ServiceUpdate, ServiceDestroy, ReadViewSet):
    queryset = Department.objects.order_by("name", "pk")
    serializer_class = DepartmentSerializer
    permission_classes = [AdminWritesOrReadOnly]
    filterset_class = DepartmentFilter
    ordering_fields = ["name", "code", "id"]

    def create_service(self, serializer: Any) -> Department:
        return services.department_create(data=dict(serializer.validated_data))

    def update_service(self, serializer: Any, version: int | None) -> Department:
        return services.department_update(
            department=serializer.instance, data=dict(serializer.validated_data)
        )

    def destroy_service(self, instance: Department) -> None:
        services.department_delete(department=instance)


routes.register("departments", DepartmentViewSet, basename="departments")
