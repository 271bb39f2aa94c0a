"""Drop what the record tallies (replaced migrations 0004-0009) left in a
database built before issue 17, and grant the projects permissions to roles.

On a new database there is nothing to drop: every statement is conditional.
The triggers are found by their own names (they all start with `tally_` or
`membership_manages`), so no table of another app is named here; on
PostgreSQL dropping their functions CASCADE drops the triggers wherever they
are.
"""

from django.db import migrations

from accounts.roles import grant
from projects.apps import ProjectsConfig

TALLY_TABLES = ("projects_managertally", "projects_tally")
SCHEDULE = "Record tallies: compact (hourly)"

# The app's declared defaults (its AppConfig), so a new database and a
# flushed one (accounts.roles.ensure_roles) get the same.
GRANTS = ProjectsConfig.role_permissions


def _drop_postgresql(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.proname FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() "
            "AND (p.proname LIKE 'tally\\_%%' OR p.proname = 'membership_manages')"
        )
        functions = [row[0] for row in cursor.fetchall()]
    for name in functions:
        schema_editor.execute(f'DROP FUNCTION IF EXISTS "{name}"() CASCADE')
    schema_editor.execute("DROP INDEX IF EXISTS membership_seat_unmanaged")
    schema_editor.execute(
        "ALTER TABLE projects_membership DROP COLUMN IF EXISTS manages"
    )
    for table in TALLY_TABLES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table} CASCADE")


def _drop_sqlite(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE 'tally\\_%' ESCAPE '\\' "
            "OR name LIKE 'membership\\_manages%' ESCAPE '\\')"
        )
        triggers = [row[0] for row in cursor.fetchall()]
        cursor.execute("PRAGMA table_info(projects_membership)")
        has_manages = any(row[1] == "manages" for row in cursor.fetchall())
    for name in triggers:
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    schema_editor.execute("DROP INDEX IF EXISTS membership_seat_unmanaged")
    if has_manages:
        schema_editor.execute("ALTER TABLE projects_membership DROP COLUMN manages")
    for table in TALLY_TABLES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def drop_tallies(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _drop_postgresql(schema_editor)
    elif vendor == "sqlite":
        _drop_sqlite(schema_editor)
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=SCHEDULE).delete()


def grant_roles(apps, schema_editor):
    grant(apps, "projects", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("accounts", "0003_alter_user_options"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(drop_tallies, migrations.RunPython.noop),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
