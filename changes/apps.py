from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangesConfig(AppConfig):
    name = "changes"
    verbose_name = _("Change requests")
    role_permissions = {
        "Admin": ["*"],
        # Directors and the general manager decide what a project manager
        # raised (DESIGN §4: nobody decides their own request).
        "Director": ["view_*", "decide_raised_by_manager"],
        "General manager": ["view_*", "decide_raised_by_manager"],
        "Project manager": ["*"],
        "Member": ["*"],
        "Customer": [
            "view_changerequest",
            "add_changerequest",
            "change_changerequest",
            "view_milestonechange",
            "add_milestonechange",
            "change_milestonechange",
            "delete_milestonechange",
        ],
    }

    def ready(self) -> None:
        from changes import demo
        from changes.models import ChangeRequest
        from changes.selectors import budget_changes
        from projects import access, links
        from projects import demo as project_demo
        from projects.tabs import ProjectTab, register

        register(
            ProjectTab(
                "changes",
                _("Changes"),
                "changes:list",
                90,
                lambda user, project: access.can(
                    user, access.VIEW, ChangeRequest(project=project)
                ),
            )
        )
        project_demo.register(demo.seed)
        links.register_budget_changes(budget_changes)
