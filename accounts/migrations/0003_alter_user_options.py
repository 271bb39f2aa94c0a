"""The Admin capability (accounts.administer), the General manager and HR
roles, and the accounts permissions of each role."""

from django.db import migrations

from accounts.roles import grant
from accounts.apps import AccountsConfig

# The app's declared defaults (its AppConfig), so a new database and a
# flushed one (accounts.roles.ensure_roles) get the same.
GRANTS = AccountsConfig.role_permissions


def grant_roles(apps, schema_editor):
    grant(apps, "accounts", GRANTS)
    grant(apps, "auth", {"Admin": ["*"]})  # groups and their permissions


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "ordering": ["username"],
                "permissions": [("administer", "Can do everything in Milepost")],
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
        ),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
