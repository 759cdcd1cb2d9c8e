"""Database failures a user can act on, said in one sentence (command line and GUI alike).

Every unit of work rolls back when it fails, so each message can promise that nothing was
half-saved.
"""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from licenseapp.store import file_checks

_NOTHING_SAVED = "nothing was saved"
#: SQLSTATE of a refusal by the server's grants or a team rule (licenseapp.store.team_roles).
_INSUFFICIENT_PRIVILEGE = "42501"

#: (text in the driver's message, what the user is told)
_KNOWN: tuple[tuple[str, str], ...] = (
    ("database or disk is full",
     f"the disk holding the database is full; {_NOTHING_SAVED}. Free some space and try again"),
    ("no space left on device",
     f"the disk holding the database is full; {_NOTHING_SAVED}. Free some space and try again"),
    ("disk full", f"the disk holding the database is full; {_NOTHING_SAVED}"),
    ("database is locked",
     f"the database is busy with another user's change; {_NOTHING_SAVED}. Try again in a moment"),
    ("readonly database",
     f"the database file is read-only; {_NOTHING_SAVED}. Check its permissions, or open a copy"),
    ("read-only", f"the database is read-only; {_NOTHING_SAVED}"),
    ("unable to open database file",
     "the database file cannot be opened (its folder is missing or not accessible)"),
    ("server closed the connection",
     f"the connection to the database server was lost; {_NOTHING_SAVED}. Try again when it "
     "is back"),
    ("terminating connection",
     f"the database server ended the connection; {_NOTHING_SAVED}. Try again"),
    ("connection refused", "the database server does not answer (connection refused)"),
    ("could not connect", "the database server cannot be reached"),
    ("connection failed", "the database server cannot be reached"),
    ("the database system is shutting down", f"the database server is shutting down; "
     f"{_NOTHING_SAVED}"),
)


#: How a message about a damaged database file begins (the command line adds its advice).
DAMAGED = "the database file is damaged"

#: errno → what happened to the file or folder named (said after its path).
_OS_ERRORS: dict[int, str] = {
    errno.EACCES: "cannot be written or read: permission denied",
    errno.EPERM: "cannot be written or read: permission denied",
    errno.EROFS: "is on a read-only disk",
    errno.ENOSPC: "cannot be written: the disk is full. Free some space and try again",
    errno.EDQUOT: "cannot be written: the disk quota is used up",
    errno.ENAMETOOLONG: "is too long a path for the system",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "has a part that is a file, not a folder",
}


def explain(exc: BaseException) -> str | None:
    """What to tell the user about a database or file failure, or None if it is a bug."""
    if isinstance(exc, StaleDataError):
        return ("someone else saved a newer version of this record first; nothing was saved. "
                "Reload it and make your change again")
    if isinstance(exc, DBAPIError | sqlite3.Error):
        orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        detail = str(orig).strip()
        lowered = detail.lower()
        if file_checks.is_damage(lowered):
            first = (detail.splitlines() or ["unreadable"])[0].split(" with text")[0]
            return f"{DAMAGED} ({first[:100]}); {_NOTHING_SAVED}"
        if isinstance(exc, sqlite3.Error) and "full" in lowered:  # a copy being written
            return (f"the disk is full (the database's or the file's being written); "
                    f"{_NOTHING_SAVED}. Free some space and try again")
        for needle, message in _KNOWN:
            if needle in lowered:
                return message
        if getattr(orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:  # a team's server
            first = (detail.splitlines() or ["permission denied"])[0]
            return (f"the database server refused it ({first}); {_NOTHING_SAVED}. Your login "
                    "lacks the role for this: ask the administrator if you need it")
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return f"the connection to the database was lost; {_NOTHING_SAVED}. Try again"
    if isinstance(exc, OSError) and exc.errno in _OS_ERRORS:
        name = str(exc.filename) if exc.filename else "a file"
        shown = name if len(name) <= 120 else name[:60] + "…" + name[-59:]
        return f"{shown} {_OS_ERRORS[exc.errno]}"
    return None
