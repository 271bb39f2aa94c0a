"""POST `…/{id}/submit/`, `approve/` and `return/` (with `reason`) on any
Approvable through teams/approvals.py, for the viewsets of part 2."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from teams import approvals


def refused(error: DjangoPermissionDenied) -> PermissionDenied:
    return PermissionDenied(str(error) or None)


class StepSerializer(serializers.Serializer):  # type: ignore[type-arg]
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class ReturnSerializer(StepSerializer):
    reason = serializers.CharField()


class ApprovalActions:
    """submit/approve/return on an Approvable through teams/approvals.py;
    a viewset may name its own `decide_service`."""

    def decide_service(self, record: Any, **kwargs: Any) -> Any:
        return approvals.approval_decide(record=record, **kwargs)

    def _fresh(self, record: Any) -> Response:
        fresh = self.get_queryset().get(pk=record.pk)  # type: ignore[attr-defined]
        # The record's serializer (an action's own is its request body's).
        serializer = type(self).serializer_class  # type: ignore[attr-defined]
        context = self.get_serializer_context()  # type: ignore[attr-defined]
        return Response(serializer(fresh, context=context).data)

    def _run(self, call: Any) -> Response:
        try:
            return self._fresh(call())
        except DjangoPermissionDenied as error:
            raise refused(error) from error

    @action(detail=True, methods=["post"], serializer_class=StepSerializer)
    def submit(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        body = StepSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._run(
            lambda: approvals.approval_submit(
                record=record,
                by=request.user,
                comment=body.validated_data["comment"],
                expected_version=body.validated_data.get("version"),
            )
        )

    @action(detail=True, methods=["post"], serializer_class=StepSerializer)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        body = StepSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._run(
            lambda: self.decide_service(
                record,
                by=request.user,
                approve=True,
                comment=body.validated_data["comment"],
                expected_version=body.validated_data.get("version"),
            )
        )

    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        serializer_class=ReturnSerializer,
    )
    def return_(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._run(
            lambda: self.decide_service(
                record,
                by=request.user,
                approve=False,
                reason=body.validated_data["reason"],
                comment=body.validated_data["comment"],
                expected_version=body.validated_data.get("version"),
            )
        )
