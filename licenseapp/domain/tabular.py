"""Rows in and out of CSV and XLSX files, safely (reading: :mod:`licenseapp.domain.table_reading`).

Exports neutralise spreadsheet formula injection: a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with an apostrophe so Excel and LibreOffice show
it as text instead of running it (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from licenseapp.errors import LicenseAppError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value that a spreadsheet will never evaluate as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return neutralise(value) if isinstance(value, str) else value


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write CSV (UTF-8 with BOM, for Excel) or XLSX by the file's extension."""
    suffix = path.suffix.lower()
    count = 0
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            for row in rows:
                writer.writerow([_cell(v) for v in row])
                count += 1
        return count
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Export")
        sheet.append(list(headers))
        for row in rows:
            sheet.append([_cell(v) for v in row])
            count += 1
        book.save(path)
        return count
    raise LicenseAppError(f"{path.name}: write .csv, .xlsx or .json")


def read_table(path: Path, *, sheet: str | None = None
               ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Headers (lower case) and ``(row number, {header: text})`` rows of a CSV or XLSX file.

    A plain view for simple readers; importers use :mod:`licenseapp.domain.table_reading`
    (encodings, delimiters, sheets, row numbers), :mod:`licenseapp.domain.column_mapping`
    and :mod:`licenseapp.domain.import_outcomes` instead.
    """
    from licenseapp.domain.lenient_values import cell_text
    from licenseapp.domain.table_reading import read_source

    table = read_source(path, sheet=sheet)
    headers = [h.strip().lower() for h in table.headers]
    return headers, [
        (row.number, {h: (cell_text(row.cells[i]) if i < len(row.cells) else "")
                      for i, h in enumerate(headers)})
        for row in table.rows
    ]
