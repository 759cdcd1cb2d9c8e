"""Personal data stays out of the logs, and the database file is the user's alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from licenseapp.store.database import open_database
from licenseapp.store.models import Person, PersonDocument


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", "-v", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_a_debug_session_logs_no_names_passports_or_birth_dates(tmp_path: Path) -> None:
    db_path = tmp_path / "demo.db"
    log_dir = tmp_path / "logs"
    env = {**os.environ, "LICENSEAPP_LOG_DIR": str(log_dir), "LICENSEAPP_DB": str(db_path)}
    outputs = [_run(env, "demo")]
    refs = [line.split()[0] for line in _run(env, "list").stdout.splitlines()[2:12]]
    for ref in refs:
        outputs.append(_run(env, "show", ref, "--json"))
    outputs += [
        _run(env, "deadlines", "--within", "365"),
        _run(env, "export", "people", str(tmp_path / "people.csv")),
        _run(env, "verify"),
        _run(env, "show", "LA-1999-0001"),  # an error path too
        _run(env, "status", refs[0], "approved"),  # refused: logged? must not leak either
    ]
    assert all("Traceback" not in o.stderr for o in outputs)
    logged = "".join(o.stderr for o in outputs)
    log_file = log_dir / "licenseapp.log"
    assert log_file.exists() and log_file.stat().st_mode & 0o777 == 0o600
    logged += log_file.read_text(encoding="utf-8")
    assert "DEBUG" in logged or "INFO" in logged  # debug logging was really on

    database = open_database(str(db_path))
    try:
        with database.reading() as s:
            people = s.execute(select(Person)).scalars().all()
            secrets = set()
            for p in people:
                secrets |= {p.given_name, p.family_name, p.native_name}
                if p.date_of_birth:
                    secrets.add(p.date_of_birth.isoformat())
            secrets |= {d.number for d in s.execute(select(PersonDocument)).scalars()}
    finally:
        database.dispose()
    secrets = {x for x in secrets if x and len(x) >= 3}
    assert len(secrets) > 100
    leaked = sorted(x for x in secrets if x in logged)
    assert leaked == []
    assert db_path.stat().st_mode & 0o777 == 0o600
