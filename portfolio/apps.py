from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """Pages that read across apps: home, projects with health, overviews,
    timelines, resources and My work."""

    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from projects.tabs import ProjectTab, register

        register(
            ProjectTab(
                "overview", _("Overview"), "portfolio:project_detail", 0, home=True
            ),
            ProjectTab("timeline", _("Timeline"), "portfolio:project_timeline", 20),
        )
