"""The product's user journeys, end to end in headless Chromium.

Each journey clicks and types like a person (labels, roles, buttons); the
database is only read to check what the pages claim.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from changes.models import ChangeRequest
from milestones.models import Milestone
from projects.demo import DEMO_PASSWORD
from projects.models import Project
from reviews.models import ActionItem, CustomerSatisfaction, Meeting
from risks.models import Issue, Risk, RiskResponse
from tests.browser.journeys import crumb, expect_message, field, iso, shown, tab

pytestmark = pytest.mark.django_db(transaction=True)


def _seed_people() -> None:
    # Departments, the demo people and one unrelated project (PRJ-001).
    call_command("seed_demo", "--projects", "1", "--no-kpis")


def _add_record(page, button: str, fields: dict[str, str], selects=None) -> None:
    page.get_by_role("link", name=button).click()
    for label, value in (selects or {}).items():
        field(page, label).select_option(label=value)
    for label, value in fields.items():
        field(page, label).fill(value)
    page.get_by_role("button", name="Save").click()


def test_journey_1_project_manager_plans_and_runs_a_project(page, sign_in, shot):
    _seed_people()
    today = timezone.localdate()
    start, target = today - timedelta(days=20), today + timedelta(days=200)

    # Sign in and create the project from the home page.
    sign_in(page, "paula", DEMO_PASSWORD)
    page.get_by_role("link", name="New project").first.click()
    expect(page.get_by_role("heading", name="New project", level=1)).to_be_visible()
    page.get_by_label("Code").fill("PRJ-900")
    page.get_by_label("Name").fill("Warehouse scanner rollout")
    page.get_by_label("Customer").fill("Acme Logistics")
    page.get_by_label("Department").select_option(label="Platform Engineering")
    page.get_by_label("Status").select_option(label="Active")
    page.get_by_label("Start date").fill(iso(start))
    page.get_by_label("Target date").fill(iso(target))
    page.get_by_label("Budget").fill("120000")
    page.get_by_label("Objectives").fill("Scanners in all three warehouses.")
    page.get_by_role("button", name="Save").click()
    expect_message(page, "Project PRJ-900 created.")
    project = Project.objects.get(code="PRJ-900")
    assert project.manager.username == "paula"
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Warehouse scanner rollout"
    )

    # Team: two members.
    for person, role, allocation in (
        ("Mike Okafor", "Technical expert", "60"),
        ("Tom Berg", "Risk officer", "40"),
    ):
        tab(page, "Team")
        _add_record(
            page,
            "Add team member",
            {"Allocation (%)": allocation},
            {"User": person, "Role": role},
        )
        expect_message(page, "Team member saved.")
    tab(page, "Team")
    team = page.locator("#record-table tbody")
    expect(team).to_contain_text("Mike Okafor")
    expect(team).to_contain_text("Tom Berg")
    assert set(project.memberships.values_list("user__username", flat=True)) >= {
        "mike",
        "tom",
    }

    # Phases and requirements.
    phases = [
        ("Pilot", "1", start, today + timedelta(days=60)),
        ("Rollout", "2", today + timedelta(days=61), target),
    ]
    for name, order, begin, end in phases:
        tab(page, "Phases")
        _add_record(
            page,
            "Add phase",
            {
                "Name": name,
                "Order": order,
                "Start date": iso(begin),
                "End date": iso(end),
            },
        )
        expect_message(page, "Phase saved.")
    for title in ("Scan a pallet in under two seconds", "Offline mode for dead zones"):
        tab(page, "Requirements")
        _add_record(page, "Add requirement", {"Title": title}, {"Priority": "High"})
        expect_message(page, "Requirement saved.")

    # Milestones, each in a phase.
    milestones = [
        ("Pilot site live", "Pilot", today + timedelta(days=45)),
        ("Warehouse B live", "Rollout", today + timedelta(days=120)),
        ("All sites live", "Rollout", today + timedelta(days=190)),
    ]
    for name, phase, planned in milestones:
        tab(page, "Milestones")
        _add_record(
            page,
            "Add milestone",
            {"Name": name, "Planned date": iso(planned)},
            {"Phase": phase},
        )
        expect_message(page, "Milestone saved.")
    assert project.milestones.count() == 3

    # Approve the plan (a confirmation dialog asks first).
    tab(page, "Overview")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Approve plan").click()
    expect_message(page, "Plan approved")
    expect(
        page.get_by_text(f"Baselined {today.day} {today:%b %Y}").first
    ).to_be_visible()
    project.refresh_from_db()
    assert project.baselined_on == today

    # Two risks, each with a response action; the second gets another one.
    risks = [
        ("Scanner supply delayed", "Schedule", "4", "4", "Order from two vendors"),
        ("Wi-Fi dead zones", "Technical", "3", "2", "Survey sites before rollout"),
    ]
    tab(page, "Risks")
    for title, category, probability, impact, response in risks:
        page.get_by_role("link", name="New risk").click()
        page.get_by_label("Title").fill(title)
        page.get_by_label("Category").select_option(label=category)
        page.get_by_label("Probability").fill(probability)
        page.get_by_label("Impact").fill(impact)
        page.get_by_label("Strategy").select_option(label="Mitigate")
        page.get_by_label("Owner").select_option(label="Tom Berg")
        page.get_by_label("First response action").fill(response)
        page.get_by_label("Response due").fill(iso(today + timedelta(days=14)))
        page.get_by_role("button", name="Save").click()
        expect_message(page, f"Risk “{title}” added.")
        expect(page.locator("#response-table")).to_contain_text(response)
        if title != risks[-1][0]:
            crumb(page, "Risk register")
    page.get_by_text("Add a response action").click()
    page.get_by_label("Description").fill("Buy two mesh repeaters")
    page.get_by_label("Owner").select_option(label="Mike Okafor")
    page.get_by_label("Due date").fill(iso(today + timedelta(days=21)))
    page.get_by_role("button", name="Add response").click()
    expect_message(page, "Response action added.")
    expect(page.locator("#response-table tbody tr")).to_have_count(2)
    assert RiskResponse.objects.filter(risk__project=project).count() == 3

    # An issue in the problem log.
    crumb(page, project.code)
    tab(page, "Issues")
    page.get_by_role("link", name="Log an issue").click()
    page.get_by_label("Title").fill("Label printer jams at the pilot site")
    page.get_by_label("Severity").select_option(label="High")
    page.get_by_label("Owner").select_option(label="Mike Okafor")
    page.get_by_role("button", name="Save").click()
    expect_message(page, "Issue “Label printer jams at the pilot site” logged.")

    # A change request that moves the second milestone by two weeks.
    moved = Milestone.objects.get(project=project, name="Warehouse B live")
    old_date = moved.planned_date
    new_date = old_date + timedelta(days=14)
    crumb(page, project.code)
    tab(page, "Changes")
    page.get_by_role("link", name="Raise a change request").click()
    page.get_by_label("Title").fill("Second warehouse opens later")
    page.get_by_label("Description").fill("The customer delays the building handover.")
    page.get_by_label("Kind").select_option(label="Schedule")
    page.get_by_label("Schedule impact (days)").fill("14")
    page.get_by_label("Offline mode for dead zones").check()
    page.get_by_label("Milestone", exact=True).first.select_option(
        label=f"Warehouse B live ({old_date:%Y-%m-%d})"
    )
    page.get_by_label("New planned date").first.fill(iso(new_date))
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#milestone-changes")).to_contain_text("+14")
    page.get_by_role("button", name="Submit for decision").click()
    # Who raised a request does not decide it (DESIGN §4): the director does.
    expect(page.get_by_role("button", name="Approve", exact=True)).to_have_count(0)
    request_url = page.url
    page.context.clear_cookies()
    sign_in(page, "director", DEMO_PASSWORD)
    page.goto(request_url)
    page.get_by_label("Decision note").fill("Agreed with the customer.")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect_message(page, "milestone dates updated")
    assert ChangeRequest.objects.get(project=project).status == "approved"
    page.context.clear_cookies()
    sign_in(page, "paula", DEMO_PASSWORD)
    page.goto(request_url)

    # The milestone's own page shows the new baseline date.
    crumb(page, project.code)
    tab(page, "Milestones")
    page.get_by_role("link", name="Warehouse B live").click()
    planned_row = page.locator("dt", has_text="Planned date").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(planned_row).to_have_text(shown(new_date))
    moved.refresh_from_db()
    assert moved.planned_date == new_date

    # A retrospective with an improvement item.
    tab(page, "Meetings")
    page.get_by_role("link", name="New meeting").click()
    field(page, "Kind").select_option(label="Retrospective")
    field(page, "Title").fill("Pilot retrospective")
    page.get_by_label("Mike Okafor").check()
    page.get_by_label("Tom Berg").check()
    field(page, "Minutes").fill("The pilot went well; scanning is fast.")
    page.get_by_role("button", name="Save").click()
    expect_message(page, "Meeting saved.")
    add_item = page.locator("form", has=page.get_by_role("button", name="Add"))
    field(add_item, "Kind").select_option(label="Improvement")
    field(add_item, "Description").fill("Charge scanners overnight")
    field(add_item, "Owner").select_option(label="Mike Okafor")
    field(add_item, "Due date").fill(iso(today + timedelta(days=10)))
    add_item.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Charge scanners overnight")).to_be_visible()
    meeting = Meeting.objects.get(project=project)
    assert meeting.kind == "retrospective"
    assert ActionItem.objects.filter(meeting=meeting, kind="improvement").count() == 1

    # The overview has caught up with all of it.
    # Every page of a project carries its one tab bar, the meeting's too.
    tab(page, "Overview")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Baselined")
    stats = page.locator(".stat-card")
    expect(stats.filter(has_text="Milestones")).to_contain_text("0 / 3")
    risks_card = stats.filter(has_text="Risks and issues")
    expect(risks_card).to_contain_text("2 open risks")
    expect(risks_card).to_contain_text("1 open issue")
    next_milestones = page.locator("section", has_text="Next milestones")
    expect(next_milestones).to_contain_text(f"planned {shown(new_date)}")
    phase_rows = page.locator("section", has_text="Phase progress").locator("tbody tr")
    expect(phase_rows).to_have_count(2)
    assert Risk.objects.filter(project=project, status="open").count() == 2
    assert Issue.objects.filter(project=project, resolved_at__isnull=True).count() == 1
    assert page.js_errors == []
    shot(page, "journey-1-pm")


def test_journey_3_admin_creates_a_project_manager(page, sign_in, shot):
    _seed_people()
    outside = Project.objects.get(code="PRJ-001")  # Paula's: not the newcomer's

    # The admin signs in to Django admin and adds a user with role and department.
    page.goto("/admin/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Users", exact=True).click()
    page.get_by_role("link", name="Add user").click()
    page.get_by_label("Username").fill("nora")
    page.get_by_label("Email address").fill("nora@milepost.example")
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Quist")
    # Department: the admin's autocomplete box (type, then pick).
    page.locator("#div_id_department, .field-department").locator(
        ".select2-selection"
    ).click()
    page.locator(".select2-search__field").fill("Customer")
    page.get_by_role("option", name="Customer Delivery").click()
    # Role: move "Project manager" from the available groups to the chosen ones.
    page.get_by_label("Available groups", exact=True).select_option(
        label="Project manager"
    )
    page.get_by_role("button", name="Choose selected groups").click()
    expect(page.get_by_label("Chosen groups", exact=True)).to_contain_text(
        "Project manager"
    )
    page.get_by_label("Password:", exact=True).fill("nora-secret-2026")
    page.get_by_label("Password confirmation").fill("nora-secret-2026")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    from accounts.models import User

    nora = User.objects.get(username="nora")
    assert nora.department.name == "Customer Delivery"
    assert list(nora.groups.values_list("name", flat=True)) == ["Project manager"]
    assert nora.check_password("nora-secret-2026")
    page.get_by_role("button", name="Log out").click()

    # Nora signs in: she may create projects ...
    sign_in(page, "nora", "nora-secret-2026")
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_role("link", name="Admin")).to_have_count(0)
    expect(nav.get_by_role("link", name="Dashboard")).to_have_count(0)
    expect(nav.get_by_role("link", name="My scorecard")).to_be_visible()
    page.get_by_role("link", name="New project").first.click()
    expect(page.get_by_role("heading", name="New project", level=1)).to_be_visible()
    expect(page.get_by_label("Code")).to_be_editable()

    # ... but not open the admin, the director's dashboard or others' projects.
    page.goto("/admin/")
    expect(page.get_by_text("not authorized to access this page")).to_be_visible()
    response = page.goto("/kpis/")
    assert response.status == 403
    response = page.goto(f"/projects/{outside.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert Project.objects.filter(manager=nora).count() == 0
    shot(page, "journey-3-admin")


def test_customer_answers_a_survey_through_its_link(
    page, browser, live_server, sign_in, shot, mailoutbox
):
    _seed_people()
    project = Project.objects.get(code="PRJ-001")
    before = CustomerSatisfaction.objects.filter(project=project).count()

    # The project manager creates the link in the UI.
    sign_in(page, project.manager.username, DEMO_PASSWORD)
    page.get_by_role("link", name=project.name).click()
    tab(page, "Meetings")
    page.get_by_role("link", name="Feedback and surveys").click()
    page.get_by_label("Customer's e-mail").fill("buyer@northwind.example")
    page.get_by_label("Valid for (days)").fill("7")
    page.get_by_role("button", name="Send link").click()
    expect_message(page, "Survey link sent to buyer@northwind.example")
    link = page.get_by_label("Link to copy (works once):").input_value()
    assert link.startswith(live_server.url + "/survey/")
    assert link in mailoutbox[-1].body

    # The customer, signed out in their own browser, answers once.
    customer = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        tab2 = customer.new_page()
        tab2.goto(link)
        expect(tab2.get_by_role("heading", level=1)).to_have_text(project.name)
        tab2.get_by_label("How satisfied are you with the project? (0–100)").fill("85")
        tab2.get_by_label("What should we keep doing, or do better?").fill(
            "Clear weekly reports."
        )
        tab2.get_by_label("Your name (optional)").fill("Beth Buyer")
        tab2.get_by_role("button", name="Send my answer").click()
        expect(tab2.get_by_role("heading", level=1)).to_contain_text("Thank you")

        # A second use of the same link is refused, and nothing more is saved.
        tab2.goto(link)
        expect(tab2.get_by_role("heading", level=1)).to_contain_text("already")
        expect(tab2.get_by_label("How satisfied")).to_have_count(0)
        shot(tab2, "journey-survey")
    finally:
        customer.close()
    answers = CustomerSatisfaction.objects.filter(project=project)
    assert answers.count() == before + 1
    answer = answers.get(respondent="Beth Buyer")
    assert (answer.score, answer.source, answer.comment) == (
        85,
        "link",
        "Clear weekly reports.",
    )

    # The manager sees the answer on the project's survey page.
    page.reload()
    expect(page.locator("table").first).to_contain_text("Beth Buyer")
    expect(page.get_by_text("answered")).to_be_visible()


def _card_figures(page) -> dict[str, dict[str, str]]:
    """What the scorecard shows: KPI label → value, target and status text."""
    figures = {}
    for card in page.locator(".kpi-card").all():
        label = card.locator(".card-body > div").first.inner_text().strip()
        figures[label] = {
            "value": card.locator(".fs-3").inner_text().strip(),
            "target": card.locator(".d-flex span").first.inner_text().strip(),
            "status": card.locator(".badge").inner_text().strip(),
        }
    return figures


def _number(text: str) -> float | None:
    """A figure as the page prints it ("66.6 %", "35.0 h", "4.2", "—")."""
    cleaned = text.replace("≥", "").replace("≤", "").replace("%", "")
    cleaned = cleaned.replace("h", "").replace(",", "").strip()
    return None if cleaned in ("", "—") else float(cleaned)


def _as_shown(value: str, label: str, rates: set[str]) -> float | None:
    """A CSV value in the page's unit (the export writes rates as "78.6%")."""
    if value == "":
        return None
    if label in rates:
        assert value.endswith("%"), (label, value)
        return float(value.removesuffix("%"))
    return float(value)


def test_journey_2_director_drills_down_and_exports(page, sign_in, shot):
    import csv

    from kpis import registry

    call_command("seed_demo", "--projects", "6", "--no-kpis")
    call_command("compute_kpis")  # the nightly job: yesterday, the last complete day
    today = timezone.localdate() - timedelta(days=1)
    project = Project.objects.filter(manager__username="paula").order_by("code")[0]

    sign_in(page, "director", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Dashboard"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Organisation")
    expect(page.locator(".kpi-card")).to_have_count(len(list(registry.all())))

    # Organisation → department → project manager → project.
    page.locator("section", has_text="Departments").get_by_role(
        "link", name="Technology"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Technology")
    page.locator("section", has_text="Project managers").get_by_role(
        "link", name="Paula Park"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Paula Park")
    page.locator("section", has_text="Projects").get_by_role(
        "link", name=f"{project.code} {project.name}"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(project.name)
    expect(
        page.get_by_text(f"As of {today.day} {today:%b %Y} (last night's run)")
    ).to_be_visible()
    shown_figures = _card_figures(page)
    assert len(shown_figures) == len(list(registry.all()))

    # Export the scorecard and compare every figure with the page.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == (
        f"kpis-project-{project.pk}-{today.isoformat()}.csv"
    )
    with open(download.path(), newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    own = [r for r in rows if r["Scope type"] == "project"]
    assert {r["Scope id"] for r in own} == {str(project.pk)}
    assert {r["As of"] for r in own} == {today.isoformat()}
    rates = {str(k.label) for k in registry.all() if k.unit == registry.RATE}
    exported = {r["KPI"]: r for r in own}
    assert set(exported) == set(shown_figures)
    compared = 0
    for label, shown_figure in shown_figures.items():
        row = exported[label]
        value = _as_shown(row["Value"], label, rates)
        on_page = _number(shown_figure["value"])
        if value is None:
            assert on_page is None, label
        else:
            # The page rounds to one decimal place.
            assert on_page == pytest.approx(value, abs=0.05 + 1e-9), label
            compared += 1
        assert _number(shown_figure["target"]) == pytest.approx(
            _as_shown(row["Target"], label, rates), abs=0.05 + 1e-9
        ), label
        # a missed figure within the warning band reads "Near target" (amber)
        expected = {row["Status"]}  # the export writes the status in words
        if row["Status"] == "Missed":
            expected.add("Near target")
        assert shown_figure["status"] in expected, label
    assert compared >= 5  # most KPIs have data on a seeded demo project
    assert page.js_errors == []
    shot(page, "journey-2-director")
