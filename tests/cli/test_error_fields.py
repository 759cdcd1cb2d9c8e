"""The command line names its own options in the services' refusals (``cli/fields.py``).

The services say what is wrong in words and name the field by a neutral id; a user of the
command line must still learn which option to use, and which command helps.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.cli.fields import FLAGS, HINTS, error_text, option
from licenseapp.cli.main import build_parser, main
from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.store.database import Database


def run(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and the one line on stderr."""
    capsys.readouterr()
    code = main(["--db", url, *args])
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) <= 1, err
    return code, err


def _options(parser: argparse.ArgumentParser) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        found |= set(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
    return found


def test_every_option_in_the_tables_exists() -> None:
    """A typo in the table (``--licence-no``) would send the user to an option that is not."""
    options = _options(build_parser())
    assert set(FLAGS.values()) <= options
    for hint in HINTS.values():
        assert set(re.findall(r"--[a-z][a-z-]*", hint)) <= options, hint


def test_the_option_goes_first_and_the_hint_last() -> None:
    refused = ValidationError("valid_until", "the license must expire after it is issued")
    assert error_text(refused) == "--valid-until: the license must expire after it is issued"
    several = ValidationError("license_number", "approved needs …",
                              more_fields=("valid_until",))
    assert error_text(several) == "--license-no, --valid-until: approved needs …"
    own = ValidationError("--within", "give a number of days from 0 to 3660")
    assert error_text(own) == "--within: give a number of days from 0 to 3660"
    unnamed = ValidationError("file", "'x' is a folder, not a file")  # names the value itself
    assert error_text(unnamed) == "'x' is a folder, not a file"
    ended = LicenseAppError("x.db is not a LicenseApp database; it was left untouched.",
                            code="foreign_database")
    assert error_text(ended) == ("x.db is not a LicenseApp database; it was left untouched. "
                                 "Choose another file with --db.")
    assert option("owner") == "" and option("REF") == "REF"


def _warned(db: Database) -> str:
    from licenseapp.demo.dataset import generate_demo
    from licenseapp.domain.checker import errors, warnings
    from licenseapp.domain.enums import ApplicationStatus as S
    from licenseapp.domain.lifecycle import lifecycle
    from licenseapp.services.drafts.applications import list_applications
    from licenseapp.services.drafts.checking import check_application

    generate_demo(db)
    for row in list_applications(db):
        findings = check_application(db, row.ref)
        if (S.READY in lifecycle(row.regulator).allowed(row.status)
                and warnings(findings) and not errors(findings)):
            return row.ref
    raise AssertionError("no application with warnings only")


def test_ready_to_file_names_the_option_that_acknowledges(
        db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from licenseapp.store.models import Application

    ref = _warned(db)
    code, err = run(db_url, capsys, "status", ref, "ready")
    assert code == 2
    assert err.startswith(f"licenseapp: error: {ref} has ")
    assert err.endswith("acknowledge them to mark it ready to file (use --acknowledge-warnings)")

    code, _ = run(db_url, capsys, "status", ref, "ready", "--acknowledge-warnings")
    assert code == 0
    with db.reading() as session:
        app = session.execute(select(Application).where(Application.ref == ref)).scalar_one()
        assert app.status == "ready" and json.loads(app.acknowledged_warnings)

    make_application(db, "LA-2026-0900", status="draft")  # errors: the check names them
    code, err = run(db_url, capsys, "status", "LA-2026-0900", "ready")
    assert code == 2 and "7 errors remain" in err
    assert err.endswith("The completeness check lists each with its fix "
                        "(licenseapp check LA-2026-0900)")


def test_status_refusals_name_the_options(db: Database, db_url: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    make_application(db, status="submitted")
    _, err = run(db_url, capsys, "status", "LA-2026-0001", "registered", "--acn", "12345")
    assert err.startswith("licenseapp: error: --acn: '12345' is not an Application Control "
                          "Number")
    _, err = run(db_url, capsys, "status", "LA-2026-0001", "registered")
    assert err == "licenseapp: error: --acn: registered needs the Application Control Number"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    _, err = run(db_url, capsys, "status", "LA-2026-0001", "registered", "--acn", "Z1234567",
                 "--date", tomorrow)
    assert err == "licenseapp: error: --date: a status change cannot be recorded in the future"
    assert run(db_url, capsys, "status", "LA-2026-0001", "registered", "--acn", "Z1234567")[0] == 0
    _, err = run(db_url, capsys, "status", "LA-2026-0001", "approved")
    assert err == ("licenseapp: error: --license-no, --valid-until: approved needs the license "
                   "number and the license expiry date")
    _, err = run(db_url, capsys, "status", "LA-2026-0001", "approved", "--license-no", "D1",
                 "--valid-until", "2020-01-01")
    assert err == "licenseapp: error: --valid-until: the license must expire after it is issued"
    _, err = run(db_url, capsys, "status", "LA-2026-0001", "info_requested",
                 "--note", "n" * 20_001)
    assert err.startswith("licenseapp: error: --note: the note is 20,001 characters long")


def test_deadlines_and_databases_say_which_command_helps(
        db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_application(db, status="draft")
    _, err = run(db_url, capsys, "deadlines", "--done", "nope")
    assert err == ("licenseapp: error: no deadline 'nope': the records give none with that "
                   "key (see 'licenseapp deadlines --json' for the keys)")

    archive = tmp_path / "backup.zip"
    assert run(db_url, capsys, "backup", str(archive))[0] == 0
    _, err = run(db_url, capsys, "restore", str(archive))
    assert err.endswith("already holds records; restore into a new, empty database "
                        "(e.g. --db restored.db)")

    foreign = tmp_path / "invoices.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    _, err = run(str(foreign), capsys, "list")
    assert err.endswith("it was left untouched. Choose another file with --db.")
    _, err = run("mysql://somewhere/db", capsys, "list")
    assert err == ("licenseapp: error: mysql databases are not supported; use a file path "
                   "(SQLite) or postgresql+psycopg://user@host/db "
                   "(given with --db or $LICENSEAPP_DB)")
