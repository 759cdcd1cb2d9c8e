"""A first look at a file before it is imported: how it was read, its headers with a few
values of each, and (XLSX) its sheets. Read on a worker thread.

:func:`guess_mapping` maps the headers to our columns the way the services do (lenient
header names, the first of two headers for one column), without refusing a file whose
required columns are missing, so the user can map them by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from licenseapp.domain.column_mapping import ColumnSpec, header_key
from licenseapp.domain.lenient_values import cell_text, shown
from licenseapp.domain.table_reading import read_source
from licenseapp.errors import LicenseAppError

SAMPLES = 3
_SAMPLE_ROWS = 500  # rows looked at for the samples of a sparse column


@dataclass(frozen=True)
class SourcePreview:
    """What the dialog shows of a file before any dry run."""

    name: str
    read_as: str  # "CSV, semicolon-separated, Windows-1252"
    headers: tuple[str, ...]
    samples: tuple[tuple[str, ...], ...]  # up to SAMPLES distinct values per header
    rows: int  # data rows (blank ones not counted)
    sheets: tuple[str, ...] = ()  # XLSX: every sheet of the workbook
    sheet: str | None = None  # XLSX: the sheet read


def sheet_names(path: Path) -> tuple[str, ...]:
    """The sheets of an XLSX workbook (() for any other file)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return ()
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LicenseAppError(
            f"{path.name} cannot be read as an XLSX workbook ({exc})") from None
    try:
        return tuple(book.sheetnames)
    finally:
        book.close()


def preview_source(path: Path, sheet: str | None = None) -> SourcePreview:
    """Read ``path`` (one sheet of a workbook) for the dialog; raises
    :class:`~licenseapp.errors.LicenseAppError` when it is no table."""
    sheets = sheet_names(path)
    table = read_source(path, sheet=sheet)
    found: list[list[str]] = [[] for _ in table.headers]
    for row in table.rows[:_SAMPLE_ROWS]:
        for i, cell in enumerate(row.cells[:len(found)]):
            text = cell_text(cell)
            if text and len(found[i]) < SAMPLES and shown(text, 40) not in found[i]:
                found[i].append(shown(text, 40))
        if all(len(f) >= SAMPLES for f in found):
            break
    return SourcePreview(table.name, table.describe(), table.headers,
                         tuple(tuple(f) for f in found), len(table.rows), sheets, table.sheet)


def guess_mapping(headers: Sequence[str], specs: Sequence[ColumnSpec],
                  remembered: Mapping[str, str | None] | None = None
                  ) -> dict[str, str | None]:
    """File header → our column or None, for every non-empty header (the first of equal
    headers). ``remembered`` (header key → column) wins where it names a header; a column
    is given to one header only."""
    known = {s.name for s in specs}
    table: dict[str, str] = {}
    for spec in specs:
        for key in spec.header_keys():
            table.setdefault(key, spec.name)
    mapping: dict[str, str | None] = {}
    used: set[str] = set()
    chosen = {k: v for k, v in (remembered or {}).items() if v is None or v in known}
    # Remembered columns first, so a guess never takes a column the user gave another header.
    for header in headers:
        key = header_key(header)
        if header and header not in mapping and key in chosen:
            column = chosen[key]
            if column is not None and column in used:
                column = None
            mapping[header] = column
            if column is not None:
                used.add(column)
    result: dict[str, str | None] = {}
    for header in headers:
        if not header or header in result:
            continue
        if header in mapping:
            result[header] = mapping[header]
            continue
        column = table.get(header_key(header))
        if column is not None and column in used:
            column = None
        if column is not None:
            used.add(column)
        result[header] = column
    return result


def missing_columns(mapping: Mapping[str, str | None],
                    specs: Sequence[ColumnSpec]) -> list[ColumnSpec]:
    """The required columns no header is mapped to."""
    used = set(mapping.values())
    return [s for s in specs if s.required and s.name not in used]


__all__ = ["SourcePreview", "guess_mapping", "missing_columns", "preview_source",
           "sheet_names"]
