"""Operations (issue 25): /health/, request ids, the log lines the app writes,
and the e-mail settings read from the environment."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from changes import services as change_services
from changes.models import ChangeRequest
from core import health
from core.logging import RequestIdFilter
from kpis import services as kpi_services
from reviews import services as review_services
from tests.factories import (
    ActionItemFactory,
    MilestoneChangeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ /health/


def test_health_answers_json_without_sign_in(
    client, settings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    # Under make test-services Redis is the broker, and it answers.
    broker = "ok" if settings.CELERY_BROKER_URL else "not configured"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": broker},
    }
    assert response["Cache-Control"] == "no-store"


def test_health_ignores_host_checks_and_https_redirect(client, settings):
    # The container's own check calls http://127.0.0.1:8000/health/ whatever
    # the public host name and the proxy's HTTPS are.
    settings.ALLOWED_HOSTS = ["milepost.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/health/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    # Other pages still get both.
    assert client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_health_is_503_naming_the_failed_check_but_no_detail(
    client, settings, monkeypatch, caplog
):
    def broken() -> None:
        raise ConnectionError("password=s3cret host=db.internal")

    monkeypatch.setattr(health, "_database", broken)
    # A broker nobody listens on (port 9 is discard): refused at once.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    with caplog.at_level(logging.WARNING, logger="core.health"):
        response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "error",
        "checks": {"database": "error", "cache": "ok", "broker": "error"},
    }
    assert "s3cret" not in response.content.decode()
    assert "health check database failed" in caplog.text  # the reason is logged


def test_health_refuses_writes(client):
    assert client.post("/health/").status_code == 405


def test_health_command_exit_status(monkeypatch, capsys):
    call_command("health")
    assert json.loads(capsys.readouterr().out)["status"] == "ok"
    monkeypatch.setattr(health, "_cache", lambda: 1 / 0)
    with pytest.raises(SystemExit) as exit_info:
        call_command("health", "--quiet")
    assert exit_info.value.code == 1
    assert capsys.readouterr().out == ""


# --------------------------------------------------------------- request ids


def test_every_response_carries_a_request_id_and_logs_use_it(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    first = client.get(reverse("login"))
    second = client.get(reverse("login"))
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]

    # A proxy's id is kept; one that could forge log lines is replaced.
    kept = client.post("/health/", HTTP_X_REQUEST_ID="edge-7f3a.1")
    assert kept["X-Request-ID"] == "edge-7f3a.1"
    [line] = [r for r in caplog.records if r.name == "django.request"]
    assert line.request_id == "edge-7f3a.1"
    forged = client.get("/health/", HTTP_X_REQUEST_ID="x\nFAKE line")
    assert forged["X-Request-ID"] != "x\nFAKE line"
    assert len(forged["X-Request-ID"]) == 32


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


LOG_A_LINE = (
    "import django, logging; django.setup(); "
    "logging.getLogger('milepost.test').warning('disk %s full', 'data')"
)


def test_text_log_lines_have_time_level_logger_and_request_id():
    result = run_python(LOG_A_LINE)
    assert result.returncode == 0, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    date, clock, level, logger, request_id, *message = line.split(" ")
    assert date.count("-") == 2
    assert clock.count(":") == 2
    assert (level, logger, request_id) == ("WARNING", "milepost.test", "[-]")
    assert " ".join(message) == "disk data full"


def test_json_logs_by_environment_switch():
    result = run_python(LOG_A_LINE, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["level"] == "WARNING"
    assert record["name"] == "milepost.test"
    assert record["message"] == "disk data full"
    assert record["request_id"] == "-"
    assert record["time"][:4].isdigit()


# ------------------------------------------------------------ what is logged


def test_sign_ins_are_logged_failed_ones_without_the_password(client, caplog):
    user = UserFactory(username="ada")
    with caplog.at_level(logging.INFO, logger="accounts.audit"):
        client.post(reverse("login"), {"username": "ada", "password": "wrong-Secret-9"})
        client.post(reverse("login"), {"username": "ada", "password": "pw-for-tests-1"})
    messages = [r.getMessage() for r in caplog.records if r.name == "accounts.audit"]
    assert messages[0] == "sign-in failed: username=ada from=127.0.0.1"
    assert messages[1] == f"sign-in: user=ada id={user.pk} from=127.0.0.1"
    assert "wrong-Secret-9" not in caplog.text


def test_a_kpi_run_logs_its_date_rows_and_duration(project, caplog):
    day = timezone.localdate()
    with caplog.at_level(logging.INFO, logger="kpis.services"):
        rows = kpi_services.snapshots_compute(as_of=day)
    [record] = [r for r in caplog.records if r.name == "kpis.services"]
    message = record.getMessage()
    assert message.startswith(f"KPI run: as_of={day.isoformat()} chunks=1 rows={rows} ")
    assert rows > 0
    assert re.search(r" duration=\d+\.\d\ds$", message)


def test_mails_sent_and_failed_are_logged(monkeypatch, caplog):
    item = ActionItemFactory(
        owner=UserFactory(), due_date=timezone.localdate() - timedelta(days=1)
    )
    with caplog.at_level(logging.INFO, logger="core.mail"):
        assert review_services.action_item_reminders_send() == 1
    assert len(mail.outbox) == 1
    assert "e-mail sent: kind=action item reminder recipients=1" in caplog.text
    assert item.owner.email not in caplog.text

    def refused(*args: object, **kwargs: object) -> int:
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("core.mail.send_mail", refused)
    other = ActionItemFactory(owner=UserFactory(), due_date=timezone.localdate())
    with pytest.raises(ConnectionRefusedError):
        review_services.action_item_reminders_send(
            today=other.due_date - timedelta(days=1)
        )
    failed = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert failed[0].getMessage() == (
        "e-mail failed: kind=action item reminder recipients=1"
    )
    assert failed[0].exc_info is not None


def test_approvals_are_logged_once_committed(
    project, django_capture_on_commit_callbacks, caplog
):
    change = MilestoneChangeFactory(
        change_request__project=project,
        change_request__status=ChangeRequest.Status.SUBMITTED,
    )
    request = change.change_request
    with (
        caplog.at_level(logging.INFO, logger="changes.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        change_services.change_request_approve(
            change_request=request, by=project.manager
        )
    assert caplog.records[-1].getMessage() == (
        f"change request approved: id={request.pk} project={project.pk} "
        f"by={project.manager.username}"
    )


# ------------------------------------------------------------------- e-mail

SHOW_MAILER = (
    "import django; django.setup(); from django.core import mail; "
    "c = mail.get_connection() if django.VERSION < (6, 1) "
    "else mail.mailers['default']; "
    "print(type(c).__name__, c.host, c.port, c.username, c.password, c.use_tls, "
    "c.use_ssl, c.timeout); from django.conf import settings; "
    "print(settings.DEFAULT_FROM_EMAIL)"
)
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "milepost.example.org",  # production requires it
}


def test_smtp_settings_come_from_the_environment():
    result = run_python(
        SHOW_MAILER,
        **PRODUCTION,
        DJANGO_EMAIL_HOST="smtp.example.org",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_USER="milepost",
        DJANGO_EMAIL_PASSWORD="app-password",
        DJANGO_EMAIL_USE_TLS="1",
        DJANGO_EMAIL_TIMEOUT="7",
        DJANGO_DEFAULT_FROM_EMAIL="pmo@example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "EmailBackend smtp.example.org 587 milepost app-password True False 7",
        "pmo@example.org",
    ]


def test_tls_and_ssl_together_are_refused_plainly():
    result = run_python(
        SHOW_MAILER, **PRODUCTION, DJANGO_EMAIL_USE_TLS="1", DJANGO_EMAIL_USE_SSL="1"
    )
    assert result.returncode != 0
    assert "not both" in result.stderr
