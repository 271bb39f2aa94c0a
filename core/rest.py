"""DRF settings hooks: filters, pagination and the error mapping (no viewset
imports here: DRF loads this module while its own generics are being defined)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, models
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.pagination import CappedPaginator
from core.versioning import StaleEdit


class FilterSet(filters.FilterSet):
    """django-filter FilterSet that also filters GeneratedFields (e.g. risk score)
    by the type they generate."""

    @classmethod
    def filter_for_lookup(cls, field: Any, lookup_type: str) -> Any:
        if isinstance(field, models.GeneratedField):
            field = field.output_field
        return super().filter_for_lookup(field, lookup_type)


class FilterBackend(filters.DjangoFilterBackend):
    """DjangoFilterBackend whose `filterset_fields` build on FilterSet above."""

    filterset_base = FilterSet


_KNOWN: dict[type, frozenset[str]] = {}


def known_query_params(view: Any) -> frozenset[str]:
    """Every query parameter a list view understands: its filters (with the
    suffixes of range filters), ordering, search, paging and `format`. The
    same names the schema documents for it. A view that reads a parameter
    itself names it in `extra_query_params` (and documents it with
    @extend_schema)."""
    cached = _KNOWN.get(type(view))
    if cached is not None:
        return cached
    names = {api_settings.URL_FORMAT_OVERRIDE or "format"}
    names |= set(getattr(view, "extra_query_params", ()))
    for backend_class in view.filter_backends:
        backend = backend_class()
        if isinstance(backend, filters.DjangoFilterBackend):
            queryset = getattr(view, "queryset", None)  # no query, no user needed
            if queryset is None:
                queryset = view.get_queryset()
            filterset = backend.get_filterset_class(view, queryset)
            for name, one in (filterset.base_filters if filterset else {}).items():
                suffixes = getattr(one.field_class.widget, "suffixes", None)
                names |= {f"{name}_{s}" if s else name for s in suffixes or [""]}
        for attribute in ("ordering_param", "search_param"):
            if hasattr(backend, attribute):
                names.add(getattr(backend, attribute))
    paginator = view.paginator
    for attribute in ("page_query_param", "page_size_query_param"):
        if getattr(paginator, attribute, None):
            names.add(getattr(paginator, attribute))
    _KNOWN[type(view)] = frozenset(names)
    return _KNOWN[type(view)]


def refuse_unknown_query_params(view: Any, params: Any) -> None:
    """400 naming each query parameter the list does not understand (a
    mistyped filter would otherwise return every row, unfiltered)."""
    known = known_query_params(view)
    unknown = sorted(set(params) - known)
    if unknown:
        message = _("Unknown query parameter. This list accepts: %(known)s.") % {
            "known": ", ".join(sorted(known))
        }
        raise ValidationError({name: [message] for name in unknown})


class Pagination(PageNumberPagination):
    """Pages of 50 (page_size up to 500) with a capped count (core/pagination.py):
    `count` is exact up to `settings.LIST_COUNT_CAP`; past it, it is the cap and
    `count_capped` is true. `next` is always right."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        paginator = self.page.paginator
        return Response(
            {
                "count": min(paginator.count, paginator.cap),
                "count_capped": paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when there are more rows than `count` says.",
        }
        answer["required"] = [*answer.get("required", []), "count_capped"]
        return answer


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain errors to clear 4xx answers instead of 500s."""
    if isinstance(exc, StaleEdit):
        return Response({"detail": str(exc.message)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        return Response(as_serializer_error(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        return Response(
            {"detail": _("Other records still refer to this one; remove them first.")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, (OverflowError, DataError)):
        # A number or text beyond what the database column holds (a filter
        # id of 40 digits, say): the request is wrong, not the server.
        return Response(
            {"detail": _("A value in the request is out of range.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {
                "detail": _("This conflicts with existing data."),
                "error": str(exc)[:200],
            },
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
