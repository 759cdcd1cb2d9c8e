"""Benchmark: `licenseapp list --json` at 100,000 applications against SELECT + json.dump.

Not part of the normal test run. Run:

    .venv/bin/python tests/benchmarks/bench_list_json.py [DB]

DB defaults to /tmp/big.db (made with ``demo --size 100000`` if missing, not timed). Ours:
the command as a user runs it (a fresh process, output to a file, byte-code compiled
beforehand and output buffered, as an installed product has them). Baseline, in the same
run: a fresh process doing plain SELECTs of the same columns (applications with their
person and applicant, items, citizenships) and ``json.dump`` of them. Medians of three,
after one warm-up each (the file cached).
Target: ours ≤ 2× the baseline.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = Path(os.environ.get("LICENSEAPP_BENCH_DB", "/tmp/big.db"))
RUNS = 3

BASELINE = r"""
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT a.id, a.ref, a.status, a.regulator_code, a.form_code, o.legal_name, "
    "p.given_name, p.family_name, p.native_name, a.regulator_ref, a.owner, a.updated_at, "
    "a.status_changed_at, a.submitted_on FROM applications a "
    "LEFT JOIN organizations o ON o.id = a.organization_id "
    "LEFT JOIN people p ON p.id = a.person_id ORDER BY a.updated_at DESC").fetchall()
items = conn.execute(
    "SELECT ai.application_id, ci.name, ai.eccn FROM application_items ai "
    "JOIN controlled_items ci ON ci.id = ai.item_id "
    "ORDER BY ai.application_id, ai.position").fetchall()
countries = conn.execute("SELECT person_id, country FROM citizenships WHERE ended_on IS NULL "
                         "ORDER BY person_id, id").fetchall()
keys = ("id", "ref", "status", "regulator", "form", "applicant", "given", "family",
        "native_name", "acn", "owner", "updated_at", "status_changed_at", "submitted_on")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump([dict(zip(keys, row)) for row in rows] + [list(r) for r in items]
              + [list(c) for c in countries], out, ensure_ascii=False)
"""


def environment() -> dict[str, str]:
    """As an installed product runs: byte-code used, output buffered."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONUNBUFFERED", None)
    return env


def timed(command: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, check=True, env=environment(), stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def median_of(command: list[str]) -> float:
    timed(command)  # warm-up: the database in the page cache, byte-code written
    return statistics.median(timed(command) for _ in range(RUNS))


def main(db: Path = DEFAULT_DB) -> dict[str, float]:
    if not db.exists() or db.stat().st_size == 0:
        subprocess.run([sys.executable, "-m", "licenseapp", "--db", str(db), "demo", "--size",
                        "100000"], check=True, cwd=ROOT)
    compileall.compile_dir(ROOT / "licenseapp", quiet=1)
    python = sys.executable
    out = Path("/tmp") / f"bench-list-json-{os.getpid()}.json"
    ours = median_of([python, "-c",
                      "import sys; from licenseapp.cli.main import main; "
                      f"sys.stdout = open({str(out)!r}, 'w'); sys.exit(main(sys.argv[1:]))",
                      "--db", str(db), "list", "--json"])
    baseline = median_of([python, "-c", BASELINE, str(db), str(out)])
    out.unlink(missing_ok=True)
    print(f"list --json, {db}: ours {ours:.2f} s, baseline (SELECT + json.dump) "
          f"{baseline:.2f} s, ratio {ours / baseline:.2f}× (target ≤ 2×)")
    from figures import figure

    figure("list --json, 100k", ours, baseline, 2.0, baseline_name="SELECT + json.dump")
    return {"ours": ours, "baseline": baseline}


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DB)
