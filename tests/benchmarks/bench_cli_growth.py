"""Benchmark: how each read command grows from 1,000 to 100,000 applications (issue #19).

Not part of the normal test run. Run:

    .venv/bin/python tests/benchmarks/bench_cli_growth.py

The main read commands (``list``, ``list --json``, ``export`` of each kind, ``verify``,
``impact``, ``deadlines``, ``report``, ``access list``) run as a user runs them (a fresh
process each, byte-code compiled, output buffered: command_runs.py) on demo databases of
1,000, 10,000 and 100,000 applications. The small ones are made once with ``licenseapp
demo --size N`` (not timed) at ``$LICENSEAPP_BENCH_GROWTH_DB_1000`` / ``..._10000``
(default /tmp/g1k.db, /tmp/g10k.db); the 100,000 one is ``$LICENSEAPP_BENCH_DB``
(/tmp/big.db). Nothing is written to them: every file a command writes goes to a scratch
folder, and the databases' modification times are checked after.

Reported per command: the time at each size (median of three alone; once per size when
``scripts/bench.sh`` runs it, to keep the suite under 10 minutes, and there without the
commands whose growth bench_list_json.py (``list --json``, ``export applications``) and
bench_verify.py (``verify``) report from their own runs at 100,000) and the growth exponent
k in t ∝ n^k, from 1,000 to 100,000 (log(t100k / t1k) / log 100) and from 10,000 to
100,000. A process's start-up (~0.5–1.5 s, the same at every size) flattens the first;
the second shows the command's own growth better. Target: none faster than linear,
k ≤ 1.15. A run is stopped once it takes longer than that exponent (1.16) from the size
before allows — it is then growth faster than linear, found without waiting for the end — or
longer than 90 s in the suite (900 s alone); the larger sizes are not run and the exponents
are lower bounds ("at least"). In the suite ``report pending`` (a PDF of every pending
application: ~20 s at 10,000), ``list`` and the other kinds of ``export`` run only alone.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from command_runs import cached, compiled, environment, licenseapp, timed
from figures import figure, in_suite, suite_or

SIZES = (1_000, 10_000, 100_000)
LINEAR = 1.15  # an exponent above this is growth faster than linear
RUNS = suite_or(3, 1)
CAP = suite_or(900.0, 90.0)  # seconds a command may take at one size, at most
RULES = "ai-access-directive-2026"
#: Timed at 100,000 by their own benchmarks, which report their growth in the suite.
ELSEWHERE = ("list --json", "export applications", "verify")
SUITE_LEAVES_OUT = (*ELSEWHERE, "list", "export licenses", "export deadlines", "report pending")


def commands(out: Path) -> dict[str, list[str]]:
    """The commands timed, by name; ``out`` a scratch folder for the files they write."""
    return {
        "list": ["list"],
        "list --json": ["list", "--json"],
        "export applications": ["export", "--force", "applications", str(out / "a.csv")],
        "export people": ["export", "--force", "people", str(out / "p.csv")],
        "export licenses": ["export", "--force", "licenses", str(out / "l.csv")],
        "export deadlines": ["export", "--force", "deadlines", str(out / "d.csv")],
        "deadlines --json": ["deadlines", "--json"],
        "access list": ["access", "list"],
        "impact --json": ["impact", "--rules", RULES, "--json"],
        "verify": ["verify"],
        "report expiring": ["report", "expiring", "-o", str(out / "e.pdf"), "--force"],
        "report pending": ["report", "pending", "-o", str(out / "r.pdf"), "--force"],
    }


@dataclass
class Growth:
    name: str
    seconds: dict[int, float]  # by size, smallest first
    capped: bool  # the largest size ran over its cap: its time (and the exponents) at least

    def exponent(self, small: int) -> float:
        """k in t ∝ n^k from ``small`` to the largest size timed."""
        large = max(self.seconds)
        return math.log(self.seconds[large] / self.seconds[small]) / math.log(large / small)


def database(size: int) -> Path:
    if size == SIZES[-1]:
        path = Path(os.environ.get("LICENSEAPP_BENCH_DB", "/tmp/big.db"))
    else:
        path = Path(os.environ.get(f"LICENSEAPP_BENCH_GROWTH_DB_{size}",
                                   f"/tmp/g{size // 1000}k.db"))
    if not path.exists() or path.stat().st_size == 0:
        print(f"making {path} ({size:,} applications, not timed)", flush=True)
        subprocess.run(licenseapp("--db", str(path), "demo", "--size", str(size)), check=True,
                       env=environment(), stdout=subprocess.DEVNULL)
    return path


def run_capped(command: list[str], cap: float) -> float | None:
    """Seconds of one run, or None when it ran over ``cap`` (stopped)."""
    try:
        return timed(command, timeout=cap)
    except subprocess.TimeoutExpired:
        return None


def cap_after(seconds: dict[int, float], size: int) -> float:
    """How long a run at ``size`` may take: no more than growth a little faster than linear
    from the size before allows (so a run stopped there is growth faster than linear, found
    at the least cost), and never more than CAP."""
    if not seconds:
        return CAP
    before = max(seconds)
    return min(CAP, seconds[before] * (size / before) ** (LINEAR + 0.01))


def grow(name: str, args: list[str], paths: dict[int, Path], out: Path) -> Growth:
    seconds: dict[int, float] = {}
    for size, path in paths.items():
        command = licenseapp("--db", str(path), *args, out=out / "stdout.txt")
        cap = cap_after(seconds, size)
        runs = [run_capped(command, cap) for _ in range(RUNS)]
        if None in runs:  # stopped at the cap: the larger sizes are not run
            return Growth(name, seconds | {size: cap}, True)
        seconds[size] = statistics.median(t for t in runs if t is not None)
    return Growth(name, seconds, False)


def run() -> list[Growth]:
    compiled()
    paths = {size: database(size) for size in SIZES}
    before = {size: path.stat().st_mtime_ns for size, path in paths.items()}
    for path in paths.values():
        cached(path)
    found: list[Growth] = []
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as scratch:
        out = Path(scratch)
        start_up = statistics.median(timed(licenseapp("--version")) for _ in range(3))
        for name, args in commands(out).items():
            if in_suite() and name in SUITE_LEAVES_OUT:
                continue
            found.append(grow(name, args, paths, out))
            report(found[-1])
    changed = [str(p) for size, p in paths.items() if p.stat().st_mtime_ns != before[size]]
    if in_suite():
        print(f"in scripts/bench.sh: {', '.join(ELSEWHERE)} in bench_list_json.py and "
              f"bench_verify.py; {', '.join(SUITE_LEAVES_OUT[len(ELSEWHERE):])} only alone")
    print(f"start-up alone (licenseapp --version): {start_up:.2f} s; "
          f"{'median of 3' if RUNS == 3 else 'each command once'} per size; "
          f"a run stopped past the time growth exponent {LINEAR + 0.01:.2f} from the size "
          f"before gives, or past {CAP:.0f} s"
          + (f"; DATABASES CHANGED: {', '.join(changed)}" if changed else
             "; the databases unchanged (modification times)"))
    return found


def report(growth: Growth) -> None:
    """Its times and exponents, printed and as figures (target: k ≤ LINEAR)."""
    t = growth.seconds
    times = ", ".join(f"{size // 1000}k {t[size]:.2f} s" for size in t)
    if growth.capped:
        times += " (stopped there: at least that)"
    large = f"{max(t) // 1000}k"
    bound = " (at least)" if growth.capped else ""
    exponents = {f"{size // 1000}k → {large}": growth.exponent(size) for size in list(t)[:-1]}
    flag = "SUPERLINEAR" if max(exponents.values(), default=0.0) > LINEAR else "linear or better"
    print(f"{growth.name:22s} {times}; exponent "
          + ", ".join(f"{span} {k:.2f}" for span, k in exponents.items()) + f" — {flag}",
          flush=True)
    for n, (span, k) in enumerate(exponents.items()):
        figure(f"`{growth.name}` growth exponent {span}{bound}" + ("" if n else f"; {times}"),
               k, None, LINEAR, "")


if __name__ == "__main__":
    run()
