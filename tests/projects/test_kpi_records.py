"""The records behind issue 21's KPIs, through the API and the pages:
acceptance dates, numbered document versions, reviews, the meeting link, the
baseline moment and conflicts with a resolve-by date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from projects.models import Document, Requirement
from risks.models import Issue
from tests.factories import (
    DocumentFactory,
    DocumentReviewFactory,
    DocumentVersionFactory,
    MeetingFactory,
    MilestoneFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_every_version_gets_the_next_number_and_nothing_is_overwritten(project):
    doc = DocumentFactory(project=project)
    api = api_as(project.manager)
    today = timezone.localdate()
    first = api.post(
        "/api/v1/document-versions/",
        {
            "document": doc.pk,
            "url": "https://intranet.example/plan/1",
            "submitted_on": (today - timedelta(days=3)).isoformat(),
        },
        format="json",
    )
    second = api.post(
        "/api/v1/document-versions/",
        {"document": doc.pk, "url": "https://intranet.example/plan/2"},
        format="json",
    )
    backdated = api.post(
        "/api/v1/document-versions/",
        {
            "document": doc.pk,
            "url": "https://intranet.example/plan/0",
            "submitted_on": (today - timedelta(days=9)).isoformat(),
        },
        format="json",
    )
    empty = api.post("/api/v1/document-versions/", {"document": doc.pk}, format="json")

    assert (first.status_code, second.status_code) == (201, 201), second.content
    assert (first.json()["number"], second.json()["number"]) == (1, 2)
    assert second.json()["submitted_by"] == project.manager.pk
    assert backdated.status_code == 400
    assert "submitted_on" in backdated.json()
    assert empty.status_code == 400
    doc.refresh_from_db()
    assert doc.versions.count() == 2
    assert doc.submitted_on == today - timedelta(days=3)  # the first submission
    assert doc.url == "https://intranet.example/plan/2"  # the newest version


def test_a_member_may_not_add_a_version(project, make_member):
    doc = DocumentFactory(project=project)
    response = api_as(make_member("member")).post(
        "/api/v1/document-versions/",
        {"document": doc.pk, "url": "https://intranet.example/x"},
        format="json",
    )
    assert response.status_code == 403
    assert not doc.versions.exists()


def test_the_review_status_is_the_latest_review_result(project, make_member):
    doc = DocumentFactory(project=project)
    version = DocumentVersionFactory(document=doc, number=1)
    qa = api_as(make_member("qa"))
    today = timezone.localdate()
    failed = qa.post(
        "/api/v1/document-reviews/",
        {
            "document": doc.pk,
            "version": version.pk,
            "result": "failed",
            "reviewed_on": (today - timedelta(days=1)).isoformat(),
            "comments": "Budget table is missing.",
        },
        format="json",
    )
    doc.refresh_from_db()
    assert failed.status_code == 201, failed.content
    assert doc.review_status == "failed"

    passed = qa.post(
        f"/api/v1/documents/{doc.pk}/review/", {"result": "passed"}, format="json"
    )
    doc.refresh_from_db()
    assert passed.status_code == 201
    assert doc.review_status == "passed"
    assert passed.json()["version"] == version.pk  # the latest version
    bad = qa.post(
        "/api/v1/document-reviews/",
        {"document": doc.pk, "result": "maybe"},
        format="json",
    )
    assert bad.status_code == 400
    assert "result" in bad.json()
    member = api_as(make_member("member"))
    refused = member.post(
        "/api/v1/document-reviews/",
        {"document": doc.pk, "result": "failed"},
        format="json",
    )
    assert refused.status_code == 403
    assert doc.document_reviews.count() == 2


def patch(api, url, data, format="json"):
    """PATCH as a client does: with the version it last read (issue 20)."""
    read = api.get(url)
    version = read.json().get("version", 1) if read.status_code == 200 else 1
    return api.patch(url, {**data, "version": version}, format=format)


def test_accepting_a_requirement_sets_its_acceptance_date(project):
    req = RequirementFactory(project=project, status="delivered")
    api = api_as(project.manager)

    future = patch(
        api,
        f"/api/v1/requirements/{req.pk}/",
        {
            "status": "accepted",
            "accepted_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
        format="json",
    )
    accepted = patch(
        api, f"/api/v1/requirements/{req.pk}/", {"status": "accepted"}, format="json"
    )
    earlier = (timezone.localdate() - timedelta(days=4)).isoformat()
    edited = patch(
        api, f"/api/v1/requirements/{req.pk}/", {"accepted_on": earlier}, format="json"
    )
    open_req = RequirementFactory(project=project)
    refused = patch(
        api,
        f"/api/v1/requirements/{open_req.pk}/",
        {"accepted_on": earlier},
        format="json",
    )

    assert future.status_code == 400
    assert "accepted_on" in future.json()
    assert accepted.json()["accepted_on"] == timezone.localdate().isoformat()
    assert edited.json()["accepted_on"] == earlier
    assert refused.status_code == 400
    assert "accepted_on" in refused.json()
    assert Requirement.objects.get(pk=open_req.pk).accepted_on is None


def test_a_document_reports_on_a_meeting_of_its_own_project(project):
    doc = DocumentFactory(project=project)
    own, other = MeetingFactory(project=project), MeetingFactory()
    api = api_as(project.manager)

    wrong = patch(
        api, f"/api/v1/documents/{doc.pk}/", {"meeting": other.pk}, format="json"
    )
    right = patch(
        api,
        f"/api/v1/documents/{doc.pk}/",
        {"meeting": own.pk, "update_every_days": 7},
        format="json",
    )

    assert wrong.status_code == 400
    assert "meeting" in wrong.json()
    assert right.status_code == 200
    assert (right.json()["meeting"], right.json()["update_every_days"]) == (own.pk, 7)


def test_approving_the_plan_records_the_moment(project):
    MilestoneFactory(project=project)
    before = timezone.now()
    response = api_as(project.manager).post(f"/api/v1/projects/{project.pk}/approve/")
    project.refresh_from_db()
    assert response.status_code == 200
    assert project.baselined_at >= before
    assert project.baselined_on == timezone.localdate(project.baselined_at)


def test_a_conflict_over_the_api_gets_a_default_resolve_by(project, settings):
    settings.CONFLICT_DAYS = 5
    reported = timezone.now() - timedelta(days=1)
    response = api_as(project.manager).post(
        "/api/v1/issues/",
        {
            "project": project.pk,
            "title": "Two teams claim the test lab",
            "category": "conflict",
            "parties": "QA vs. Platform",
            "reported_at": reported.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    issue = Issue.objects.get(pk=response.json()["id"])
    assert issue.resolve_by == timezone.localdate(reported) + timedelta(days=5)
    listed = api_as(project.manager).get("/api/v1/issues/", {"category": "conflict"})
    assert [row["id"] for row in listed.json()["results"]] == [issue.pk]


@pytest.mark.parametrize("versions", [1, 15])
def test_document_page_lists_versions_and_reviews_in_fixed_queries(
    client, project, versions
):
    doc = DocumentFactory(project=project, kind=Document.Kind.PROGRESS_REPORT)
    for n in range(versions):
        DocumentVersionFactory(document=doc, number=n + 1)
        DocumentReviewFactory(document=doc)
    client.force_login(project.manager)
    url = reverse("projects:document_detail", args=[doc.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("intranet.example/doc/") >= versions
    assert len(ctx) <= 16, [q["sql"] for q in ctx.captured_queries]


def test_page_forms_add_a_version_and_a_review(client, project):
    doc = DocumentFactory(project=project)
    client.force_login(project.manager)
    today = timezone.localdate().isoformat()
    client.post(
        reverse("projects:document_version_add", args=[doc.pk]),
        {"url": "https://intranet.example/v1", "submitted_on": today},
    )
    client.post(
        reverse("projects:document_review", args=[doc.pk]),
        {"result": "failed", "reviewed_on": today, "comments": "Missing risks."},
    )
    doc.refresh_from_db()
    assert doc.versions.get().number == 1
    assert doc.review_status == "failed"


def test_a_customer_reads_a_reports_versions_but_not_its_reviews(
    client, project, make_member
):
    doc = DocumentFactory(project=project, kind=Document.Kind.PROGRESS_REPORT)
    DocumentVersionFactory(document=doc, number=1)
    DocumentReviewFactory(document=doc, result="failed", comments="Sloppy figures")
    client.force_login(make_member("customer_rep"))

    body = client.get(reverse("projects:document_detail", args=[doc.pk])).content

    assert b"intranet.example/doc/" in body
    assert b"Sloppy figures" not in body
    api = api_as(make_member("customer_rep"))
    assert api.get("/api/v1/document-reviews/").json()["count"] == 0
    assert api.get("/api/v1/document-versions/").json()["count"] == 1
