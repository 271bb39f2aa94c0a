from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from risks.models import Issue, Risk, RiskResponse
from tests.factories import IssueFactory, RiskFactory, RiskResponseFactory

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_risk_crud_rules(project, make_member, director, outsider):
    officer = make_member("risk_officer")
    member = make_member("member")
    body = {"project": project.pk, "title": "Outage", "probability": 4, "impact": 5}

    created = api(officer).post("/api/v1/risks/", body, format="json")
    assert created.status_code == 201
    assert created.json()["score"] == 20
    risk_id = created.json()["id"]
    assert api(member).post("/api/v1/risks/", body, format="json").status_code == 403
    assert api(director).post("/api/v1/risks/", body, format="json").status_code == 403
    assert api(outsider).get(f"/api/v1/risks/{risk_id}/").status_code == 404
    assert (
        api(member)
        .patch(f"/api/v1/risks/{risk_id}/", {"title": "x"}, format="json")
        .status_code
        == 403
    )
    refused = api(officer).patch(
        f"/api/v1/risks/{risk_id}/",
        {"strategy": "mitigate", "version": 1},
        format="json",
    )
    assert refused.status_code == 400
    assert "strategy" in refused.json()
    assert Risk.objects.get(pk=risk_id).strategy == "accept"
    assert Risk.objects.count() == 1


def test_risk_stale_update_is_409(project):
    risk = RiskFactory(project=project)
    client = api(project.manager)
    ok = client.patch(
        f"/api/v1/risks/{risk.pk}/", {"title": "A", "version": 1}, format="json"
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/risks/{risk.pk}/", {"title": "B", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert Risk.objects.get(pk=risk.pk).title == "A"


def test_risk_list_filters_and_fixed_queries(project, make_member):
    client = api(project.manager)

    def measure(n):
        Risk.objects.bulk_create(
            Risk(project=project, title=f"R{i}", probability=5, impact=i % 5 + 1)
            for i in range(n)
        )
        client.get("/api/v1/risks/")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                "/api/v1/risks/", {"probability": 5, "ordering": "-score"}
            )
        return len(ctx.captured_queries), response.json()

    small, _ = measure(5)
    large, body = measure(200)
    assert small == large
    assert body["count"] == 205
    assert body["results"][0]["score"] == 25
    customer = make_member("customer_rep")
    assert api(customer).get("/api/v1/risks/").json()["count"] == 0


def test_risk_responses_owner_updates_own(project, make_member, outsider):
    owner = make_member("member")
    other = make_member("member")
    action = RiskResponseFactory(risk__project=project, owner=owner)
    url = f"/api/v1/risk-responses/{action.pk}/"
    done = timezone.localdate().isoformat()

    assert (
        api(other).patch(url, {"completed_on": done}, format="json").status_code == 403
    )
    assert (
        api(outsider).patch(url, {"completed_on": done}, format="json").status_code
        == 404
    )
    assert RiskResponse.objects.get(pk=action.pk).completed_on is None
    response = api(owner).patch(
        url, {"completed_on": done, "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["completed_on"] == done
    bad = api(owner).patch(url, {"due_date": "soon"}, format="json")
    assert bad.status_code == 400
    assert "due_date" in bad.json()


def test_risk_response_create_and_last_one_protected(project, make_member):
    officer = make_member("risk_officer")
    member = make_member("member")
    risk = RiskFactory(project=project)
    body = {
        "risk": risk.pk,
        "description": "Buy insurance",
        "due_date": (timezone.localdate() + timedelta(days=5)).isoformat(),
    }
    assert (
        api(member).post("/api/v1/risk-responses/", body, format="json").status_code
        == 403
    )
    created = api(officer).post("/api/v1/risk-responses/", body, format="json")
    assert created.status_code == 201
    Risk.objects.filter(pk=risk.pk).update(strategy="transfer")
    deleted = api(officer).delete(f"/api/v1/risk-responses/{created.json()['id']}/")
    assert deleted.status_code == 400
    assert RiskResponse.objects.filter(risk=risk).count() == 1


def test_issue_resolution_rules(project, make_member, outsider):
    member = make_member("member")
    created = api(member).post(
        "/api/v1/issues/",
        {"project": project.pk, "title": "Login broken", "owner": member.pk},
        format="json",
    )
    assert created.status_code == 201
    issue_id = created.json()["id"]
    url = f"/api/v1/issues/{issue_id}/"
    now = timezone.now().isoformat()

    no_note = api(member).patch(url, {"resolved_at": now, "version": 1}, format="json")
    assert no_note.status_code == 400
    assert "resolution" in no_note.json()
    before = api(member).patch(
        url,
        {
            "resolved_at": (timezone.now() - timedelta(days=2)).isoformat(),
            "resolution": "Fixed",
            "version": 1,
        },
        format="json",
    )
    assert before.status_code == 400
    assert "resolved_at" in before.json()
    assert Issue.objects.get(pk=issue_id).resolved_at is None
    assert api(outsider).patch(url, {"title": "x"}, format="json").status_code == 404
    assert (
        api(make_member("member")).patch(url, {"title": "x"}, format="json").status_code
        == 403
    )
    ok = api(member).patch(
        url, {"resolved_at": now, "resolution": "Fixed", "version": 1}, format="json"
    )
    assert ok.status_code == 200
    assert ok.json()["breaches_sla"] is False


def test_issue_list_filters(project):
    IssueFactory(project=project, severity="critical")
    IssueFactory(
        project=project,
        severity="low",
        reported_at=timezone.now() - timedelta(hours=2),
        resolved_at=timezone.now(),
        resolution="done",
    )
    client = api(project.manager)
    assert client.get("/api/v1/issues/", {"severity": "critical"}).json()["count"] == 1
    assert (
        client.get("/api/v1/issues/", {"resolved_at__isnull": True}).json()["count"]
        == 1
    )
