"""`skills` and the append-only `skill-assessments`."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from core.api import ServiceCreate, ServiceUpdate
from projects import access
from projects.rest import ProjectRecordViewSet
from teams.models import Skill, SkillAssessment, SkillCategory
from teams.rest.base import TeamPersonField
from teams.services import skills as services


class SkillSerializer(serializers.ModelSerializer[Skill]):
    category = serializers.PrimaryKeyRelatedField(queryset=SkillCategory.objects.all())

    class Meta:
        model = Skill
        fields = ["id", "category", "name", "description", "version"]
        read_only_fields = ["id", "version"]


class SkillViewSet(ServiceCreate, ServiceUpdate, ProjectRecordViewSet):
    queryset = Skill.objects.select_related("category")
    serializer_class = SkillSerializer
    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    filterset_fields = ["category", "name"]
    ordering = ["category__order", "category__name", "name", "id"]

    def authorize_create(self, serializer: Any) -> None:
        if not access.can(self.request.user, access.ADD, Skill()):
            raise PermissionDenied

    def create_service(self, serializer: Any) -> Skill:
        return services.skill_create(
            by=self.request.user, data=dict(serializer.validated_data)
        )

    def update_service(self, serializer: Any, version: int | None) -> Skill:
        return services.skill_update(
            skill=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
            expected_version=version,
        )


class SkillAssessmentSerializer(serializers.ModelSerializer[SkillAssessment]):
    person = TeamPersonField()
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.all())
    # The scale is checked by the service, which names the field and the scale.
    level = serializers.IntegerField()
    source = serializers.ChoiceField(
        choices=SkillAssessment.Source.choices, required=False
    )

    class Meta:
        model = SkillAssessment
        fields = [
            "id",
            "person",
            "skill",
            "level",
            "assessed_on",
            "assessed_by",
            "source",
            "note",
            "created_at",
        ]
        read_only_fields = ["id", "assessed_by", "created_at"]


class SkillAssessmentViewSet(ServiceCreate, ProjectRecordViewSet):
    """Assessments are appended, never edited or deleted (history stays)."""

    queryset = SkillAssessment.objects.select_related("skill")
    serializer_class = SkillAssessmentSerializer
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = {
        "person": ["exact"],
        "skill": ["exact"],
        "source": ["exact"],
        "assessed_by": ["exact"],
        "assessed_on": ["exact", "gte", "lte"],
    }
    ordering = ["-assessed_on", "-id"]

    def unsaved_instance(self, serializer: Any) -> SkillAssessment:
        return SkillAssessment(person=serializer.validated_data["person"])

    def authorize_create(self, serializer: Any) -> None:
        # Someone not allowed to see the person: as if they did not exist.
        access.require(self.request.user, access.ADD, self.unsaved_instance(serializer))

    def create_service(self, serializer: Any) -> SkillAssessment:
        return services.skill_assessment_create(
            by=self.request.user, data=dict(serializer.validated_data)
        )
