"""Where the data lives, in words, and how to move it to a team's PostgreSQL server."""

from __future__ import annotations

import shlex
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window shows before SQLAlchemy is imported
    from licenseapp.store.engine import DatabaseLocation

#: The backup the move goes through: a portable archive (a .db backup is a SQLite copy).
MOVE_FILE = "licenseapp-backup.zip"
SERVER_EXAMPLE = "postgresql+psycopg://user@server/licenseapp"


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def _command(text: str) -> str:
    """A command on a line of its own, indented, to copy as it is (wrapped at its spaces
    when longer than the box: a long path was cut off)."""
    return f"<pre style='margin-left: 16px; white-space: pre-wrap'>{escape(text)}</pre>"


def location_html(location: DatabaseLocation, default_path: Path) -> str:
    """Rich text for the welcome page: the file or server (password hidden) and, for a
    file, the two commands that copy it into an empty PostgreSQL database."""
    where = escape(location.display)
    if location.sqlite_path is None:
        return (f"<p>Your records are kept on the database server <b>{where}</b>; everyone "
                "who opens it works on the same records.</p>")
    path = location.sqlite_path
    db_option = "" if path == default_path else f"--db {shlex.quote(str(path))} "
    return (
        f"<p>Your records are kept in the file <b>{where}</b> on this computer; include it "
        "in your regular backups.</p>"
        "<p>To work on the same records as a team, move them to a PostgreSQL server. Write "
        "a portable backup:</p>"
        f"{_command(f'licenseapp {db_option}backup {MOVE_FILE}')}"
        "<p>restore it into an empty database on the server (the restore checks the "
        "copy):</p>"
        f"{_command(f'licenseapp --db {SERVER_EXAMPLE} restore {MOVE_FILE}')}"
        f"<p>then start LicenseApp with {_code('--db')} and that address.</p>"
    )
