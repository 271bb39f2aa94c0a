from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing every app shares; it imports no app of ours."""

    name = "core"
    verbose_name = _("Core")
