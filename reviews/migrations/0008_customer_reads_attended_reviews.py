"""Customers read the review meetings they attended and rate them (issue 19):
their group gains the view and rating permissions."""

from django.db import migrations

from accounts.roles import grant

GRANTS = {
    "Customer": [
        "view_meeting",
        "view_meetingfeedback",
        "add_meetingfeedback",
        "change_meetingfeedback",
    ]
}


def grant_roles(apps, schema_editor):
    grant(apps, "reviews", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0007_meeting_schedule")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
