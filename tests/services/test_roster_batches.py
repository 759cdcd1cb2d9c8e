"""The roster import reads, decides and writes a long file a batch of rows at a time: where
the batches end changes nothing a user sees, and the import holds a batch, not the file.

Each file here is imported with batches of one row, two rows and one batch for the whole
file, each into a fresh database, and everything is compared: every row's outcome, the
counts, the organizations created, the people stored (names, keys, citizenships, visas,
employer), the audit entry and the seals.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbsupport import postgres_url, reset_postgres
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from licenseapp.domain.import_outcomes import Outcome
from licenseapp.services.exchange.import_batches import PREVIEW_ROWS
from licenseapp.services.exchange.roster import import_people
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import AuditEntry, Organization, Person

TODAY = date(2026, 11, 27)
HEADER = ("employee_number,given_name,family_name,date_of_birth,email,citizenships,"
          "visa_expiry,employer,ref")
#: In the database before the file: Ada (every key), Lars (no key at all).
STORED = ["S1,Ada,Lovelace,1980-01-01,ada@x.example,GB,2027-01-01,,",
          ",Lars,Berg,1985-02-03,,,,,"]
#: Every rule of matching, with the rows that decide each other one row apart.
ROWS = [
    "N1,Kai,Ito,1990-01-01,kai@x.example,JP,,Nordlicht AG,",  # 2 added, a new employer
    "N2,Mia,Roth,1991-02-02,mia@x.example,DE,2027-05-01,Nordlicht AG,",  # 3 added, a visa
    "N1,Kai,Itō,1990-01-01,kai@x.example,\"JP, US\",,Acme Corp,",  # 4 updates row 2's person
    "N2,Mia,Roth,1991-02-02,mia@x.example,DE,2028-06-01,Nordlicht AG,",  # 5 row 3's visa
    "S1,Ada,Lovelace,1980-01-01,ada@x.example,GB,,,",  # 6 unchanged (stored)
    "S1,Ada,Lovelace,1980-01-01,ada.l@x.example,,,,",  # 7 a new e-mail
    ",Ben,Ng,,,,,,",  # 8 added, no key
    ",Ben,Ng,,,,,,",  # 9 the same as row 8
    "L9,Lars,Berg,1985-02-03,lars@x.example,,,,",  # 10 Lars by name and birth only
    "N3,Bad,Date,31.02.1990,bad@x.example,,,,",  # 11 rejected
    "N1,Kai,Itō,1990-01-01,kai@x.example,\"JP, US\",,Acme Corp,",  # 12 unchanged
    "X5,Kai,Itō,1990-01-01,kai@x.example,,,,",  # 13 Kai's e-mail, another number
    "N7,Ola,Nord,1970-07-07,ada.l@x.example,,,,",  # 14 Ada's new e-mail (row 7)
    "N6,Eve,Ray,1992-03-03,eve@x.example,,,,P-0004",  # 15 a free reference, kept free
    "N8,Max,Roth,1993-04-04,max@x.example,FR,2027-09-09,Nordlicht AG,",  # 16 added
]


def _file(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def fresh(db_url: str, tmp_path: Path) -> Iterator[Any]:
    """Opens a fresh, empty database at each call (the one before is closed)."""
    opened: list[Database] = []

    def make(name: str) -> Database:
        for db in opened:
            db.dispose()
        url = postgres_url()
        if url:
            reset_postgres(url)
        opened.append(open_database(url or str(tmp_path / f"{name}.db")))
        return opened[-1]

    yield make
    for db in opened:
        db.dispose()


def _seen(report: Any) -> tuple[Any, ...]:
    """Everything the report tells a user."""
    return (tuple((r.row, r.outcome, r.record, r.changes, r.problems, r.candidate, r.note,
                   r.line) for r in report.rows),
            report.counts, dict(report.created), dict(report.unknown), report.applied,
            report.ok)


def _stored(db: Database) -> dict[str, Any]:
    """Everyone stored by reference, the organizations, and the import's audit entries."""
    with db.reading() as s:
        orgs = dict(s.execute(select(Organization.id, Organization.legal_name)).all())
        people = {
            p.ref: (p.given_name, p.family_name, p.date_of_birth, p.email, p.employee_number,
                    sorted(c.country for c in p.citizenships),
                    sorted(d.expires_on for d in p.documents if d.kind == "visa"),
                    orgs.get(p.employer_id))
            for p in s.execute(select(Person).options(
                selectinload(Person.citizenships), selectinload(Person.documents))).scalars()}
        audits = [(a.entity, a.summary, a.after_json) for a in s.execute(
            select(AuditEntry).where(AuditEntry.action.in_(("import", "create")))
            .order_by(AuditEntry.id)).scalars()
            if a.entity in ("people", "organization")]
    return {"people": people, "organizations": sorted(orgs.values()), "audits": audits}


def _import_in_batches(fresh: Any, tmp_path: Path, batch_rows: int,
                       **options: Any) -> tuple[tuple[Any, ...], tuple[Any, ...],
                                                dict[str, Any]]:
    db = fresh(f"batches-{batch_rows}")
    assert import_people(db, _file(tmp_path, "stored.csv", STORED), today=TODAY).ok
    path = _file(tmp_path, "roster.csv", ROWS)
    dry = import_people(db, path, dry_run=True, create_organizations=True, today=TODAY,
                        batch_rows=batch_rows, **options)
    report = import_people(db, path, create_organizations=True, today=TODAY,
                           batch_rows=batch_rows, **options)
    assert _seen(dry)[:4] == _seen(report)[:4]  # a dry run says what the import does
    assert verify(db).ok
    return _seen(report), _seen(dry), _stored(db)


@pytest.mark.parametrize("confirm", [False, True], ids=["unconfirmed", "confirmed"])
def test_where_the_batches_end_changes_nothing(fresh: Any, tmp_path: Path,
                                               confirm: bool) -> None:
    whole = _import_in_batches(fresh, tmp_path, len(ROWS) + 10,
                               confirm_name_matches=confirm)
    seen, _, stored = whole
    outcomes = [r[1] for r in seen[0]]
    assert outcomes == [
        Outcome.ADDED, Outcome.ADDED, Outcome.UPDATED, Outcome.UPDATED, Outcome.UNCHANGED,
        Outcome.UPDATED, Outcome.ADDED, Outcome.UNCHANGED,
        Outcome.UPDATED if confirm else Outcome.NEEDS_CONFIRMATION,
        Outcome.REJECTED, Outcome.UNCHANGED, Outcome.REJECTED, Outcome.REJECTED,
        Outcome.ADDED, Outcome.ADDED]
    assert seen[0][7][6] == "the same as row 8"
    people = stored["people"]
    # Mia's visa moved (one document, not two); Kai's name, citizenship and employer changed
    # by a later row; the free reference P-0004 went to Eve, not to a new person before her.
    assert people["P-0004"][:2] == ("Eve", "Ray")
    assert people["P-0003"] == ("Kai", "Itō", date(1990, 1, 1), "kai@x.example", "N1",
                                ["JP", "US"], [], "Acme Corp")
    mia = next(p for p in people.values() if p[0] == "Mia")
    assert mia[6] == [date(2028, 6, 1)]
    assert stored["organizations"] == ["Acme Corp", "Nordlicht AG"]
    for batch_rows in (1, 2):
        assert _import_in_batches(fresh, tmp_path, batch_rows,
                                  confirm_name_matches=confirm) == whole, batch_rows


def test_all_or_nothing_across_batches_writes_nothing(fresh: Any, tmp_path: Path) -> None:
    """The refused row comes after batches that were written: they are taken back."""
    for batch_rows in (1, 1000):
        db = fresh(f"all-or-nothing-{batch_rows}")
        import_people(db, _file(tmp_path, "stored.csv", STORED), today=TODAY)
        before = _stored(db)
        rows = [r for r in ROWS if "Bad,Date" not in r and "X5," not in r and "N7," not in r]
        path = _file(tmp_path, "roster.csv", [*rows, "N9,Late,Bad,1990-13-45,,,,,"])
        report = import_people(db, path, all_or_nothing=True, create_organizations=True,
                               confirm_name_matches=True, today=TODAY, batch_rows=batch_rows)
        assert not report.applied and not report.ok
        assert report.counts[Outcome.REJECTED] == 1
        assert _stored(db) == before
        assert verify(db).ok


def test_a_long_file_lists_every_refused_row_and_counts_the_rest(
        db: Database, tmp_path: Path) -> None:
    total = PREVIEW_ROWS + 50
    rows = [f"E{n},Given{n % 97},Family{n % 89},1990-01-01,p{n}@x.example,DE,,,"
            for n in range(total)]
    for bad in (3, PREVIEW_ROWS + 10, total - 1):  # before and after the listed rows
        rows[bad] = rows[bad].replace("1990-01-01", "1990-02-30")
    report = import_people(db, _file(tmp_path, "long.csv", rows), today=TODAY,
                           batch_rows=1000)
    assert report.total == total and report.counts[Outcome.ADDED] == total - 3
    assert report.left_out == total - 3 - PREVIEW_ROWS
    refused = [r.row for r in report.rows if r.outcome is Outcome.REJECTED]
    assert refused == [5, PREVIEW_ROWS + 12, total + 1]  # the header is row 1
    assert [line[0] for line in report.error_table()[1]] == refused
    with db.reading() as s:
        assert len(s.execute(select(Person.id)).all()) == total - 3


def _roster_lines(rows: int) -> list[str]:
    """A roster as HR sends it: every row a different person."""
    given, family = ["Anna", "Jörg", "Zoë", "Mateo", "Wei"], ["Müller", "Zhang", "Okafor"]
    return [f"E{100000 + n},{given[n % 5]},{family[n % 3]},"
            f"{1960 + n % 40}-{1 + n % 12:02d}-{1 + n % 28:02d},p{n}@example.com,"
            f"{('DE', 'IN; CA', 'FR')[n % 3]},{'2027-05-15' if n % 3 == 0 else ''},"
            f"Frontier Lab {n % 20},"
            for n in range(rows)]


#: What an import of 20,000 rows may allocate at its peak (Python objects, traced): the
#: import that held the whole file three times over took 140 MB for them; batches, ~50.
PEAK_AT_20000_MB = 90


def test_the_import_holds_a_batch_not_the_file(db: Database, tmp_path: Path) -> None:
    path = _file(tmp_path, "big.csv", _roster_lines(20_000))
    tracemalloc.start()
    try:
        report = import_people(db, path, create_organizations=True, today=TODAY)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert report.counts[Outcome.ADDED] == 20_000 and report.applied
    assert peak < PEAK_AT_20000_MB, f"{peak:.0f} MB at its peak"
