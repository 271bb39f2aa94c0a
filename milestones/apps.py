from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilestonesConfig(AppConfig):
    name = "milestones"
    verbose_name = _("Milestones")
    role_permissions = {
        "Admin": ["*"],
        "Director": ["view_*"],
        "General manager": ["view_*"],
        "Project manager": ["*"],
        "Member": ["*"],
        "Customer": ["view_milestone"],
    }

    def ready(self) -> None:
        from milestones import demo, task_demo
        from milestones.models import Task
        from projects import access
        from projects import demo as project_demo
        from projects.tabs import ProjectTab, register

        register(ProjectTab("milestone", _("Milestones"), "milestones:list", 10))
        register(
            ProjectTab(
                "tasks",
                _("Tasks"),
                "milestones:task_list",
                12,
                lambda user, project: access.can(
                    user, access.VIEW, Task(project=project)
                ),
            )
        )
        project_demo.register(demo.seed)
        project_demo.register(task_demo.seed)
