"""Create the global roles (groups). Each app grants its own permissions to
them in its own migrations (accounts.roles.grant): a lower app never names a
higher one."""

from django.db import migrations

# Frozen here, as a migration's data must be.
ROLES = ("Admin", "Director", "Project manager", "Member", "Customer")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
