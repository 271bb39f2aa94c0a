"""REST plumbing every app's api.py builds on (no app of ours is named here).

Writes go through services, never through `serializer.save()`: a viewset
offers create, update or delete only by mixing in `ServiceCreate`,
`ServiceUpdate` or `ServiceDestroy` and naming the service each one calls.
A method without one is not routed at all (405), and the schema does not
list it. Each app registers its viewsets on a `Routes` of its own; config
merges them into the one router under /api/v1/.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.routers import DefaultRouter

from core.rest import refuse_unknown_query_params

__all__ = [
    "AutoSchema",
    "ReadViewSet",
    "Routes",
    "ServiceCreate",
    "ServiceDestroy",
    "ServiceUpdate",
    "SignedInUnlessDebug",
    "VersionField",
    "VersionedSerializer",
    "expected_version",
    "not_found",
    "signed_in_unless_debug",
]


class Routes(DefaultRouter):
    """An app's routes; config/urls.py merges every app's into one router."""

    include_format_suffixes = False


class VersionRequired(exceptions.APIException):
    """428: a write to a versioned record must say which version it read."""

    status_code = 428
    default_detail = _(
        "Send the version you read (the `version` field or an If-Match header): "
        "without it a save could overwrite someone else's newer changes."
    )
    default_code = "version_required"


def expected_version(request: Request, *, required: bool = False) -> int | None:
    """Return the `version` a write says it read, from the body's `version` or
    an `If-Match: "N"` header; 400 when malformed, 428 when required and
    missing (None: no check)."""
    data = request.data if hasattr(request.data, "get") else {}
    raw = data.get("version")
    if raw in (None, ""):
        raw = request.headers.get("If-Match", "").removeprefix("W/").strip('" ')
    if raw in (None, ""):
        if required:
            raise VersionRequired
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


class VersionField(serializers.IntegerField):
    """`version` in answers: the record's current version. In an update: the
    version the client read (optional); a stale one is refused with 409."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "Read: the current version. Update: send the version you read; "
                "if someone saved since, the update is refused with 409."
            ),
        )
        super().__init__(**kwargs)


class VersionedSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A model serializer whose `version` (core/versioning.py) is writable, so
    the schema offers it to typed clients; `ServiceUpdate` hands it to the
    service as `expected_version`. It never reaches the service's data."""

    def get_fields(self) -> dict[str, serializers.Field]:  # type: ignore[type-arg]
        fields = super().get_fields()
        if "version" in fields and self._stale_edit_checked():
            fields["version"] = VersionField()
        return fields

    def _stale_edit_checked(self) -> bool:
        """The model's `version` is the row's edit counter, not a relation
        that happens to bear the name (DocumentReview.version, DESIGN §2)."""
        try:
            field = self.Meta.model._meta.get_field("version")
        except FieldDoesNotExist:
            return False
        return not field.is_relation

    def to_internal_value(self, data: Any) -> Any:
        values = super().to_internal_value(data)
        if self._stale_edit_checked():
            values.pop("version", None)
        return values


def version_in_every_answer(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: a writable `version` is optional in requests but
    always present in answers; say so in the answer components."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") or "version" not in component.get("properties", {}):
            continue
        required = component.setdefault("required", [])
        if "version" not in required:
            required.append("version")
    return result


class ReadViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """List and retrieve; the write mixins below add what a service backs.
    A list refuses query parameters it does not understand (400)."""

    def filter_queryset(self, queryset: Any) -> Any:
        if self.action == "list":
            refuse_unknown_query_params(self, self.request.query_params)
        return super().filter_queryset(queryset)

    def authorize_create(self, serializer: Any) -> None:
        """Refuse a create before its service runs (403); allowed by default."""


class ServiceCreate(mixins.CreateModelMixin):
    """POST creates through `create_service(serializer)`, in a transaction."""

    def create_service(self, serializer: Any) -> models.Model:
        raise NotImplementedError(f"{type(self).__name__} names no create service")

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        self.authorize_create(serializer)  # type: ignore[attr-defined]
        serializer.instance = self.create_service(serializer)


class ServiceUpdate(mixins.UpdateModelMixin):
    """PUT/PATCH update through `update_service(serializer, version)`."""

    def update_service(
        self, serializer: Any, expected_version: int | None
    ) -> models.Model:
        raise NotImplementedError(f"{type(self).__name__} names no update service")

    @transaction.atomic
    def perform_update(self, serializer: Any) -> None:
        # A versioned record is never saved blind (no lost updates).
        versioned = hasattr(serializer.instance, "version")
        version = expected_version(self.request, required=versioned)  # type: ignore[attr-defined]
        serializer.instance = self.update_service(serializer, version)


class ServiceDestroy(mixins.DestroyModelMixin):
    """DELETE through `destroy_service(instance)`."""

    def destroy_service(self, instance: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__} names no delete service")

    @transaction.atomic
    def perform_destroy(self, instance: Any) -> None:
        self.destroy_service(instance)


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
    "428": "The write did not say which version it read (`version` or If-Match).",
    "429": "Too many requests (API throttling): retry after `Retry-After` seconds.",
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema plus the error answers each operation can give,
    so clients (and schemathesis) know 400/401/403/404/409 are expected."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        codes = ["401", "403", "429"]
        if writes or self._is_list_view() or self._get_filter_parameters():
            codes.append("400")
        if "{" in self.path or self._is_list_view():
            codes.append("404")  # a hidden or missing object, a page past the end
        if writes:
            codes.append("409")
        if self.method in ("PUT", "PATCH"):
            codes.append("428")
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


class SignedInUnlessDebug(permissions.BasePermission):
    """The API schema: open on a development server, signed in (session or
    token) in production, where it would map the API for an attacker."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(settings.DEBUG or request.user.is_authenticated)


def signed_in_unless_debug(view: Any) -> Any:
    """The API docs page: in production a signed-out visitor goes to sign-in."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.DEBUG or request.user.is_authenticated:
            return view(request, *args, **kwargs)  # type: ignore[no-any-return]
        return redirect_to_login(request.get_full_path())

    return wrapped
