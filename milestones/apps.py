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
        from milestones import demo
        from projects import demo as project_demo
        from projects.tabs import ProjectTab, register

        register(ProjectTab("milestone", _("Milestones"), "milestones:list", 10))
        project_demo.register(demo.seed)
