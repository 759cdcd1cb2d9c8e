"""``export applications`` and ``list --json`` write straight from the database's values:
the files and the JSON are byte for byte what the applications list's rows gave, written
cell by cell, on awkward values — formulas, scripts of every kind, nothing at all, dates
with and without fractions of a second, every status of every regulator."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from awkward_applications import awkward_database, cell_by_cell_csv

from licenseapp.domain.enums import ApplicationStatus, Regulator
from licenseapp.domain.tabular import write_table
from licenseapp.services.drafts.applications import list_applications
from licenseapp.services.drafts.list_values import list_applications_json
from licenseapp.services.exchange.exports import export
from licenseapp.store.database import Database

HEADERS = ["ref", "status", "regulator", "form", "applicant", "foreign_national",
           "native_name", "citizenships", "items", "eccns", "acn", "owner", "submitted_on",
           "updated_at"]


def rows_of_the_list(db: Database) -> list[list[Any]]:
    """The export's rows as they were made before: from the list's rows."""
    return [
        [r.ref, r.status, r.regulator, r.form, r.applicant, r.foreign_national, r.native_name,
         list(r.citizenships), list(r.items), list(r.eccns), r.acn, r.owner, r.submitted_on,
         r.updated_at]
        for r in list_applications(db)
    ]


def workbook_parts(path: Path) -> dict[str, bytes]:
    """An XLSX file's parts but the one with the time it was made."""
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()
                if name != "docProps/core.xml"}


@pytest.fixture
def awkward(db: Database) -> Database:
    awkward_database(db)
    return db


def test_the_csv_is_the_one_the_list_rows_gave(awkward: Database, tmp_path: Path) -> None:
    rows = rows_of_the_list(awkward)
    assert len(rows) == 2 * len(ApplicationStatus)
    expected = cell_by_cell_csv(tmp_path / "expected.csv", HEADERS, rows)
    assert export(awkward, "applications", tmp_path / "a.csv") == len(rows)
    assert (tmp_path / "a.csv").read_bytes() == expected
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert any(r["applicant"] == "'=1+1 Holdings" for r in written)  # neutralised
    assert any(r["foreign_national"] == "" and r["citizenships"] == "" for r in written)
    assert {r["status"] for r in written} == {s.value for s in ApplicationStatus}


def test_the_xlsx_is_the_one_the_list_rows_gave(awkward: Database, tmp_path: Path) -> None:
    write_table(tmp_path / "expected.xlsx", HEADERS, rows_of_the_list(awkward))
    export(awkward, "applications", tmp_path / "a.xlsx")
    assert workbook_parts(tmp_path / "a.xlsx") == workbook_parts(tmp_path / "expected.xlsx")


def test_the_json_export_is_the_one_the_list_rows_gave(awkward: Database,
                                                       tmp_path: Path) -> None:
    expected = [{h: (v.isoformat() if isinstance(v, date) else v)
                 for h, v in zip(HEADERS, row, strict=True)}
                for row in rows_of_the_list(awkward)]
    export(awkward, "applications", tmp_path / "a.json")
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == json.dumps(
        expected, ensure_ascii=False, indent=2, default=str)


@pytest.mark.parametrize("filters", [
    {}, {"status": ApplicationStatus.REGISTERED}, {"regulator": Regulator.DDTC},
    {"owner": "=1+1"}, {"owner": "nobody"},
    {"status": ApplicationStatus.DRAFT, "regulator": Regulator.BIS},
])
def test_list_json_is_what_the_list_rows_give(awkward: Database,
                                              filters: dict[str, Any]) -> None:
    expected = [r.to_json() for r in list_applications(awkward, **filters)]
    got = list_applications_json(awkward, **filters)
    assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)
    assert [list(g) for g in got] == [list(e) for e in expected]  # keys in the same order
    if not filters:
        assert len(got) == 2 * len(ApplicationStatus)


def test_no_applications_is_the_header_alone(db: Database, tmp_path: Path) -> None:
    assert export(db, "applications", tmp_path / "a.csv") == 0
    assert (tmp_path / "a.csv").read_bytes() == cell_by_cell_csv(tmp_path / "e.csv", HEADERS, [])
    export(db, "applications", tmp_path / "a.json")
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "[]"
    assert list_applications_json(db) == []
