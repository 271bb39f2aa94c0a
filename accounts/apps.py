from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    # Each role's permissions of this app (see accounts/roles.py).
    role_permissions = {
        "Admin": ["*", "administer"],
        "Director": ["view_*"],
        "General manager": ["view_*"],
        "HR": ["view_*"],
        "Project manager": ["view_user", "view_department"],
        "Member": ["view_user", "view_department"],
    }

    def ready(self) -> None:
        from accounts import audit, roles  # noqa: F401 - audit logs sign-ins

        # A flushed database gets its role groups back (never overriding one
        # an admin changed: only missing groups are made).
        post_migrate.connect(
            roles.ensure_roles, sender=self, dispatch_uid="accounts-roles"
        )
