"""Schemathesis against the live OpenAPI schema: no request gets a 5xx.

A live server with the demo company; schemathesis (its CLI, as a CI job would
run it) generates positive and negative requests for every operation of
/api/v1/schema/ and checks each response with `not_a_server_error` and the
schema conformance checks. It runs as an admin (every write path is open, so
the deepest code runs) and then as a project manager (denials and visibility
filters). `scripts/schemathesis.sh` runs the same test; SCHEMATHESIS_MAX_TIME
gives it longer.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "8"))
# Per user: coverage (every operation's edge cases) takes about half of it;
# fuzzing repeats over all operations until the budget is spent.
MAX_SECONDS = int(os.environ.get("SCHEMATHESIS_MAX_TIME", "40"))
# Server errors, plus answers that the schema does not document (status codes,
# content types, body shapes). `SCHEMATHESIS_CHECKS=all` adds stricter ones.
CHECKS = os.environ.get(
    "SCHEMATHESIS_CHECKS",
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance",
)
REPORTS = Path(__file__).resolve().parents[2] / "artifacts" / "schemathesis"


def run_schemathesis(base_url: str, username: str, workdir: Path) -> tuple[dict, str]:
    token = Token.objects.create(user=User.objects.get(username=username))
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{username}.junit.xml"
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{base_url}/api/v1/schema/",
        "--header",
        f"Authorization: Token {token.key}",
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(EXAMPLES),
        "--max-time",
        str(MAX_SECONDS),
        "--seed",
        "20261121",
        "--workers",
        "1",
        "--no-shrink",
        "--generation-database",
        "none",
        "--request-timeout",
        "20",
        "--continue-on-failure",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
        "--no-color",
        "--warnings",
        "off",
    ]
    started = time.monotonic()
    # Its probe cache (.schemathesis/) goes to a scratch directory, not the repo.
    result = subprocess.run(  # noqa: S603  (fixed argv, no shell)
        command,
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS + 120,
        check=False,
        cwd=workdir,
    )
    elapsed = time.monotonic() - started
    (REPORTS / f"{username}.txt").write_text(result.stdout + result.stderr)
    summary = summarise(result.stdout)
    summary["seconds"] = round(elapsed, 1)
    summary["exit"] = result.returncode
    return summary, result.stdout[-6000:] + result.stderr[-2000:]


def summarise(output: str) -> dict:
    """Read the case count and the server-error count from the CLI summary."""
    generated = re.search(r"(\d+) generated", output)
    server_errors = re.search(r"ST101 Server error: (\d+)", output)
    operations = re.search(r"Tested: (\d+)", output)
    return {
        "cases": int(generated.group(1)) if generated else 0,
        "operations": int(operations.group(1)) if operations else 0,
        "server_errors": int(server_errors.group(1)) if server_errors else 0,
    }


@pytest.mark.parametrize("username", ["admin", "paula"])
def test_schemathesis_finds_no_server_errors(live_server, username, tmp_path):
    call_command("seed_demo", "--projects", "2")

    summary, output = run_schemathesis(live_server.url, username, tmp_path)

    print(f"\nschemathesis as {username}: {summary}")  # noqa: T201
    assert summary["cases"] > 0, output
    assert summary["operations"] > 0, output
    assert summary["server_errors"] == 0, f"{summary}\n{output}"
    assert summary["exit"] == 0, f"{summary}\n{output}"
