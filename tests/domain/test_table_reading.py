"""Reading spreadsheets people make: encodings, delimiters, sheets, row numbers as shown."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from licenseapp.domain.table_reading import decode, detect_delimiter, read_csv_bytes, read_source
from licenseapp.errors import LicenseAppError

TEXT = "Given Name;Last name;City\r\nJörg;Müller;Köln\r\nZoë;Núñez;\"Ávila; Spain\"\r\n"


@pytest.mark.parametrize(("raw", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),  # no mark, but every other byte is NUL
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_every_usual_encoding_reads_the_same_table(raw: bytes, encoding: str) -> None:
    table = read_csv_bytes(raw)
    assert table.encoding == encoding and table.delimiter == ";"
    assert table.headers == ("Given Name", "Last name", "City")
    assert [r.cells for r in table.rows] == [("Jörg", "Müller", "Köln"),
                                             ("Zoë", "Núñez", "Ávila; Spain")]


def test_windows_1252_is_the_fallback_only_when_the_bytes_are_not_utf8() -> None:
    assert decode("€ Straße".encode("cp1252")) == ("€ Straße", "cp1252")
    assert decode("€ Straße".encode()) == ("€ Straße", "utf-8")
    assert decode(b"\x81\x8d")[1] == "latin-1"  # bytes Windows-1252 leaves undefined


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_detected(delimiter: str) -> None:
    header = delimiter.join(["given_name", "family_name", "citizenships"])
    row = delimiter.join(["Wei", "Zhang", '"Korea, Republic of; CN"'])
    assert detect_delimiter(f"{header}\n{row}\n") == delimiter


def test_a_header_with_one_column_is_comma_separated_and_the_header_decides() -> None:
    assert detect_delimiter("email\na@b.io\n") == ","
    # The data rows are full of commas, the header has semicolons: semicolons it is.
    assert detect_delimiter("name;job\nA, B;x, y, z\nC, D;u, v, w\n") == ";"


def test_excel_sep_line_is_honoured_and_not_a_row() -> None:
    table = read_csv_bytes(b"sep=;\nx;y\n1,5;2\n")
    assert table.delimiter == ";" and table.headers == ("x", "y")
    assert table.rows[0].cells == ("1,5", "2")
    assert table.rows[0].number == 2 and table.rows[0].line == 3


def test_row_numbers_are_the_spreadsheets_and_lines_the_texts() -> None:
    raw = (b"name,note\n"
           b"A,one\n"
           b"B,\"two\nlines\"\n"  # one spreadsheet row, two text lines
           b"\n"  # a blank row: skipped, but counted as the spreadsheet counts it
           b",\n"  # only separators: blank too
           b"C,three\n")
    table = read_csv_bytes(raw)
    assert [(r.cells[0], r.number, r.line) for r in table.rows] == [
        ("A", 2, 2), ("B", 3, 3), ("C", 6, 7)]


def test_leading_blank_lines_come_before_the_header() -> None:
    table = read_csv_bytes(b"\n\nname\nA\n")
    assert table.header_row == 3 and table.rows[0].number == 4


def test_a_file_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LicenseAppError, match="is empty"):
        read_csv_bytes(b"\n \n")
    with pytest.raises(LicenseAppError, match="no file"):
        read_source(tmp_path / "missing.csv")
    old = tmp_path / "old.xls"
    old.write_bytes(b"x")
    with pytest.raises(LicenseAppError, match=r"save it as \.xlsx"):
        read_source(old)
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(LicenseAppError, match="cannot be read as an XLSX"):
        read_source(bad)
    csv_file = tmp_path / "a.csv"
    csv_file.write_text("a\n1\n")
    with pytest.raises(LicenseAppError, match="has no sheets"):
        read_source(csv_file, sheet="Roster")


def test_xlsx_first_sheet_or_a_chosen_one_with_dates_as_dates(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Notes"
    first.append(["just", "notes"])
    roster = book.create_sheet("Roster")
    roster.append(["Given Name", "DOB", "Employee ID"])
    roster.append([None, None, None])
    roster.append(["Anna", datetime(1990, 3, 5), 1234])
    path = tmp_path / "r.xlsx"
    book.save(path)
    assert read_source(path).headers == ("just", "notes")
    table = read_source(path, sheet="roster")  # the sheet's name in any case
    assert table.sheet == "Roster" and table.describe() == "XLSX, sheet 'Roster'"
    assert table.rows[0].number == 3
    assert table.rows[0].cells == ("Anna", datetime(1990, 3, 5), 1234)
    assert isinstance(table.rows[0].cells[1], date)
    with pytest.raises(LicenseAppError, match="its sheets are 'Notes', 'Roster'"):
        read_source(path, sheet="People")
