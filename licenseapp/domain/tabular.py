"""Rows in and out of CSV and XLSX files, safely.

Exports neutralise spreadsheet formula injection: a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with an apostrophe so Excel and LibreOffice show
it as text instead of running it (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
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


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Headers and ``(line number, {header: text})`` rows of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise LicenseAppError(f"no file {path}")
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LicenseAppError(
                f"{path.name} is not UTF-8 text; save it as 'CSV UTF-8' and try again") from None
        reader = csv.reader(io.StringIO(text, newline=""))
        table = list(reader)
        if not table:
            raise LicenseAppError(f"{path.name} is empty")
        headers = [h.strip().lower() for h in table[0]]
        rows = [
            (n, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(headers)})
            for n, cells in enumerate(table[1:], start=2)
            if any(c.strip() for c in cells)
        ]
        return headers, rows
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise LicenseAppError(
                f"{path.name} cannot be read as an XLSX workbook ({exc})") from None
        sheet = book.worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        book.close()
        if not values:
            raise LicenseAppError(f"{path.name} is empty")
        headers = [str(h or "").strip().lower() for h in values[0]]
        rows = []
        for n, cells in enumerate(values[1:], start=2):
            texts = [_text(c) for c in cells]
            if any(texts):
                rows.append((n, {h: (texts[i] if i < len(texts) else "")
                                 for i, h in enumerate(headers)}))
        return headers, rows
    raise LicenseAppError(f"{path.name}: read .csv or .xlsx files")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
