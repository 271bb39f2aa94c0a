"""Create the five global roles (groups) with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so
    # the groups can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from accounts.roles import sync_groups

    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    from accounts.roles import ALL_ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ALL_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("projects", "0001_initial"),
        ("milestones", "0001_initial"),
        ("risks", "0001_initial"),
        ("changes", "0001_initial"),
        ("reviews", "0001_initial"),
        ("kpis", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
