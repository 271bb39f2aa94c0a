"""Tasks REST API (issue 26): `tasks` and `work-logs`.

Access as on the pages: members update the tasks they own and log their own
time, the project manager edits everything in their projects, customers see
neither (404). Bad input is a 400 naming the field, with nothing saved:
a due date before the start, a dependency cycle, hours outside (0, 24] for
one person and day, a log on a task of a project the person is not on.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers

from core.api import Routes, ServiceCreate, ServiceDestroy, ServiceUpdate
from milestones import task_services as services
from milestones.models import Task, WorkLog
from projects.api import RecordSerializer
from projects.rest import ProjectRecordViewSet, StaysPut, VisibleRecordField

routes = Routes()


class TaskSerializer(RecordSerializer):
    depends_on = VisibleRecordField(
        many=True, queryset=Task.objects.all(), required=False
    )
    actual_hours = serializers.DecimalField(
        max_digits=9, decimal_places=2, read_only=True, source="actual"
    )
    remaining_hours = serializers.DecimalField(
        max_digits=9, decimal_places=2, read_only=True, source="remaining"
    )
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "project",
            "phase",
            "milestone",
            "title",
            "description",
            "owner",
            "status",
            "blocked_reason",
            "priority",
            "estimate_hours",
            "start_date",
            "due_date",
            "completed_on",
            "depends_on",
            "actual_hours",
            "remaining_hours",
            "is_overdue",
            "created_at",
            "version",
        ]
        read_only_fields = ["created_at", "version"]


class TaskFilter(filters.FilterSet):
    overdue = filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Task
        fields = {
            "project": ["exact"],
            "phase": ["exact"],
            "milestone": ["exact"],
            "owner": ["exact"],
            "status": ["exact"],
            "priority": ["exact"],
            "due_date": ["exact", "gte", "lte"],
        }

    def filter_overdue(self, qs: Any, name: str, value: bool) -> Any:
        overdue = qs.overdue()
        return overdue if value else qs.exclude(pk__in=overdue.values("pk"))


class TaskViewSet(ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet):
    queryset = (
        Task.objects.select_related("project")
        .with_actuals()
        .prefetch_related(Prefetch("depends_on", queryset=Task.objects.only("pk")))
        .order_by("project_id", "due_date", "pk")
    )
    serializer_class = TaskSerializer
    filterset_class = TaskFilter
    ordering_fields = ["due_date", "start_date", "priority", "status", "title", "id"]

    def create_service(self, serializer: Any) -> Task:
        data = dict(serializer.validated_data)
        return services.task_create(
            project=data.pop("project"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> Task:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        return services.task_update(
            task=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )

    def destroy_service(self, instance: Task) -> None:
        services.task_delete(task=instance, by=self.request.user)


class WorkLogSerializer(StaysPut):
    anchor = "task"
    task = VisibleRecordField(queryset=Task.objects.all())
    user = serializers.PrimaryKeyRelatedField(
        read_only=False,
        required=False,
        queryset=get_user_model().objects.all(),
        help_text=_("The person who did the work; the requester when left out."),
    )

    class Meta:
        model = WorkLog
        fields = [
            "id",
            "project",
            "task",
            "user",
            "date",
            "hours",
            "note",
            "created_at",
            "version",
        ]
        read_only_fields = ["project", "created_at", "version"]

    def validate_user(self, value: Any) -> Any:
        if self.instance is not None and value.pk != self.instance.user_id:
            raise serializers.ValidationError(
                _("A log stays with the person who did the work.")
            )
        return value


class WorkLogViewSet(
    ServiceCreate, ServiceUpdate, ServiceDestroy, ProjectRecordViewSet
):
    queryset = WorkLog.objects.select_related("task").order_by("-date", "pk")
    serializer_class = WorkLogSerializer
    filterset_fields = {
        "project": ["exact"],
        "task": ["exact"],
        "user": ["exact"],
        "date": ["exact", "gte", "lte"],
    }
    ordering_fields = ["date", "hours", "id"]

    def unsaved_instance(self, serializer: Any) -> WorkLog:
        data = serializer.validated_data
        task = data["task"]
        return WorkLog(
            task=task,
            project_id=task.project_id,
            user=data.get("user", self.request.user),
        )

    def create_service(self, serializer: Any) -> WorkLog:
        data = dict(serializer.validated_data)
        data.setdefault("user", self.request.user)
        return services.worklog_create(
            task=data.pop("task"), by=self.request.user, data=data
        )

    def update_service(self, serializer: Any, version: int | None) -> WorkLog:
        data = dict(serializer.validated_data)
        data.pop("task", None)
        data.pop("user", None)
        return services.worklog_update(
            log=serializer.instance,
            by=self.request.user,
            data=data,
            expected_version=version,
        )

    def destroy_service(self, instance: WorkLog) -> None:
        services.worklog_delete(log=instance, by=self.request.user)


routes.register("tasks", TaskViewSet, basename="task")
routes.register("work-logs", WorkLogViewSet, basename="worklog")
