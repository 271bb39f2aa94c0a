"""The capability to decide a change request a project manager raised
(DESIGN §4: nobody decides their own request), held by directors and the
general manager."""

from django.db import migrations

from accounts.roles import grant


def grant_deciders(apps, schema_editor):
    grant(
        apps,
        "changes",
        {
            "Director": ["decide_raised_by_manager"],
            "General manager": ["decide_raised_by_manager"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("changes", "0003_role_permissions"),
        ("accounts", "0003_alter_user_options"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="changerequest",
            options={
                "ordering": ["project", "-created_at", "pk"],
                "permissions": [
                    (
                        "decide_raised_by_manager",
                        "Can decide change requests raised by a project manager",
                    )
                ],
                "verbose_name": "change request",
                "verbose_name_plural": "change requests",
            },
        ),
        migrations.RunPython(grant_deciders, migrations.RunPython.noop),
    ]
