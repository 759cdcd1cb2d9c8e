"""Supporting documents: attach, replace, remove, list and view — audited, sealed, on both
databases (the ``db`` fixture is PostgreSQL when LICENSEAPP_TEST_PG_URL is set)."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from factories import make_application
from pypdf import PdfReader, PdfWriter
from sqlalchemy import select

from licenseapp.errors import NotFoundError, ValidationError
from licenseapp.services.drafts.checking import check_application
from licenseapp.services.output.attachments import (
    attach,
    attachment_bytes,
    list_attachments,
    remove,
    replace,
)
from licenseapp.services.output.packets import application_record, build_packet
from licenseapp.services.safety import integrity
from licenseapp.store.database import Database
from licenseapp.store.models import Attachment, AuditEntry

REF = "LA-2026-0001"


def pdf_bytes(text: str = "Passport") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes(shade: int = 0) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([shade]) * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _audit(db: Database) -> list[tuple[str, str]]:
    with db.reading() as s:
        return [(e.action, e.entity) for e in s.execute(
            select(AuditEntry).where(AuditEntry.entity == "attachment").order_by(AuditEntry.id)
        ).scalars()]


def _verify_ok(db: Database) -> None:
    report = integrity.verify(db)
    assert report.ok, report.findings


def test_attach_stores_bytes_hash_and_sniffed_type(db: Database, tmp_path: Path) -> None:
    make_application(db)
    content = pdf_bytes()
    path = tmp_path / "passport.pdf"
    path.write_bytes(content)
    view = attach(db, REF.lower(), path, "passport")
    assert (view.kind, view.file_name, view.media_type) == ("passport", "passport.pdf",
                                                           "application/pdf")
    assert view.sha256 == hashlib.sha256(content).hexdigest() and view.size == len(content)
    assert view.created_by == "tester" and view.warnings == ()
    with pytest.raises(FrozenInstanceError):
        view.kind = "visa"  # type: ignore[misc]
    assert attachment_bytes(db, view.id) == content
    assert [v.id for v in list_attachments(db, REF)] == [view.id]
    assert _audit(db) == [("attach", "attachment")]
    _verify_ok(db)


def test_a_mislabelled_png_is_stored_as_png_and_the_mismatch_reported(db: Database) -> None:
    make_application(db)
    view = attach(db, REF, png_bytes(), "visa", file_name="visa.pdf")
    assert view.media_type == "image/png"
    assert any("visa.pdf" in w for w in view.warnings)


def test_an_exe_renamed_pdf_and_an_oversize_file_are_refused(db: Database) -> None:
    make_application(db)
    with pytest.raises(ValidationError, match=r"setup\.pdf.*Windows program"):
        attach(db, REF, b"MZ\x90\x00" + b"\x00" * 200, "passport", file_name="setup.pdf")
    big = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024)
    with pytest.raises(ValidationError, match=r"limit is 20\.0 MB"):
        attach(db, REF, big, "other", file_name="big.pdf")
    assert list_attachments(db, REF) == [] and _audit(db) == []


def test_a_duplicate_is_refused_politely_unless_the_first_was_removed(db: Database) -> None:
    make_application(db)
    first = attach(db, REF, pdf_bytes(), "passport", file_name="passport.pdf")
    with pytest.raises(ValidationError, match=rf"already attached to {REF} as #{first.id}"):
        attach(db, REF, pdf_bytes(), "other", file_name="copy.pdf")
    remove(db, first.id)
    again = attach(db, REF, pdf_bytes(), "passport", file_name="passport.pdf")
    assert [v.id for v in list_attachments(db, REF)] == [again.id]
    _verify_ok(db)


def test_unknown_kind_application_and_file(db: Database, tmp_path: Path) -> None:
    make_application(db)
    with pytest.raises(ValidationError, match="not a document kind"):
        attach(db, REF, pdf_bytes(), "selfie", file_name="a.pdf")
    with pytest.raises(NotFoundError):
        attach(db, "LA-2026-9999", pdf_bytes(), "passport", file_name="a.pdf")
    with pytest.raises(NotFoundError, match="no file"):
        attach(db, REF, tmp_path / "missing.pdf", "passport")
    with pytest.raises(NotFoundError):
        remove(db, 9999)


def test_replace_keeps_the_old_row_but_only_the_new_one_is_current(db: Database) -> None:
    make_application(db)
    old = attach(db, REF, pdf_bytes("v1"), "passport", file_name="passport-v1.pdf")
    new = replace(db, old.id, png_bytes(), file_name="passport-v2.png")
    assert new.replaces_id == old.id and new.kind == "passport"
    assert new.media_type == "image/png"
    assert [v.id for v in list_attachments(db, REF)] == [new.id]
    assert [a.file_name for a in application_record(db, REF).attachments] == ["passport-v2.png"]
    assert attachment_bytes(db, old.id) == pdf_bytes("v1")  # kept for the audit trail
    with pytest.raises(ValidationError, match=f"replaced by #{new.id}"):
        replace(db, old.id, png_bytes(7), file_name="again.png")
    with pytest.raises(ValidationError, match=f"replaced by #{new.id}"):
        remove(db, old.id)
    assert _audit(db) == [("attach", "attachment"), ("replace", "attachment")]
    _verify_ok(db)


def test_remove_sets_removed_and_keeps_the_bytes(db: Database) -> None:
    make_application(db)
    view = attach(db, REF, pdf_bytes(), "resume", file_name="cv.pdf", actor="alice")
    removed = remove(db, view.id, actor="bob")
    assert removed.id == view.id
    with db.reading() as s:
        row = s.get(Attachment, view.id)
        assert row is not None and row.removed_at is not None and row.removed_by == "bob"
    assert attachment_bytes(db, view.id) == pdf_bytes()
    assert list_attachments(db, REF) == []
    with pytest.raises(ValidationError, match="already removed by bob"):
        remove(db, view.id)
    assert _audit(db) == [("attach", "attachment"), ("remove", "attachment")]
    _verify_ok(db)


def test_the_checker_sees_attached_kinds(db: Database) -> None:
    make_application(db)

    def copy_missing() -> set[str]:
        return {f.field for f in check_application(db, REF) if f.rule == "copy-missing"}

    assert "visa" in copy_missing()
    view = attach(db, REF, pdf_bytes(), "visa", file_name="visa.pdf")
    assert "visa" not in copy_missing()
    remove(db, view.id)
    assert "visa" in copy_missing()


def test_removed_and_replaced_attachments_are_not_in_the_packet(db: Database) -> None:
    make_application(db)
    kept = attach(db, REF, pdf_bytes("keep"), "visa", file_name="kept-visa.pdf")
    gone = attach(db, REF, png_bytes(1), "other", file_name="gone-note.png")
    old = attach(db, REF, png_bytes(2), "resume", file_name="old-resume.png")
    replace(db, old.id, png_bytes(3), file_name="new-resume.png")
    remove(db, gone.id)
    names = [a.file_name for a in application_record(db, REF).attachments]
    assert names == ["kept-visa.pdf", "new-resume.png"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(build_packet(db, REF))).pages)
    assert "kept-visa.pdf" in text and "new-resume.png" in text
    assert "gone-note.png" not in text and "old-resume.png" not in text
    assert kept.id in [v.id for v in list_attachments(db, REF)]
    _verify_ok(db)
