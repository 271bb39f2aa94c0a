from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilestonesConfig(AppConfig):
    name = "milestones"
    verbose_name = _("Milestones")

    def ready(self) -> None:
        # Plug the milestone rules (baseline lock) into projects.services.
        from milestones import services  # noqa: F401
