"""accounts REST API: `users` (read-only) and `departments`.

Who sees whom is projects.access.visible_users: admins everyone, staff every
active user, customers only the people on their projects. Departments are
read by every signed-in user and written by admins only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django_filters import rest_framework as filters
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.models import Department, User
from config.api import router
from projects import access


class UserSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "department"]
        read_only_fields = fields


class UserFilter(filters.FilterSet):
    class Meta:
        model = User
        fields = {"username": ["exact", "icontains"], "department": ["exact"]}


class UserViewSet(viewsets.ReadOnlyModelViewSet[User]):
    """People, for looking up ids (owners, members, managers)."""

    queryset = User.objects.order_by("username")
    serializer_class = UserSerializer
    filterset_class = UserFilter
    ordering_fields = ["username", "last_name", "first_name", "id"]

    def get_queryset(self) -> models.QuerySet[User]:
        return access.visible_users(self.request.user, super().get_queryset())


class AdminWritesOrReadOnly(permissions.IsAuthenticated):
    """Every signed-in user reads; only admins write (others get 403)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or access.is_admin(
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


class DepartmentViewSet(viewsets.ModelViewSet[Department]):
    queryset = Department.objects.order_by("name", "pk")
    serializer_class = DepartmentSerializer
    permission_classes = [AdminWritesOrReadOnly]
    filterset_class = DepartmentFilter
    ordering_fields = ["name", "code", "id"]

    @transaction.atomic
    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        serializer.save()

    @transaction.atomic
    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        serializer.save()


router.register("users", UserViewSet, basename="users")
router.register("departments", DepartmentViewSet, basename="departments")
