from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Keep the hourly report-subscription entry present (a flush empties it)."""
    from portfolio import schedule

    schedule.ensure_reports_schedule()


class PortfolioConfig(AppConfig):
    """Pages that read across apps: home, projects with health, overviews,
    timelines, resources, My work and report packs."""

    name = "portfolio"
    verbose_name = _("Portfolio")
    role_permissions = {"Admin": ["*"]}

    def ready(self) -> None:
        from portfolio import demo
        from projects import demo as project_demo
        from projects.tabs import ProjectTab, register

        post_migrate.connect(
            _after_migrate, sender=self, dispatch_uid="portfolio-schedule"
        )
        register(
            ProjectTab(
                "overview", _("Overview"), "portfolio:project_detail", 0, home=True
            ),
            ProjectTab("timeline", _("Timeline"), "portfolio:project_timeline", 20),
            ProjectTab("reports", _("Reports"), "portfolio:project_reports", 90),
        )
        project_demo.register(demo.seed)
