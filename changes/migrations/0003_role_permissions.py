"""The changes permissions each role holds (DESIGN §4: a role's capabilities
are its group's Django permissions)."""

from django.db import migrations

from accounts.roles import grant
from changes.apps import ChangesConfig

# The app's declared defaults (its AppConfig), so a new database and a
# flushed one (accounts.roles.ensure_roles) get the same.
GRANTS = ChangesConfig.role_permissions


def grant_roles(apps, schema_editor):
    grant(apps, "changes", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("changes", "0002_list_order_indexes"),
        ("accounts", "0003_alter_user_options"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
