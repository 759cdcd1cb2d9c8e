"""Benchmark: ``import people`` of a 100,000-row roster on SQLite (hard goal: under 20 s).

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_roster_import.py [ROWS]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_roster_import.py

The roster (made once, not timed): a ;-separated CSV as Excel writes it in Europe, with
"Given Name"-style headers, every row a different person with an employee number, an e-mail,
a German-style date of birth, one or two citizenships by name or code, an immigration status,
a visa expiry on every third row and one of twenty employers (created by the import).

Timed, each in a fresh process of its own (so its peak RSS is the step's: the import must
run in bounded memory):
- the import (every row read, mapped, validated, matched; people, citizenships, visas, their
  record seals and the audit entry written in one transaction);
- the same file imported again (every row unchanged, nothing written) and a dry run of the
  file on an empty database (both left out when ``scripts/bench.sh`` runs it: time budget);
and a baseline in the same run: the CSV read with the ``csv`` module and its rows written
with one plain ``sqlite3`` ``executemany`` into a table of text columns, committed. The
ratio import / baseline is the figure to watch (goal at most 4x), with both peaks.

Bounded memory: the import of a tenth of the rows (10,000), in a process of its own too;
its peak against the full import's should be near flat (the import reads, decides and
writes a batch of rows at a time; goal: at most 250 MB at 100,000 rows).
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
from typing import Any

ROWS = 100_000
HARD_GOAL_SECONDS = 20.0
PEAK_GOAL_MB = 250.0  # at 100,000 rows, the process's peak RSS
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


def _child(what: str, roster: Path, db_path: Path) -> None:
    """One timed step in this fresh process; prints its seconds, peak RSS and counts."""
    import json
    import resource

    if what == "baseline":
        seconds, counts = baseline(roster, db_path), {}
    else:
        from licenseapp.services.exchange.roster import import_people
        from licenseapp.store.database import open_database

        db = open_database(str(db_path))
        try:
            t0 = time.perf_counter()
            report = import_people(db, roster, create_organizations=True, dry_run=what == "dry",
                                   today=date(2026, 11, 27))
            seconds = time.perf_counter() - t0
        finally:
            db.dispose()
        counts = {o.value: n for o, n in report.counts.items() if n}
        if what == "again":
            assert report.rows and all(r.outcome.value == "unchanged" for r in report.rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("STEP " + json.dumps({"seconds": seconds, "peak_mb": peak, "counts": counts}))


def _step(what: str, roster: Path, db_path: Path) -> dict[str, Any]:
    import json
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--child", what, str(roster), str(db_path)],
                         check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(next(line[5:] for line in out.splitlines()
                                              if line.startswith("STEP ")))
    return result


def run(rows: int = ROWS, *, all_steps: bool = True) -> dict[str, float]:
    """Each step in a fresh process of its own (its peak RSS is the step's): the baseline,
    the import, then (``all_steps``) the same file again and a dry run on an empty database."""
    from licenseapp.services.safety.integrity import verify
    from licenseapp.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        roster = base / "roster.csv"
        make_roster(roster, rows)
        plain = _step("baseline", roster, base / "plain.db")
        first = _step("import", roster, base / "import.db")
        tenth = base / "tenth.csv"
        make_roster(tenth, max(1, rows // 10))
        small = _step("import", tenth, base / "tenth.db")
        again = _step("again", roster, base / "import.db") if all_steps else None
        db = open_database(str(base / "import.db"))
        try:
            sealed = verify(db).ok
        finally:
            db.dispose()
        dry = _step("dry", roster, base / "dry.db") if all_steps else None
    ratio = first["seconds"] / plain["seconds"]
    print(f"\nroster: {rows:,} rows; first import: {first['counts']}; seals valid: {sealed}"
          + (f"; again: {again['counts']}" if again else ""))
    print(f"baseline, csv read + plain sqlite3 executemany of the same rows: "
          f"{plain['seconds']:.2f} s, peak {plain['peak_mb']:.0f} MB (a process of its own)")
    print(f"import people (validated, matched, sealed, audited): {first['seconds']:.2f} s "
          f"(ratio {ratio:.1f}x), peak {first['peak_mb']:.0f} MB (a process of its own, "
          "imports of the program included)")
    print(f"bounded memory: peak {first['peak_mb']:.0f} MB at {rows:,} rows, "
          f"{small['peak_mb']:.0f} MB at {max(1, rows // 10):,} "
          f"(x{first['peak_mb'] / small['peak_mb']:.2f} for ten times the rows)")
    if again and dry:
        print(f"import again, every row unchanged: {again['seconds']:.2f} s "
              f"(ratio {again['seconds'] / plain['seconds']:.1f}x), peak "
              f"{again['peak_mb']:.0f} MB")
        print(f"dry run on an empty database: {dry['seconds']:.2f} s "
              f"(ratio {dry['seconds'] / plain['seconds']:.1f}x), peak {dry['peak_mb']:.0f} MB")
        assert dry["counts"] == first["counts"]
    else:
        print("import again and dry run: not run in scripts/bench.sh (time budget)")
    assert first["counts"][next(iter(first["counts"]))] == rows
    assert sealed
    from figures import figure

    figure(f"roster import, {rows:,} people", first["seconds"], plain["seconds"], 4.0,
           baseline_name="csv + sqlite3 executemany")
    figure(f"roster import, {rows:,} people, peak memory (process)", first["peak_mb"],
           plain["peak_mb"], None, "MB", "csv + sqlite3 executemany, its own process")
    figure(f"roster import, {rows:,} people, peak memory against a tenth of the rows",
           first["peak_mb"], small["peak_mb"], None, "MB",
           f"the import of {max(1, rows // 10):,} people, its own process")
    figure(f"roster import, {rows:,} people, peak memory, absolute", first["peak_mb"], None,
           PEAK_GOAL_MB, "MB")
    figure(f"roster import, {rows:,} people, absolute", first["seconds"], None,
           HARD_GOAL_SECONDS)
    return {"baseline": plain["seconds"], "import": first["seconds"],
            "import_peak_mb": first["peak_mb"], "baseline_peak_mb": plain["peak_mb"],
            "tenth_peak_mb": small["peak_mb"]}


def test_roster_import_at_100000() -> None:
    figures = run()
    assert figures["import"] < HARD_GOAL_SECONDS
    assert figures["import_peak_mb"] <= PEAK_GOAL_MB


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.path.insert(0, str(Path(__file__).parent))
        from figures import in_suite

        run(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS, all_steps=not in_suite())
