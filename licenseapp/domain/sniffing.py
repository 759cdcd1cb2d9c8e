"""What a supporting document really is, from its bytes (never from its name).

Only PDF, PNG and JPEG are accepted: they are what BIS and DDTC take as scans, and the
packet renderer can print them. Anything else is refused with a message naming the file and,
when recognisable, what it really is. A name whose extension disagrees with the content is
accepted by content, and the result says so, so the caller can warn.
"""

from __future__ import annotations

from dataclasses import dataclass

from licenseapp.errors import ValidationError

#: The largest supporting document accepted (20 MB).
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
ALLOWED_MEDIA_TYPES = frozenset({PDF, PNG, JPEG})

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_EXTENSIONS: dict[str, frozenset[str]] = {
    PDF: frozenset({".pdf"}),
    PNG: frozenset({".png"}),
    JPEG: frozenset({".jpg", ".jpeg", ".jpe", ".jfif"}),
}
_LABELS = {PDF: "a PDF", PNG: "a PNG image", JPEG: "a JPEG image"}
#: How far from the end of a PDF its ``%%EOF`` marker may sit (trailing junk is common).
_EOF_WINDOW = 1024

#: Recognisable but refused formats: (signature at offset 0, what it is).
_REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel DOCX/XLSX file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Microsoft Office document (DOC/XLS)"),
    (b"MZ", "a Windows program (EXE/DLL)"),
    (b"\x7fELF", "a Linux program (ELF)"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)


@dataclass(frozen=True)
class SniffResult:
    """An accepted document: its real media type and anything worth warning about."""

    media_type: str
    size: int
    extension_mismatch: bool = False
    warnings: tuple[str, ...] = ()


def _extension(file_name: str) -> str:
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base.strip("."):
        return ""
    return "." + base.rsplit(".", 1)[-1].lower()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _what_it_is(content: bytes) -> str:
    """What a refused file appears to be, or a generic description."""
    for signature, label in _REFUSED_SIGNATURES:
        if content.startswith(signature):
            return label
    if content[4:8] == b"ftyp":
        return "a HEIC/MP4 file"
    if content.startswith(b"RIFF") and content[8:12] == b"WEBP":
        return "a WebP image"
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page"
    if head.startswith(b"<?xml") or head.startswith(b"<svg"):
        return "an XML or SVG file"
    try:
        content[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "not a PDF, PNG or JPEG file"
    return "a plain-text file"


def detect(content: bytes) -> str | None:
    """The media type of ``content`` if it is an accepted kind, else ``None``."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(_PNG_SIGNATURE):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def _pdf_warnings(content: bytes, file_name: str) -> list[str]:
    warnings = []
    if b"%%EOF" not in content[-_EOF_WINDOW:]:
        warnings.append(f"{file_name}: the PDF has no end-of-file marker; it may be "
                        "truncated or damaged — open it and check every page is there")
    if b"/Encrypt" in content:
        warnings.append(f"{file_name}: the PDF is encrypted or password-protected; the "
                        "regulator may not be able to open it — save an unprotected copy")
    return warnings


def too_big(file_name: str, size: int) -> None:
    """Refuse a file of ``size`` bytes over :data:`MAX_ATTACHMENT_BYTES` in one sentence."""
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "file", f"{file_name} is {_megabytes(size)} ({size} bytes); the limit is "
            f"{_megabytes(MAX_ATTACHMENT_BYTES)} — scan it at a lower resolution or split it")


def sniff(content: bytes, file_name: str) -> SniffResult:
    """Accept ``content`` as a PDF, PNG or JPEG, or raise :class:`ValidationError`."""
    size = len(content)
    if size == 0:
        raise ValidationError("file", f"{file_name} is empty (0 bytes)")
    too_big(file_name, size)
    media_type = detect(content)
    if media_type is None:
        raise ValidationError(
            "file", f"{file_name} is {_what_it_is(content)}; attach a PDF, PNG or JPEG")
    warnings: list[str] = []
    extension = _extension(file_name)
    mismatch = extension not in _EXTENSIONS[media_type]
    if mismatch:
        named = f"named {extension}" if extension else "has no extension"
        warnings.append(f"{file_name} {named} but is really {_LABELS[media_type]}; "
                        f"it is stored as {media_type}")
    if media_type == PDF:
        warnings.extend(_pdf_warnings(content, file_name))
    return SniffResult(media_type, size, mismatch, tuple(warnings))
