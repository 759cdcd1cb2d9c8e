"""``licenseapp import people``, run as a user runs it, on both databases: the counts, each
row not imported, and the exit status (0 all in, 1 some rows not, 2 the file refused)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ))


def _file(tmp_path: Path, *rows: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(("Vorname;Nachname;Geburtsdatum;E-Mail;Firma;Abteilung",
                                  *rows)).encode("cp1252") + b"\r\n")
    return path


def test_partial_import_lists_rows_and_exits_1_then_0(db_url: str, tmp_path: Path) -> None:
    path = _file(tmp_path, "Jörg;Weiß;05.03.1990;joerg@x.example;Nordlicht AG;R&D",
                 "Zoë;Brun;03/04/1990;zoe@x.example;Nordlicht AG;R&D",
                 "Ana;Sá;1991-01-01;ana@x.example;;")
    errors = tmp_path / "errors.xlsx"
    dry = run("--db", db_url, "import", "people", str(path), "--dry-run")
    assert dry.returncode == 1, dry.stderr
    assert "Dry run, nothing written. Would be: 1 added" in dry.stdout
    assert "Employers not in the database: Nordlicht AG" in dry.stdout
    result = run("--db", db_url, "import", "people", str(path), "--errors", str(errors),
                 "--create-organizations")
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "(CSV, semicolon-separated, Windows-1252)" in out
    assert "Vorname → given_name" in out and "Columns ignored: Abteilung" in out
    assert "Imported: 2 added, 0 updated, 0 unchanged, 1 rejected, 0 to confirm." in out
    assert "Organizations created: Nordlicht AG" in out
    assert ("row 3, Geburtsdatum '03/04/1990': 03/04/1990 could be 3 April or 4 March; "
            "write it as 1990-04-03") in out
    assert "1 row(s) not imported" in out
    assert errors.exists()
    fixed = _file(tmp_path, "Zoë;Brun;1990-04-03;zoe@x.example;Nordlicht AG;R&D",
                  name="fixed.csv")
    again = run("--db", db_url, "import", "people", str(fixed), "--errors", str(errors),
                "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Imported: 1 added" in again.stdout
    listed = run("--db", db_url, "export", "people", str(tmp_path / "people.csv"))
    assert listed.returncode == 0
    with (tmp_path / "people.csv").open(encoding="utf-8-sig") as fh:
        names = sorted(r["family_name"] for r in csv.DictReader(fh))
    assert names == ["Brun", "Sá", "Weiß"]


def test_refusals_of_the_whole_file_exit_2_on_one_line(db_url: str, tmp_path: Path) -> None:
    path = _file(tmp_path, "Ana;Sá;1991-01-01;ana@x.example;;")
    same = run("--db", db_url, "import", "people", str(path), "--errors", str(path))
    assert same.returncode == 2
    assert same.stderr.strip().splitlines() == [
        "licenseapp: error: the errors file roster.csv is the file being imported; it would "
        "be overwritten: name another file for the errors"]
    not_roster = tmp_path / "x.csv"
    not_roster.write_text("name,age\nA,3\n", encoding="utf-8")
    refused = run("--db", db_url, "import", "people", str(not_roster))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "given_name, family_name are missing" in refused.stderr


def test_all_or_nothing_confirmation_and_a_sheet(db_url: str, tmp_path: Path) -> None:
    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = "Read me"
    readme.append(["Staff list"])
    staff = book.create_sheet("Staff")
    staff.append(["First name", "Surname", "DOB", "Employee number", "E-mail"])
    staff.append(["Lars", "Berg", "1985-02-03", None, None])
    staff.append(["Maja", "Lund", "03/04/1990", 8, "maja@x.example"])
    path = tmp_path / "staff.xlsx"
    book.save(path)
    result = run("--db", db_url, "import", "people", str(path), "--sheet", "Staff",
                 "--all-or-nothing")
    assert result.returncode == 1
    assert "Nothing imported (all or nothing). Would have been: 1 added" in result.stdout
    first = run("--db", db_url, "import", "people", str(path), "--sheet", "Staff")
    assert first.returncode == 1 and "Imported: 1 added" in first.stdout
    staff.delete_rows(3)
    staff.append(["Lars", "Berg", "03.02.1985", 7, "lars@x.example"])
    book.save(path)
    waiting = run("--db", db_url, "import", "people", str(path), "--sheet", "Staff",
                  "--match-on", "email")
    assert waiting.returncode == 1
    assert "may be P-0001 Lars Berg, born 1985-02-03" in waiting.stdout
    assert "--confirm-name-matches" in waiting.stdout
    confirmed = run("--db", db_url, "import", "people", str(path), "--sheet", "Staff",
                    "--match-on", "email", "--confirm-name-matches")
    assert confirmed.returncode == 0, confirmed.stdout
    assert "0 added, 1 updated, 1 unchanged" in confirmed.stdout
