"""The container files an operator runs (issue 25): read as data, since the
test machines have no Docker daemon (`docker compose config` validated them
when they were written)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP = ("web", "worker", "beat")


def test_every_long_running_service_restarts_and_has_a_healthcheck():
    for name in (*APP, "db", "redis"):
        service = SERVICES[name]
        assert service["restart"] == "unless-stopped", name
        test = service["healthcheck"]["test"]
        assert test, name
        # The slim image has neither ps nor pgrep.
        assert not re.search(r"\b(ps|pgrep)\b", " ".join(test)), name
    assert "/health/" in " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert "inspect ping" in " ".join(SERVICES["worker"]["healthcheck"]["test"])
    assert SERVICES["beat"]["healthcheck"]["test"][1:] == [
        "python",
        "manage.py",
        "health",
        "--quiet",
    ]


def test_migrations_run_once_before_the_app_starts():
    migrate = SERVICES["migrate"]
    assert migrate["command"] == "python manage.py migrate --noinput"
    assert migrate["restart"] == "no"
    for name in APP:
        assert "migrate" not in str(SERVICES[name]["command"]), name
        needs = SERVICES[name]["depends_on"]["migrate"]
        assert needs == {"condition": "service_completed_successfully"}, name


def test_uploads_on_a_volume_and_mail_settings_passed_through():
    assert "uploads" in COMPOSE["volumes"]
    for name in ("migrate", *APP):
        service = SERVICES[name]
        assert "uploads:/data/media" in service["volumes"], name
        env = service["environment"]
        assert env["MILEPOST_MEDIA_ROOT"] == "/data/media"
        for variable in (
            "DJANGO_EMAIL_HOST",
            "DJANGO_EMAIL_PORT",
            "DJANGO_EMAIL_USER",
            "DJANGO_EMAIL_PASSWORD",
            "DJANGO_EMAIL_USE_TLS",
            "DJANGO_EMAIL_USE_SSL",
            "DJANGO_DEFAULT_FROM_EMAIL",
        ):
            assert env[variable].startswith(f"${{{variable}"), variable


def test_image_is_multi_stage_non_root_with_static_files_built_in():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)", dockerfile, re.MULTILINE)
    assert len(stages) >= 3
    final = dockerfile.split(f"AS {stages[-1]}")[1]
    user = re.search(r"^USER (\S+)", final, re.MULTILINE)
    assert user is not None
    assert user.group(1) not in ("root", "0")
    assert "collectstatic --noinput" in dockerfile
    assert "--require-hashes -r /tmp/requirements.txt" in dockerfile
    assert "/health/" in final  # HEALTHCHECK
