"""The filing set for the portal (#22 point 6): each supporting document its own PDF, named
and sized by the portal's limits, the block sheet with address parts in rows of their own, a
manifest whose sizes and SHA-256 match the files; never over a file already there. On a
fresh database, through the service and through ``packet REF --upload-set DIR``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from factories import complete_for_filing, make_application
from packet_fixtures import _attach, attachment_pdf, attachment_png
from pypdf import PdfReader

from licenseapp.errors import LicenseAppError
from licenseapp.services.output.attachments import attach
from licenseapp.services.output.upload_set import PORTAL_LIMITS, write_upload_set
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Organization

REF = "LA-2026-0001"


def _application(db: Database) -> None:
    make_application(db, status="ready")
    complete_for_filing(db)
    with db.unit_of_work() as s:
        org = s.query(Organization).one()
        org.street, org.postal_code, org.country = "500 Harrison Street", "94107", "US"
        org.city = "San Francisco"
        s.query(Application).one().tcp_text = "The plan of Northwind applies."
    attach(db, REF, attachment_pdf(2), "passport", "passport scan.pdf")
    attach(db, REF, attachment_png(), "visa", "visa.png")
    with db.unit_of_work() as s:  # an upload from before only PDF, PNG and JPEG were taken
        s.add(_attach(s.query(Application).one().id, None, "other", "notes.docx",
                      "application/msword", b"PK\x03"))


def _check_set(folder: Path) -> dict[str, object]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["name"] for f in manifest["files"]}
    assert listed | {"manifest.json"} == {p.name for p in folder.iterdir()}
    limits = PORTAL_LIMITS[manifest["portal"]]
    for entry in manifest["files"]:
        content = (folder / entry["name"]).read_bytes()
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert len(entry["name"]) <= limits.max_name_length
        assert re.fullmatch(rf"[{limits.name_characters}]+", entry["name"]), entry["name"]
        if entry["name"].endswith(".pdf"):
            assert len(PdfReader(io.BytesIO(content)).pages) >= 1  # opens as a PDF
            assert entry["within_limits"] is (len(content) <= limits.max_bytes)
    return manifest


def test_each_document_is_its_own_pdf_with_a_matching_manifest(db: Database,
                                                                tmp_path: Path) -> None:
    _application(db)
    folder = tmp_path / "set"  # new: created
    result = write_upload_set(db, REF, folder)
    manifest = _check_set(folder)
    assert manifest["portal"] == "SNAP-R" and manifest["checker_errors"] == 0
    assert [f.document for f in result.files] == [
        "block-by-block sheet", "letter of explanation", "technology control plan",
        "passport", "visa", "block-by-block sheet (CSV, for copying)"]
    assert result.files[3].name == "LA-2026-0001_04_passport.pdf"
    passport = PdfReader(io.BytesIO((folder / result.files[3].name).read_bytes()))
    assert len(passport.pages) == 2  # the attached PDF itself, both pages
    assert any("notes.docx" in n for n in result.not_included)  # cannot be a PDF: said so
    rows = list(csv.reader(io.StringIO(
        (folder / "LA-2026-0001_01_block-by-block-sheet.csv").read_text(encoding="utf-8-sig"))))
    applicant = {field: value for number, field, value in rows[1:] if number == "14"}
    assert applicant["Applicant: Street"] == "500 Harrison Street"
    assert applicant["Applicant: City"] == "San Francisco"
    assert applicant["Applicant: State or province"] == "CA"
    assert applicant["Applicant: Postal code"] == "94107"
    assert applicant["Applicant: Country"] == "United States (US)"
    sheet = subprocess.run(["pdftotext", "-layout",
                            str(folder / "LA-2026-0001_01_block-by-block-sheet.pdf"), "-"],
                           capture_output=True, check=True).stdout.decode()
    assert "Applicant: Postal code" in sheet and "94107" in sheet and "DRAFT" not in sheet


def test_nothing_is_overwritten_without_asking(db: Database, tmp_path: Path) -> None:
    _application(db)
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "LA-2026-0001_04_passport.pdf").write_bytes(b"the user's own file")
    with pytest.raises(LicenseAppError, match="not empty"):
        write_upload_set(db, REF, folder)
    assert (folder / "LA-2026-0001_04_passport.pdf").read_bytes() == b"the user's own file"
    write_upload_set(db, REF, folder, replace_existing=True)  # the user agreed
    _check_set(folder)


def test_the_database_is_never_an_output(db: Database, db_url: str, tmp_path: Path) -> None:
    _application(db)
    if "://" in db_url:
        pytest.skip("the database is a file on SQLite only")
    with pytest.raises(LicenseAppError):
        write_upload_set(db, REF, Path(db_url))  # a file, not a folder
    with pytest.raises(LicenseAppError, match="not empty"):
        write_upload_set(db, REF, Path(db_url).parent)  # the database's own folder


def test_a_draft_set_is_marked_draft(db: Database, tmp_path: Path) -> None:
    make_application(db, status="ready")  # ready, but the checker finds errors
    result = write_upload_set(db, REF, tmp_path / "set")
    assert result.errors > 0
    sheet = subprocess.run(["pdftotext", str(result.folder / result.files[0].name), "-"],
                           capture_output=True, check=True).stdout.decode()
    assert "DRAFT: not for filing." in sheet


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          timeout=300, env=dict(os.environ))


def test_the_command_writes_the_set_and_refuses_a_folder_in_use(
        db: Database, db_url: str, tmp_path: Path) -> None:
    _application(db)
    folder = tmp_path / "portal"
    made = _run("--db", db_url, "packet", REF, "--upload-set", str(folder))
    assert made.returncode == 0, made.stderr.decode()
    out = made.stdout.decode()
    assert "LA-2026-0001_04_passport.pdf" in out and "manifest.json" in out
    _check_set(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = _run("--db", db_url, "packet", REF, "--upload-set", str(folder))
    assert again.returncode != 0
    err = again.stderr.decode()
    assert "not empty" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
