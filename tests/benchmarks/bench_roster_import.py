"""Benchmark: ``import people`` of a 100,000-row roster on SQLite (hard goal: under 20 s).

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_roster_import.py [ROWS]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_roster_import.py

The roster (made once, not timed): a ;-separated CSV as Excel writes it in Europe, with
"Given Name"-style headers, every row a different person with an employee number, an e-mail,
a German-style date of birth, one or two citizenships by name or code, an immigration status,
a visa expiry on every third row and one of twenty employers (created by the import).

Timed, each on a fresh database:
- the import (every row read, mapped, validated, matched; people, citizenships, visas, their
  record seals and the audit entry written in one transaction);
- the same file imported again (every row unchanged, nothing written);
- a dry run of the file on the empty database;
and a baseline in the same run: the CSV read with the ``csv`` module and its rows written
with one plain ``sqlite3`` ``executemany`` into a table of text columns, committed. The
ratio import / baseline is the figure to watch (goal at most 4x).
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROWS = 100_000
HARD_GOAL_SECONDS = 20.0
HEADERS = ["Employee ID", "Given Name", "Last name", "Date of birth", "Nationality",
           "Country of birth", "Immigration status", "Visa expiry", "E-mail", "Job title",
           "Company", "Department"]
_GIVEN = ["Anna", "Jörg", "Zoë", "Mateo", "Wei", "Priya", "Olumide", "Sofía", "Kenji", "Léa",
          "Omar", "Ingrid", "Dmitri", "Aisha", "Lars", "Mei", "Rahul", "Chloé", "Yusuf", "Nina",
          "Hugo", "Amara", "Tomás", "Yuki", "Farid", "Elif", "Nils", "Carmen", "Arjun", "Hana",
          "Bogdan", "Leila", "Pedro", "Sanna", "Kwame", "Irina", "Luca", "Ngozi", "Jae", "Maja"]
_FAMILY = ["Müller", "Zhang", "García", "Okafor", "Sato", "Dubois", "Haddad", "Novak",
           "Kowalski", "Ivanova", "Singh", "Andersson", "Rossi", "Kim", "Nguyen", "Ahmed",
           "Schmidt", "Fernández", "Yilmaz", "Brown", "Tanaka", "Mensah", "Petrov", "Costa",
           "Larsen", "Hoffmann", "Chen", "Patel", "Silva", "Jensen", "Moreau", "Horvat",
           "Wójcik", "Papadopoulos", "Nakamura", "Ali", "Öztürk", "Lindqvist", "Reyes", "Park"]
_CITIZENSHIPS = ["Germany", "CN", "India; Canada", "FR", "South Korea", "UK", "Brazil",
                 "Vietnam", "DE, FR", "Nigeria", "Russia", "JP", "Iran", "Mexico", "USA"]
_STATUSES = ["H-1B", "Green card", "F-1", "L1", "US citizen", "TN", "O-1", "E-3"]


def make_roster(path: Path, rows: int = ROWS) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for i in range(rows):
        given, family = _GIVEN[i % 40], _FAMILY[(i // 40) % 40]
        born = date(1960, 1, 1) + timedelta(days=(i * 7919) % 16_007)
        writer.writerow([
            f"E{100000 + i}", given, family, born.strftime("%d.%m.%Y"),
            _CITIZENSHIPS[i % len(_CITIZENSHIPS)], _CITIZENSHIPS[(i + 3) % 15].split(";")[0]
            .split(",")[0], _STATUSES[i % len(_STATUSES)],
            f"{2027 + i % 3}-{1 + i % 12:02d}-15" if i % 3 == 0 else "",
            f"{given.lower()}.{family.lower()}.{i}@example.com", "Research Engineer",
            f"Frontier Lab {i % 20} GmbH", "R&D"])
    path.write_bytes(out.getvalue().encode("cp1252"))


def baseline(path: Path, db_path: Path) -> float:
    """The floor: read the CSV, write its rows with one executemany, commit."""
    t0 = time.perf_counter()
    text = path.read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
    conn = sqlite3.connect(db_path)
    conn.execute(f"CREATE TABLE roster ({', '.join(f'c{i} TEXT' for i in range(12))})")
    conn.executemany(f"INSERT INTO roster VALUES ({', '.join('?' * 12)})", rows)
    conn.commit()
    conn.close()
    return time.perf_counter() - t0


def run(rows: int = ROWS) -> dict[str, float]:
    from licenseapp.services.exchange.roster import import_people
    from licenseapp.services.safety.integrity import verify
    from licenseapp.store.database import open_database

    today = date(2026, 11, 27)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        roster = base / "roster.csv"
        make_roster(roster, rows)
        plain = baseline(roster, base / "plain.db")

        db = open_database(str(base / "import.db"))
        try:
            t0 = time.perf_counter()
            first = import_people(db, roster, create_organizations=True, today=today)
            imported = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = import_people(db, roster, create_organizations=True, today=today)
            reimported = time.perf_counter() - t0
            sealed = verify(db).ok
        finally:
            db.dispose()
        dry_db = open_database(str(base / "dry.db"))
        try:
            t0 = time.perf_counter()
            dry = import_people(dry_db, roster, create_organizations=True, dry_run=True,
                                today=today)
            dry_run = time.perf_counter() - t0
        finally:
            dry_db.dispose()

    counts = {o.value: n for o, n in first.counts.items() if n}
    print(f"\nroster: {rows:,} rows; first import: {counts}; again: "
          f"{ {o.value: n for o, n in again.counts.items() if n} }; seals valid: {sealed}")
    print(f"baseline, csv read + plain sqlite3 executemany of the same rows: {plain:.2f} s")
    print(f"import people (validated, matched, sealed, audited): {imported:.2f} s "
          f"(ratio {imported / plain:.1f}x)")
    print(f"import again, every row unchanged: {reimported:.2f} s "
          f"(ratio {reimported / plain:.1f}x)")
    print(f"dry run on an empty database: {dry_run:.2f} s (ratio {dry_run / plain:.1f}x)")
    assert first.counts[next(iter(first.counts))] == rows and dry.counts == first.counts
    assert again.rows and all(r.outcome.value == "unchanged" for r in again.rows)
    assert sealed
    return {"baseline": plain, "import": imported, "again": reimported, "dry_run": dry_run}


def test_roster_import_at_100000() -> None:
    figures = run()
    assert figures["import"] < HARD_GOAL_SECONDS


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
