from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Keep the KPI rows and the nightly schedule present (a flush empties them)."""
    from kpis import registry, schedule

    registry.sync_definitions()
    schedule.ensure_nightly_schedule()


class KpisConfig(AppConfig):
    name = "kpis"
    verbose_name = _("KPIs")
    role_permissions = {
        "Admin": ["*", "view_all_scorecards"],
        "Director": ["view_*", "change_kpidefinition", "view_all_scorecards"],
        "General manager": ["view_*", "view_all_scorecards"],
        "Project manager": ["view_*"],
        "Member": ["view_kpidefinition", "view_kpisnapshot"],
    }

    def ready(self) -> None:
        from kpis import demo
        from projects import demo as project_demo

        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="kpis-sync")
        project_demo.register(demo.seed)
