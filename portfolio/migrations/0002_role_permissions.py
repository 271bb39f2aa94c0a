"""The portfolio permissions each role holds (report subscriptions: admins
manage them in Django admin; everyone subscribes through the pages)."""

from django.db import migrations

from accounts.roles import grant
from portfolio.apps import PortfolioConfig

GRANTS = PortfolioConfig.role_permissions


def grant_roles(apps, schema_editor):
    grant(apps, "portfolio", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0001_report_subscriptions_and_deliveries"),
        ("accounts", "0003_alter_user_options"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
