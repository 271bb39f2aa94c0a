"""Report packs (issue 24): each report's content against the records, what
each reader is shown, PDF and XLSX output in both languages."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from kpis.models import KpiDefinition, KpiSnapshot
from portfolio import reports
from tests.factories import (
    ActionItemFactory,
    ChangeRequestFactory,
    CostEntryFactory,
    DecisionFactory,
    DepartmentFactory,
    KpiSnapshotFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    PhaseFactory,
    RiskFactory,
    RiskResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REPORT_KEYS = ["progress", "plan", "resources", "risks", "changes", "minutes"]
REPORT_KEYS += ["retrospective", "scorecard"]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def url(project, key, fmt=None):
    if fmt:
        return reverse("portfolio:project_report_file", args=[project.pk, key, fmt])
    return reverse("portfolio:project_report", args=[project.pk, key])


@pytest.fixture
def filled(project):
    """A project with a record of every kind the reports read."""
    today = timezone.localdate()
    phase = PhaseFactory(project=project, name="Build phase")
    MilestoneFactory(
        project=project, phase=phase, name="Go-live", planned_date=today + timedelta(5)
    )
    MilestoneFactory(
        project=project,
        phase=phase,
        name="Design signed",
        planned_date=today - timedelta(10),
        completed_on=today - timedelta(11),
    )
    CostEntryFactory(project=project, amount=Decimal("12345.00"))
    risk = RiskFactory(
        project=project, title="Vendor insolvency", probability=4, impact=5
    )
    RiskResponseFactory(risk=risk, completed_on=today)
    RiskResponseFactory(risk=risk)
    ChangeRequestFactory(
        project=project, title="Add SSO login", status="approved", impact_days=7
    )
    meeting = MeetingFactory(project=project, kind="review", title="Gate review")
    DecisionFactory(meeting=meeting, description="Proceed to build")
    retro = MeetingFactory(project=project, kind="retrospective", title="Sprint retro")
    ActionItemFactory(
        meeting=retro, kind="improvement", description="Automate the release checklist"
    )
    kpi = KpiDefinition.objects.get(code="on_time_delivery")
    KpiSnapshotFactory(
        kpi=kpi,
        scope_type=KpiSnapshot.ScopeType.PROJECT,
        scope_id=project.pk,
        numerator=Decimal(3),
        denominator=Decimal(4),
        value=Decimal("0.75"),
        target=Decimal("0.9"),
        status="missed",
    )
    return project


def test_progress_report_shows_the_records_and_links_kpis_to_drill_down(client, filled):
    client.force_login(filled.manager)
    response = client.get(url(filled, "progress"))
    assert response.status_code == 200
    html = response.content.decode()
    assert filled.name in html
    assert "1 of 2 completed" in html
    assert "12,345" in html  # spent, grouped in English
    assert "1 open risks (1 high)" in html
    assert "75.0 %" in html
    assert "90.0 %" in html
    drill = reverse("kpis:records", args=["project", filled.pk, "on_time_delivery"])
    assert f'href="{drill}?as_of=' in html
    assert "data:image/svg+xml;base64," in html  # the timeline as an image


def test_customer_progress_report_has_no_risks_costs_or_kpis(
    client, filled, make_member
):
    carl = make_member("customer_rep")
    client.force_login(carl)
    html = client.get(url(filled, "progress")).content.decode()
    assert filled.name in html
    assert "Go-live" in html
    assert "12,345" not in html
    assert "open risks" not in html
    assert "Budget" not in html
    assert "On-time delivery" not in html
    for key in ("risks", "resources", "minutes", "retrospective", "scorecard"):
        assert client.get(url(filled, key)).status_code == 404, key
    assert client.get(url(filled, "risks", "pdf")).status_code == 404
    # The change record is theirs to read, without the costs.
    html = client.get(url(filled, "changes")).content.decode()
    assert "Add SSO login" in html
    assert "Cost impact" not in html


def test_outsider_gets_404_for_every_report(client, filled, outsider):
    client.force_login(outsider)
    for key in REPORT_KEYS:
        assert client.get(url(filled, key)).status_code == 404
    assert (
        client.get(reverse("portfolio:project_reports", args=[filled.pk])).status_code
        == 404
    )


def test_each_report_renders_its_records(client, filled):
    client.force_login(filled.manager)
    expected = {
        "plan": ["Build phase", "Go-live", "Design signed"],
        "risks": ["Vendor insolvency", "20 (4×5)", "1 / 2"],
        "changes": ["Add SSO login", "7"],
        "minutes": ["Gate review", "Proceed to build"],
        "retrospective": ["Sprint retro", "Automate the release checklist"],
        "scorecard": ["On-time delivery", "75.0 %"],
    }
    for key, texts in expected.items():
        response = client.get(url(filled, key))
        assert response.status_code == 200, key
        for text in texts:
            assert text in response.content.decode(), (key, text)


def test_resource_table_groups_by_department_and_totals(client, project):
    platform = DepartmentFactory(name="Platform")
    first = MembershipFactory(
        project=project, user=UserFactory(department=platform), allocation_percent=60
    )
    second = MembershipFactory(
        project=project, user=UserFactory(department=platform), allocation_percent=30
    )
    client.force_login(project.manager)
    html = client.get(url(project, "resources")).content.decode()
    assert first.user.get_full_name() in html
    assert "Total of Platform" in html
    assert "90%" in html  # the department's total
    data = client.get(url(project, "resources", "xlsx")).content
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Department", "Person", "Role", "Allocation")
    allocations = sorted(r[3] for r in rows[1:])
    assert allocations == [0.3, 0.6]
    assert sheet.freeze_panes == "A2"
    assert sheet["D2"].number_format == "0.0%"
    assert second.user.get_full_name() in {r[1] for r in rows[1:]}


def test_risk_xlsx_keeps_numbers_and_dates(client, filled):
    client.force_login(filled.manager)
    response = client.get(url(filled, "risks", "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(values_only=True))[:2]
    assert header[0] == "Risk"
    assert row[0] == "Vendor insolvency"
    assert row[4] == 20
    assert isinstance(row[4], int)
    assert row[9:] == (1, 2)
    assert sheet["I2"].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["A"].width == 40


def test_no_xlsx_for_reports_that_are_not_tables(client, filled):
    client.force_login(filled.manager)
    assert client.get(url(filled, "progress", "xlsx")).status_code == 404
    assert client.get(url(filled, "progress", "doc")).status_code == 404


def test_progress_pdf_in_english(client, filled, settings):
    settings.MILEPOST_COMPANY_NAME = "Northwind Holdings"
    client.force_login(filled.manager)
    response = client.get(url(filled, "progress", "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Northwind Holdings" in text
    assert "Project progress report" in text
    assert filled.code in text
    assert "Page 1 /" in text
    assert "Build phase" in text  # drawn in the timeline image only
    assert f"/kpis/project/{filled.pk}/on_time_delivery/" in text  # drill-down
    assert "75.0" in text
    assert "Missed" in text
    assert "12,345 of 100,000 EUR spent" in text


def test_progress_pdf_in_chinese(client, filled):
    filled.manager.language = "zh-hans"
    filled.manager.save()
    client.force_login(filled.manager)
    response = client.get(url(filled, "progress", "pdf"))
    text = pdf_text(response.content)
    assert "项目进展报告" in text
    assert "里程碑" in text
    assert "Project progress report" not in text


def test_every_report_pdf_is_parseable(client, filled):
    client.force_login(filled.manager)
    for key in REPORT_KEYS:
        response = client.get(url(filled, key, "pdf"))
        assert response.status_code == 200, key
        assert filled.code in pdf_text(response.content), key


def test_empty_project_renders_empty_states(client, project):
    client.force_login(project.manager)
    for key in REPORT_KEYS:
        response = client.get(url(project, key))
        assert response.status_code == 200, key
    html = client.get(url(project, "risks")).content.decode()
    assert "No risks recorded." in html
    assert client.get(url(project, "progress", "pdf")).status_code == 200


def test_organisation_scorecard_for_directors_only(client, director, outsider):
    kpi = KpiDefinition.objects.get(code="customer_satisfaction")
    KpiSnapshotFactory(kpi=kpi, value=Decimal("82.5"), target=Decimal(80), status="met")
    page = reverse("portfolio:scorecard_report", args=["organisation", 0])
    client.force_login(outsider)
    assert client.get(page).status_code == 404
    dept = DepartmentFactory(name="Delivery")
    KpiSnapshotFactory(
        kpi=kpi,
        scope_type="department",
        scope_id=dept.pk,
        value=Decimal("61.0"),
        status="missed",
    )
    client.force_login(director)
    html = client.get(page).content.decode()
    assert "82.5" in html
    # The breakdown row of each top department, linked to its own scorecard.
    below = reverse("portfolio:scorecard_report", args=["department", dept.pk])
    assert f'href="{below}">Delivery</a>' in html
    assert "61.0" in html
    assert client.get(below).status_code == 200
    pdf = client.get(
        reverse("portfolio:scorecard_report_file", args=["organisation", 0, "pdf"])
    )
    assert "82.5" in pdf_text(pdf.content)
    sheet = load_workbook(
        io.BytesIO(
            client.get(
                reverse(
                    "portfolio:scorecard_report_file", args=["organisation", 0, "xlsx"]
                )
            ).content
        )
    ).active
    row = next(
        r for r in sheet.iter_rows(values_only=True) if r[1] == "customer_satisfaction"
    )
    assert row[3] == 82.5
    assert row[4] == 80


def test_every_registered_kpi_appears_on_the_scorecard(director):
    """KPIs are read from the registry: a new code shows without changes here."""
    from kpis import registry

    for kpi in registry.all():
        KpiSnapshotFactory(kpi=KpiDefinition.objects.get(code=kpi.code))
    scope = reports.resolve_scope(director, "organisation", 0)
    context = reports.build(reports.REPORTS["scorecard"], director, scope)
    assert [f["kpi"].code for f in context["kpis"]] == list(registry.CODES)


def _queries(client, path):
    client.get(path)  # warm the memoised roles and caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def _add_rows(project, n):
    for i in range(n):
        phase = PhaseFactory(project=project, name=f"Phase {i}")
        MilestoneFactory(project=project, phase=phase, name=f"Extra {i}")
        risk = RiskFactory(project=project)
        RiskResponseFactory(risk=risk)
        ChangeRequestFactory(project=project)
        meeting = MeetingFactory(project=project, kind="review")
        DecisionFactory(meeting=meeting)
        ActionItemFactory(meeting=meeting)
        retro = MeetingFactory(project=project, kind="retrospective")
        ActionItemFactory(meeting=retro, kind="improvement")
        MembershipFactory(project=project)


def test_report_pages_run_the_same_queries_whatever_the_data_size(
    client, filled, django_assert_max_num_queries
):
    client.force_login(filled.manager)
    paths = [url(filled, key) for key in REPORT_KEYS]
    paths += [url(filled, key, "xlsx") for key in ("resources", "risks", "changes")]
    paths.append(reverse("portfolio:project_reports", args=[filled.pk]))
    paths.append(reverse("portfolio:subscriptions"))
    before = {path: _queries(client, path) for path in paths}
    _add_rows(filled, 8)
    after = {path: _queries(client, path) for path in paths}
    assert after == before
    for path in paths:
        with django_assert_max_num_queries(30):
            client.get(path)


def test_scorecard_report_queries_do_not_grow_with_departments(client, director):
    page = reverse("portfolio:scorecard_report", args=["organisation", 0])
    client.force_login(director)
    DepartmentFactory()
    before = _queries(client, page)
    for _ in range(6):
        DepartmentFactory()
    assert _queries(client, page) == before


def test_reports_tab_lists_what_the_reader_may_open(client, filled, make_member):
    page = reverse("portfolio:project_reports", args=[filled.pk])
    client.force_login(filled.manager)
    html = client.get(page).content.decode()
    assert "Risk management report" in html
    client.force_login(make_member("customer_rep"))
    html = client.get(page).content.decode()
    assert "Project progress report" in html
    assert "Risk management report" not in html


def test_kpi_figures_are_the_newest_run_of_the_scope(project):
    from kpis.models import KpiRun

    kpi = KpiDefinition.objects.get(code="on_time_delivery")
    today = timezone.localdate()
    for day, value in ((today - timedelta(1), "0.5"), (today, "0.8")):
        KpiRun.objects.create(as_of=day, finished_at=timezone.now())
        KpiSnapshotFactory(
            kpi=kpi,
            scope_type="project",
            scope_id=project.pk,
            as_of=day,
            value=Decimal(value),
        )
    figures = reports.kpi_figures(project.manager, "project", project.pk)
    assert figures["kpi_as_of"] == today
    assert [f["row"].value for f in figures["kpis"]] == [Decimal("0.8")]
    drill = reverse("kpis:records", args=["project", project.pk, "on_time_delivery"])
    assert figures["kpis"][0]["url"] == f"{drill}?as_of={today.isoformat()}"
    # Someone who may not read the project's scorecard gets no figures.
    assert reports.kpi_figures(UserFactory(), "project", project.pk)["kpis"] == []


def test_minutes_report_renders_markdown_safely(client):
    """Minutes typed in Markdown read as text in the report, not raw ## and **
    (issue 19); raw HTML does not pass."""
    from tests.factories import MeetingFactory, MembershipFactory, ProjectFactory

    project = ProjectFactory()
    MembershipFactory(project=project, user=project.manager, role="manager")
    MeetingFactory(
        project=project,
        held_on=timezone.localdate() - timedelta(days=1),
        minutes="## Outcome\n\nThe customer **accepted**.<script>x()</script>",
    )
    client.force_login(project.manager)

    html = client.get(
        reverse("portfolio:project_report", args=[project.pk, "minutes"])
    ).content.decode()

    assert "<strong>accepted</strong>" in html
    assert "## Outcome" not in html
    assert "<script>x()" not in html
