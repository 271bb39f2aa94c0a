from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")
    # Each role's permissions of this app (accounts/roles.py). Creating
    # projects is add_project; reading every project, view_all_projects.
    # Members act on projects only where their seat allows (a deputy manager
    # edits the project).
    role_permissions = {
        "Admin": ["*", "view_all_projects"],
        "Director": ["view_*", "view_all_projects"],
        "General manager": ["view_*", "view_all_projects"],
        "Project manager": ["*"],
        "Member": [
            f"{verb}_{model}"
            for model in (
                "membership",
                "phase",
                "requirement",
                "document",
                "documentversion",
                "documentreview",
                "costentry",
            )
            for verb in ("add", "change", "delete", "view")
        ]
        + ["view_project", "change_project", "delete_project"],
        "Customer": [
            "view_project",
            "view_phase",
            "view_document",
            "view_documentversion",
        ],
    }

    def ready(self) -> None:
        from projects import access, demo
        from projects.models import CostEntry, Document, Membership, Phase, Requirement
        from projects.tabs import ProjectTab, register

        def may_view(model: type, **fields: object) -> object:
            return lambda user, project: access.can(
                user, access.VIEW, model(project=project, **fields)
            )

        register(
            ProjectTab(
                "phase", _("Phases"), "projects:phase_list", 30, may_view(Phase)
            ),
            ProjectTab(
                "requirement",
                _("Requirements"),
                "projects:requirement_list",
                40,
                may_view(Requirement),
            ),
            ProjectTab(
                "document",
                _("Documents"),
                "projects:document_list",
                50,
                may_view(Document, kind=Document.Kind.PROGRESS_REPORT),
            ),
            ProjectTab(
                "costs", _("Budget"), "projects:budget", 60, may_view(CostEntry)
            ),
            ProjectTab(
                "members", _("Team"), "projects:member_list", 110, may_view(Membership)
            ),
        )
        demo.register(demo.seed)
