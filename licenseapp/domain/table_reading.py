"""Reading a table someone made in a spreadsheet: CSV in any of the usual encodings and
delimiters, or a sheet of an XLSX workbook. Generic: no column of ours is known here.

The public API (every importer uses it; :mod:`licenseapp.domain.column_mapping` maps the
headers, :mod:`licenseapp.domain.import_outcomes` reports each row's outcome):

- :func:`read_source` ``(path, *, sheet=None) -> SourceTable`` reads the file. A file that
  cannot be read as a table at all raises :class:`~licenseapp.errors.LicenseAppError` with the
  reason in the user's words; a table it can read is never refused here.
  :func:`stream_source` (a context manager) gives the table without its rows and the rows one
  at a time, for an import that must not hold the whole file.
- :class:`SourceTable`: ``headers`` (the header row's cells, as written), ``rows`` (one
  :class:`SourceRow` per non-blank data row), and how the file was read (``kind``,
  ``encoding``, ``delimiter``, ``sheet``) so the user can be told.
- :class:`SourceRow`: ``number`` is the row number the user's spreadsheet shows (the header
  is row 1 when it is the first row; blank rows count, as the spreadsheet shows them, but
  yield no SourceRow); ``line`` is, for CSV, the text line the record starts on (it differs
  from ``number`` after a quoted cell holding a line break, which a spreadsheet shows as one
  row); ``cells`` are the values: text for CSV; for XLSX what the cell holds (text, a
  number, a ``datetime`` for a date cell, or None).

CSV decoding: a UTF-8, UTF-16 (LE/BE) or UTF-32 byte-order mark decides; without one, UTF-8
when the bytes are valid UTF-8, UTF-16 when every other byte is NUL, else Windows-1252 (what
Excel writes in western Europe and the Americas) — Latin-1 for the five bytes Windows-1252
leaves undefined. Delimiters: comma, semicolon or tab, detected by :class:`csv.Sniffer`
restricted to those, checked against the header line (a delimiter the header does not
contain is not believed); Excel's ``sep=;`` first line is honoured. Quoting is always the
standard double quote.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from licenseapp.errors import LicenseAppError

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
ENCODING_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE", "utf-32-le": "UTF-32 LE", "utf-32-be": "UTF-32 BE",
    "cp1252": "Windows-1252", "latin-1": "Latin-1",
}
_BOMS = (  # the longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_LINES = 50
_SNIFF_CHARS = 32_000


@dataclass(frozen=True)
class SourceRow:
    """One non-blank data row: its number as the spreadsheet shows it, and its cells."""

    number: int
    cells: tuple[Any, ...]
    line: int | None = None  # CSV: the text line the record starts on


@dataclass(frozen=True)
class SourceTable:
    """A file's header row and data rows, and how they were read."""

    name: str  # the file's name, for messages
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    kind: str  # "csv" or "xlsx"
    header_row: int = 1
    encoding: str | None = None  # CSV: a key of ENCODING_NAMES
    delimiter: str | None = None  # CSV: one of DELIMITERS
    sheet: str | None = None  # XLSX: the sheet read

    def describe(self) -> str:
        """How the file was read, for the user: "CSV, semicolon-separated, Windows-1252"."""
        if self.kind == "xlsx":
            return f"XLSX, sheet {self.sheet!r}"
        delimiter = DELIMITER_NAMES.get(self.delimiter or ",", repr(self.delimiter))
        return f"CSV, {delimiter}-separated, {ENCODING_NAMES.get(self.encoding or '', '?')}"


def read_source(path: Path, *, sheet: str | None = None) -> SourceTable:
    """The table in a .csv file or in one sheet of a .xlsx workbook (the first by default)."""
    with stream_source(path, sheet=sheet) as (table, rows):
        return replace(table, rows=tuple(rows))


@contextmanager
def stream_source(path: Path, *, sheet: str | None = None
                  ) -> Iterator[tuple[SourceTable, Iterator[SourceRow]]]:
    """As :func:`read_source`, but the table comes without its rows (``rows`` is empty)
    and the rows are read one at a time as the iterator is asked for them, so a file of any
    length is read in bounded memory. A row that cannot be read raises
    :class:`~licenseapp.errors.LicenseAppError` when the iterator reaches it."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise LicenseAppError(f"no file {path}")
    if suffix == ".csv" or suffix in (".txt", ".tsv"):
        if sheet:
            raise LicenseAppError(f"{path.name} is a CSV file, which has no sheets; "
                                  "a sheet can be chosen in an XLSX workbook only")
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise LicenseAppError(f"cannot read {path}: {exc.strerror}") from None
        found = _csv_stream(raw, path.name)
        del raw  # the decoded text is read from here on
        yield found
        return
    if suffix in (".xlsx", ".xlsm"):
        with _xlsx_stream(path, sheet) as found:
            yield found
        return
    if suffix == ".xls":
        raise LicenseAppError(f"{path.name} is an old Excel (.xls) workbook; save it as .xlsx "
                              "or CSV and import that")
    raise LicenseAppError(f"{path.name}: import a .csv or .xlsx file")


# ---------------------------------------------------------------- CSV


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with (a key of ENCODING_NAMES)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError as exc:
                raise LicenseAppError(
                    f"the file starts as {ENCODING_NAMES[encoding]} text but byte "
                    f"{exc.start + len(bom) + 1:,} is not; save it again as CSV UTF-8") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sixteen = _utf16_without_bom(raw)
    if sixteen is not None:
        try:
            return raw.decode(sixteen), sixteen
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252
        return raw.decode("latin-1"), "latin-1"


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 LE or BE when most of the high (or low) bytes of a sample are NUL."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: :class:`csv.Sniffer` on the first lines, checked against
    the header line; when the sniffer cannot decide, the delimiter the header line holds
    most often (outside quotes); a header with none of them is one column: comma."""
    lines = text[:_SNIFF_CHARS].splitlines()
    header = lines[0] if lines else ""
    counts = _counts_outside_quotes(header)
    best = max(DELIMITERS, key=lambda d: counts[d])
    sample = "\n".join(lines[:_SNIFF_LINES])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in DELIMITERS and counts[sniffed] > 0:
        return sniffed
    return best if counts[best] > 0 else ","


def _counts_outside_quotes(line: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return counts


def read_csv_bytes(raw: bytes, name: str = "the file") -> SourceTable:
    """A CSV file's bytes as a table (see the module's docstring for the rules)."""
    table, rows = _csv_stream(raw, name)
    return replace(table, rows=tuple(rows))


def _csv_stream(raw: bytes, name: str) -> tuple[SourceTable, Iterator[SourceRow]]:
    """The table's header (``rows`` empty) and its data rows, read as they are asked for."""
    text, encoding = decode(raw)
    first_line_end = text.find("\n")
    first = text[: first_line_end if first_line_end >= 0 else len(text)].strip()
    offset = 0  # physical lines before the table (Excel's "sep=" line, not shown as a row)
    if first.lower().startswith("sep=") and len(first) == 5 and first[4] in DELIMITERS:
        delimiter = first[4]
        text = text[first_line_end + 1:] if first_line_end >= 0 else ""
        offset = 1
    else:
        delimiter = detect_delimiter(text)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    del text
    records = _csv_records(reader, name, offset)
    for number, cells, _line in records:
        headers = tuple(c.strip() for c in cells)
        table = SourceTable(name, headers, (), "csv", number, encoding, delimiter)
        return table, (SourceRow(n, tuple(c), at) for n, c, at in records)
    raise LicenseAppError(f"{name} is empty")


#: A line as ``io.StringIO(text, newline="")`` gives it: ended by \r\n, \r or \n, kept.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    """The text's lines, as a StringIO gives them, without a copy of the whole text
    (a StringIO holds four bytes a character)."""
    return (m.group() for m in _LINE.finditer(text))


def _csv_records(reader: Any, name: str, offset: int) -> Iterator[tuple[int, list[str], int]]:
    """Each non-blank record: its row number, its cells and the line it starts on."""
    number = 0
    previous_end = 0
    try:
        for cells in reader:
            number += 1
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank row: skipped, but counted as the spreadsheet counts it
            yield number, cells, start + offset
    except csv.Error as exc:
        raise LicenseAppError(
            f"{name} cannot be read as CSV near line {reader.line_num + offset} ({exc})"
        ) from None


# ---------------------------------------------------------------- XLSX


def _read_xlsx(path: Path, sheet: str | None) -> SourceTable:
    with _xlsx_stream(path, sheet) as (table, rows):
        return replace(table, rows=tuple(rows))


@contextmanager
def _xlsx_stream(path: Path, sheet: str | None
                 ) -> Iterator[tuple[SourceTable, Iterator[SourceRow]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LicenseAppError(
            f"{path.name} cannot be read as an XLSX workbook ({exc})") from None
    try:
        names = list(book.sheetnames)
        if not names:
            raise LicenseAppError(f"{path.name} has no sheets")
        chosen = names[0] if sheet is None else _sheet_name(path.name, names, sheet)
        worksheet = book[chosen]
        reset = getattr(worksheet, "reset_dimensions", None)
        if reset is not None:  # some writers record a wrong size; read every row
            reset()
        yield _xlsx_table(path.name, chosen, worksheet.iter_rows(values_only=True))
    finally:
        book.close()


def _sheet_name(file_name: str, names: Sequence[str], wanted: str) -> str:
    if wanted in names:
        return wanted
    folded = [n for n in names if n.strip().casefold() == wanted.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    listed = ", ".join(repr(n) for n in names)
    raise LicenseAppError(f"{file_name} has no sheet {wanted!r}; its sheets are {listed}")


def _xlsx_table(name: str, sheet: str, values: Iterator[tuple[Any, ...]]
                ) -> tuple[SourceTable, Iterator[SourceRow]]:
    """The sheet's header (``rows`` empty) and its data rows, read as they are asked for."""
    filled = ((number, cells) for number, cells in enumerate(values, start=1)
              if any(_filled(c) for c in cells))
    for number, cells in filled:
        headers = tuple("" if c is None else str(c).strip() for c in cells)
        table = SourceTable(name, headers, (), "xlsx", number, sheet=sheet)
        return table, (SourceRow(n, tuple(c)) for n, c in filled)
    raise LicenseAppError(f"{name}: the sheet {sheet!r} is empty")


def _filled(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


__all__ = ["DELIMITERS", "DELIMITER_NAMES", "ENCODING_NAMES", "SourceRow", "SourceTable",
           "decode", "detect_delimiter", "read_csv_bytes", "read_source", "stream_source"]
