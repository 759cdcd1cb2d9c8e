"""Honest status on paper (#22 point 4): a packet of an application with checker errors is
a DRAFT that lists them on its first page; a packet printed again after filing says it is not
the filed copy, with the filed copy's SHA-256 and filing date. Through the services and
through the ``packet`` and ``status`` commands, on a fresh database."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from factories import complete_for_filing, make_application
from packet_fixtures import page_texts
from sqlalchemy import select

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.services.follow_up.tracking import NotReadyToFile, StatusChange, change_status
from licenseapp.services.output.filing import filed_packet
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database
from licenseapp.store.models import Application, PersonDocument

REF = "LA-2026-0001"


def _lines_with_draft(text: str) -> list[str]:
    return [line for line in text.splitlines() if "DRAFT" in line]


def _expire_the_visa(db: Database) -> None:
    with db.unit_of_work() as s:
        visa = s.execute(select(PersonDocument).where(PersonDocument.kind == "visa")).scalar_one()
        visa.expires_on = date(2026, 1, 31)  # long past: the checker's error


def test_a_ready_application_with_errors_prints_as_a_draft_listing_them(db: Database) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    clean = page_texts(build_packet(db, REF))
    assert not any("DRAFT" in t for t in clean)  # no error: a copy to file
    _expire_the_visa(db)
    texts = page_texts(build_packet(db, REF))
    assert "DRAFT: not for filing." in texts[0]
    assert "finds 1 error" in texts[0] and "expired" in texts[0].lower()
    for number, text in enumerate(texts, start=1):
        # every page says it in its header; the diagonal mark is drawn, never copied as text
        assert any(line.startswith("DRAFT · LA-2026-0001") for line in text.splitlines()), number
        assert all(line.startswith("DRAFT") for line in _lines_with_draft(text)), number
    summary = next(t for t in texts if "Filing summary" in t)
    assert "Megan Chen" in summary.splitlines()  # block 1 copies out alone, no mark in it


def test_status_submitted_is_refused_and_keeps_no_copy(db: Database) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    _expire_the_visa(db)
    with pytest.raises(NotReadyToFile, match="visa"):
        change_status(db, StatusChange(REF, S.SUBMITTED, on=date(2026, 11, 26)), actor="mchen",
                      now=datetime(2026, 11, 27, 16, 0, tzinfo=UTC))
    with db.reading() as s:
        assert s.execute(select(Application.packet_sha256)).scalar_one() in ("", None)


def test_a_packet_printed_after_filing_is_not_the_filed_copy(db: Database) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    now = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    change_status(db, StatusChange(REF, S.SUBMITTED, on=date(2026, 11, 26)), actor="mchen",
                  now=now)
    filed = filed_packet(db, REF)
    digest = hashlib.sha256(filed).hexdigest()
    assert not any("Not the filed copy" in t for t in page_texts(filed))
    again = page_texts(build_packet(db, REF))
    first = again[0].replace("\n", " ")
    assert "Not the filed copy." in first
    assert digest in first and "filed on 2026-11-26" in first
    assert all("Not the filed copy · LA-2026-0001" in t for t in again)


# --- the same through the commands, as a user runs them -------------------------------------

def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          timeout=300, env=dict(os.environ))


def test_the_commands_print_a_draft_and_refuse_to_file_it(db: Database, db_url: str,
                                                         tmp_path: Path) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    _expire_the_visa(db)
    target = tmp_path / "packet.pdf"
    made = _run("--db", db_url, "packet", REF, "-o", str(target))
    assert made.returncode == 0, made.stderr.decode()
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                          check=True).stdout.decode()
    assert "DRAFT: not for filing." in text and "visa" in text
    refused = _run("--db", db_url, "status", REF, "submitted", "--date", "2026-11-26")
    assert refused.returncode != 0
    err = refused.stderr.decode()
    assert "not ready to file" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_the_packet_command_says_a_regenerated_packet_is_not_the_filed_one(
        db: Database, db_url: str, tmp_path: Path) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    filed = _run("--db", db_url, "status", REF, "submitted", "--date", "2026-11-26")
    assert filed.returncode == 0, filed.stderr.decode()
    again, kept = tmp_path / "again.pdf", tmp_path / "filed.pdf"
    assert _run("--db", db_url, "packet", REF, "-o", str(again)).returncode == 0
    assert _run("--db", db_url, "packet", REF, "--filed", "-o", str(kept)).returncode == 0
    digest = hashlib.sha256(kept.read_bytes()).hexdigest()
    text = subprocess.run(["pdftotext", str(again), "-"], capture_output=True,
                          check=True).stdout.decode()
    assert "Not the filed copy." in text and digest in text
    kept_text = subprocess.run(["pdftotext", str(kept), "-"], capture_output=True,
                               check=True).stdout.decode()
    assert "Not the filed copy" not in kept_text
