"""The one table writer (screens' exports and ``licenseapp export``): typed XLSX, CSV for
Excel, progress, cancel leaving nothing behind, and the targets it refuses."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from factories import make_application
from openpyxl import load_workbook

from licenseapp.domain.tabular import ExportCancelled
from licenseapp.errors import LicenseAppError
from licenseapp.services.exchange.exports import export, export_table
from licenseapp.store.database import Database

HEADERS = ["Reference", "Due", "Updated", "Recorded (UTC)", "People", "Note"]
ROWS = [
    ["LA-2026-0002", date(2026, 12, 24), datetime(2026, 12, 7, 9, 30), datetime(
        2026, 12, 7, 17, 30, tzinfo=UTC), 12, "=HYPERLINK(\"http://x\")"],
    ["LA-2026-0001", None, None, None, 0, "Two\nlines, the longest line counts"],
    ["张伟张伟张伟张伟", None, None, None, 1, ""],  # 8 wide characters: 16 columns
]


def test_xlsx_cells_are_typed_and_the_sheet_is_ready_to_filter(db: Database,
                                                                tmp_path: Path) -> None:
    target = tmp_path / "view.xlsx"
    assert export_table(db, target, HEADERS, ROWS) == 3
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("DDE4EE") for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F4"
    _ref, due, updated, recorded, people, note = sheet[2]
    assert due.value == datetime(2026, 12, 24) and due.number_format == "yyyy-mm-dd"
    assert updated.value == datetime(2026, 12, 7, 9, 30)
    assert updated.number_format == "yyyy-mm-dd hh:mm"
    assert recorded.value == "2026-12-07T17:30:00+00:00"  # a zone: ISO text
    assert people.value == 12 and people.data_type == "n"
    assert note.value.startswith("'=")  # never a formula
    assert [c.value for c in sheet[3]][1:4] == [None, None, None]
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths["A"] == 16 + 2 and widths["B"] == len("2026-12-24") + 2
    assert widths["F"] == len("Two\nlines, the longest line counts") - len("Two\n") + 2


def test_csv_is_utf8_with_bom_and_iso_dates(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "view.csv"
    export_table(db, target, HEADERS, ROWS)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[1][:5] == ["LA-2026-0002", "2026-12-24", "2026-12-07T09:30:00",
                            "2026-12-07T17:30:00+00:00", "12"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_progress_and_a_cancel_that_leaves_the_old_file(db: Database, tmp_path: Path,
                                                       suffix: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"big{suffix}"
    target.write_bytes(b"the file before")
    rows = [[n, date(2026, 1, 1)] for n in range(3_000)]
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    with pytest.raises(ExportCancelled, match="cancelled; no file was written"):
        export_table(db, target, ["n", "day"], rows, replace=True, progress=progress,
                     cancelled=lambda: len(seen) >= 3)
    assert target.read_bytes() == b"the file before"
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary left
    seen.clear()
    assert export_table(db, target, ["n", "day"], rows, replace=True, progress=progress) == 3000
    assert seen[-1] == (3000, 3000) and all(t == 3000 for _d, t in seen)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_the_open_database_and_other_files_are_refused(db: Database, tmp_path: Path) -> None:
    if db.location.sqlite_path is not None:
        with pytest.raises(LicenseAppError, match="is the open database"):
            export_table(db, Path(db.location.sqlite_path), HEADERS, ROWS, replace=True)
    with pytest.raises(LicenseAppError, match=r"save as \.csv or \.xlsx"):
        export_table(db, tmp_path / "view.pdf", HEADERS, ROWS)
    existing = tmp_path / "kept.csv"
    existing.write_text("kept")
    with pytest.raises(LicenseAppError, match="already exists"):
        export_table(db, existing, HEADERS, ROWS)
    assert existing.read_text() == "kept"


def test_the_command_line_export_writes_typed_dates_too(db: Database, tmp_path: Path) -> None:
    make_application(db, visa_expires=date(2027, 3, 31))
    target = tmp_path / "people.xlsx"
    assert export(db, "people", target) == 1
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    visa = sheet.cell(2, header.index("visa_expiry") + 1)
    assert visa.value == datetime(2027, 3, 31) and visa.is_date
