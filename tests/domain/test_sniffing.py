"""Sniffing supporting documents: the type comes from the bytes, never from the name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licenseapp.domain import sniffing
from licenseapp.domain.sniffing import ALLOWED_MEDIA_TYPES, MAX_ATTACHMENT_BYTES, sniff
from licenseapp.errors import ValidationError

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(("content", "name", "media"), [
    (PDF, "passport.pdf", "application/pdf"),
    (PNG, "visa.PNG", "image/png"),
    (JPEG, "ead.jpg", "image/jpeg"),
    (JPEG, "ead.jpeg", "image/jpeg"),
])
def test_allowed_types_with_matching_names(content: bytes, name: str, media: str) -> None:
    result = sniff(content, name)
    assert result.media_type == media
    assert result.size == len(content)
    assert not result.extension_mismatch
    assert result.warnings == ()


def test_a_png_named_pdf_is_accepted_as_png_and_the_mismatch_reported() -> None:
    result = sniff(PNG, "scan.pdf")
    assert result.media_type == "image/png"
    assert result.extension_mismatch
    assert any("scan.pdf" in w and ".pdf" in w and "PNG" in w for w in result.warnings)


def test_no_extension_is_a_mismatch_too() -> None:
    result = sniff(JPEG, "scan")
    assert result.media_type == "image/jpeg" and result.extension_mismatch


@pytest.mark.parametrize(("content", "what"), [
    (b"MZ\x90\x00" + b"\x00" * 60, "Windows program"),
    (b"PK\x03\x04" + b"\x00" * 30, "DOCX"),
    (b"<!DOCTYPE html><html><body>hi</body></html>", "HTML"),
    (b"\x7fELF\x02\x01", "ELF"),
    (b"GIF89a....", "GIF"),
    (b"just some notes\n", "plain-text"),
])
def test_other_formats_are_refused_naming_the_file_and_what_it_is(
    content: bytes, what: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        sniff(content, "passport.pdf")
    message = caught.value.message
    assert "passport.pdf" in message and what in message
    assert "PDF, PNG or JPEG" in message


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="empty"):
        sniff(b"", "blank.pdf")


def test_over_size_is_refused_with_the_size_and_the_limit() -> None:
    content = PDF + b"\x00" * (MAX_ATTACHMENT_BYTES - len(PDF) + 1)
    with pytest.raises(ValidationError) as caught:
        sniff(content, "huge.pdf")
    message = caught.value.message
    assert "huge.pdf" in message and "20.0 MB" in message and str(len(content)) in message
    sniff(content[:MAX_ATTACHMENT_BYTES], "limit.pdf")  # exactly the limit is fine


def test_a_pdf_without_end_marker_or_encrypted_is_accepted_with_warnings() -> None:
    truncated = sniff(b"%PDF-1.4\n1 0 obj<<>>", "cut.pdf")
    assert truncated.media_type == "application/pdf"
    assert any("end-of-file" in w for w in truncated.warnings)
    locked = sniff(b"%PDF-1.4\ntrailer<</Encrypt 5 0 R>>\n%%EOF", "locked.pdf")
    assert any("encrypted" in w for w in locked.warnings)
    assert not any("end-of-file" in w for w in locked.warnings)


@given(st.binary(max_size=2048), st.text(max_size=40))
def test_random_bytes_never_crash_and_only_allowed_types_pass(content: bytes, name: str) -> None:
    try:
        result = sniff(content, name)
    except ValidationError as exc:
        assert exc.message
        assert sniffing.detect(content) is None or not content
        return
    assert result.media_type in ALLOWED_MEDIA_TYPES
    assert result.media_type == sniffing.detect(content)


@given(st.sampled_from([PDF, PNG, JPEG]), st.binary(max_size=256), st.text(max_size=20))
def test_allowed_signatures_pass_whatever_follows(head: bytes, tail: bytes, name: str) -> None:
    result = sniff(head + tail, name)
    assert result.media_type in ALLOWED_MEDIA_TYPES
