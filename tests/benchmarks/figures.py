"""How a benchmark reports a figure for RESULTS.md, and how scripts/bench.sh writes it.

A benchmark prints one line per figure with :func:`figure` (ours, the baseline measured in
the same run, the target ratio); ``scripts/bench.sh`` runs every ``bench_*.py``, then
``python tests/benchmarks/figures.py OUTPUT_DIR`` gathers those lines into the generated part
of RESULTS.md with the machine's description (the hand-written notes outside it stay).
"""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TypeVar

PREFIX = "FIGURE|"
BEGIN, END = "<!-- bench.sh: begin -->", "<!-- bench.sh: end -->"
SUITE = "LICENSEAPP_BENCH_SUITE"  # set by scripts/bench.sh
T = TypeVar("T")


def in_suite() -> bool:
    """Whether ``scripts/bench.sh`` runs the benchmark: the whole suite must fit in 10
    minutes, so a benchmark may take a smaller size or fewer repeats then (it says which in
    its figures' names; ours and the baseline always at the same size, in the same run)."""
    return bool(os.environ.get(SUITE))


def suite_or(full: T, in_the_suite: T) -> T:
    """``full`` when run alone, ``in_the_suite`` when run by ``scripts/bench.sh``."""
    return in_the_suite if in_suite() else full


def figure(name: str, ours: float, baseline: float | None, target: float | None,
           unit: str = "s", baseline_name: str = "") -> None:
    """Print one figure: ``target`` is the highest ratio ours/baseline allowed (or, with no
    baseline, the highest value of ours)."""
    ratio = ours / baseline if baseline else None
    compared = ratio if ratio is not None else ours
    met = "" if target is None else ("met" if compared <= target else "**not met**")
    print(PREFIX + "|".join([
        name, f"{ours:.3g} {unit}".rstrip(),
        f"{baseline:.3g} {unit} ({baseline_name})" if baseline is not None else "—",
        f"{ratio:.2f}×" if ratio is not None else "—",
        ("≤ " + (f"{target:g}×" if baseline else f"{target:g} {unit}".rstrip())) if target else "—",
        met or "—",
    ]), flush=True)


def machine() -> list[str]:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=20,
                                  check=False).stdout.strip()
        except OSError:
            return ""

    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0") if Path("/proc/meminfo").exists() else "0"
    try:
        from PySide6 import __version__ as pyside
        from PySide6.QtCore import qVersion
        qt = f"Qt {qVersion()} (PySide6 {pyside})"
    except ImportError:
        qt = "Qt not installed"
    postgres = run("psql", "--version") or run("postgres", "--version") or "not found"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return [
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{int(memory) / 1024 / 1024:.1f} GiB memory, {platform.platform()}",
        f"- Python {platform.python_version()}, {qt}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL client: {postgres}",
        f"- load average when written: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
        "(the machine is shared: other sessions' tests run beside the benchmarks)",
        "- byte-code compiled beforehand (compileall) and output buffered "
        "(PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED unset), as an installed product runs",
    ]


def write(outputs: Path, results: Path, seconds: int | None = None) -> None:
    rows, sections, statuses = [], [], []
    for log in sorted(outputs.glob("*.log")):
        text = log.read_text(encoding="utf-8", errors="replace")
        status = (outputs / f"{log.stem}.status").read_text().strip() \
            if (outputs / f"{log.stem}.status").exists() else "?"
        for line in text.splitlines():
            if line.startswith(PREFIX):
                rows.append(f"| `{log.stem}` | " + " | ".join(line[len(PREFIX):].split("|"))
                            + " |")
        shown = [line for line in text.splitlines()
                 if not line.startswith(PREFIX) and not line.startswith("qt.")][-25:]
        sections += [f"### `{log.stem}` ({status})", "", "```", *shown, "```", ""]
        statuses.append(f"`{log.stem}` {status}")
    took = (f"- the whole run: {seconds // 60} min {seconds % 60:02d} s wall "
            f"(target: under 10 min; {'met' if seconds < 600 else '**not met**'}), "
            f"{len(statuses)} benchmarks, each in its own process, one after another: "
            + "; ".join(statuses) if seconds is not None else "")
    generated = [
        BEGIN, "## Latest run of `scripts/bench.sh`", "",
        *machine(), *([took] if took else []), "",
        "| benchmark | figure | ours | baseline (same run) | ratio | target | |",
        "|---|---|---|---|---|---|---|",
        *rows, "",
        "Each benchmark's own output (last lines):", "",
        *sections, END,
    ]
    old = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    block = "\n".join(generated)
    if BEGIN in old and END in old:
        new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: block, old,
                     flags=re.DOTALL)
    else:
        head, _, rest = old.partition("\n")
        new = f"{head}\n\n{block}\n{rest}"
    results.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2
          else Path(__file__).with_name("RESULTS.md"),
          int(sys.argv[3]) if len(sys.argv) > 3 else None)
