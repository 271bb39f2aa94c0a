"""The kpis permissions each role holds (DESIGN §4: a role's capabilities
are its group's Django permissions)."""

from django.db import migrations

from accounts.roles import grant
from kpis.apps import KpisConfig

# The app's declared defaults (its AppConfig), so a new database and a
# flushed one (accounts.roles.ensure_roles) get the same.
GRANTS = KpisConfig.role_permissions


def grant_roles(apps, schema_editor):
    grant(apps, "kpis", GRANTS)
    # The nightly schedule (django-celery-beat) is edited by admins.
    grant(apps, "django_celery_beat", {"Admin": ["*"]})


class Migration(migrations.Migration):
    dependencies = [
        ("kpis", "0006_snapshot_order_and_runs"),
        ("accounts", "0003_alter_user_options"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="kpisnapshot",
            options={
                "ordering": ["-as_of", "scope_type", "scope_key", "kpi"],
                "permissions": [("view_all_scorecards", "Can read every scorecard")],
                "verbose_name": "KPI snapshot",
                "verbose_name_plural": "KPI snapshots",
            },
        ),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
