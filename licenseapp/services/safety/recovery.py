"""What the recovery dialog does, without Qt: explain the failure, find backups, restore.

Runs on a worker thread. The broken database is never written to, overwritten or
deleted: a restore goes into a new file, or into the broken file's place after the broken
file (with its ``-wal``/``-shm`` companions) was moved aside under a new name. If the
restore fails, whatever it created is removed and the broken file is put back.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime
from pathlib import Path

from licenseapp.domain.days import local_time
from licenseapp.errors import DamagedDatabaseError, LicenseAppError

log = logging.getLogger(__name__)

#: Files SQLite keeps beside a database; they move with it.
COMPANIONS = ("-wal", "-shm", "-journal")
_STAMP = re.compile(r"\.(\d{8}T\d{6}Z)\.bak$")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Failure:
    """Why the database could not be opened, in words, and where it is."""

    headline: str
    detail: str
    location: str
    sqlite_path: Path | None


@dataclass(frozen=True)
class FoundBackup:
    path: Path
    taken_at: datetime | None  # UTC, from the name the app gave it
    size: int

    @property
    def label(self) -> str:
        size = f"{self.size / 1_048_576:.1f} MB" if self.size >= 1_048_576 else (
            f"{max(1, self.size // 1024)} KB")
        if self.taken_at is None:
            return f"{self.path.name} ({size})"
        local = local_time(self.taken_at)
        return f"{local} — before an upgrade ({size})\n{self.path.name}"


@dataclass(frozen=True)
class RestoreRequest:
    source: Path
    target: Path
    #: The broken database to move aside first (its place becomes the target), or None.
    broken: Path | None = None
    #: The passphrase of an encrypted backup (``backup --encrypt``), or None.
    passphrase: str | None = dataclass_field(default=None, repr=False)


@dataclass(frozen=True)
class RestoreOutcome:
    target: Path
    rows: int
    kept_as: Path | None  # where the broken file was moved, if it was
    verified: bool
    problems: tuple[str, ...]


def sqlite_path_of(db_arg: str | None) -> tuple[str, Path | None]:
    """The location shown to the user and, for SQLite, the file (None for a server)."""
    try:
        from licenseapp.store.engine import resolve

        location = resolve(db_arg)
    except LicenseAppError:
        return (db_arg or "the default database", None)
    return location.display, location.sqlite_path


def _exception_text(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip()


def explain_failure(exc: BaseException, db_arg: str | None) -> Failure | None:
    """The failure in words, or None when it is a bug (the crash dialog takes it)."""
    location, sqlite_path = sqlite_path_of(db_arg)
    if isinstance(exc, LicenseAppError):
        detail = exc.message
        lowered = detail.lower()
        if "not a licenseapp database" in lowered:
            headline = "This file is not a LicenseApp database"
            if "not an sqlite database" in lowered or "sqlite cannot read" in lowered:
                headline = "The database file is damaged or is not a LicenseApp database"
        elif "newer version" in lowered:
            headline = "This database was written by a newer LicenseApp"
        elif "no licenseapp schema" in lowered:
            headline = "This database is empty"
        elif isinstance(exc, DamagedDatabaseError):
            headline = "The database file is damaged"
        elif "read-only" in lowered:
            headline = "The database is read-only"
        else:
            headline = "The database cannot be opened"
        return Failure(headline, detail[:1].upper() + detail[1:], location, sqlite_path)
    from licenseapp.services.failures import explain

    message = explain(exc)
    if message is not None:
        headline = ("The database server cannot be reached" if sqlite_path is None
                    else "The database cannot be opened")
        return Failure(headline, f"{location}: {message}.", location, sqlite_path)
    lowered = _exception_text(exc).lower()
    if any(s in lowered for s in ("malformed", "not a database", "file is encrypted")):
        return Failure("The database file is damaged",
                       f"{location} is damaged: SQLite reports “{_exception_text(exc)}”. "
                       "It was left as it is.", location, sqlite_path)
    return None


def find_backups(sqlite_path: Path | None) -> list[FoundBackup]:
    """The dated copies the app made beside the database before upgrades, newest first."""
    if sqlite_path is None:
        return []
    found = []
    try:
        candidates = list(sqlite_path.parent.glob(f"{glob_escape(sqlite_path.name)}.*.bak"))
    except OSError:
        return []
    for path in candidates:
        match = _STAMP.search(path.name)
        taken = (datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                 if match else None)
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(FoundBackup(path, taken, size))
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(found, key=lambda b: (b.taken_at or epoch, b.path.name), reverse=True)


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def aside_name(broken: Path, now: datetime | None = None) -> Path:
    """A free name beside ``broken`` for keeping it: ``licenseapp.db.broken-<stamp>``."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = broken.with_name(f"{broken.name}.broken-{stamp}")
    n = 1
    while any(Path(f"{candidate}{c}").exists() for c in ("", *COMPANIONS)):
        n += 1
        candidate = broken.with_name(f"{broken.name}.broken-{stamp}-{n}")
    return candidate


def _move_aside(broken: Path) -> list[tuple[Path, Path]]:
    aside = aside_name(broken)
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", *COMPANIONS):
            source = Path(f"{broken}{suffix}")
            if source.exists():
                target = Path(f"{aside}{suffix}")
                os.rename(source, target)  # same folder: atomic, the bytes untouched
                moved.append((source, target))
    except OSError as exc:
        _put_back(moved)
        raise LicenseAppError(
            f"cannot move {broken} aside: {exc.strerror or exc}; nothing was changed") from None
    return moved


def _put_back(moved: list[tuple[Path, Path]]) -> None:
    for original, aside in reversed(moved):
        if not original.exists():
            os.rename(aside, original)


def _remove_created(target: Path) -> None:
    for suffix in ("", *COMPANIONS):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite backup (the online backup API), readable by us only."""
    from licenseapp.store.engine import create_private_file
    from licenseapp.store.sqlite_copy import copy_sqlite

    create_private_file(target)
    copy_sqlite(source, target)


def _restore(
    request: RestoreRequest, progress: Progress | None
) -> tuple[int, bool, tuple[str, ...]]:
    from licenseapp.services.safety.integrity import verify
    from licenseapp.services.safety.restore import restore
    from licenseapp.store import migrate
    from licenseapp.store.database import open_database

    with request.source.open("rb") as fh:
        is_sqlite = fh.read(len(migrate.SQLITE_HEADER)) == migrate.SQLITE_HEADER
    if is_sqlite:
        found = migrate.inspect_sqlite_file(request.source)
        if found.state is migrate.SchemaState.OLDER:
            # A copy taken before an upgrade: copy it, and let opening upgrade the copy.
            if progress:
                progress("copying the backup")
            _copy_sqlite(request.source, request.target)
            if progress:
                progress("upgrading the restored database")
            db = open_database(str(request.target))
            try:
                if progress:
                    progress("verifying")
                report = verify(db)
                rows = report.records_checked
            finally:
                db.dispose()
            return rows, report.ok, tuple(f.message for f in report.findings)
        if found.state is not migrate.SchemaState.CURRENT:
            detail = found.detail or {"newer": "written by a newer LicenseApp",
                                       "missing": "it is empty"}.get(found.state.value, "")
            raise LicenseAppError(
                f"{request.source} is not a LicenseApp backup this version can restore"
                + (f" ({detail})" if detail else ""))
    db = open_database(str(request.target))
    try:
        result = restore(db, request.source, progress, passphrase=request.passphrase)
    finally:
        db.dispose()
    return result.rows, result.verified, result.problems


def restore_backup(request: RestoreRequest, progress: Progress | None = None) -> RestoreOutcome:
    """Restore ``request.source`` into ``request.target`` (a new file), then verify it."""
    if not request.source.is_file():
        raise LicenseAppError(f"no backup file {request.source}")
    if request.source.resolve() == request.target.resolve() or (
            request.broken is not None and request.source.resolve() == request.broken.resolve()):
        raise LicenseAppError("the backup and the restored database must be different files")
    moved: list[tuple[Path, Path]] = []
    if request.broken is not None:
        if request.target.resolve() != request.broken.resolve():
            raise LicenseAppError("a restore in place goes where the broken file was")
        moved = _move_aside(request.broken)
    elif any(Path(f"{request.target}{s}").exists() for s in ("", *COMPANIONS)):
        raise LicenseAppError(
            f"{request.target} already exists; choose a new file for the restored database")
    try:
        rows, verified, problems = _restore(request, progress)
    except BaseException:
        _remove_created(request.target)
        _put_back(moved)
        raise
    kept = moved[0][1] if moved else None
    log.info("restored %s into %s (%d rows, verified: %s); broken file kept as %s",
             request.source, request.target, rows, verified, kept)
    return RestoreOutcome(request.target, rows, kept, verified, problems)


__all__ = ["Failure", "FoundBackup", "RestoreOutcome", "RestoreRequest",
           "aside_name", "explain_failure", "find_backups", "restore_backup"]
