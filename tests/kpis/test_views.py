"""Dashboard, scorecards, drill-down, exports and "numbers explained" pages."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts import roles
from kpis import services
from kpis.models import KpiSnapshot
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    MilestoneFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)


def build(n_projects: int, manager=None):
    dept = DepartmentFactory(code="kpi-root")
    sub = DepartmentFactory(code="kpi-sub", parent=dept)
    manager = manager or UserFactory(role=roles.PROJECT_MANAGER)
    projects = []
    for i in range(n_projects):
        p = ProjectFactory(department=sub if i % 2 else dept, manager=manager)
        MilestoneFactory(
            project=p, planned_date=AS_OF, completed_on=AS_OF if i % 3 else None
        )
        projects.append(p)
    for day in (AS_OF - timedelta(days=30), AS_OF):
        services.snapshots_compute(as_of=day)
    return {"dept": dept, "sub": sub, "manager": manager, "projects": projects}


def test_director_sees_the_organisation_scorecard(client, director):
    build(3)
    client.force_login(director)

    response = client.get(reverse("kpis:dashboard"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "On-time delivery" in body
    assert "项目按时交付率" in body
    assert 'id="kpi-trend-data"' in body
    assert response.context["as_of"] == AS_OF
    assert len(response.context["card"]) == 17


@pytest.mark.parametrize("size", [2, 12])
def test_pages_run_a_fixed_number_of_queries(
    client, director, size, django_assert_num_queries
):
    data = build(size)
    client.force_login(director)
    client.get(reverse("kpis:dashboard"))  # warm the session
    urls = [
        reverse("kpis:dashboard"),
        reverse("kpis:scorecard", args=["department", data["dept"].pk]),
        reverse("kpis:scorecard", args=["manager", data["manager"].pk]),
        reverse("kpis:records", args=["organisation", 0, "on_time_delivery"]),
    ]
    counts = []
    for url in urls:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    # Same counts at both sizes (compared through the parametrised expectation).
    assert counts == EXPECTED_QUERIES
    assert max(counts) <= 12


EXPECTED_QUERIES = [9, 12, 11, 7]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("Member", 403), ("Project manager", 403), ("Customer", 403)],
)
def test_non_directors_get_403_on_the_dashboard(client, role, expected):
    build(1)
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("kpis:dashboard")).status_code == expected


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("kpis:dashboard"))
    assert response.status_code == 302


def test_manager_sees_own_scorecard_and_projects_not_others(client):
    data = build(2)
    other = build_other()
    client.force_login(data["manager"])

    mine = client.get(reverse("kpis:my_scorecard"))
    assert mine.status_code == 200
    assert mine.context["scope"].key == data["manager"].pk
    assert [r.key for _t, rows in mine.context["groups"] for r, _c in rows] == [
        p.pk for p in data["projects"]
    ]
    project = data["projects"][0]
    assert (
        client.get(reverse("kpis:scorecard", args=["project", project.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("kpis:scorecard", args=["manager", other.pk])).status_code
        == 403
    )
    assert (
        client.get(
            reverse("kpis:scorecard", args=["department", data["dept"].pk])
        ).status_code
        == 403
    )


def build_other():
    manager = UserFactory(role=roles.PROJECT_MANAGER)
    ProjectFactory(manager=manager)
    services.snapshots_compute(as_of=AS_OF)
    return manager


def test_invisible_project_scorecard_is_404_and_customer_is_403(client):
    data = build(1)
    project = data["projects"][0]
    client.force_login(UserFactory(role=roles.MEMBER))
    url = reverse("kpis:scorecard", args=["project", project.pk])
    assert client.get(url).status_code == 404
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=project, user=customer, role="customer_rep")
    client.force_login(customer)
    assert client.get(url).status_code == 403
    assert client.get(reverse("kpis:scorecard", args=["galaxy", 1])).status_code == 404


def test_drill_down_from_organisation_to_projects(client, director):
    data = build(4)
    client.force_login(director)

    org = client.get(reverse("kpis:dashboard"))
    dept_refs = [r for _t, rows in org.context["groups"] for r, _c in rows]
    assert [r.key for r in dept_refs] == [data["dept"].pk]

    dept = client.get(reverse("kpis:scorecard", args=["department", data["dept"].pk]))
    titles = [t for t, _rows in dept.context["groups"]]
    assert titles == ["Sub-departments", "Project managers", "Projects"]
    projects = dict(dept.context["groups"])["Projects"]
    assert len(projects) == 4
    # Cells hold the stored snapshot of that project.
    ref, cells = projects[0]
    stored = KpiSnapshot.objects.get(
        kpi__code="on_time_delivery",
        scope_type="project",
        scope_id=ref.key,
        as_of=AS_OF,
    )
    assert cells["on_time_delivery"].value == stored.value
    assert dept.context["worst"][0]["missed"] >= 1


def test_csv_and_xlsx_exports_hold_the_stored_figures(client, director):
    data = build(2)
    client.force_login(director)
    url = reverse("kpis:export", args=["department", data["dept"].pk, "csv"])

    response = client.get(url, {"as_of": AS_OF.isoformat()})

    assert response.status_code == 200
    # UTF-8 with a byte-order mark, so Excel reads Chinese headers right.
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    own = [
        r
        for r in rows
        if r["Scope type"] == "department" and r["KPI code"] == "on_time_delivery"
    ]
    stored = KpiSnapshot.objects.get(
        kpi__code="on_time_delivery",
        scope_type="department",
        scope_id=data["dept"].pk,
        as_of=AS_OF,
    )
    assert Decimal(own[0]["Numerator"]) == stored.numerator
    # A rate reads as a percentage (issue 19), rounded to a tenth of a point.
    assert own[0]["Value"] == f"{(stored.value * 100).quantize(Decimal('0.1'))}%"
    assert own[0]["Status"] in ("Met", "Missed", "No data")
    assert {r["Scope type"] for r in rows} == {"department", "manager", "project"}

    xlsx = client.get(
        reverse("kpis:export", args=["organisation", 0, "xlsx"]),
        {"as_of": AS_OF.isoformat()},
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Scope type"
    assert sheet.freeze_panes == "A2"
    assert len(values) == 1 + 17 * 2  # organisation and its one top department
    header = values[0]
    row = next(
        r for r in sheet.iter_rows(min_row=2) if r[4].value == "on_time_delivery"
    )
    value = row[header.index("Value")]
    numerator = row[header.index("Numerator")]
    assert value.number_format == "0.0%"
    assert isinstance(value.value, float)
    assert numerator.number_format == "#,##0"


def test_records_page_lists_exactly_the_rows_behind_the_figures(client, director):
    data = build(6)
    client.force_login(director)
    project = data["projects"][0]
    MilestoneFactory(project=project, planned_date=AS_OF + timedelta(days=3))

    url = reverse("kpis:records", args=["organisation", 0, "on_time_delivery"])
    response = client.get(url, {"as_of": AS_OF.isoformat()})
    numerator = client.get(url, {"as_of": AS_OF.isoformat(), "only": "numerator"})

    snapshot = response.context["snapshot"]
    assert response.context["page_obj"].paginator.count == snapshot.denominator
    assert numerator.context["page_obj"].paginator.count == snapshot.numerator


def test_records_page_refuses_an_unknown_kpi(client, director):
    build(1)
    client.force_login(director)
    url = reverse("kpis:records", args=["organisation", 0, "nope"])
    assert client.get(url).status_code == 404


def test_dashboard_without_snapshots_shows_an_empty_state(client, director):
    client.force_login(director)
    response = client.get(reverse("kpis:dashboard"))
    assert response.status_code == 200
    assert "No KPI snapshots yet" in response.content.decode()


def test_worst_projects_follow_a_new_run_and_keep_fresh_names(client, director):
    """The ranking is cached per run: a re-run that drops a cancelled project
    drops it from the list; a rename shows at once (names are read live)."""
    data = build(6)
    client.force_login(director)
    url = reverse("kpis:dashboard")
    worst = client.get(url).context["worst"]
    assert worst, "some projects miss on-time delivery"
    first = worst[0]["project"]
    assert [w["project"].pk for w in client.get(url).context["worst"]] == [
        w["project"].pk for w in worst
    ]
    first.name = "Renamed while cached"
    first.save()
    assert client.get(url).context["worst"][0]["project"].name == (
        "Renamed while cached"
    )
    first.status = "cancelled"
    first.save()
    services.snapshots_compute(as_of=AS_OF)
    after = [w["project"].pk for w in client.get(url).context["worst"]]
    assert first.pk not in after
    assert set(after) <= {p.pk for p in data["projects"]}


def test_drill_down_tables_show_fresh_names_and_figures(client, director):
    """The tables are cached under a digest of what they show: a renamed
    project and a re-run with new figures each give new HTML at once."""
    data = build(4)
    client.force_login(director)
    url = reverse("kpis:scorecard", args=["department", data["dept"].pk])

    def table(response):
        body = response.content.decode()
        start = body.index('aria-label="Projects"')
        return body[start : body.index("</section>", start)]

    first = table(client.get(url))
    assert table(client.get(url)) == first
    project = data["projects"][0]
    project.name = "Renamed in the drill-down"
    project.save()
    renamed = table(client.get(url))
    assert "Renamed in the drill-down" in renamed
    # All of the department's on-time milestones done: a new figure after a run.
    for p in data["projects"]:
        p.milestones.update(completed_on=AS_OF)
    services.snapshots_compute(as_of=AS_OF)
    rerun = table(client.get(url))
    assert rerun != renamed
    assert "100.0 %" in rerun


def test_breadcrumbs_follow_the_department_tree(client, director):
    data = build(2)  # project 0 in the root department, project 1 in its child
    client.force_login(director)
    sub_project = data["projects"][1]

    page = client.get(reverse("kpis:scorecard", args=["project", sub_project.pk]))
    crumbs = [(c.scope_type, c.key) for c in page.context["crumbs"]]
    assert crumbs == [("department", data["dept"].pk), ("department", data["sub"].pk)]
    body = page.content.decode()
    assert reverse("kpis:scorecard", args=["department", data["sub"].pk]) in body

    sub = client.get(reverse("kpis:scorecard", args=["department", data["sub"].pk]))
    assert [c.key for c in sub.context["crumbs"]] == [data["dept"].pk]


def test_team_members_get_no_breadcrumb_to_scorecards_they_cannot_open(client):
    data = build(1)
    client.force_login(data["manager"])
    page = client.get(
        reverse("kpis:scorecard", args=["project", data["projects"][0].pk])
    )
    assert page.status_code == 200
    assert page.context["crumbs"] == []


def test_kpi_exports_format_each_kpi_in_its_unit(client, director):
    """Exports are not raw dumps (issue 19): rates as percentages, money
    with two decimals, a count whole, a mean rounded, statuses in words."""
    build(2)
    client.force_login(director)

    response = client.get(
        reverse("kpis:export", args=["organisation", 0, "csv"]),
        {"as_of": AS_OF.isoformat()},
    )

    rows = {
        r["KPI code"]: r
        for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    budget = rows["budget_adherence"]
    hours = rows["issue_resolution_hours"]
    assert re.fullmatch(r"\d+\.\d{2}", budget["Denominator"])  # money: 2 places
    assert budget["Value"] == "" or budget["Value"].endswith("%")
    assert "." not in rows["on_time_delivery"]["Denominator"]
    assert hours["Target"] == "48.00"
    assert all(len(r["Value"].split(".")[-1].rstrip("%")) <= 2 for r in rows.values())


def test_budget_drill_down_shows_money_and_no_window(client, director):
    build(2)
    client.force_login(director)

    budget = client.get(
        reverse("kpis:records", args=["organisation", 0, "budget_adherence"]),
        {"as_of": AS_OF.isoformat()},
    ).content.decode()
    rate = client.get(
        reverse("kpis:records", args=["organisation", 0, "on_time_delivery"]),
        {"as_of": AS_OF.isoformat()},
    ).content.decode()

    assert "Cumulative" in budget
    assert "Window:" not in budget
    assert re.search(r"\d{1,3}(,\d{3})+\.\d{2} EUR", budget), "money with separators"
    assert "Window:" in rate


def test_scorecard_says_which_run_its_figures_are_from(client, director):
    from django.core.management import call_command
    from django.utils import timezone

    build(1)
    yesterday = timezone.localdate() - timedelta(days=1)
    call_command("compute_kpis", "--date", yesterday.isoformat(), verbosity=0)
    client.force_login(director)
    url = reverse("kpis:dashboard")

    latest = client.get(url).content.decode()
    older = client.get(url, {"as_of": AS_OF.isoformat()}).content.decode()

    assert "(last night's run)" in latest
    assert "(an earlier run)" in older
    # Headers and labels wrap, never cut to an ellipsis.
    assert "text-truncate" not in latest
