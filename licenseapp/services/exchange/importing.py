"""What every import does before and after its own rows: read the file, map its columns,
check and write the errors file. Generic: people, items and grants imports use it.

- :func:`open_source` ``(path, specs, *, sheet=None, mapping=None) -> MappedSource``: the
  file read (:func:`licenseapp.domain.table_reading.read_source`) with its
  :class:`~licenseapp.domain.column_mapping.ColumnMapping` (``mapping`` as the user set it,
  guessed where it says nothing). A file that is no table of ours raises
  :class:`~licenseapp.errors.LicenseAppError` (the whole file is refused).
- :func:`check_errors_file` ``(source, errors_file, *, database=None, replace=False)``:
  refuses, before anything is read or written, an errors file that is the file being
  imported or not .csv/.xlsx, and whatever
  :func:`licenseapp.services.output.output_files.check_output` refuses (the open database, a
  folder or device, an existing file unless ``replace``).
- :func:`write_errors` ``(errors_file, report)``: the rejected and unconfirmed rows, one line
  per problem (columns ``row, column, value, problem, fix``); written even when there are
  none, so an old errors file never stays behind looking current; whole or not at all, 0600.
- :func:`named_as_in_file` ``(problems, mapping, labels)``: the problems with each column
  named as the file's header names it ("ECCN" rather than ``classification``), or by its
  label when the file has no such column.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.domain.column_mapping import ColumnMapping, ColumnSpec, resolve_mapping
from licenseapp.domain.import_outcomes import CellProblem, ImportReport
from licenseapp.domain.table_reading import SourceTable, read_source
from licenseapp.domain.tabular import write_table
from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.store.database import Database

_ERROR_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class MappedSource:
    table: SourceTable
    mapping: ColumnMapping

    @property
    def indexes(self) -> list[tuple[str, int]]:
        return self.mapping.indexes()

    def has(self, column: str) -> bool:
        return column in self.mapping.columns

    def filled(self, column: str) -> bool:
        """The file has the column and some row has a value in it."""
        at = dict(self.indexes).get(column)
        if at is None:
            return False
        for row in self.table.rows:
            if at < len(row.cells):
                cell = row.cells[at]
                if cell is not None and (not isinstance(cell, str) or cell.strip()):
                    return True
        return False


def open_source(path: Path, specs: Sequence[ColumnSpec], *, sheet: str | None = None,
                mapping: ColumnMapping | Mapping[str, str | None] | None = None
                ) -> MappedSource:
    """The file's table and the mapping of its headers to ``specs``."""
    table = read_source(path, sheet=sheet)
    return MappedSource(table, resolve_mapping(table.headers, specs, mapping,
                                               file_name=path.name))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_errors_file(source: Path, errors_file: Path | None, *,
                      database: Database | None = None, replace: bool = False) -> None:
    from licenseapp.services.output.output_files import check_output

    if errors_file is None:
        return
    if _same_file(source, errors_file):
        raise LicenseAppError(
            f"the errors file {errors_file.name} is the file being imported; it would be "
            "overwritten: name another file for the errors")
    if errors_file.suffix.lower() not in _ERROR_SUFFIXES:
        raise LicenseAppError(f"{errors_file.name}: the errors file must end in .csv or .xlsx")
    check_output(errors_file, database=database, inputs=(source,), replace=replace)


def write_errors(errors_file: Path, report: ImportReport) -> int:
    """Write the errors file; returns the number of problem lines."""
    from licenseapp.services.output.output_files import write_atomically

    headers, lines = report.error_table()
    write_atomically(errors_file, lambda tmp: write_table(tmp, headers, lines))
    return len(lines)


def named_as_in_file(problems: Iterable[CellProblem], mapping: ColumnMapping,
                     labels: Mapping[str, str]) -> tuple[CellProblem, ...]:
    """``problems`` with our column names replaced by the file's headers (the label of a
    column the file does not have); other names ("(row)") stay as they are."""
    named: list[CellProblem] = []
    for p in problems:
        if p.column in labels:
            header = mapping.header_for(p.column) or labels[p.column]
            p = CellProblem(header, p.value, p.reason, p.fix)
        named.append(p)
    return tuple(named)


__all__ = ["MappedSource", "check_errors_file", "named_as_in_file", "open_source",
           "write_errors"]
