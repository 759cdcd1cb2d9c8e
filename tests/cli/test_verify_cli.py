"""``verify`` prints the chain head and what it cannot vouch for; ``reseal`` is explicit and
audited; a missing seal key is said plainly (exit 1, no traceback)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from factories import make_application
from sqlalchemy import text

from licenseapp.store import keys
from licenseapp.store.database import Database


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ))


def test_verify_reseal_and_a_missing_key(db: Database, db_url: str) -> None:
    make_application(db)
    ok = run("--db", db_url, "verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.startswith("OK: ")
    assert re.search(r"audit chain head [0-9a-f]{12}\b", ok.stdout)
    assert "Not vouched for:" in ok.stdout and "seal key" in ok.stdout

    with db.engine.begin() as conn:
        conn.execute(text("UPDATE applications SET end_use = 'by hand' WHERE id = 1"))
    assert run("--db", db_url, "verify").returncode == 1
    assert run("--db", db_url, "reseal").returncode != 0  # --reason is required
    done = run("--db", db_url, "reseal", "--reason", "fixed by hand, ticket 42")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Accepted as they are now (1):" in done.stdout
    assert "(applications #1) was changed outside LicenseApp" in done.stdout
    assert run("--db", db_url, "verify").returncode == 0

    with db.reading() as s:
        path = keys.context(s).key_path
    assert path is not None
    path.unlink()
    missing = run("--db", db_url, "verify")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stdout.startswith("CANNOT VOUCH: ")
    assert "is missing, so the record seals and the audit chain cannot be checked" in (
        missing.stdout)
    refused = run("--db", db_url, "reseal", "--reason", "x")
    assert refused.returncode != 0 and "seal key" in refused.stderr
    assert "Traceback" not in refused.stderr
