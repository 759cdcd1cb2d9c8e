"""Benchmark: ``import grants`` of a 10,000-row access list on SQLite (goal: a few seconds;
hard limit 30 s).

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_grant_import.py [ROWS]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_grant_import.py

Made once, not timed: three controlled items (two AI models and a technology) and one
person per four rows (imported as a roster); the access list a ;-separated CSV as Excel
writes it in Europe, each person named by e-mail, reference or employee number in turn,
each item by name or reference, German-style dates and states as people write them.

Timed, each on the same database:
- a dry run (every row read, resolved and decided; nothing written);
- the import (new access records with their seals and the audit entry, one transaction);
- the same file again (every row unchanged, nothing written);
- a file revoking every record (each one updated, sealed);
and a baseline in the same run: the CSV read with the ``csv`` module and its rows written
with one plain ``sqlite3`` ``executemany`` into a table of text columns, committed.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from figures import figure

ROWS = 10_000
HARD_GOAL_SECONDS = 30.0
_ROWS_PER_PERSON = 4


def make_catalog(db: object, base: Path, people: int) -> None:
    from licenseapp.domain.item_form import ItemForm
    from licenseapp.services.catalog.items import save_item
    from licenseapp.services.exchange.roster import import_people
    from licenseapp.store.database import Database

    assert isinstance(db, Database)
    save_item(db, ItemForm(name="Mythos 5", kind="AI model", access_modes=("parameters", "use"),
                           classification="4E091"))
    save_item(db, ItemForm(name="Fable 5", kind="AI model",
                           access_modes=("parameters", "use", "fine-tuning"),
                           classification="4E091"))
    save_item(db, ItemForm(name="GaN process technology", kind="technology",
                           classification="3E001"))
    roster = base / "roster.csv"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Employee ID", "Given name", "Family name", "E-mail", "Nationality"])
    for i in range(people):
        writer.writerow([f"E{i:06d}", f"Given{i}", f"Family{i}", f"p{i}@example.com", "China"])
    roster.write_text(out.getvalue(), encoding="utf-8")
    import_people(db, roster, today=date(2026, 11, 27))


def make_access_list(path: Path, rows: int, state: str | None = None) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Employee", "Item", "Access mode", "Granted on", "Status"])
    lines = (("Mythos 5", "parameters", "01.03.2026", "Active"),
             ("ITM-001", "use", "", "pending"),
             ("Fable 5", "fine-tuning", "2026-04-01", "on"),
             ("GaN process technology", "", "", "active"))
    for i in range(rows):
        person = i // _ROWS_PER_PERSON
        who = (f"p{person}@example.com", f"P-{person + 1:04d}", f"E{person:06d}")[person % 3]
        item, mode, since, status = lines[i % _ROWS_PER_PERSON]
        writer.writerow([who, item, mode, since, state or status])
    path.write_bytes(out.getvalue().encode("cp1252"))


def baseline(path: Path, db_path: Path) -> float:
    """The floor: read the CSV, write its rows with one executemany, commit."""
    t0 = time.perf_counter()
    text = path.read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
    conn = sqlite3.connect(db_path)
    conn.execute(f"CREATE TABLE access ({', '.join(f'c{i} TEXT' for i in range(5))})")
    conn.executemany(f"INSERT INTO access VALUES ({', '.join('?' * 5)})", rows)
    conn.commit()
    conn.close()
    return time.perf_counter() - t0


def _timed(run: object) -> tuple[object, float]:
    assert callable(run)
    t0 = time.perf_counter()
    result = run()
    return result, time.perf_counter() - t0


def run(rows: int = ROWS) -> dict[str, float]:
    from licenseapp.services.exchange.grant_import import import_grants
    from licenseapp.services.safety.integrity import verify
    from licenseapp.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        access, revoke = base / "access.csv", base / "revoke.csv"
        make_access_list(access, rows)
        make_access_list(revoke, rows, state="revoked")
        plain = baseline(access, base / "plain.db")
        db = open_database(str(base / "import.db"))
        try:
            make_catalog(db, base, -(-rows // _ROWS_PER_PERSON))
            dry, dry_run = _timed(lambda: import_grants(db, access, dry_run=True))
            first, imported = _timed(lambda: import_grants(db, access))
            again, reimported = _timed(lambda: import_grants(db, access))
            revoked, revoking = _timed(lambda: import_grants(db, revoke))
            sealed = verify(db).ok
        finally:
            db.dispose()

    def counts(report: object) -> dict[str, int]:
        return {o.value: n for o, n in report.counts.items() if n}  # type: ignore[attr-defined]

    print(f"\naccess list: {rows:,} rows; dry run: {counts(dry)}; import: {counts(first)}; "
          f"again: {counts(again)}; revoking: {counts(revoked)}; seals valid: {sealed}")
    print(f"baseline, csv read + plain sqlite3 executemany of the same rows: {plain:.2f} s")
    print(f"dry run: {dry_run:.2f} s")
    print(f"import grants (resolved, checked, sealed, audited): {imported:.2f} s "
          f"(ratio {imported / plain:.1f}x)")
    print(f"import again, every row unchanged: {reimported:.2f} s")
    print(f"revoking every record: {revoking:.2f} s")
    assert counts(first) == counts(dry) == {"added": rows}
    assert counts(again) == {"unchanged": rows}
    assert sealed
    figure(f"import grants, {rows:,} rows", imported, plain, None,
           baseline_name="csv + sqlite3 executemany")
    figure(f"import grants, {rows:,} rows, absolute", imported, None, HARD_GOAL_SECONDS)
    return {"baseline": plain, "dry_run": dry_run, "import": imported, "again": reimported,
            "revoke": revoking}


def test_grant_import_at_10000() -> None:
    figures = run()
    assert figures["import"] < HARD_GOAL_SECONDS


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
