"""Project planning pages: access, validation, workflows and health."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import roles
from projects.models import CostEntry, Document, Membership, Phase, Project, Requirement
from tests.factories import (
    CostEntryFactory,
    DocumentFactory,
    MembershipFactory,
    MilestoneFactory,
    PhaseFactory,
    ProjectFactory,
    RequirementFactory,
    RiskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def manager(project):
    return project.manager


# ------------------------------------------------------------------ access


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 404), ("member", 403), ("finance", 403), ("manager", 302)],
)
def test_phase_create_by_role(client, project, make_member, role, expected):
    user = make_member(role) if role not in (None, "manager") else UserFactory()
    if role == "manager":
        user = project.manager
    client.force_login(user)

    response = client.post(
        reverse("projects:phase_create", args=[project.pk]),
        {
            "name": "Build",
            "order": 1,
            "start_date": project.start_date,
            "end_date": project.target_date,
        },
    )

    assert response.status_code == expected
    assert Phase.objects.filter(project=project).exists() is (expected == 302)


def test_member_sees_read_only_pages(client, project, make_member):
    phase = PhaseFactory(project=project)
    client.force_login(make_member("member"))

    detail = client.get(reverse("projects:phase_detail", args=[phase.pk]))
    overview = client.get(reverse("portfolio:project_detail", args=[project.pk]))

    assert detail.status_code == overview.status_code == 200
    assert (
        reverse("projects:phase_edit", args=[phase.pk]) not in detail.content.decode()
    )
    assert reverse("projects:edit", args=[project.pk]) not in overview.content.decode()
    assert (
        client.post(reverse("projects:phase_delete", args=[phase.pk])).status_code
        == 403
    )
    assert Phase.objects.filter(pk=phase.pk).exists()


def test_outsider_gets_404_everywhere(client, project, outsider):
    phase = PhaseFactory(project=project)
    client.force_login(outsider)
    for url in [
        reverse("portfolio:project_detail", args=[project.pk]),
        reverse("portfolio:project_timeline", args=[project.pk]),
        reverse("projects:budget", args=[project.pk]),
        reverse("projects:phase_detail", args=[phase.pk]),
        reverse("milestones:list", args=[project.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        project.code
        not in client.get(reverse("portfolio:project_list")).content.decode()
    )


def test_customer_cannot_see_costs_or_internal_documents(client, project, make_member):
    carl = make_member("customer_rep")
    plan = DocumentFactory(project=project, kind="plan")
    report = DocumentFactory(project=project, kind="progress_report")
    client.force_login(carl)

    assert client.get(reverse("projects:budget", args=[project.pk])).status_code == 404
    assert (
        client.get(reverse("projects:cost_list", args=[project.pk])).status_code == 404
    )
    assert (
        client.get(reverse("projects:document_detail", args=[plan.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("projects:document_detail", args=[report.pk])).status_code
        == 200
    )
    overview = client.get(
        reverse("portfolio:project_detail", args=[project.pk])
    ).content.decode()
    assert "Budget used" not in overview


# ------------------------------------------------------------------ projects


def test_project_manager_creates_project_and_becomes_manager(client):
    pm = UserFactory(role=roles.PROJECT_MANAGER)
    client.force_login(pm)

    response = client.post(
        reverse("projects:create"),
        {
            "code": "NEW-1",
            "name": "New one",
            "status": "planning",
            "start_date": today(),
            "target_date": today() + timedelta(days=90),
            "budget": "1000",
        },
    )

    assert response.status_code == 302
    project = Project.objects.get(code="NEW-1")
    assert project.manager == pm
    assert Membership.objects.get(project=project, user=pm).role == "manager"


def test_member_cannot_create_project(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("projects:create")).status_code == 403
    assert client.post(reverse("projects:create"), {"code": "X-1"}).status_code == 403
    assert not Project.objects.filter(code="X-1").exists()


def test_project_target_before_start_is_refused(client, project, manager):
    client.force_login(manager)
    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        {
            "code": project.code,
            "name": project.name,
            "status": project.status,
            "start_date": today(),
            "target_date": today() - timedelta(days=1),
            "budget": "10",
            "version": project.version,
        },
    )
    assert response.status_code == 400
    assert "cannot be before the start" in response.content.decode()
    project.refresh_from_db()
    assert project.target_date != today() - timedelta(days=1)


def test_director_reads_but_cannot_edit(client, project, director):
    client.force_login(director)
    assert (
        client.get(reverse("portfolio:project_detail", args=[project.pk])).status_code
        == 200
    )
    assert (
        client.post(reverse("projects:edit", args=[project.pk]), {}).status_code == 403
    )
    assert client.post(reverse("projects:delete", args=[project.pk])).status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


# ------------------------------------------------------------------ bad input


def test_phase_end_before_start_saves_nothing(client, project, manager):
    client.force_login(manager)
    response = client.post(
        reverse("projects:phase_create", args=[project.pk]),
        {
            "name": "Bad",
            "order": 1,
            "start_date": today(),
            "end_date": today() - timedelta(days=3),
        },
    )
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert not Phase.objects.filter(project=project).exists()


def test_phase_outside_project_dates_is_refused(client, project, manager):
    client.force_login(manager)
    response = client.post(
        reverse("projects:phase_create", args=[project.pk]),
        {
            "name": "Bad",
            "order": 1,
            "start_date": project.start_date - timedelta(days=5),
            "end_date": project.start_date,
        },
    )
    assert response.status_code == 400
    assert "between the project" in response.content.decode()
    assert not Phase.objects.filter(project=project).exists()


def test_negative_cost_is_refused(client, project, make_member):
    client.force_login(make_member("finance"))
    response = client.post(
        reverse("projects:cost_create", args=[project.pk]),
        {"date": today(), "amount": "-5", "category": "labour"},
    )
    assert response.status_code == 400
    assert not CostEntry.objects.filter(project=project).exists()


def test_finance_role_books_costs(client, project, make_member):
    client.force_login(make_member("finance"))
    response = client.post(
        reverse("projects:cost_create", args=[project.pk]),
        {"date": today(), "amount": "250.50", "category": "labour"},
    )
    assert response.status_code == 302
    assert CostEntry.objects.get(project=project).amount == Decimal("250.50")


def test_allocation_over_100_is_refused(client, project, manager):
    person = UserFactory()
    client.force_login(manager)
    response = client.post(
        reverse("projects:member_create", args=[project.pk]),
        {"user": person.pk, "role": "member", "allocation_percent": 150},
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(project=project, user=person).exists()


def test_duplicate_membership_is_refused_with_a_message(client, project, manager):
    person = UserFactory()
    MembershipFactory(project=project, user=person)
    client.force_login(manager)
    response = client.post(
        reverse("projects:member_create", args=[project.pk]),
        {"user": person.pk, "role": "qa", "allocation_percent": 10},
    )
    assert response.status_code == 400
    assert "already on the project" in response.content.decode()


# ------------------------------------------------------------------ requirements


def test_requirement_flow_refuses_illegal_jump(client, project, manager):
    req = RequirementFactory(project=project)  # proposed
    client.force_login(manager)

    client.post(
        reverse("projects:requirement_status", args=[req.pk]),
        {"status": "accepted", "version": req.version},
        follow=True,
    )
    req.refresh_from_db()
    assert req.status == "proposed"

    response = client.post(
        reverse("projects:requirement_status", args=[req.pk]),
        {"status": "approved", "version": req.version},
        follow=True,
    )
    req.refresh_from_db()
    assert req.status == "approved"
    assert "Status changed" in response.content.decode()


def test_requirement_illegal_jump_message_names_allowed_steps(client, project, manager):
    req = RequirementFactory(project=project)
    client.force_login(manager)
    response = client.post(
        reverse("projects:requirement_status", args=[req.pk]),
        {"status": "delivered", "version": req.version},
        follow=True,
    )
    text = response.content.decode()
    assert "cannot go from Proposed to Delivered" in text
    assert "Approved" in text


# ------------------------------------------------------------------ documents


def test_qa_sets_review_status_but_member_cannot(client, project, make_member):
    doc = DocumentFactory(project=project)
    member = make_member("member")
    client.force_login(member)
    assert (
        client.post(
            reverse("projects:document_review", args=[doc.pk]),
            {"result": "passed", "reviewed_on": today().isoformat()},
        ).status_code
        == 403
    )
    doc.refresh_from_db()
    assert doc.review_status == "pending"

    client.force_login(make_member("qa"))
    client.post(
        reverse("projects:document_review", args=[doc.pk]),
        {"result": "passed", "reviewed_on": today().isoformat()},
    )
    doc.refresh_from_db()
    assert doc.review_status == "passed"
    assert doc.document_reviews.get().result == "passed"  # the review is a record


def test_document_versions_keep_every_file(
    client, project, manager, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(manager)
    client.post(
        reverse("projects:document_create", args=[project.pk]),
        {
            "kind": "plan",
            "title": "Plan",
            "file": SimpleUploadedFile("plan.txt", b"v1"),
        },
    )
    doc = Document.objects.get(project=project)
    first = doc.file.name
    client.post(
        reverse("projects:document_edit", args=[doc.pk]),
        {
            "kind": "plan",
            "title": "Plan v2",
            "file": SimpleUploadedFile("plan.txt", b"v2"),
            "version": doc.version,
        },
    )
    doc.refresh_from_db()

    assert doc.file.name != first
    assert (tmp_path / first).read_bytes() == b"v1"  # never overwritten
    assert (tmp_path / doc.file.name).read_bytes() == b"v2"
    page = client.get(
        reverse("projects:document_detail", args=[doc.pk])
    ).content.decode()
    # The history names both files (issue 21 keeps each version as a record).
    assert first.rsplit("/", 1)[-1] in page
    assert doc.file.name.rsplit("/", 1)[-1] in page
    assert manager.username in page or manager.get_full_name() in page


# ------------------------------------------------------- health, budget, resources


def test_health_is_red_with_reasons_when_overspent_and_overdue(
    client, project, manager
):
    CostEntryFactory(project=project, amount=project.budget + 1)
    for days in (40, 35, 31):
        MilestoneFactory(project=project, planned_date=today() - timedelta(days=days))
    RiskFactory(project=project, probability=5, impact=4)
    client.force_login(manager)

    health = client.get(reverse("portfolio:project_detail", args=[project.pk])).context[
        "health"
    ]

    assert health.colour == "red"
    text = " ".join(t for _, t in health.reasons)
    assert "exceed the budget" in text
    assert "3 milestones overdue, the oldest by 40 days." in text
    assert "1 open high risk (score 15 or more)." in text


def test_health_is_green_when_on_track(client, project, manager):
    MilestoneFactory(project=project, planned_date=today() + timedelta(days=10))
    client.force_login(manager)
    health = client.get(reverse("portfolio:project_detail", args=[project.pk])).context[
        "health"
    ]
    assert health.colour == "green"
    assert health.reasons


def test_budget_flags_overspend_per_month(client, project, manager):
    CostEntryFactory(project=project, date=today(), amount=project.budget + Decimal(10))
    client.force_login(manager)
    report = client.get(reverse("projects:budget", args=[project.pk])).context["report"]
    assert report["overspent"]
    assert any(row["over_budget"] for row in report["rows"])


def test_resources_flag_over_allocation(client):
    pm = UserFactory(role=roles.PROJECT_MANAGER)
    person = UserFactory(first_name="Busy")
    for _ in range(2):
        project = ProjectFactory(
            manager=pm,
            start_date=today() - timedelta(days=10),
            target_date=today() + timedelta(days=200),
        )
        MembershipFactory(project=project, user=person, allocation_percent=60)
    client.force_login(pm)

    response = client.get(reverse("portfolio:resources"))

    row = next(r for r in response.context["rows"] if r["person"] == person)
    assert row["cells"][0] == 120
    assert "alloc-over" in response.content.decode()


def test_resources_page_refused_to_members(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("portfolio:resources")).status_code == 403


# ------------------------------------------------------------------ API


def test_api_project_create_requires_project_manager(outsider):
    api = APIClient()
    api.force_authenticate(outsider)
    body = {
        "code": "API-1",
        "name": "Via API",
        "start_date": "2026-12-01",
        "target_date": "2027-03-01",
    }
    assert api.post("/api/v1/projects/", body, format="json").status_code == 403
    assert not Project.objects.filter(code="API-1").exists()

    pm = UserFactory(role=roles.PROJECT_MANAGER)
    api.force_authenticate(pm)
    response = api.post("/api/v1/projects/", body, format="json")
    assert response.status_code == 201
    assert response.json()["manager"] == pm.pk
    assert Membership.objects.filter(
        project__code="API-1", user=pm, role="manager"
    ).exists()


def test_api_requirement_illegal_status_jump_is_400(project, manager):
    req = RequirementFactory(project=project)
    api = APIClient()
    api.force_authenticate(manager)
    response = api.patch(
        f"/api/v1/requirements/{req.pk}/",
        {"status": "accepted", "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert "status" in response.json()
    req.refresh_from_db()
    assert req.status == Requirement.Status.PROPOSED


def test_api_document_review_by_qa(project, make_member):
    doc = DocumentFactory(project=project)
    api = APIClient()
    api.force_authenticate(make_member("member"))
    assert (
        api.post(
            f"/api/v1/documents/{doc.pk}/review/",
            {"review_status": "passed"},
            format="json",
        ).status_code
        == 403
    )
    api.force_authenticate(make_member("qa"))
    response = api.post(
        f"/api/v1/documents/{doc.pk}/review/",
        {"review_status": "failed"},
        format="json",
    )
    assert response.status_code == 201  # a DocumentReview was recorded
    assert response.json()["result"] == "failed"
    doc.refresh_from_db()
    assert doc.review_status == "failed"


def test_api_cost_entry_negative_amount_is_400(project, make_member):
    api = APIClient()
    api.force_authenticate(make_member("finance"))
    response = api.post(
        "/api/v1/cost-entries/",
        {"project": project.pk, "date": "2026-11-01", "amount": "-1"},
        format="json",
    )
    assert response.status_code == 400
    assert "amount" in response.json()
    assert not CostEntry.objects.exists()


def test_api_milestones_list_filters_by_project(project, manager):
    MilestoneFactory(project=project)
    MilestoneFactory()  # another project
    api = APIClient()
    api.force_authenticate(manager)
    rows = api.get(f"/api/v1/milestones/?project={project.pk}").json()["results"]
    assert [r["project"] for r in rows] == [project.pk]
    assert rows[0]["depends_on"] == []


def test_timeline_svg_follows_every_change_though_cached(client, manager, project):
    """The SVG is a fragment cached under a digest of the chart: a moved or
    renamed milestone is a new chart, so never an old picture."""
    from tests.factories import MilestoneFactory

    milestone = MilestoneFactory(
        project=project, name="Pilot live", planned_date=today() + timedelta(days=20)
    )
    client.force_login(manager)
    url = reverse("portfolio:project_timeline", args=[project.pk])

    def svg(address):
        body = client.get(address).content.decode()
        start = body.index('<svg class="timeline-svg"')
        return body[start : body.index("</svg>", start)]

    first = svg(url)
    assert "Pilot live" in first
    assert svg(url) == first  # the cached fragment
    milestone.name = "Pilot live in region"
    milestone.forecast_date = today() + timedelta(days=40)
    milestone.save()
    moved = svg(url)
    assert "Pilot live in region" in moved
    assert "Forecast" in moved
    assert "Forecast" not in first
    other = reverse("portfolio:timeline")
    assert "Pilot live in region" in svg(other)


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("", ["A-1", "B-2", "C-3"]),
        ("-name", ["A-1", "C-3", "B-2"]),
        ("target_date", ["C-3", "A-1", "B-2"]),
    ],
)
def test_project_list_rows_follow_the_chosen_order(client, ordering, expected):
    """Rows are read by id after paging: the chosen order must survive."""
    manager = UserFactory(role=roles.PROJECT_MANAGER)
    start = today()
    for code, name, days in (
        ("B-2", "Alpha", 60),
        ("A-1", "Zulu", 40),
        ("C-3", "Mike", 20),
    ):
        ProjectFactory(
            code=code,
            name=name,
            manager=manager,
            start_date=start,
            target_date=start + timedelta(days=days),
        )
    ProjectFactory(code="X-9")  # someone else's: never listed
    client.force_login(manager)
    url = reverse("portfolio:project_list") + (
        f"?ordering={ordering}" if ordering else ""
    )
    rows = client.get(url).context["rows"]
    assert [project.code for project, _health in rows] == expected


def test_project_list_table_follows_changes_though_cached(client, project, manager):
    """The table is cached under a digest of what it shows: a rename and a
    new overdue milestone each show on the next request."""

    def table():
        body = client.get(reverse("portfolio:project_list")).content.decode()
        start = body.index('<div id="project-table">')
        return body[start : body.index("</table>", start)]

    client.force_login(manager)
    first = table()
    assert table() == first
    project.name = "Renamed while listed"
    project.save()
    renamed = table()
    assert "Renamed while listed" in renamed
    assert "1 overdue" not in renamed
    MilestoneFactory(project=project, planned_date=today() - timedelta(days=3))
    assert "1 overdue" in table()


@pytest.mark.parametrize("ordering", ["", "-name", "status", "-target_date"])
def test_project_list_pages_hold_every_project_once_in_order(client, ordering):
    """Walking every page gives one full sort, ties (equal names, statuses
    and dates) broken by id, each project exactly once."""
    from projects.records import PAGE_SIZE

    manager = UserFactory(role=roles.PROJECT_MANAGER)
    start = today()
    for n in range(2 * PAGE_SIZE + 7):
        ProjectFactory(
            code=f"P-{n:03d}",
            name=f"Name {n % 4}",
            status=Project.Status.ACTIVE if n % 3 else Project.Status.PLANNING,
            manager=manager,
            start_date=start,
            target_date=start + timedelta(days=10 + n % 5),
        )
    client.force_login(manager)
    expected = list(
        Project.objects.filter(manager=manager)
        .order_by(*([ordering] if ordering else ["code"]), "pk")
        .values_list("code", flat=True)
    )
    seen = []
    for page in (1, 2, 3):
        url = reverse("portfolio:project_list") + f"?page={page}&ordering={ordering}"
        seen += [project.code for project, _health in client.get(url).context["rows"]]
    assert seen == expected
