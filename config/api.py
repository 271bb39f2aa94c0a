"""REST API plumbing shared by every app's api.py.

Each app registers its viewsets on `router` in its own `api.py`; config/urls.py
imports those modules. Access goes through projects/access.py like the pages:
`get_queryset` shows only visible rows (others are 404), and `RolePermission`
turns the HTTP method into an action for `access.can` (refusals are 403).
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from config.values import ValuesReader
from projects import access
from projects.models import Project
from projects.versioning import Versioned, claim_version

__all__ = [
    "METHOD_ACTIONS",
    "AutoSchema",
    "ProjectRecordViewSet",
    "RolePermission",
    "VisibleProjectField",
    "VisibleRecordField",
    "expected_version",
    "not_found",
    "router",
]

router = DefaultRouter()
router.include_format_suffixes = False

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


class VisibleProjectField(serializers.PrimaryKeyRelatedField):
    """A project reference limited to projects the requesting user may see."""

    def get_queryset(self) -> models.QuerySet[Any]:
        from projects.models import Project

        request = self.context.get("request")
        if request is None:
            return Project.objects.none()
        return Project.objects.visible_to(request.user)


class VisibleRecordField(serializers.PrimaryKeyRelatedField):
    """A reference to a project record (a risk, a meeting…) the user may see.

    `VisibleRecordField(queryset=Risk.objects.all())`: ids of rows outside the
    user's projects are refused like missing ones (400, no existence leak).
    """

    def get_queryset(self) -> models.QuerySet[Any]:
        request = self.context.get("request")
        queryset = super().get_queryset()
        if request is None:
            return queryset.none()
        return access.visible(request.user, queryset)


def expected_version(request: Request) -> int | None:
    """Return the `version` an update says it read (None: no check), else 400."""
    data = request.data if hasattr(request.data, "get") else {}
    raw = data.get("version")
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = -1
    if value < 1 or isinstance(raw, bool):
        raise serializers.ValidationError(
            {"version": [_("Send the version number you read (a positive integer).")]}
        )
    return value


class ProjectRecordViewSet(viewsets.ModelViewSet):
    """CRUD for one kind of project record under the shared access rules.

    Subclasses set `queryset`, `serializer_class` and `filterset_fields` or
    `filterset_class`; they override `perform_*` only to call a service.
    `object_action` may name the access action of a custom @action.
    """

    permission_classes = [RolePermission]
    object_action: str | None = None
    # True where get_queryset is every visible record of a model that
    # projects/tallies.py counts: unfiltered pages take their count from there.
    tallied = False

    def get_queryset(self) -> models.QuerySet[Any]:
        return access.visible(self.request.user, super().get_queryset())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of the filtered, ordered ids, then its rows as plain values
        (config/values.py) where the serializer allows; else DRF's own way."""
        queryset = self.filter_queryset(self.get_queryset())
        reader = ValuesReader.plan(self.get_serializer(), queryset.model)
        if reader is None:
            return super().list(request, *args, **kwargs)
        ids = queryset.select_related(None).prefetch_related(None)
        page = self.paginate_queryset(ids.values_list("pk", flat=True))
        if page is None:
            return Response(reader.represent(list(ids.values_list("pk", flat=True))))
        return self.get_paginated_response(reader.represent(list(page)))

    def unsaved_instance(self, serializer: serializers.ModelSerializer) -> models.Model:
        """Build the row a create would insert, for the "add" question."""
        model = serializer.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        data = {k: v for k, v in serializer.validated_data.items() if k in concrete}
        return model(**data)

    def check_add(self, serializer: serializers.ModelSerializer) -> None:
        try:
            allowed = access.can(
                self.request.user, access.ADD, self.unsaved_instance(serializer)
            )
        except ObjectDoesNotExist:
            # No project to ask about (a serializer that left it optional).
            allowed = False
        if not allowed:
            raise PermissionDenied

    @transaction.atomic
    def perform_create(self, serializer: serializers.ModelSerializer) -> None:
        self.check_add(serializer)
        serializer.save()

    def check_move(self, serializer: serializers.ModelSerializer) -> None:
        """Refuse (403) an update that moves the record to another project the
        user may not add to, e.g. PATCH {"project": …} or {"risk": …}."""
        instance = serializer.instance
        if instance is None or isinstance(instance, Project):
            return
        fields = {f.name: f for f in instance._meta.concrete_fields}
        changes = {
            name: value
            for name, value in serializer.validated_data.items()
            if name in fields and fields[name].is_relation
        }
        if not changes:
            return
        probe = copy.copy(instance)
        for name, value in changes.items():
            setattr(probe, name, value)
        try:
            moved = access.project_of(probe).pk != access.project_of(instance).pk
        except ObjectDoesNotExist:
            moved = True
        if moved and not access.can(self.request.user, access.ADD, probe):
            raise PermissionDenied

    @transaction.atomic
    def perform_update(self, serializer: serializers.ModelSerializer) -> None:
        self.check_move(serializer)
        instance = serializer.instance
        if isinstance(instance, Versioned):
            claim_version(instance, expected_version(self.request))
        serializer.save()

    def perform_destroy(self, instance: models.Model) -> None:
        instance.delete()


ERROR_BODY = {
    "type": "object",
    "additionalProperties": {},
    "description": "`detail` explains a refusal; a 400 lists messages per field name.",
}
ERROR_CODES = {
    "400": "Invalid input: the offending fields are named with their messages.",
    "401": "No valid session or `Authorization: Token …` header.",
    "403": "Visible to you, but you may not do this.",
    "404": "Not found, or not visible to you.",
    "409": "Stale version (someone saved first) or the record is still in use.",
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema plus the error answers each operation can give,
    so clients (and schemathesis) know 400/401/403/404/409 are expected."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        codes = ["401", "403"]
        if writes or self._is_list_view() or self._get_filter_parameters():
            codes.append("400")
        if "{" in self.path or self._is_list_view():
            codes.append("404")  # a hidden or missing object, a page past the end
        if writes:
            codes.append("409")
        for code in sorted(codes):
            responses.setdefault(
                code,
                {
                    "description": ERROR_CODES[code],
                    "content": {"application/json": {"schema": ERROR_BODY}},
                },
            )
        return responses


@csrf_exempt  # writes nothing; a POST to a mistyped URL gets the same JSON 404
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """JSON 404 for any /api/v1/ URL no route matches (e.g. `/projects/0.5/`),
    instead of the HTML error page."""
    return JsonResponse({"detail": str(_("Not found."))}, status=404)
