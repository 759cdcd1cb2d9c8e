"""Commands timed as a user runs them: a fresh process each, byte-code compiled beforehand
and output buffered (as an installed product has them; this machine's environment sets
``PYTHONDONTWRITEBYTECODE`` and ``PYTHONUNBUFFERED``, which are unset for the children).
Used by bench_list_json.py, bench_packet.py and bench_cli_growth.py."""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def environment() -> dict[str, str]:
    """As an installed product runs: byte-code used, output buffered."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONUNBUFFERED", None)
    return env


def compiled() -> None:
    """The product's byte-code written once, before anything is timed."""
    compileall.compile_dir(ROOT / "licenseapp", quiet=1)


def licenseapp(*args: str, out: Path | None = None) -> list[str]:
    """The command line of ``licenseapp ARGS`` (its standard output to ``out`` if given:
    written by the process itself, as a shell redirection would)."""
    if out is None:
        return [sys.executable, "-m", "licenseapp", *args]
    return [sys.executable, "-c",
            "import sys; from licenseapp.cli.main import main; "
            f"sys.stdout = open({str(out)!r}, 'w'); sys.exit(main(sys.argv[1:]))", *args]


def timed(command: list[str], timeout: float | None = None) -> float:
    """Wall seconds of one run of ``command`` (which must succeed; stopped after
    ``timeout`` seconds with :class:`subprocess.TimeoutExpired`)."""
    t0 = time.perf_counter()
    subprocess.run(command, check=True, env=environment(), stdout=subprocess.DEVNULL,
                   cwd=ROOT, timeout=timeout)
    return time.perf_counter() - t0


def cached(path: Path) -> None:
    """The file read once, untimed, so that every timed run finds it in the page cache
    (cheaper than an untimed run of a command, and the same for ours and the baseline)."""
    with path.open("rb") as fh:
        while fh.read(1 << 24):
            pass


def paired_medians(ours: list[str], baseline: list[str], runs: int) -> tuple[float, float]:
    """Both timed in turn ``runs`` times (a burst of load on the shared machine hits both
    alike); the medians. Call :func:`compiled` and :func:`cached` first."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        mine.append(timed(ours))
        theirs.append(timed(baseline))
    return statistics.median(mine), statistics.median(theirs)
