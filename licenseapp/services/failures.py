"""Database failures a user can act on, said in one sentence (command line and GUI alike).

Every unit of work rolls back when it fails, so each message can promise that nothing was
half-saved.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

_NOTHING_SAVED = "nothing was saved"

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


def explain(exc: BaseException) -> str | None:
    """What to tell the user about a database failure, or None if it is a bug."""
    if isinstance(exc, StaleDataError):
        return ("someone else saved a newer version of this record first; nothing was saved. "
                "Reload it and make your change again")
    if isinstance(exc, DBAPIError):
        detail = str(exc.orig if exc.orig is not None else exc).strip()
        lowered = detail.lower()
        for needle, message in _KNOWN:
            if needle in lowered:
                return message
        if exc.connection_invalidated:
            return f"the connection to the database was lost; {_NOTHING_SAVED}. Try again"
    return None
