"""The milestones permissions each role holds (DESIGN §4: a role's capabilities
are its group's Django permissions)."""

from django.db import migrations

from accounts.roles import grant
from milestones.apps import MilestonesConfig

# The app's declared defaults (its AppConfig), so a new database and a
# flushed one (accounts.roles.ensure_roles) get the same.
GRANTS = MilestonesConfig.role_permissions


def grant_roles(apps, schema_editor):
    grant(apps, "milestones", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("milestones", "0001_initial"),
        ("accounts", "0003_alter_user_options"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
