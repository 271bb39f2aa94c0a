"""Task forms (issue 26): they validate input; task_services writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import DateInput, no_tag_helper
from milestones.models import Task
from milestones.task_filters import team_of
from projects.forms import RecordForm
from projects.models import Project


class TaskForm(RecordForm):
    depends_on = forms.ModelMultipleChoiceField(
        queryset=Task.objects.none(),
        required=False,
        label=_("Depends on"),
        help_text=_("Tasks of this project that must be finished first."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Task
        fields = [
            "title",
            "phase",
            "milestone",
            "owner",
            "status",
            "blocked_reason",
            "priority",
            "estimate_hours",
            "start_date",
            "due_date",
            "completed_on",
            "description",
            "depends_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "blocked_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = self.project or self.instance.project
        self.fields["phase"].queryset = project.phases.all()
        self.fields["milestone"].queryset = project.milestones.all()
        self.fields["owner"].queryset = team_of(project)
        others = project.tasks.order_by("due_date", "pk")
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
            self.initial["depends_on"] = list(
                self.instance.depends_on.values_list("pk", flat=True)
            )
        self.fields["depends_on"].queryset = others


class TaskBulkForm(forms.Form):
    """Set owner, status and/or due date on the ticked tasks."""

    tasks = forms.ModelMultipleChoiceField(
        queryset=Task.objects.none(), label=_("Tasks")
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Owner"),
        empty_label="—",
    )
    status = forms.ChoiceField(
        choices=[("", "—"), *Task.Status.choices], required=False, label=_("Status")
    )
    blocked_reason = forms.CharField(
        required=False, max_length=500, label=_("Blocked reason")
    )
    due_date = forms.DateField(required=False, label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, project: Project, tasks: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()
        self.fields["tasks"].queryset = tasks
        self.fields["owner"].queryset = team_of(project)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        updates = {
            name: data[name]
            for name in ("owner", "status", "due_date")
            if data.get(name) not in (None, "")
        }
        if not updates:
            raise forms.ValidationError(
                _("Choose an owner, a status or a due date to set.")
            )
        if updates.get("status") == Task.Status.BLOCKED:
            updates["blocked_reason"] = data.get("blocked_reason", "")
        data["updates"] = updates
        return data
