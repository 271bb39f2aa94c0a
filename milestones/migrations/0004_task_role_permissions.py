"""The task and work-log permissions each role holds (the app's declared
defaults: project managers and members get them, directors and the general
manager read, customers get none)."""

from django.db import migrations

from accounts.roles import grant
from milestones.apps import MilestonesConfig

GRANTS = MilestonesConfig.role_permissions


def grant_roles(apps, schema_editor):
    grant(apps, "milestones", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("milestones", "0003_tasks_and_work_logs"),
        ("accounts", "0003_alter_user_options"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
