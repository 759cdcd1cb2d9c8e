"""Rows in and out of CSV and XLSX files, safely (reading: :mod:`licenseapp.domain.table_reading`).

Exports neutralise spreadsheet formula injection: a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with an apostrophe so Excel and LibreOffice show
it as text instead of running it (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any
from unicodedata import east_asian_width

from licenseapp.errors import LicenseAppError

#: The kinds of file a table is written to.
TABLE_SUFFIXES = (".csv", ".xlsx")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value that a spreadsheet will never evaluate as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


#: A line of text starting as a formula would (the texts of a column, one a line).
_FORMULA_LINE = re.compile("^[" + re.escape("".join(FORMULA_STARTS)) + "]", re.MULTILINE)


def neutralised(texts: Sequence[str]) -> Sequence[str]:
    """:func:`neutralise` over a column of texts: one look at the whole column first, and
    the texts rewritten only when some text starts as a formula would (``texts`` itself
    when none does)."""
    if not _FORMULA_LINE.search("\n".join(texts)):  # a text's own line break: looked at
        return texts
    return ["'" + v if v.startswith(FORMULA_STARTS) else v for v in texts]


def _joined(values: Iterable[Any]) -> str:
    """A list in one cell: its values one after the other, as text a spreadsheet will not
    evaluate (a list's first value is the cell's start)."""
    text = "; ".join(str(v) for v in values)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> Any:
    """A CSV cell: dates in ISO form, lists joined, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return _joined(value)
    return neutralise(value) if isinstance(value, str) else value


_NONE = type(None)
_MOMENTS = frozenset({date, datetime, _NONE})
_NUMBERS = frozenset({int, float, _NONE})


def _csv_column(values: Sequence[Any]) -> Sequence[Any]:
    """:func:`_cell` of each value of a column, by the kinds of value the column holds,
    looked at once: a column of texts, dates or lists is turned a column at a time; one
    of mixed or other kinds (a bool, an enum, a number as text...) a cell at a time."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return neutralised(values)
    if kinds <= {str, _NONE}:
        return neutralised(["" if v is None else v for v in values])
    if kinds <= _MOMENTS:
        return ["" if v is None else v.isoformat() for v in values]
    if kinds <= {list, tuple}:
        if set(map(type, chain.from_iterable(values))) <= {str}:  # texts: joined as they are
            return neutralised(["; ".join(v) for v in values])
        return neutralised(["; ".join(map(str, v)) for v in values])
    if kinds <= _NUMBERS:
        return ["" if v is None else v for v in values]
    return [_cell(v) for v in values]


def _csv_rows(rows: Sequence[Sequence[Any]]) -> Iterable[Sequence[Any]]:
    """The CSV cells of ``rows`` (:func:`_cell` of each value), a column at a time when the
    rows are all as long."""
    widths = set(map(len, rows))
    if len(widths) != 1 or 0 in widths:  # ragged or empty rows: one by one
        return [[_cell(v) for v in row] for row in rows]
    return zip(*map(_csv_column, zip(*rows, strict=True)), strict=True)


def _typed_cell(value: Any) -> Any:
    """An XLSX cell: dates and numbers as themselves (a real date, a number), the rest as
    in CSV. A datetime with a time zone stays ISO text: a spreadsheet date has no zone."""
    if type(value) is str:  # most cells: the quick way
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()
    if isinstance(value, date | int | float) and not isinstance(value, bool):
        return value
    return _cell(value)


class ExportCancelled(LicenseAppError):
    """Writing a table was stopped by the user; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written")


#: How often (in rows) the writer reports progress and looks for a cancel.
PROGRESS_EVERY = 500
#: Widest a column is made, in characters (long texts wrap nowhere; Excel shows them cut).
MAX_WIDTH = 60
#: How a date and time shows in a spreadsheet (a date alone: yyyy-mm-dd).
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

Progress = Callable[[int, int], None]


def _text_width(line: str) -> int:
    """Columns ``line`` takes: a wide character (Chinese, Japanese, Korean) counts two."""
    if line.isascii():
        return len(line)
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line)


def _shown_length(value: Any) -> int:
    if type(value) is str and "\n" not in value:
        return _text_width(value)
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((_text_width(line) for line in str(value).splitlines()), default=0)


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> int:
    """Write CSV (UTF-8 with BOM, for Excel; ISO dates) or XLSX (typed dates and numbers, a
    bold frozen header row with a filter, columns as wide as their contents) by the file's
    extension; returns the row count.

    ``progress(done, total)`` is called every :data:`PROGRESS_EVERY` rows and at the end;
    when ``cancelled()`` turns true the writer stops with :class:`ExportCancelled` (the
    caller's atomic write then leaves nothing behind).
    """
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise LicenseAppError(f"{path.name}: write .csv, .xlsx or .json")
    table = rows if isinstance(rows, list | tuple) else list(rows)
    total = len(table)

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done, total)

    if suffix == ".csv":
        # UTF-8 with a byte-order mark, the mark written by hand: Python's "utf-8-sig"
        # encoder is Python code called for every line, its "utf-8" one is not.
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write("\ufeff")
            writer = csv.writer(fh)
            writer.writerow(headers)
            for start in range(0, total, PROGRESS_EVERY):
                step(start)
                writer.writerows(_csv_rows(table[start:start + PROGRESS_EVERY]))
        step(total)
        return total
    _write_xlsx(path, headers, table, step)
    return total


def _write_xlsx(path: Path, headers: Sequence[str], table: Sequence[Sequence[Any]],
                step: Callable[[int], None]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    widths = [len(h) for h in headers]
    typed: list[list[Any]] = []
    for count, row in enumerate(table):
        if count % PROGRESS_EVERY == 0:
            step(count // 2)  # measuring is the first half of the work
        cells = [_typed_cell(v) for v in row]
        for n, value in enumerate(cells):
            if value != "" and value is not None:
                widths[n] = max(widths[n], _shown_length(value))
        typed.append(cells)

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = min(width, MAX_WIDTH) + 2
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(typed) + 1}"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    rule = Border(bottom=Side(style="thin", color="8093AD"))
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(text))
        cell.font, cell.fill, cell.border = bold, fill, rule
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    half = len(typed) // 2
    for count, cells in enumerate(typed):
        if count % PROGRESS_EVERY == 0:
            step(half + count // 2)
        # A date gets openpyxl's yyyy-mm-dd by itself; a date and time, ours (no seconds).
        if any(type(v) is datetime for v in cells):
            cells = [_with_time(sheet, v) if type(v) is datetime else v for v in cells]
        sheet.append(cells)
    step(len(typed))
    book.save(path)


def _with_time(sheet: Any, value: datetime) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATETIME_FORMAT
    return cell


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
