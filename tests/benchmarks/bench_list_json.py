"""Benchmark: `licenseapp list --json` and `licenseapp export applications FILE.csv` at
100,000 applications, against SELECT + json.dump / csv.writer of the same columns.

Not part of the normal test run. Run:

    .venv/bin/python tests/benchmarks/bench_list_json.py [DB]

DB defaults to /tmp/big.db (made with ``demo --size 100000`` if missing, not timed). Ours:
the command as a user runs it (a fresh process, output to a file, byte-code compiled
beforehand and output buffered, as an installed product has them: command_runs.py).
Baseline, in the same run: a fresh process doing plain SELECTs of the same columns
(applications with their person and applicant, in the list's order, newest reference
first; items; citizenships) and ``json.dump`` of them (for ``list --json``) or
``csv.writer`` rows of them (for ``export``). The file read
once first (in the page cache), then ours and the baseline timed in turn, medians of three
(once each when ``scripts/bench.sh`` runs it). Also timed once each at 1,000 and 10,000
applications (bench_cli_growth.py's databases): the growth exponent of both commands.
Targets (issue #19): ours ≤ 2× the baseline, both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_cli_growth import SIZES, Growth, database
from bench_cli_growth import report as report_growth
from command_runs import cached, compiled, licenseapp, paired_medians, timed
from figures import suite_or

DEFAULT_DB = Path(os.environ.get("LICENSEAPP_BENCH_DB", "/tmp/big.db"))
RUNS = suite_or(3, 1)  # scripts/bench.sh: once each (the suite's 10 minutes)

# The same rows in the same order as ours: the list's joins (every application has its
# applicant; a person may be missing) and its order, newest reference first (an index
# walk in another order than the table's costs the database more than a walk by date).
SELECTS = r"""
import sys, sqlite3
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT a.id, a.ref, a.status, a.regulator_code, a.form_code, o.legal_name, p.id, "
    "p.given_name, p.family_name, p.native_name, a.regulator_ref, a.owner, a.updated_at, "
    "a.status_changed_at, a.submitted_on FROM applications a "
    "JOIN organizations o ON o.id = a.organization_id "
    "LEFT JOIN people p ON p.id = a.person_id ORDER BY a.ref DESC").fetchall()
items = conn.execute(
    "SELECT ai.application_id, ci.name, ai.eccn FROM application_items ai "
    "JOIN controlled_items ci ON ci.id = ai.item_id "
    "ORDER BY ai.application_id, ai.position").fetchall()
countries = conn.execute("SELECT person_id, country FROM citizenships WHERE ended_on IS NULL "
                         "ORDER BY person_id, id").fetchall()
keys = ("id", "ref", "status", "regulator", "form", "applicant", "person_id", "given",
        "family", "native_name", "acn", "owner", "updated_at", "status_changed_at",
        "submitted_on")
"""
JSON_BASELINE = SELECTS + r"""
import json
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump([dict(zip(keys, row)) for row in rows] + [list(r) for r in items]
              + [list(c) for c in countries], out, ensure_ascii=False)
"""
CSV_BASELINE = SELECTS + r"""
import csv
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(keys)
    writer.writerows(rows)
    writer.writerows(items)
    writer.writerows(countries)
"""


def main(db: Path = DEFAULT_DB) -> dict[str, float]:
    from figures import figure

    if not db.exists() or db.stat().st_size == 0:
        import subprocess

        subprocess.run(licenseapp("--db", str(db), "demo", "--size", "100000"), check=True)
    compiled()
    cached(db)
    python = sys.executable
    out = Path("/tmp") / f"bench-list-json-{os.getpid()}"
    json_out, csv_out, plain_out = (out.with_suffix(s) for s in (".json", ".csv", ".txt"))
    ours, baseline = paired_medians(
        licenseapp("--db", str(db), "list", "--json", out=json_out),
        [python, "-c", JSON_BASELINE, str(db), str(plain_out)], RUNS)
    exported, csv_baseline = paired_medians(
        licenseapp("--db", str(db), "export", "--force", "applications", str(csv_out)),
        [python, "-c", CSV_BASELINE, str(db), str(plain_out)], RUNS)
    growths = []
    for name, at_100k, args in (("list --json", ours, ["list", "--json"]),
                                ("export applications", exported,
                                 ["export", "--force", "applications", str(csv_out)])):
        smaller = {size: timed(licenseapp("--db", str(database(size)), *args, out=json_out))
                   for size in SIZES[:-1]}
        growths.append(Growth(name, smaller | {SIZES[-1]: at_100k}, False))
    for path in (json_out, csv_out, plain_out):
        path.unlink(missing_ok=True)
    print(f"list --json, {db}: ours {ours:.2f} s, baseline (SELECT + json.dump) "
          f"{baseline:.2f} s, ratio {ours / baseline:.2f}× (target ≤ 2×)")
    print(f"export applications (CSV), {db}: ours {exported:.2f} s, baseline (SELECT + "
          f"csv.writer) {csv_baseline:.2f} s, ratio {exported / csv_baseline:.2f}× "
          "(target ≤ 2×)")
    print((f"medians of {RUNS}" if RUNS > 1 else "once each (in scripts/bench.sh)")
          + ", ours and the baseline in turn, each a fresh process")
    figure("list --json, 100k", ours, baseline, 2.0, baseline_name="SELECT + json.dump")
    figure("export applications to CSV, 100k", exported, csv_baseline, 2.0,
           baseline_name="SELECT + csv.writer")
    for growth in growths:
        report_growth(growth)
    return {"ours": ours, "baseline": baseline, "export": exported,
            "export_baseline": csv_baseline}


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DB)
