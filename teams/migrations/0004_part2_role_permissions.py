"""The capabilities each role holds over appraisals, recruitment and staff
cases (DESIGN §4): teams.grants.PART2_GRANTS, plus part 1's readers'
view permissions of the new models."""

from django.db import migrations

from accounts.roles import grant
from teams.grants import PART2_GRANTS

NEW_MODELS = (
    "appraisalscheme",
    "appraisalcriterion",
    "appraisalcycle",
    "appraisal",
    "appraisalscore",
    "improvementaction",
    "staffactioncase",
    "positionrequest",
    "candidate",
    "application",
    "interview",
    "interviewscore",
)
VIEWS = [f"view_{model}" for model in NEW_MODELS]


def grant_roles(apps, schema_editor):
    readers = {
        role: VIEWS
        for role in ("Director", "General manager", "HR", "Project manager", "Member")
    }
    grant(apps, "teams", readers)
    grant(apps, "teams", PART2_GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0003_appraisals_recruitment_staff_cases"),
        ("accounts", "0005_person_fields"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
