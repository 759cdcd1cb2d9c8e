"""``licenseapp memo``: the determination memo an attorney signs, per person × item and per
application, read back with pdftotext; the answers it prints are stored."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.cli.main import main
from licenseapp.store.database import Database
from licenseapp.store.models import StoredDetermination

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                         text=True).stdout
    return " ".join(out.split())


def _memo(db_url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", db_url, "memo", *args, "--date", "2026-12-01"])
    out, err = capsys.readouterr()
    return code, out, err


@needs_pdftotext
def test_memo_of_an_application_prints_what_counsel_signs(
        db: Database, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make_application(db)
    target = tmp_path / "memo.pdf"
    code, out, err = _memo(db_url, capsys, "LA-2026-0001", "-o", str(target))
    assert code == 0, err
    assert "Wei Zhang × Mythos 5 (4E091): license required" in out
    text = _text(target)
    for words in ("Export license determination memo", "LA-2026-0001",
                  "Determination as of 2026-12-01: license required",
                  "Facts used", "Citizenships", "CN (by birth, since 1990-01-01)", "H-1B",
                  "person record P-0001", "item record ITM-001",
                  "Rule sets considered", "ear-baseline, version 1, SHA-256",
                  "ai-access-directive-2026, version 1, SHA-256",
                  "15 CFR 734.13(b)", "Reference data: Commerce Control List",
                  "Reviewed and approved by", "Dana Whitfield", "Empowered Official"):
        assert words in text, words
    assert "This person" not in text  # every reason names the person
    # the application's stored determination is the one printed, not a new one
    code, _out, err = _memo(db_url, capsys, "LA-2026-0001", "-o", str(tmp_path / "again.pdf"))
    assert code == 0, err
    with db.reading() as session:
        purposes = session.execute(select(StoredDetermination.purpose)).scalars().all()
    assert purposes == ["application"]


@needs_pdftotext
def test_memo_of_a_person_and_an_item_is_answered_and_stored(
        db: Database, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make_application(db, citizenship="GB", given="Oliver", family="Hughes", native="")
    target = tmp_path / "pair.pdf"
    code, out, err = _memo(db_url, capsys, "P-0001", "Mythos 5", "-o", str(target))
    assert code == 0, err
    assert "P-0001 × ITM-001" in out
    text = _text(target)
    assert "Oliver Hughes × Mythos 5 (4E091)" in text
    assert "Stored determination #1 (memo)" in text
    with db.reading() as session:
        row = session.execute(select(StoredDetermination)).scalar_one()
    assert (row.purpose, row.license_required) == ("memo", True)


def test_memo_never_overwrites_a_file(db: Database, db_url: str,
                                      capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make_application(db)
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"signed copy")
    code, _out, err = _memo(db_url, capsys, "LA-2026-0001", "-o", str(target))
    assert code != 0 and "already exists" in err and "Traceback" not in err
    assert target.read_bytes() == b"signed copy"
    code, _out, err = _memo(db_url, capsys, "P-0001", "ITM-001", "LA-2026-0001", "-o",
                            str(tmp_path / "x.pdf"))
    assert code != 0 and "name a person and an item, or one application" in err
