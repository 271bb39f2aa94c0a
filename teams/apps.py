from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from teams.grants import ENGINEERING_GRANTS, PART2_GRANTS, merged


def _after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    """Keep the skill level scale present (a flush empties it)."""
    from teams.models.skills import ensure_skill_levels

    ensure_skill_levels()


# What a team lead or an engineer does with team records; the object rules
# (projects/access.py reading each model's TeamPolicy) narrow it to their
# own line.
TEAM_WORK = [
    "view_*",
    "add_skillassessment",
    "add_trainingplan",
    "change_trainingplan",
    "delete_trainingplan",
    "add_trainingitem",
    "change_trainingitem",
    "delete_trainingitem",
    "add_trainingrecord",
    "change_trainingrecord",
    "change_person",
]


def _shows_reviews(user: Any, project: Any) -> bool:
    """The project's review log: to internal readers of technical reviews
    (not to the project's customers)."""
    from accounts import roles
    from projects import access

    if not roles.has_capability(user, "teams.view_technicalreview"):
        return False
    return access.role_in(user, project) != "customer_rep"


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Technical team")
    # Each role's permissions of this app (accounts/roles.py); granted by the
    # migration teams 0002 and to groups re-created after a flush.
    role_permissions = {
        "Admin": ["*"],
        "Director": [
            *TEAM_WORK,
            "view_all_team_records",
            "add_position",
            "change_position",
            "add_positionskill",
            "change_positionskill",
            "delete_positionskill",
            "add_skill",
            "change_skill",
            "add_skillcategory",
            "change_skillcategory",
        ],
        "General manager": [
            "view_*",
            "view_all_team_records",
            "approve_as_general_manager",
        ],
        "HR": [
            "view_*",
            "view_all_team_records",
            "file_as_hr",
            "manage_team_records",
            "change_person",
            "add_position",
            "change_position",
            "add_skillassessment",
            "add_trainingrecord",
            "change_trainingrecord",
        ],
        "Project manager": TEAM_WORK,
        "Member": TEAM_WORK,
    }
    role_permissions = merged(role_permissions, PART2_GRANTS, ENGINEERING_GRANTS)

    def ready(self) -> None:
        from projects import demo as project_demo
        from projects.tabs import ProjectTab
        from projects.tabs import register as register_tab
        from teams import approvals, demo, demo_engineering, demo_part2
        from teams.models import (
            AppraisalScheme,
            PositionRequest,
            PurchasePlan,
            StaffActionCase,
            TechnicalReview,
            TechPlan,
            TechStandard,
            TrainingPlan,
        )

        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="teams-levels")
        approvals.register(TrainingPlan)
        for model in (
            AppraisalScheme,
            PositionRequest,
            StaffActionCase,
            TechnicalReview,
            TechPlan,
            TechStandard,
            PurchasePlan,
        ):
            approvals.register(model)
        project_demo.register(demo.seed)
        project_demo.register(demo_part2.seed)
        project_demo.register(demo_engineering.seed)
        register_tab(
            ProjectTab(
                "technical_reviews",
                _("Technical reviews"),
                "teams:project_technical_reviews",
                95,
                _shows_reviews,
            )
        )
