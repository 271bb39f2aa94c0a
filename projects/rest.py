"""The API base of every project record endpoint (this app and those above).

Access goes through projects/access.py like the pages: `get_queryset` shows
only visible rows (others are 404), `RolePermission` turns the HTTP method
into an action for `access.can` (refusals are 403), and a create asks for
"add" on the row it would insert. A record never moves to another project
(or parent) by an update: `StaysPut` refuses it with a 400 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.views import APIView

from core.api import ReadViewSet, VersionedSerializer
from core.rest import FilterSet
from projects import access
from projects.models import Project

METHOD_ACTIONS = {
    "GET": access.VIEW,
    "HEAD": access.VIEW,
    "OPTIONS": access.VIEW,
    "PUT": access.CHANGE,
    "PATCH": access.CHANGE,
    "DELETE": access.DELETE,
}


class RolePermission(permissions.IsAuthenticated):
    """Ask projects/access.py about the object a request touches."""

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        action = getattr(view, "object_action", None) or METHOD_ACTIONS.get(
            request.method or "GET", access.CHANGE
        )
        return access.can(request.user, action, obj)


class VisibleProjectField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A project reference limited to projects the requesting user may see."""

    def get_queryset(self) -> models.QuerySet[Any]:
        request = self.context.get("request")
        if request is None:
            return Project.objects.none()
        return Project.objects.visible_to(request.user)


class VisibleRecordField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A reference to a project record (a risk, a meeting…) the user may see.

    `VisibleRecordField(queryset=Risk.objects.all())`: ids of rows outside the
    user's projects are refused like missing ones (400, no existence leak).
    """

    def get_queryset(self) -> models.QuerySet[Any]:
        request = self.context.get("request")
        queryset = super().get_queryset()
        if request is None:
            return queryset.none()
        return queryset.visible_to(request.user)  # type: ignore[no-any-return]


class StaysPut(VersionedSerializer):
    """The one rule for moving records: a record stays where it was created.

    `anchor` names the field that ties the row to its project (the project,
    or a parent such as the risk or the meeting); an update that changes it
    is refused with a 400 naming it.
    """

    anchor = "project"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = self.instance
        if instance is not None and self.anchor in attrs:
            new = getattr(attrs[self.anchor], "pk", attrs[self.anchor])
            if new != getattr(instance, f"{self.anchor}_id"):
                raise serializers.ValidationError(
                    {
                        self.anchor: [
                            _(
                                "A record cannot be moved to another project; "
                                "create a new one there instead."
                            )
                        ]
                    }
                )
        return super().validate(attrs)


def filterset_with_project(
    model: type[models.Model], project_path: str, fields: dict[str, list[str]]
) -> type[FilterSet]:
    """The FilterSet of a record that reaches its project through a parent
    (an action item through its meeting): `fields`, plus `project` filtering
    on `project_path` like every other list of a project's records."""
    meta = type("Meta", (), {"model": model, "fields": fields})
    project = filters.ModelChoiceFilter(
        field_name=project_path, queryset=Project.objects.all(), label=_("project")
    )
    return type(
        f"{model.__name__}Filter", (FilterSet,), {"project": project, "Meta": meta}
    )


class ProjectRecordViewSet(ReadViewSet):
    """Lists and retrieves one kind of project record under the access rules;
    subclasses add `core.api` write mixins naming their services.

    `object_action` may name the access action of a custom @action.
    """

    permission_classes = [RolePermission]
    object_action: str | None = None

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().visible_to(self.request.user)  # type: ignore[attr-defined,no-any-return]

    def unsaved_instance(self, serializer: serializers.ModelSerializer) -> models.Model:  # type: ignore[type-arg]
        """Build the row a create would insert, for the "add" question."""
        model = serializer.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        data = {k: v for k, v in serializer.validated_data.items() if k in concrete}
        return model(**data)  # type: ignore[no-any-return]

    def authorize_create(self, serializer: serializers.ModelSerializer) -> None:  # type: ignore[type-arg]
        """403 unless the user may add the row the create would insert."""
        try:
            allowed = access.can(
                self.request.user, access.ADD, self.unsaved_instance(serializer)
            )
        except ObjectDoesNotExist:
            allowed = False  # no project to ask about
        if not allowed:
            raise PermissionDenied
