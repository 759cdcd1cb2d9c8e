"""What is wrong with a SQLite database file, said before (or instead of) a driver error.

A path that names a folder, is too long for the system, points into a folder that does not
exist, sits in a folder that cannot be written, or names a damaged file each get a sentence
of their own, naming the path. Messages here name no command-line option: the command line
adds its own advice (see :class:`~licenseapp.errors.DamagedDatabaseError`).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from licenseapp.errors import DamagedDatabaseError, DatabaseError, MissingFolderError

#: Driver messages that mean the file's content is broken (not a lock, not permissions).
_DAMAGE_WORDS = ("malformed", "not a database", "could not decode", "database corrupt",
                 "is encrypted")


def check_path(path: Path, *, new_folders: bool = True) -> None:
    """Refuse a SQLite path that cannot be a database file, before anything touches it."""
    try:
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file; name a file in it, "
                                f"e.g. {path / 'licenseapp.db'}")
        exists = path.exists()
        parent_exists = path.parent.is_dir()
        if exists and not path.is_file():  # a pipe or a device would block or never end
            raise DatabaseError(f"{path} is not an ordinary file; name a database file")
    except OSError as exc:
        raise DatabaseError(os_error_message(exc, path)) from None
    if not exists and not parent_exists and not new_folders:
        raise MissingFolderError(f"the folder {path.parent} does not exist; check the path")
    if len(os.fsencode(path.name)) > 255:
        raise DatabaseError(os_error_message(OSError(errno.ENAMETOOLONG, "File name too long"),
                                             path))


def os_error_message(exc: OSError, path: object) -> str:
    """An operating-system failure on a database path, in one sentence naming it."""
    shown = _short(str(exc.filename or path))
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        return f"the database path is too long for the system ({len(str(path))} characters)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{shown} cannot be opened: permission denied"
    if exc.errno == errno.EROFS:
        return f"{shown} is on a read-only disk"
    if exc.errno == errno.ENOSPC:
        return f"the disk holding {shown} is full"
    if exc.errno == errno.EISDIR:
        return f"{shown} is a folder, not a database file"
    if exc.errno == errno.ENOTDIR:
        return f"{shown}: a part of the path is a file, not a folder"
    return f"cannot open the database {shown}: {reason}"


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:60] + "…" + text[-59:]


def is_damage(detail: str) -> bool:
    lowered = detail.lower()
    return any(word in lowered for word in _DAMAGE_WORDS)


def is_read_only(detail: str) -> bool:
    lowered = detail.lower()
    return "readonly" in lowered or "read-only" in lowered


def quick_check(path: Path) -> str:
    """SQLite's cheap check of the file's structure: 'ok' or its first complaint."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        row = conn.execute("PRAGMA quick_check(1)").fetchone()
        return str(row[0]) if row else "no answer"
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return str(exc) if isinstance(exc, sqlite3.Error) else "text that is not UTF-8"
    finally:
        conn.close()


def read_failure(path: Path, exc: BaseException) -> DatabaseError:
    """The error to raise when reading an existing SQLite file failed with ``exc``."""
    detail = str(exc) if isinstance(exc, sqlite3.Error) else "text that is not UTF-8"
    if isinstance(exc, sqlite3.Error) and is_read_only(detail):
        return read_only(path)
    if (isinstance(exc, sqlite3.OperationalError) and not is_damage(detail)
            and ("locked" in detail.lower() or "busy" in detail.lower())):
        return DatabaseError(f"{path} is busy with another program; try again in a moment")
    checked = quick_check(path)
    if checked == "ok" and not is_damage(detail) and not isinstance(exc, UnicodeDecodeError):
        return DatabaseError(f"cannot open the database {path}: {detail.splitlines()[0]}")
    reason = checked if checked != "ok" else detail
    return damaged(path, reason)


def damaged(path: Path | str, reason: str) -> DamagedDatabaseError:
    # A driver's message may quote a damaged record's text: keep its first words only.
    lines = [line for line in reason.strip().splitlines() if not line.startswith("***")]
    first = lines[0] if lines else "unreadable"
    if "with text" in first:
        first = first.split(" with text")[0]
    return DamagedDatabaseError(f"{path} is damaged ({first[:100]}); it was left untouched")


def read_only(path: Path) -> DatabaseError:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return DatabaseError(f"{path} is read-only; LicenseApp needs to write to it. Check its "
                             "permissions, or copy it somewhere you can write")
    if not os.access(folder, os.W_OK):
        return DatabaseError(f"{path} is in a read-only folder: the folder {folder} cannot be "
                             "written, and SQLite keeps its journal beside the database. Check "
                             "the folder's permissions, or copy the database somewhere you can "
                             "write")
    return DatabaseError(f"{path} is read-only (or on a read-only disk); check its permissions, "
                         "or copy it somewhere you can write")
