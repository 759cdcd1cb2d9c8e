"""The one way a SQLite database file is copied: SQLite's online backup API.

Used by every copy the program makes of a SQLite file: the dated copy before a migration,
the ``.db`` backup and the snapshot a portable archive is read from, and a restore that
copies an older backup before upgrading it. The copy is consistent even while other
connections write, and the source is opened read-only, so copying never changes it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` into ``target`` (a new or empty file; who may
    read it is the caller's to decide, by creating it first)."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()
