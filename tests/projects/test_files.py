"""Uploaded files: served only through the access check, as inert downloads;
only allowed types within the size limit are stored (issue 20)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from core.uploads import SANDBOX_CSP
from projects.models import Document
from tests.factories import DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def stored(project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = DocumentFactory(project=project, kind="plan")
    plan.file.save("plan.pdf", SimpleUploadedFile("plan.pdf", PDF))
    report = DocumentFactory(project=project, kind="progress_report")
    report.file.save("report.pdf", SimpleUploadedFile("report.pdf", PDF))
    return plan, report


@pytest.mark.parametrize(
    ("who", "plan_status", "report_status"),
    [
        ("signed_out", 404, 404),
        ("outsider", 404, 404),
        ("customer_rep", 404, 200),
        ("member", 200, 200),
        ("manager", 200, 200),
        ("director", 200, 200),
    ],
)
def test_file_access_follows_the_document(
    client, project, make_member, stored, who, plan_status, report_status
):
    plan, report = stored
    if who == "outsider":
        client.force_login(UserFactory(role=roles.MEMBER))
    elif who == "director":
        client.force_login(UserFactory(role=roles.DIRECTOR))
    elif who == "manager":
        client.force_login(project.manager)
    elif who != "signed_out":
        client.force_login(make_member(who))

    plan_response = client.get(reverse("projects:document_file", args=[plan.pk]))
    report_response = client.get(reverse("projects:document_file", args=[report.pk]))

    assert plan_response.status_code == plan_status
    assert report_response.status_code == report_status
    if plan_status == 200:
        assert b"".join(plan_response.streaming_content) == PDF


def test_file_is_an_inert_attachment(client, project, stored):
    plan, _report = stored
    client.force_login(project.manager)

    response = client.get(reverse("projects:document_file", args=[plan.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "plan" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX_CSP
    assert "sandbox" in response["Content-Security-Policy"]


def test_media_url_serves_nothing(client, project, stored):
    plan, _report = stored
    client.force_login(project.manager)
    assert client.get("/media/" + plan.file.name).status_code == 404


def test_earlier_version_is_served_through_the_same_check(
    client, project, make_member, stored
):
    plan, _report = stored
    first = plan.history.earliest("history_date")  # created without a file
    plan.file.save("plan-v2.pdf", SimpleUploadedFile("plan-v2.pdf", PDF + b"v2"))
    with_file = plan.history.filter(file=f"documents/{project.pk}/plan.pdf").first()
    client.force_login(project.manager)

    old = client.get(
        reverse("projects:document_file", args=[plan.pk]) + f"?v={with_file.pk}"
    )

    assert old.status_code == 200
    assert b"".join(old.streaming_content) == PDF
    assert (
        client.get(
            reverse("projects:document_file", args=[plan.pk]) + f"?v={first.pk}"
        ).status_code
        == 404
    )
    client.force_login(make_member("customer_rep"))
    assert (
        client.get(
            reverse("projects:document_file", args=[plan.pk]) + f"?v={with_file.pk}"
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("mode", "header", "value_end"),
    [("nginx", "X-Accel-Redirect", "plan.pdf"), ("apache", "X-Sendfile", "plan.pdf")],
)
def test_production_hands_the_file_to_the_web_server(
    client, project, stored, settings, mode, header, value_end
):
    settings.MILEPOST_SENDFILE = mode
    plan, _report = stored
    client.force_login(project.manager)

    response = client.get(reverse("projects:document_file", args=[plan.pk]))

    assert response.status_code == 200
    assert response[header].endswith(value_end)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == SANDBOX_CSP
    signed_out = client.__class__()
    denied = signed_out.get(reverse("projects:document_file", args=[plan.pk]))
    assert denied.status_code == 404
    assert header not in denied


def _upload(client, project, name, content):
    return client.post(
        reverse("projects:document_create", args=[project.pk]),
        {"kind": "plan", "title": "Upload", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("evil.js", b"fetch('/api/v1/users/')"),
        ("logo.svg", b"<svg onload=alert(1)></svg>"),
        ("shell.php", b"<?php system($_GET['c']); ?>"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>"),
        ("notes.txt", b"<script>alert(1)</script>"),
        ("photo.png", PDF),
        ("binary.txt", b"\x00\x01\x02ELF"),
    ],
)
def test_upload_of_a_refused_type_is_400_and_stores_nothing(
    client, project, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(project.manager)

    response = _upload(client, project, name, content)

    assert response.status_code == 400
    page = response.content.decode()
    assert "not accepted" in page or "content is not" in page
    assert not Document.objects.filter(project=project).exists()
    assert not any(tmp_path.rglob("*.*"))


def test_upload_over_the_size_limit_is_refused(client, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_UPLOAD_BYTES = 1024
    client.force_login(project.manager)

    response = _upload(client, project, "big.pdf", PDF + b"0" * 2048)

    assert response.status_code == 400
    assert "the limit is" in response.content.decode()
    assert not Document.objects.filter(project=project).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", PDF),
        ("plan.docx", _docx()),
        ("chart.png", PNG),
        ("notes.md", "# 计划\n- 里程碑".encode()),
        ("costs.csv", b"date,amount\n2026-01-01,10\n"),
    ],
)
def test_allowed_types_are_stored(client, project, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(project.manager)

    response = _upload(client, project, name, content)

    assert response.status_code == 302
    doc = Document.objects.get(project=project)
    assert (tmp_path / doc.file.name).read_bytes() == content


def test_a_document_version_is_checked_on_upload_and_served_through_access(
    client, project, make_member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    doc = DocumentFactory(project=project, kind="plan")
    client.force_login(project.manager)
    add = reverse("projects:document_version_add", args=[doc.pk])
    today = timezone.localdate().isoformat()

    refused = client.post(
        add,
        {
            "file": SimpleUploadedFile("v1.html", b"<script>x</script>"),
            "submitted_on": today,
        },
        follow=True,
    )
    assert "not accepted" in refused.content.decode()
    assert not doc.versions.exists()
    assert not any(tmp_path.rglob("*.html"))
    client.post(add, {"file": SimpleUploadedFile("v1.pdf", PDF), "submitted_on": today})

    version = doc.versions.get()
    assert version.file.name.endswith(".pdf")
    url = reverse("projects:document_file", args=[doc.pk]) + "?version=1"
    page = client.get(reverse("projects:document_detail", args=[doc.pk]))
    assert url in page.content.decode()
    served = client.get(url)
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Disposition"].startswith("attachment;")
    assert client.get(url.replace("version=1", "version=2")).status_code == 404
    client.force_login(make_member("customer_rep"))  # a plan is not a customer's
    assert client.get(url).status_code == 404
