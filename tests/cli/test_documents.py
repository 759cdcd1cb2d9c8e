"""``attach``, ``attachments``, ``detach`` and ``letter`` run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.services.safety import integrity
from licenseapp.store.database import Database
from licenseapp.store.models import Application

REF = "LA-2026-0001"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def run(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licenseapp", *args, "--db", db_url],
        capture_output=True, text=True, timeout=300, env={**os.environ},
    )


def one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def app_db(db: Database, db_url: str) -> str:
    make_application(db)
    return db_url


def test_attach_list_and_detach(app_db: str, db: Database, tmp_path: Path) -> None:
    scan = tmp_path / "visa.pdf"
    scan.write_bytes(PNG)  # a PNG named .pdf: accepted as PNG, with a warning
    attached = run(app_db, "attach", REF, str(scan), "--kind", "visa")
    assert attached.returncode == 0, attached.stderr
    assert "Attached #1" in attached.stdout and "image/png" in attached.stdout
    assert "warning" in attached.stderr and "visa.pdf" in attached.stderr

    listed = run(app_db, "attachments", REF, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["id"], r["kind"], r["media_type"]) for r in rows] == [(1, "visa", "image/png")]
    table = run(app_db, "attachments", REF)
    assert "visa.pdf" in table.stdout and "1 attachment(s)" in table.stdout

    detached = run(app_db, "detach", "1")
    assert detached.returncode == 0, detached.stderr
    assert json.loads(run(app_db, "attachments", REF, "--json").stdout) == []
    assert "No supporting documents" in run(app_db, "attachments", REF).stdout
    one_line_error(run(app_db, "detach", "1"), "already removed")
    assert integrity.verify(db).ok


def test_attach_errors_are_one_line(app_db: str, tmp_path: Path) -> None:
    exe = tmp_path / "setup.pdf"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    one_line_error(run(app_db, "attach", REF, str(exe), "--kind", "passport"),
                   "setup.pdf", "Windows program")
    ok = tmp_path / "p.pdf"
    ok.write_bytes(PDF)
    one_line_error(run(app_db, "attach", REF, str(ok), "--kind", "selfie"), "kind")
    one_line_error(run(app_db, "attach", REF, str(tmp_path / "nope.pdf"), "--kind", "passport"),
                   "no file")
    one_line_error(run(app_db, "attach", "LA-2026-9999", str(ok), "--kind", "passport"),
                   "LA-2026-9999")
    one_line_error(run(app_db, "detach", "x"), "not an attachment number")
    assert run(app_db, "attach", REF, str(ok), "--kind", "passport").returncode == 0
    one_line_error(run(app_db, "attach", REF, str(ok), "--kind", "passport"), "already attached")


def test_letter_prints_and_saves(app_db: str, db: Database) -> None:
    printed = run(app_db, "letter", REF, "--which", "tcp")
    assert printed.returncode == 0, printed.stderr
    assert "TECHNOLOGY CONTROL PLAN" in printed.stdout and "Wei Zhang" in printed.stdout
    saved = run(app_db, "letter", REF, "--save")
    assert saved.returncode == 0, saved.stderr
    assert "saved the letter of explanation" in saved.stderr
    with db.reading() as s:
        app = s.execute(select(Application).where(Application.ref == REF)).scalar_one()
        assert "Wei Zhang" in app.loe_text and app.tcp_text == ""
    one_line_error(run(app_db, "letter", REF, "--which", "cover"), "loe or tcp")


def test_letter_with_unknown_placeholders_exits_1(app_db: str, db: Database) -> None:
    template = "To whom it may concern,\n\n{unknown.thing} at {work_site}\n"
    with db.unit_of_work() as s:
        app = s.execute(select(Application).where(Application.ref == REF)).scalar_one()
        app.loe_text = template
    result = run(app_db, "letter", REF)
    assert result.returncode == 1
    assert "{unknown.thing}" in result.stdout
    assert "line 3" in result.stderr and "unknown.thing" in result.stderr
    refused = run(app_db, "letter", REF, "--save")
    assert refused.returncode == 1 and "not saved" in refused.stderr
    with db.reading() as s:
        app = s.execute(select(Application).where(Application.ref == REF)).scalar_one()
        assert app.loe_text == template


def test_an_unsafe_attachment_is_shown_flagged_and_accepted_with_a_note(
        app_db: str, db: Database, tmp_path: Path) -> None:
    scan = tmp_path / "invoice\u202efdp.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<< /OpenAction << /S /JavaScript /JS (app.alert(1)) "
                     b">> >>endobj\ntrailer<<>>\n%%EOF\n")
    attached = run(app_db, "attach", REF, str(scan), "--kind", "other")
    assert attached.returncode == 0, attached.stderr
    assert "UNSAFE" in attached.stderr and "JavaScript" in attached.stderr
    assert "invoice[U+202E]fdp.pdf" in attached.stdout and "\u202e" not in attached.stdout
    listed = run(app_db, "attachments", REF)
    assert listed.returncode == 0, listed.stderr
    assert "UNSAFE" in listed.stdout and "JavaScript" in listed.stdout
    assert "right-to-left override" in listed.stdout and "\u202e" not in listed.stdout
    number = json.loads(run(app_db, "attachments", REF, "--json").stdout)[0]["id"]
    one_line_error(run(app_db, "accept-attachment", str(number), "--note", "  "), "say why")
    accepted = run(app_db, "accept-attachment", str(number), "--note", "checked in a sandbox")
    assert accepted.returncode == 0, accepted.stderr
    assert f"Accepted #{number}" in accepted.stdout
    again = run(app_db, "attachments", REF)
    assert "accepted by" in again.stdout and "blocks the packet" not in again.stdout
    assert integrity.verify(db).ok
