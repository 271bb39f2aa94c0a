"""Fill the new facts of issue 21 for rows that existed before it, and grant
the new models' permissions to the roles.

- Project.baselined_at: the end of the day the plan was approved (the exact
  moment was not kept), so requirements created that day count as planned.
- Requirement.accepted_on: the day history first shows it accepted.
- DocumentVersion: a submitted document's file or link becomes version 1.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone

from accounts.roles import grant
from projects.apps import ProjectsConfig


def backfill(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Requirement = apps.get_model("projects", "Requirement")
    HistoricalRequirement = apps.get_model("projects", "HistoricalRequirement")
    Document = apps.get_model("projects", "Document")
    DocumentVersion = apps.get_model("projects", "DocumentVersion")
    zone = ZoneInfo(settings.TIME_ZONE)
    projects = Project.objects.filter(baselined_on__isnull=False, baselined_at=None)
    for project in projects.only("pk", "baselined_on"):
        end = datetime.combine(project.baselined_on + timedelta(days=1), time.min, zone)
        Project.objects.filter(pk=project.pk).update(
            baselined_at=end - timedelta(microseconds=1)
        )
    first_accepted = (
        HistoricalRequirement.objects.filter(id=OuterRef("pk"), status="accepted")
        .order_by()
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    accepted = Requirement.objects.filter(status="accepted", accepted_on=None)
    for pk, when in accepted.annotate(when=Subquery(first_accepted)).values_list(
        "pk", "when"
    ):
        day = timezone.localdate(when, zone) if when else timezone.localdate()
        Requirement.objects.filter(pk=pk).update(accepted_on=day)
    submitted = (
        Document.objects.filter(submitted_on__isnull=False, versions=None)
        .exclude(file="", url="")
        .values_list("pk", "file", "url", "submitted_on")
    )
    DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(
                document_id=pk, number=1, file=file, url=url, submitted_on=on
            )
            for pk, file, url, on in submitted
        ],
        batch_size=1000,
    )


def grant_roles(apps, schema_editor):
    grant(apps, "projects", ProjectsConfig.role_permissions)


class Migration(migrations.Migration):
    dependencies = [("projects", "0011_document_versions_and_acceptance")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
