"""SQLite's own checks (integrity, foreign keys) run on a connection of their own while the
rest of ``verify`` runs; what they find comes first in the report, as when run in line."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from licenseapp.demo.dataset import generate_demo
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database


def test_a_missing_parent_is_named_first(db: Database) -> None:
    if db.dialect != "sqlite":
        pytest.skip("SQLite's own checks")
    generate_demo(db, size=12)
    with db.engine.connect() as conn:
        conn.execute(text("PRAGMA foreign_keys = OFF"))
        conn.execute(text("UPDATE citizenships SET person_id = 99999 WHERE id = 1"))
        conn.commit()
        conn.execute(text("PRAGMA foreign_keys = ON"))
    report = verify(db)
    assert [(f.check, f.message) for f in report.findings] == [
        ("engine", "citizenships #1 refers to a missing people row"),
        ("record", "citizenship #1 (citizenships) was changed outside LicenseApp")]
