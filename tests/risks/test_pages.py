from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from risks.models import Issue, Risk, RiskResponse
from tests.factories import (
    IssueFactory,
    MembershipFactory,
    ProjectFactory,
    RiskFactory,
    RiskResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def bulk_risks(project, n, owner=None):
    today = timezone.localdate()
    risks = Risk.objects.bulk_create(
        Risk(
            project=project,
            title=f"Risk {i}",
            probability=i % 5 + 1,
            impact=(i // 5) % 5 + 1,
            owner=owner,
        )
        for i in range(n)
    )
    RiskResponse.objects.bulk_create(
        RiskResponse(
            risk=risk,
            description="Act",
            owner=owner,
            due_date=today + timedelta(days=(i % 20) - 10),
        )
        for i, risk in enumerate(risks)
    )


def queries_for(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("scope", ["project", "all"])
def test_register_and_heat_map_run_fixed_queries_at_20_and_2000_risks(
    client, project, scope
):
    client.force_login(project.manager)
    url = (
        reverse("risks:register", args=[project.pk])
        if scope == "project"
        else reverse("risks:register_all")
    )
    bulk_risks(project, 20, owner=project.manager)
    small, response = queries_for(client, url + "?o=-score")
    assert response.context["heat_map"][0]["cells"][4]["count"] == sum(
        1 for i in range(20) if i % 5 == 4 and (i // 5) % 5 == 4
    )
    bulk_risks(project, 1980, owner=project.manager)
    large, response = queries_for(client, url + "?o=-score")

    assert small == large
    assert large <= 12
    total = sum(
        c["count"] for row in response.context["heat_map"] for c in row["cells"]
    )
    assert total == 2000
    assert len(response.context["risks"]) == 25


def test_heat_map_cell_links_to_the_filtered_list(client, project):
    RiskFactory(project=project, probability=5, impact=4, title="Vendor bankrupt")
    RiskFactory(project=project, probability=1, impact=1, title="Coffee runs out")
    client.force_login(project.manager)

    page = client.get(reverse("risks:register", args=[project.pk]))
    cell = page.context["heat_map"][0]["cells"][3]  # probability 5, impact 4
    assert cell["count"] == 1
    filtered = client.get(
        reverse("risks:register", args=[project.pk]) + "?" + cell["query"]
    )

    body = filtered.content.decode()
    assert "Vendor bankrupt" in body
    assert "Coffee runs out" not in body


def test_register_and_heat_map_follow_changes_though_cached(client, project):
    """Both are cached under a digest of what they show (config/fragments.py):
    an edit, a new response and a new risk each show on the next request."""
    risk = RiskFactory(project=project, probability=2, impact=3, title="Old name")
    client.force_login(project.manager)
    url = reverse("risks:register", args=[project.pk])

    def page():
        body = client.get(url).content.decode()
        heat = body[body.index('id="heat-map"') : body.index("</table>")]
        start = body.index('id="register-body"')
        return heat, body[start : body.index("</tbody>", start)]

    heat, table = page()
    assert page() == (heat, table)
    assert 'data-count="1"' in heat
    assert "Old name" in table
    assert "none" in table
    Risk.objects.filter(pk=risk.pk).update(title="New name")
    RiskResponseFactory(risk=risk, due_date=timezone.localdate() + timedelta(days=9))
    heat, table = page()
    assert "New name" in table
    assert "Old name" not in table
    assert "1 open of 1" in table
    RiskFactory(project=project, probability=2, impact=3)
    heat, _table = page()
    assert 'data-count="2"' in heat


def test_overdue_responses_are_highlighted(client, project):
    late = RiskFactory(project=project, title="Late one")
    RiskResponseFactory(risk=late, due_date=timezone.localdate() - timedelta(days=3))
    client.force_login(project.manager)

    body = client.get(reverse("risks:register", args=[project.pk])).content.decode()

    assert f'id="risk-{late.pk}" class="row-overdue"' in body
    detail = client.get(reverse("risks:detail", args=[late.pk])).content.decode()
    assert "Overdue" in detail


@pytest.mark.parametrize(("role", "expected"), [("customer_rep", 404), (None, 404)])
def test_register_hidden_from_customers_and_outsiders(
    client, project, make_member, outsider, role, expected
):
    risk = RiskFactory(project=project)
    client.force_login(make_member(role) if role else outsider)
    assert client.get(reverse("risks:register", args=[project.pk])).status_code == 404
    assert client.get(reverse("risks:detail", args=[risk.pk])).status_code == 404


def test_strategy_needs_a_response_first(client, project):
    client.force_login(project.manager)
    data = {
        "title": "Key engineer leaves",
        "category": "resource",
        "probability": 3,
        "impact": 4,
        "strategy": "mitigate",
        "status": "open",
        "identified_on": timezone.localdate().isoformat(),
    }

    refused = client.post(reverse("risks:create", args=[project.pk]), data)
    assert refused.status_code == 200
    assert "Add at least one response action" in refused.content.decode()
    assert not Risk.objects.exists()

    data |= {
        "first_response": "Pair on critical modules",
        "first_response_due": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }
    created = client.post(reverse("risks:create", args=[project.pk]), data)
    risk = Risk.objects.get()
    assert created.url == reverse("risks:detail", args=[risk.pk])
    assert risk.score == 12
    assert risk.responses.count() == 1


def test_edit_to_mitigate_without_response_is_refused(client, project):
    risk = RiskFactory(project=project, strategy="accept")
    client.force_login(project.manager)
    response = client.post(
        reverse("risks:edit", args=[risk.pk]),
        {
            "title": risk.title,
            "category": "technical",
            "probability": 3,
            "impact": 3,
            "strategy": "transfer",
            "status": "open",
            "identified_on": risk.identified_on.isoformat(),
            "version": 1,
        },
    )
    assert "Add at least one response action" in response.content.decode()
    risk.refresh_from_db()
    assert (risk.strategy, risk.version) == ("accept", 1)


def test_second_stale_risk_save_is_told(client, project, make_member):
    officer = make_member("risk_officer")
    risk = RiskFactory(project=project, title="Original")
    form = {
        "category": "technical",
        "probability": 4,
        "impact": 3,
        "strategy": "accept",
        "status": "open",
        "identified_on": risk.identified_on.isoformat(),
        "version": 1,
    }
    client.force_login(project.manager)
    client.post(reverse("risks:edit", args=[risk.pk]), form | {"title": "First"})
    client.force_login(officer)

    response = client.post(
        reverse("risks:edit", args=[risk.pk]), form | {"title": "Second"}
    )

    assert "Someone else changed this record" in response.content.decode()
    risk.refresh_from_db()
    assert (risk.title, risk.version) == ("First", 2)
    detail = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "Original" in detail
    assert "First" in detail  # history shows the change


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 302), ("risk_officer", 302), ("member", 403), ("director", 403)],
)
def test_response_editing_rights(
    client, project, make_member, director, role, expected
):
    owner = make_member("member")
    response_action = RiskResponseFactory(risk__project=project, owner=owner)
    user = {
        "owner": owner,
        "risk_officer": make_member("risk_officer") if role == "risk_officer" else None,
        "member": make_member("member") if role == "member" else None,
        "director": director,
    }[role]
    client.force_login(user)

    response = client.post(
        reverse("risks:response_complete", args=[response_action.pk]),
        {"version": 1},
    )

    assert response.status_code == expected
    response_action.refresh_from_db()
    assert (response_action.completed_on is not None) is (expected == 302)


def test_export_csv_and_xlsx_honour_filters(client, project):
    RiskFactory(project=project, title="High one", probability=5, impact=5)
    RiskFactory(project=project, title="Low one", probability=1, impact=1)
    client.force_login(project.manager)

    csv_response = client.get(
        reverse("risks:export", args=[project.pk, "csv"]) + "?min_score=10"
    )
    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert [r[1] for r in rows[1:]] == ["High one"]

    xlsx_response = client.get(
        reverse("risks:export_all", args=["xlsx"]) + "?q=one&o=score"
    )
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["Low one", "High one"]
    assert (
        client.get(reverse("risks:export", args=[project.pk, "pdf"])).status_code == 404
    )


# ------------------------------------------------------------------ issues


def test_issue_logged_after_the_fact_and_resolving_needs_a_note(
    client, project, make_member
):
    member = make_member("member")
    client.force_login(member)
    reported = timezone.localtime() - timedelta(days=3)
    client.post(
        reverse("risks:issue_create", args=[project.pk]),
        {
            "title": "Build server down",
            "severity": "high",
            "owner": member.pk,
            "reported_at": reported.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    issue = Issue.objects.get()
    assert issue.reported_by == member
    assert issue.breaches_sla

    resolve = {
        "title": issue.title,
        "severity": "high",
        "owner": member.pk,
        "reported_at": reported.strftime("%Y-%m-%dT%H:%M"),
        "resolved_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "version": 1,
    }
    refused = client.post(reverse("risks:issue_edit", args=[issue.pk]), resolve)
    assert "Describe the resolution" in refused.content.decode()
    issue.refresh_from_db()
    assert issue.resolved_at is None

    client.post(
        reverse("risks:issue_edit", args=[issue.pk]),
        resolve | {"resolution": "Replaced the disk"},
    )
    issue.refresh_from_db()
    assert issue.resolved_at is not None
    assert issue.resolution == "Replaced the disk"


def test_issue_list_flags_sla_and_runs_fixed_queries(client, project):
    now = timezone.now()
    client.force_login(project.manager)

    def measure(n):
        Issue.objects.bulk_create(
            Issue(
                project=project,
                title=f"Issue {i}",
                reported_at=now - timedelta(hours=60),
            )
            for i in range(n)
        )
        return queries_for(client, reverse("risks:issue_list", args=[project.pk]))

    small, _ = measure(3)
    large, response = measure(100)
    assert small == large <= 12
    assert "past 48 h SLA" in response.content.decode()
    breached = (
        client.get(reverse("risks:issue_list_all") + "?state=breached")
        .context["page_obj"]
        .paginator.count
    )
    assert breached == 103


def test_customer_cannot_see_issues(client, project, make_member):
    issue = IssueFactory(project=project)
    client.force_login(make_member("customer_rep"))
    assert client.get(reverse("risks:issue_detail", args=[issue.pk])).status_code == 404
    assert client.get(reverse("risks:issue_list", args=[project.pk])).status_code == 404
    assert (
        client.get(reverse("risks:issue_list_all")).context["page_obj"].paginator.count
        == 0
    )
    assert ProjectFactory  # other projects stay invisible too


def test_risk_owners_are_the_projects_team_only(client, project, make_member):
    """The owner choices: this project's manager and team, never its customer
    representatives nor people from other projects."""
    from tests.factories import MembershipFactory, ProjectFactory, UserFactory

    member = make_member("member")
    customer = make_member("customer_rep")
    elsewhere = UserFactory()
    MembershipFactory(project=ProjectFactory(), user=elsewhere, role="member")
    client.force_login(project.manager)
    form = client.get(reverse("risks:create", args=[project.pk])).context["form"]
    owners = set(form.fields["owner"].queryset)
    assert member in owners
    assert project.manager in owners
    assert customer not in owners
    assert elsewhere not in owners


def test_register_pages_follow_score_then_id(client, director):
    """Every page of a register is the slice of one full sort by the
    risk_score_desc index's key: score down, then id."""
    projects = [ProjectFactory(code=code) for code in ("ZED-1", "ALP-1", "MID-1")]
    for n, project in enumerate(projects):
        bulk_risks(project, 22 + n)
    expected = list(Risk.objects.order_by("-score", "pk").values_list("pk", flat=True))
    client.force_login(director)
    shown = []
    for page in (1, 2, 3):
        response = client.get(reverse("risks:register_all"), {"page": page})
        shown += [risk.pk for risk in response.context["risks"]]
    assert shown == expected
    response = client.get(reverse("risks:register", args=[projects[1].pk]), {"page": 1})
    assert [r.pk for r in response.context["risks"]] == list(
        Risk.objects.filter(project=projects[1])
        .order_by("-score", "pk")
        .values_list("pk", flat=True)[:25]
    )


def test_register_pages_hold_exactly_the_visible_risks(client):
    """For a manager who also holds a team seat and a customer seat, every
    page (filtered too) is the slice of one full sort of exactly the risks
    the manager may see: none of the customer's or others' projects."""
    from projects.models import Membership

    manager = UserFactory(role=roles.PROJECT_MANAGER)
    own = ProjectFactory(code="K-9", manager=manager)
    seat, customer, hidden = (ProjectFactory(code=c) for c in ("B-2", "X-1", "A-7"))
    own2 = ProjectFactory(code="M-3", manager=manager)
    former = ProjectFactory(code="C-5")  # a seat kept from managing it before
    MembershipFactory(project=own, user=manager, role=Membership.Role.MANAGER)
    MembershipFactory(project=seat, user=manager, role=Membership.Role.QA)
    MembershipFactory(project=customer, user=manager, role="customer_rep")
    MembershipFactory(project=former, user=manager, role=Membership.Role.MANAGER)
    for n, project in enumerate((own, seat, customer, hidden, own2, former)):
        Risk.objects.bulk_create(
            Risk(
                project=project,
                title=f"Top {n}-{i}",
                probability=5,
                impact=5,
                status=Risk.Status.CLOSED if i % 3 == 0 else Risk.Status.OPEN,
            )
            for i in range(14 + n)
        )
        RiskFactory(project=project, probability=1, impact=2)
    client.force_login(manager)
    for params in ({}, {"status": "open"}, {"q": "Top"}):
        visible = Risk.objects.visible_to(manager)
        if "status" in params:
            visible = visible.filter(status=params["status"])
        if "q" in params:
            visible = visible.filter(title__icontains=params["q"])
        expected = list(visible.order_by("-score", "pk").values_list("pk", flat=True))
        shown = []
        for page in range(1, len(expected) // 25 + 2):
            response = client.get(
                reverse("risks:register_all"), {**params, "page": page}
            )
            shown += [risk.pk for risk in response.context["risks"]]
        assert shown == expected, params
    assert not set(shown) & set(
        Risk.objects.filter(project__in=[customer, hidden]).values_list("pk", flat=True)
    )
