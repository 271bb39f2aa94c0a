"""The capabilities each role holds over technical reviews, plans,
standards and purchase plans (teams.grants.ENGINEERING_GRANTS), plus the
readers' view permissions of the new models."""

from django.db import migrations

from accounts.roles import grant
from teams.grants import ENGINEERING_GRANTS

NEW_MODELS = (
    "technicalreview",
    "technicalreviewround",
    "reviewcondition",
    "techplan",
    "techobjective",
    "keyresult",
    "techintroduction",
    "techstandard",
    "purchaseplan",
    "purchaseitem",
)
VIEWS = [f"view_{model}" for model in NEW_MODELS]


def grant_roles(apps, schema_editor):
    readers = {
        role: VIEWS
        for role in ("Director", "General manager", "HR", "Project manager", "Member")
    }
    grant(apps, "teams", readers)
    grant(apps, "teams", ENGINEERING_GRANTS)


class Migration(migrations.Migration):
    dependencies = [("teams", "0007_technical_reviews_plans_standards_purchases")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
