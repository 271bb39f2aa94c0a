"""What every team API shares: the approval actions (submit/approve/return)
of any Approvable, and references limited to the people one may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import expected_version
from projects import access
from teams import approvals
from teams.models import ApprovalStep


class VisiblePersonField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A user the requester may look up (others are refused like missing ones)."""

    def get_queryset(self) -> models.QuerySet[Any]:
        request = self.context.get("request")
        users = get_user_model().objects.all()
        if request is None:
            return users.none()
        return access.visible_users(request.user, users)


class ApprovalStepSerializer(serializers.ModelSerializer[ApprovalStep]):
    class Meta:
        model = ApprovalStep
        fields = ["state", "decision", "by", "taken_at", "reason", "comment"]
        read_only_fields = fields


class ApprovalDecisionSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class ApprovalActions:
    """`POST …/{id}/submit/`, `approve/` and `return/` (with `reason`) for a
    viewset of Approvable records. Who may take the step is decided by the
    approval service (403 names the step and its holder)."""

    def submit_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return approvals.approval_submit(
            record=record, by=by, comment=comment, expected_version=version
        )

    def approve_service(self, record: Any, by: Any, comment: str, version: Any) -> Any:
        return approvals.approval_decide(
            record=record,
            by=by,
            approve=True,
            comment=comment,
            expected_version=version,
        )

    def return_service(
        self, record: Any, by: Any, reason: str, comment: str, version: Any
    ) -> Any:
        return approvals.approval_decide(
            record=record,
            by=by,
            approve=False,
            reason=reason,
            comment=comment,
            expected_version=version,
        )

    def _answer(self, record: Any) -> Response:
        fresh = self.get_queryset().get(pk=record.pk)  # type: ignore[attr-defined]
        return Response(self.get_serializer(fresh).data)  # type: ignore[attr-defined]

    def _body(self, request: Request) -> dict[str, Any]:
        body = ApprovalDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data["version"] = expected_version(request)
        return data

    @extend_schema(request=ApprovalDecisionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        body = self._body(request)
        return self._answer(
            self.submit_service(record, request.user, body["comment"], body["version"])
        )

    @extend_schema(request=ApprovalDecisionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        body = self._body(request)
        return self._answer(
            self.approve_service(record, request.user, body["comment"], body["version"])
        )

    @extend_schema(request=ApprovalDecisionSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        body = self._body(request)
        return self._answer(
            self.return_service(
                record, request.user, body["reason"], body["comment"], body["version"]
            )
        )


class TeamPersonField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A person whose team records the requester may see (DESIGN §4); anyone
    else is refused like a missing id (400 naming the field, no leak)."""

    def get_queryset(self) -> models.QuerySet[Any]:
        from teams.selectors import people_for

        request = self.context.get("request")
        if request is None:
            return get_user_model().objects.none()
        return people_for(request.user)
