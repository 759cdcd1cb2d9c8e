"""Opening an attachment writes the exact stored bytes to a read-only file in a private
folder, under a harmless name with the suffix of its type; damaged bytes are refused."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from factories import make_application
from pypdf import PdfWriter
from sqlalchemy import update

from licenseapp.errors import LicenseAppError
from licenseapp.services.output.attachments import attach
from licenseapp.services.output.viewing_copies import safe_file_name, write_viewing_copy
from licenseapp.store.models import Attachment


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_copy_holds_the_exact_bytes_read_only_in_a_private_folder(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_application(db)
    content = _pdf()
    view = attach(db, "LA-2026-0001", content, "passport", file_name="passport scan.pdf")
    session = tmp_path / "session"
    first = write_viewing_copy(db, view.id, session)
    second = write_viewing_copy(db, view.id, session)
    assert first.path.read_bytes() == content and first.size == len(content)
    assert first.path.name == "passport scan.pdf" and first.media_type == "application/pdf"
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o400
    assert stat.S_IMODE(first.path.parent.stat().st_mode) == 0o700
    assert first.path.parent.parent == session
    assert second.path != first.path and second.path.read_bytes() == content  # never reused


def test_a_deceptive_name_is_made_harmless_and_gets_the_suffix_of_its_content() -> None:
    assert safe_file_name("invoice\u202efdp.exe", "application/pdf") == \
        "invoice[U+202E]fdp.exe.pdf"
    assert safe_file_name("../../etc/passwd", "image/png") == "_.._etc_passwd.png"
    assert safe_file_name("photo.JPEG", "image/jpeg") == "photo.JPEG"
    assert safe_file_name("", "image/png") == "attachment.png"
    assert len(safe_file_name("x" * 400 + ".pdf", "application/pdf")) <= 120


def test_damaged_bytes_are_never_handed_to_a_viewer(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_application(db)
    view = attach(db, "LA-2026-0001", _pdf(), "passport", file_name="passport.pdf")
    with db.unit_of_work() as s:
        s.execute(update(Attachment).where(Attachment.id == view.id)
                  .values(content=b"%PDF-1.4 changed"))
    with pytest.raises(LicenseAppError, match="damaged"):
        write_viewing_copy(db, view.id, tmp_path / "copies")
    assert not (tmp_path / "copies").exists()
