"""Long commands show a progress bar on a terminal and stay quiet in logs
(issue 25)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_range(monkeypatch, stderr: io.StringIO) -> str:
    monkeypatch.setattr("sys.stderr", stderr)
    out = io.StringIO()
    call_command(
        "compute_kpis", "--from", "2026-03-01", "--to", "2026-03-03", stdout=out
    )
    return out.getvalue()


def test_kpi_range_shows_a_bar_on_a_terminal(project, monkeypatch):
    terminal = Terminal()
    out = run_range(monkeypatch, terminal)
    assert "KPI dates" in terminal.getvalue()
    assert "3/3" in terminal.getvalue()
    assert out.splitlines()[0].startswith("2026-03-01: ")


def test_kpi_range_prints_only_its_lines_when_not_on_a_terminal(project, monkeypatch):
    piped = io.StringIO()
    out = run_range(monkeypatch, piped)
    assert piped.getvalue() == ""
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "2026-03-01",
        "2026-03-02",
        "2026-03-03",
    ]


def test_seed_demo_bar_only_on_a_terminal(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    call_command("seed_demo", "--projects", "1", "--no-kpis", stdout=io.StringIO())
    assert "Demo data" in terminal.getvalue()

    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    out = io.StringIO()
    call_command("seed_demo", "--projects", "1", "--no-kpis", stdout=out)
    assert "Demo data" not in piped.getvalue()
    assert "Demo company ready" in out.getvalue()
