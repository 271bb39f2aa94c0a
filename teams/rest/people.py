"""`people` (a user with their line, position and capacity) and `positions`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts import roles
from accounts.models import Department
from core.api import ReadViewSet, ServiceCreate, ServiceUpdate
from projects import access
from projects.rest import ProjectRecordViewSet
from teams.models import Person, Position, PositionSkill, Skill
from teams.rest.base import VisiblePersonField
from teams.services import people as services

User = get_user_model()


class PersonSerializer(serializers.ModelSerializer[Any]):
    """A person is the user: `id` is the user's id."""

    reports_to = VisiblePersonField(allow_null=True, required=False)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), allow_null=True, required=False
    )
    position = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all(),
        allow_null=True,
        required=False,
        source="person.position",
    )
    weekly_capacity_hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=0, max_value=168, required=False
    )
    version = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "department",
            "reports_to",
            "position",
            "hired_on",
            "weekly_capacity_hours",
            "version",
        ]
        read_only_fields = ["id", "username", "first_name", "last_name"]

    def get_version(self, user: Any) -> int:
        return services.person_of(user).version


class PersonPermission(permissions.IsAuthenticated):
    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        action = (
            access.VIEW if request.method in permissions.SAFE_METHODS else access.CHANGE
        )
        return access.can(request.user, action, services.person_of(obj))


class PersonViewSet(ServiceUpdate, ReadViewSet):
    """The people whose team records you may see (DESIGN §4); HR, directors
    and admins change a person's line, position, department and capacity."""

    serializer_class = PersonSerializer
    permission_classes = [PersonPermission]
    http_method_names = ["get", "patch", "head", "options"]
    filterset_fields = {
        "department": ["exact"],
        "reports_to": ["exact"],
        "person__position": ["exact"],
        "username": ["exact"],
    }
    ordering = ["username"]

    def get_queryset(self) -> models.QuerySet[Any]:
        user = self.request.user
        users = User.objects.filter(is_active=True).select_related(
            "person", "person__position"
        )
        if not roles.has_capability(user, access.model_permission(Person, access.VIEW)):
            return users.none()
        if access.reads_team(user, Person.access):
            return users
        return users.filter(pk__in=access.team_people(user).values("pk"))  # type: ignore[union-attr]

    def update_service(self, serializer: Any, version: int | None) -> Any:
        data = dict(serializer.validated_data)
        person_data = data.pop("person", {})
        if "position" in person_data:
            data["position"] = person_data["position"]
        services.person_update(
            user=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )
        return serializer.instance


class RequiredSkillSerializer(serializers.ModelSerializer[PositionSkill]):
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.all())
    min_level = serializers.IntegerField()

    class Meta:
        model = PositionSkill
        fields = ["skill", "min_level"]

    def validate_min_level(self, value: int) -> int:
        from teams.services.skills import check_level

        try:
            check_level("min_level", value)
        except Exception as exc:
            raise serializers.ValidationError(exc.message_dict["min_level"]) from exc  # type: ignore[attr-defined]
        return value


class PositionSerializer(serializers.ModelSerializer[Position]):
    required_skills = RequiredSkillSerializer(many=True, required=False)

    class Meta:
        model = Position
        fields = [
            "id",
            "department",
            "title",
            "responsibilities",
            "qualifications",
            "required_skills",
            "version",
        ]
        read_only_fields = ["id", "version"]


class PositionViewSet(ServiceCreate, ServiceUpdate, ProjectRecordViewSet):
    queryset = Position.objects.select_related("department").prefetch_related(
        "required_skills"
    )
    serializer_class = PositionSerializer
    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    filterset_fields = ["department"]
    ordering = ["title", "id"]

    def authorize_create(self, serializer: Any) -> None:
        if not access.can(self.request.user, access.ADD, Position()):
            raise PermissionDenied

    def create_service(self, serializer: Any) -> Position:
        data = dict(serializer.validated_data)
        return services.position_create(
            by=self.request.user,
            data=data,
            required_skills=data.pop("required_skills", None),
        )

    def update_service(self, serializer: Any, version: int | None) -> Position:
        data = dict(serializer.validated_data)
        return services.position_update(
            position=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
            required_skills=data.pop("required_skills", None),
        )
