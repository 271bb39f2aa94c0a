from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import roles

        # Models added after the roles migration get their permissions too.
        post_migrate.connect(roles.sync_after_migrate, sender=self)
