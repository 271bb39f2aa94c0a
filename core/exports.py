"""One export helper for every CSV and XLSX download.

- CSV is UTF-8 with a byte-order mark, so Excel opens Chinese text right.
- XLSX keeps numbers as numbers with a format (percentages as percentages,
  money with two decimals, dates as dates), a bold frozen header and
  column widths.
- Text that a spreadsheet would run as a formula (a cell starting with
  `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's rule) is written
  as text: prefixed with `'` in CSV, stored as a string in XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

TEXT, INTEGER, DECIMAL, PERCENT, DATE, DATETIME = (
    "text",
    "integer",
    "decimal",
    "percent",
    "date",
    "datetime",
)
NUMBER_FORMATS = {
    INTEGER: "#,##0",
    DECIMAL: "#,##0.00",
    PERCENT: "0.0%",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}


@dataclass(frozen=True)
class Column:
    header: Any  # a (lazy) translated label
    kind: str = TEXT
    width: int = 16


@dataclass(frozen=True)
class Cell:
    """A value with its own kind, for a column whose rows differ (a KPI's
    value is a percentage in one row and hours in the next)."""

    value: Any
    kind: str = TEXT


def percent_text(value: Decimal | float, places: int = 1) -> str:
    """0.7857 -> "78.6%" (what a spreadsheet reads back as a percentage)."""
    number = (Decimal(str(value)) * 100).quantize(Decimal(1).scaleb(-places))
    return f"{number}%"


def _typed_csv(cell: Cell) -> Any:
    value = cell.value
    if value is None:
        return ""
    if cell.kind == PERCENT:
        return percent_text(value)
    if cell.kind == DECIMAL:
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    if cell.kind == INTEGER:
        return str(Decimal(str(value)).quantize(Decimal(1)))
    return _csv_value(value)


def is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value == value.to_integral()
            else str(value)
        )
    if is_formula(value):
        return "'" + value
    return value


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime):
        # Excel has no time zones: the local wall-clock time.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_bytes(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(c.header) for c in columns])
    for row in rows:
        writer.writerow(
            [_typed_csv(v) if isinstance(v, Cell) else _csv_value(v) for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    sheet_name: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31] or "Sheet")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column, found in zip(columns, row, strict=True):
            kind = column.kind
            value = found
            if isinstance(found, Cell):
                kind, value = found.kind, found.value
            cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
            if is_formula(value):
                cell.data_type = "s"  # text, never a formula
            elif kind in NUMBER_FORMATS and value is not None:
                cell.number_format = NUMBER_FORMATS[kind]
            cells.append(cell)
        sheet.append(cells)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def export_response(
    fmt: str,
    filename: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_name: str = "Sheet",
) -> HttpResponse:
    """A download of rows as CSV or XLSX (`fmt`); any other format is a 404."""
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        response = HttpResponse(
            csv_bytes(columns, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            xlsx_bytes(sheet_name, columns, rows), content_type=XLSX_TYPE
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
