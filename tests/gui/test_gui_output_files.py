"""The desktop app's save paths: after the save dialog (which asks before replacing a file)
an existing file is replaced, but the open database, the imported file, a folder and a device
never are; every file is written 0600, whole or not at all."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from licenseapp.errors import LicenseAppError
from licenseapp.gui.importing.errors_file import save_errors
from licenseapp.gui.tracking.calendar_export import write_ics
from licenseapp.services.exchange.roster import import_people
from licenseapp.services.output.packet_files import write_file_atomically
from licenseapp.store.database import Database


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_calendar_and_packet_saves_replace_a_file_but_never_the_database(
    db: Database, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "d.ics"
    target.write_text("old")
    target.chmod(0o644)
    assert write_ics(str(target), [], db) == 0
    assert target.read_text().startswith("BEGIN:VCALENDAR") and _mode(target) == 0o600
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(b"old")
    write_file_atomically(pdf, b"%PDF-new", database=db)
    assert pdf.read_bytes() == b"%PDF-new" and _mode(pdf) == 0o600
    for bad, why in ((tmp_path, "folder"), (Path("/dev/null"), "not an ordinary file")):
        with pytest.raises(LicenseAppError, match=why):
            write_ics(str(bad), [], db)
        with pytest.raises(LicenseAppError, match=why):
            write_file_atomically(bad, b"%PDF", database=db)
    if db.location.sqlite_path is not None:
        before = db.location.sqlite_path.read_bytes()
        for bad in (db.location.sqlite_path, Path(f"{db.location.sqlite_path}-wal")):
            with pytest.raises(LicenseAppError, match="open database"):
                write_ics(str(bad), [], db)
            with pytest.raises(LicenseAppError, match="open database"):
                write_file_atomically(bad, b"%PDF", database=db)
        assert db.location.sqlite_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.ics", "p.pdf"]


def test_the_errors_file_saved_from_the_dialog(db: Database, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("given_name,family_name,email\nAda,,ada@x.example\n", encoding="utf-8")
    report = import_people(db, roster, dry_run=True)
    errors = tmp_path / "errors.csv"
    errors.write_text("old")
    assert save_errors(errors, roster, report, db) >= 1
    assert errors.read_text(encoding="utf-8-sig").startswith("row,") and _mode(errors) == 0o600
    with pytest.raises(LicenseAppError, match="being imported"):
        save_errors(roster, roster, report, db)
    link = tmp_path / "link.csv"
    link.symlink_to(Path("/dev/null"))
    with pytest.raises(LicenseAppError, match="not an ordinary file"):
        save_errors(link, roster, report, db)
    if db.location.sqlite_path is not None:
        db_link = tmp_path / "db.csv"
        db_link.symlink_to(db.location.sqlite_path)
        with pytest.raises(LicenseAppError, match="open database"):
            save_errors(db_link, roster, report, db)
