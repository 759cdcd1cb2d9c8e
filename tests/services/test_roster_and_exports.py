"""Roster import (every row's outcome, every problem named) and exports that spreadsheets
can't run. The import's new rules have their own tests in test_roster_import.py."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from factories import make_application
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from licenseapp.domain.import_outcomes import Outcome
from licenseapp.domain.tabular import neutralise
from licenseapp.errors import LicenseAppError
from licenseapp.services.exchange.exports import export
from licenseapp.services.exchange.roster import import_people
from licenseapp.store.database import Database
from licenseapp.store.models import Person

TODAY = date(2026, 11, 27)
HEADER = ("given_name,family_name,native_name,date_of_birth,birth_country,citizenships,"
          "residency_country,immigration_status,visa_expiry,email,job_title,employer")


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return path


def _people(db: Database) -> dict[str, Person]:
    with db.reading() as s:
        people = s.execute(select(Person).options(selectinload(Person.citizenships),
                                                  selectinload(Person.documents))).scalars()
        return {p.email or p.ref: p for p in people}


def test_a_clean_roster_creates_and_updates(db: Database, tmp_path: Path) -> None:
    make_application(db)  # Wei Zhang, P-0001, at Northwind
    path = _csv(
        tmp_path,
        "Layla,Haddad,ليلى حداد,1991-04-02,LB,LB;FR,,h1b,2027-06-30,layla@northwind.ai,"
        "Research Scientist,\"Northwind Frontier AI, Inc.\"",
        "José,Núñez,,1988-12-01,MX,MX,US,lpr,,jose@northwind.ai,Engineer,",
    )
    report = import_people(db, path, today=TODAY)
    assert report.ok and report.applied and report.counts[Outcome.ADDED] == 2
    people = _people(db)
    layla = people["layla@northwind.ai"]
    assert layla.native_name == "ليلى حداد" and layla.ref == "P-0002"
    assert sorted(c.country for c in layla.citizenships) == ["FR", "LB"]
    assert layla.documents[0].expires_on == date(2027, 6, 30)
    assert layla.employer_id is not None
    assert people["jose@northwind.ai"].immigration_status == "lpr"
    # Importing again changes nothing and never duplicates.
    again = import_people(db, path, today=TODAY)
    assert again.counts[Outcome.UNCHANGED] == 2 and again.ok
    assert len(_people(db)) == 3


def test_employer_names_match_the_organization(db: Database, tmp_path: Path) -> None:
    make_application(db)
    path = _csv(tmp_path, "A,B,,,,,,,,a@b.io,,NORTHWIND frontier AI Inc")
    report = import_people(db, path, today=TODAY)
    assert report.ok and not report.unknown_employers
    # An unquoted comma splits the cell: the shifted row is refused, not imported askew.
    path = _csv(tmp_path, "C,D,,,,,,,,c@b.io,,Northwind Frontier AI, Inc.")
    report = import_people(db, path, today=TODAY)
    assert report.counts[Outcome.REJECTED] == 1
    assert report.rows[0].problems[0].column == "(row)"
    assert "c@b.io" not in _people(db)


def test_all_or_nothing_rejects_the_whole_file_and_names_each_problem(
        db: Database, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Good,Person,,1990-01-01,DE,DE,,h1b,,good@x.io,,",
        ",Nobody,,31/12/1990,XX,CN;ZZ,,green,,not-an-email,,Acme",
        "Dup,Person,,,,,,,,good@x.io,,",
    )
    errors = tmp_path / "errors.csv"
    report = import_people(db, path, errors_file=errors, today=TODAY, all_or_nothing=True)
    assert not report.ok and not report.applied
    found = {(r.row, p.column) for r in report.rows for p in r.problems}
    assert found >= {(3, "given_name"), (3, "birth_country"), (3, "citizenships"),
                     (3, "immigration_status"), (3, "email"), (3, "employer")}
    # 31/12/1990 is unambiguous (31 > 12): read, not refused.
    assert (3, "date_of_birth") not in found
    # The duplicate of row 2 is that person (updated: another given name), not an error.
    assert [r.outcome for r in report.rows] == [Outcome.ADDED, Outcome.REJECTED,
                                                Outcome.UPDATED]
    assert _people(db) == {}  # nothing written, not even the good row
    rows = list(csv.reader(errors.open(encoding="utf-8-sig")))
    assert rows[0] == ["row", "column", "value", "problem", "fix"] and len(rows) > 5
    # Partial (the default): the good row goes in, the bad one is listed.
    report = import_people(db, path, errors_file=errors, replace_errors=True, today=TODAY)
    assert report.applied and report.counts[Outcome.REJECTED] == 1
    assert _people(db)["good@x.io"].given_name == "Dup"


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Good,Person,,1990-01-01,DE,DE,,h1b,,good@x.io,,")
    report = import_people(db, path, dry_run=True, today=TODAY)
    assert report.ok and report.counts[Outcome.ADDED] == 1 and not report.applied
    assert _people(db) == {}


def test_xlsx_rosters_are_read_too(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(["Priya", "Sharma", "प्रिया शर्मा", date(1993, 5, 17), "IN", "IN", None, "f1",
                  date(2027, 1, 31), "priya@x.io", "Intern", None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert import_people(db, path, today=TODAY).counts[Outcome.ADDED] == 1
    assert _people(db)["priya@x.io"].date_of_birth == date(1993, 5, 17)


def test_a_file_that_is_not_a_roster_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name,age\nA,3\n")
    with pytest.raises(LicenseAppError, match="given_name, family_name are missing"):
        import_people(db, path, today=TODAY)
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(LicenseAppError, match="cannot be read as an XLSX"):
        import_people(db, bad, today=TODAY)


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)",
                                       "\tx", "\rx"])
def test_formula_starts_are_neutralised(dangerous: str) -> None:
    assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("Zhang & Sons") == "Zhang & Sons"


def test_exports_neutralise_formulas_in_every_format(db: Database, tmp_path: Path) -> None:
    make_application(db, given="=cmd|'/C calc'!A0", family="Zhang")
    export(db, "people", tmp_path / "p.csv")
    export(db, "people", tmp_path / "p.xlsx")
    export(db, "applications", tmp_path / "a.json")
    row = list(csv.reader((tmp_path / "p.csv").open(encoding="utf-8-sig")))[1]
    assert row[1] == "'=cmd|'/C calc'!A0"
    sheet = load_workbook(tmp_path / "p.xlsx").active
    assert sheet is not None and sheet["B2"].value == "'=cmd|'/C calc'!A0"
    apps = json.loads((tmp_path / "a.json").read_text())
    assert apps[0]["ref"] == "LA-2026-0001" and apps[0]["native_name"] == "张伟"


def test_the_licenses_export_gives_each_license_its_state_on_the_day(
        db: Database, tmp_path: Path) -> None:
    from datetime import timedelta

    from factories import make_license

    today = date.today()
    old = make_application(db, "LA-2024-0001", status="approved", visa_expires=None)
    make_license(db, old, "D1000001", issued_on=today - timedelta(days=800),
                 expires_on=today - timedelta(days=1))  # recorded "active", expired yesterday
    soon = make_application(db, "LA-2026-0002", status="approved", visa_expires=None)
    make_license(db, soon, "D1000002", issued_on=today - timedelta(days=300),
                 expires_on=today + timedelta(days=30))
    target = tmp_path / "licenses.json"
    export(db, "licenses", target)
    states = {row["number"]: row["state"] for row in json.loads(target.read_text())}
    assert states == {"D1000001": "expired", "D1000002": "expiring"}
