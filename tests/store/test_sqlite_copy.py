"""The one SQLite copy: consistent while another connection is writing, and the source is
never changed by being copied."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from licenseapp.store.sqlite_copy import copy_sqlite


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_copy_holds_what_was_committed_and_the_source_is_untouched(tmp_path: Path) -> None:
    source = tmp_path / "records.db"
    setup = sqlite3.connect(source)
    setup.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    setup.executemany("INSERT INTO notes (text) VALUES (?)", [("first",), ("second",)])
    setup.commit()
    setup.close()
    before = _digest(source)

    writer = sqlite3.connect(source)
    writer.execute("INSERT INTO notes (text) VALUES ('not committed yet')")  # open transaction
    target = tmp_path / "copy.db"
    try:
        copy_sqlite(source, target)
    finally:
        writer.rollback()
        writer.close()

    copied = sqlite3.connect(target)
    try:
        assert copied.execute("SELECT text FROM notes ORDER BY id").fetchall() == [
            ("first",), ("second",)]
        assert copied.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copied.close()
    assert _digest(source) == before
