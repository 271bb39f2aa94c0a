from django.db import migrations


def create_definitions(apps, schema_editor):
    from kpis import registry

    registry.sync_definitions(apps.get_model("kpis", "KpiDefinition"))


class Migration(migrations.Migration):

    dependencies = [
        ("kpis", "0002_precision_and_department_targets"),
    ]

    operations = [
        migrations.RunPython(create_definitions, migrations.RunPython.noop),
    ]
