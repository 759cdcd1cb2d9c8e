"""The demo in a database file of its own, never in the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from licenseapp.demo.new_database import create_demo_database, suggested_demo_path
from licenseapp.errors import LicenseAppError
from licenseapp.services.catalog.getting_started import setup_state
from licenseapp.store.database import open_database
from licenseapp.store.engine import resolve


def test_the_demo_is_suggested_beside_the_database_under_a_free_name(tmp_path) -> None:
    current = resolve(str(tmp_path / "mine.db"))
    assert suggested_demo_path(current, tmp_path / "data") == tmp_path / "licenseapp-demo.db"
    (tmp_path / "licenseapp-demo.db").write_bytes(b"")
    assert suggested_demo_path(current, tmp_path / "data") == tmp_path / "licenseapp-demo-2.db"
    server = resolve("postgresql+psycopg://app:secret@db.example/licenseapp")
    assert suggested_demo_path(server, tmp_path / "data") == \
        tmp_path / "data" / "licenseapp-demo.db"


def test_the_demo_goes_into_a_new_file_never_into_the_database_in_use(tmp_path) -> None:
    mine = tmp_path / "mine.db"
    open_database(str(mine)).dispose()
    current = resolve(str(mine))
    with pytest.raises(LicenseAppError, match="the database you are using"):
        create_demo_database(mine, current)
    foreign = tmp_path / "notes.db"
    foreign.write_text("my notes", encoding="utf-8")
    with pytest.raises(LicenseAppError, match="not a LicenseApp database"):
        create_demo_database(foreign, current)
    assert foreign.read_text(encoding="utf-8") == "my notes"
    with pytest.raises(LicenseAppError, match="does not exist"):
        create_demo_database(tmp_path / "missing" / "demo.db", current)

    demo = create_demo_database(tmp_path / "demo.db", current)
    assert demo.path == (tmp_path / "demo.db").resolve()
    assert demo.summary.applications > 0
    for path, empty in ((mine, True), (demo.path, False)):
        db = open_database(str(path))
        try:
            assert setup_state(db).is_empty is empty
        finally:
            db.dispose()
    # and not twice into the same file
    with pytest.raises(LicenseAppError, match="already holds"):
        create_demo_database(demo.path, current)


def test_a_demo_written_while_on_a_server_database_leaves_it_alone(db, tmp_path: Path) -> None:
    demo = create_demo_database(tmp_path / "demo.db", db.location)
    assert demo.summary.people > 0
    assert setup_state(db).is_empty
