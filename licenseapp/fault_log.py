"""A trace of a hard crash (segfault, abort) that Python's own error handling never sees.

Each process started by a composition root (the desktop app, the command line) opens a file
of its own in the user log directory, writes a header (version, time, process id) and hands
the file to :mod:`faulthandler`, which writes every thread's Python stack there if the
process dies of a fatal signal. The file stays open for the process's life; a clean exit
closes and removes it. A file holding more than its header is therefore the trace of a
crash; the next desktop start takes it (:func:`take_previous_crashes`) and offers it to the
user, once.

Standard library only: it runs before anything else is imported, in either front end.
"""

from __future__ import annotations

import faulthandler
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from licenseapp import __version__, paths

FAULT_DIR_NAME = "faults"
_PREFIX = "fault-"
_SUFFIX = ".log"
#: A header-only file this old belongs to a process killed without a trace (SIGKILL, power
#: loss): nothing to offer, so it is removed.
STALE_AFTER_SECONDS = 30 * 24 * 3600


def fault_dir() -> Path:
    return paths.user_log_dir() / FAULT_DIR_NAME


@dataclass(frozen=True)
class PreviousCrash:
    """A hard crash of an earlier run: its file's text (header, then the stacks)."""

    report: str
    file_name: str


def header(pid: int, now: datetime) -> str:
    return (
        f"LicenseApp {__version__}, process {pid}, started "
        f"{now.astimezone().isoformat(timespec='seconds')}\n"
    )


def start() -> Callable[[], None] | None:
    """Write this process's hard-crash trace to its own file in the log directory.

    Returns the function a clean exit calls (it stops the trace and removes the file), or
    None if the log directory cannot be written (the program still runs, untraced) or
    crashes are traced already (``python -X faulthandler``, a test runner): theirs stays.
    """
    if faulthandler.is_enabled():
        return None
    pid = os.getpid()
    # The start time too: a reused process id never overwrites an earlier crash's trace.
    target = fault_dir() / f"{_PREFIX}{pid}-{time.time_ns()}{_SUFFIX}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    except OSError:
        return None
    stream: IO[str] = os.fdopen(fd, "w", encoding="utf-8")
    stream.write(header(pid, datetime.now()))
    stream.flush()
    faulthandler.enable(file=stream, all_threads=True)

    def finish() -> None:
        faulthandler.disable()
        stream.close()
        target.unlink(missing_ok=True)

    return finish


def take_previous_crashes() -> list[PreviousCrash]:
    """The traces earlier runs left behind, oldest first; each file is removed once read, so
    a crash is offered once. Files of runs still going (this one too: header only) are
    left alone."""
    folder = fault_dir()
    try:
        candidates = sorted(folder.glob(f"{_PREFIX}*{_SUFFIX}"), key=_modified)
    except OSError:
        return []
    crashes: list[PreviousCrash] = []
    for candidate in candidates:
        try:
            text = candidate.read_text(encoding="utf-8", errors="replace")
            _header, _, rest = text.partition("\n")
            if rest.strip():
                crashes.append(PreviousCrash(text.rstrip("\n"), candidate.name))
                candidate.unlink()
            elif time.time() - _modified(candidate) > STALE_AFTER_SECONDS:
                candidate.unlink()
        except OSError:
            continue
    return crashes


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
