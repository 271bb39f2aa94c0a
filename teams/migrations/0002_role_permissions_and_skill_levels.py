"""The teams permissions each role holds (DESIGN §4) and the 1–5 skill level
scale in English and Chinese (DESIGN §7)."""

from django.db import migrations

from accounts.roles import grant
from teams.apps import TeamsConfig
from teams.models.skills import ensure_skill_levels

GRANTS = TeamsConfig.role_permissions


def grant_roles(apps, schema_editor):
    grant(apps, "teams", GRANTS)


def seed_levels(apps, schema_editor):
    ensure_skill_levels(apps.get_model("teams", "SkillLevel"))


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0001_teams_people_skills_training_approvals"),
        ("accounts", "0005_person_fields"),
    ]

    operations = [
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
        migrations.RunPython(seed_levels, migrations.RunPython.noop),
    ]
