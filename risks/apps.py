from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = _("Risks and issues")
    role_permissions = {
        "Admin": ["*"],
        "Director": ["view_*"],
        "General manager": ["view_*"],
        "Project manager": ["*"],
        "Member": ["*"],
    }

    def ready(self) -> None:
        from projects import access
        from projects import demo as project_demo
        from projects.tabs import ProjectTab, register
        from risks import demo
        from risks.models import Issue, Risk

        register(
            ProjectTab(
                "risks",
                _("Risks"),
                "risks:register",
                70,
                lambda user, project: access.can(
                    user, access.VIEW, Risk(project=project)
                ),
            ),
            ProjectTab(
                "issues",
                _("Issues"),
                "risks:issue_list",
                80,
                lambda user, project: access.can(
                    user, access.VIEW, Issue(project=project)
                ),
            ),
        )
        project_demo.register(demo.seed)
