"""Unsafe uploads: a PDF with active content, a PDF+ZIP polyglot or a deceptive file name is
flagged when attached; it blocks the packet and "ready to file" until a person accepts it,
and the acceptance is audited (real files built with pypdf, on both databases)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_application
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from sqlalchemy import select

from licenseapp.domain.checker import errors
from licenseapp.domain.sniffing import display_name, pdf_hazards
from licenseapp.errors import ValidationError
from licenseapp.services.drafts.checking import check_application
from licenseapp.services.output.attachments import accept, attach, list_attachments
from licenseapp.services.output.packets import build_packet
from licenseapp.services.safety import integrity
from licenseapp.store.database import Database
from licenseapp.store.models import AuditEntry

REF = "LA-2026-0001"


def _pdf(writer: PdfWriter | None = None) -> bytes:
    if writer is None:
        writer = PdfWriter()
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('hello');")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _pdf(writer)


def pdf_with_launch() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                               NameObject("/F"): TextStringObject("calc.exe")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _pdf(writer)


def pdf_with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return _pdf(writer)


def pdf_zip_polyglot() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("run.js", "WScript.Echo(1)")
    return _pdf() + archive.getvalue()


def test_a_plain_pdf_is_not_flagged() -> None:
    assert pdf_hazards(_pdf()) == []


@pytest.mark.parametrize(("make", "reason"), [
    (pdf_with_javascript, "JavaScript"),
    (pdf_with_launch, "launch action"),
    (pdf_with_embedded_file, "embedded file"),
    (pdf_zip_polyglot, "PDF+ZIP polyglot"),
])
def test_active_content_and_polyglots_are_flagged_on_attach(db: Database, tmp_path: Path,
                                                            make: Callable[[], bytes],
                                                            reason: str) -> None:
    make_application(db)
    path = tmp_path / "scan.pdf"
    path.write_bytes(make())
    view = attach(db, REF, path, "other")
    assert any(reason in h for h in view.hazards), view.hazards
    assert view.blocks
    [listed] = list_attachments(db, REF)
    assert listed.hazards == view.hazards and listed.blocks


def test_a_name_hidden_in_a_compressed_stream_and_a_hex_escaped_name_are_found() -> None:
    hidden = zlib.compress(b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>")
    content = (b"%PDF-1.7\n1 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n"
               + hidden + b"\nendstream endobj\n%%EOF\n")
    assert any("JavaScript" in h for h in pdf_hazards(content))
    assert any("launch" in h for h in pdf_hazards(b"%PDF-1.4 << /S /L#61unch >> %%EOF"))


def test_a_right_to_left_override_in_the_name_is_flagged_and_shown_cleaned(
        db: Database) -> None:
    make_application(db)
    name = "invoice\u202efdp.exe"
    view = attach(db, REF, _pdf(), "other", file_name=name)
    assert view.file_name == name  # the stored name is kept as given
    assert view.shown_name == "invoice[U+202E]fdp.exe" == display_name(name)
    assert any("right-to-left override" in h for h in view.hazards)


def test_unsafe_file_blocks_packet_and_ready_until_accepted_which_is_audited(
        db: Database) -> None:
    make_application(db)
    view = attach(db, REF, pdf_with_javascript(), "other", file_name="scan.pdf",
                  actor="alice")
    [finding] = [f for f in check_application(db, REF) if f.rule == "attachment-unsafe"]
    assert finding in errors(check_application(db, REF))
    assert finding.field == "document scan.pdf"
    assert finding.fix == "review the file and accept it, or replace it"
    with pytest.raises(ValidationError, match=r"no packet while an unsafe file.*scan\.pdf"):
        build_packet(db, REF)
    with pytest.raises(ValidationError, match="say why"):
        accept(db, view.id, "   ")
    accepted = accept(db, view.id, "opened in a sandbox; the script only shows a message",
                      actor="bob")
    assert (accepted.accepted_by, accepted.blocks) == ("bob", False)
    assert accepted.hazards == view.hazards  # the finding stays on record
    assert not [f for f in check_application(db, REF) if f.rule == "attachment-unsafe"]
    assert build_packet(db, REF).startswith(b"%PDF")
    with pytest.raises(ValidationError, match="already accepted by bob"):
        accept(db, view.id, "again")
    with db.reading() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "accept")).scalar_one()
    assert (entry.actor, entry.entity, entry.entity_id) == ("bob", "attachment", str(view.id))
    assert "sandbox" in entry.summary and "scan.pdf" in entry.summary
    assert integrity.verify(db).ok


def test_a_safe_file_has_nothing_to_accept(db: Database) -> None:
    make_application(db)
    view = attach(db, REF, _pdf(), "other", file_name="plain.pdf")
    assert view.hazards == () and not view.blocks
    with pytest.raises(ValidationError, match="not flagged as unsafe"):
        accept(db, view.id, "fine")


def test_a_safety_finding_removed_behind_the_apps_back_is_found_by_verify(
        db: Database, tmp_path: Path) -> None:
    """The findings are sealed like every record: deleting one by SQL (to let the packet
    through) or forging an acceptance is named by verify, on both databases."""
    from sqlalchemy import text

    make_application(db)
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_with_javascript())
    attach(db, REF, path, "other")
    assert integrity.verify(db).ok
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE attachment_safety SET accepted_by = 'mallory'"))
    report = integrity.verify(db)
    assert not report.ok
    assert any(f.table == "attachment_safety" for f in report.findings), report.findings
