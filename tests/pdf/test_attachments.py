"""Supporting documents in the packet: attached PDFs merged (rotated, password-free
encrypted), images drawn, damaged or unsupported files listed with a reason, never fatal."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime

from packet_fixtures import attachment_pdf, attachment_png, page_texts
from pypdf import PdfReader, PdfWriter

from licenseapp.domain.record import ApplicationRecord, AttachmentInfo, OrganizationInfo
from licenseapp.pdf.packet import render_packet


def _attachment(name: str, content: bytes, media: str = "application/pdf") -> AttachmentInfo:
    return AttachmentInfo("other", name, media, hashlib.sha256(content).hexdigest(), content)


def _rewritten(content: bytes, *, rotate: int = 0, password: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    if rotate:
        for page in writer.pages:
            page.rotate(rotate)
    if password is not None:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _packet(*attachments: AttachmentInfo) -> ApplicationRecord:
    return ApplicationRecord(
        ref="LA-2026-0009", regulator="BIS", form="BIS-748P", status="ready",
        status_label="Ready to file", updated_at=datetime(2026, 9, 1, tzinfo=UTC),
        organization=OrganizationInfo("Northwind Frontier AI, Inc."), attachments=attachments,
    )


def test_documents_are_reproduced_or_listed_with_a_reason() -> None:
    data = _packet(
        _attachment("three.pdf", attachment_pdf(3, "Three")),
        _attachment("rotated.pdf", _rewritten(attachment_pdf(1), rotate=90)),
        _attachment("open.pdf", _rewritten(attachment_pdf(1, "Open"), password="")),
        _attachment("locked.pdf", _rewritten(attachment_pdf(1), password="secret")),
        _attachment("broken.pdf", b"%PDF-1.4 broken"),
        _attachment("scan.png", attachment_png(), "image/png"),
        _attachment("bad.png", b"\x89PNG broken", "image/png"),
    )
    pdf = render_packet(data)
    texts = page_texts(pdf)
    assert sum("Three page" in t for t in texts) == 3
    assert any("Open page 1" in t for t in texts)
    joined = "\n".join(texts)
    assert "(the PDF is encrypted)" in joined
    assert "could not be read as a PDF" in joined and "could not be read as an image" in joined
    total = len(texts)
    assert all(f"of {total}" in t for t in texts)  # attached pages are numbered too
    assert render_packet(data) == pdf  # damaged files do not make the output vary


def test_a_packet_without_documents_says_what_bis_expects() -> None:
    text = "\n".join(page_texts(render_packet(_packet())))
    assert "No supporting documents are attached" in text
