"""What a supporting document really is, from its bytes (never from its name).

Only PDF, PNG and JPEG are accepted: they are what BIS and DDTC take as scans, and the
packet renderer can print them. Anything else is refused with a message naming the file and,
when recognisable, what it really is. A name whose extension disagrees with the content is
accepted by content, and the result says so, so the caller can warn.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
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
    #: Why the file is unsafe (active content, a polyglot, a deceptive name): each blocks the
    #: packet until a person reviews the file and accepts it.
    hazards: tuple[str, ...] = ()


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
    file_name = display_name(file_name)  # a message stays one visible line
    warnings = []
    if b"%%EOF" not in content[-_EOF_WINDOW:]:
        warnings.append(f"{file_name}: the PDF has no end-of-file marker; it may be "
                        "truncated or damaged — open it and check every page is there")
    if b"/Encrypt" in content:
        warnings.append(f"{file_name}: the PDF is encrypted or password-protected; the "
                        "regulator may not be able to open it — save an unprotected copy")
    return warnings


#: PDF names that make a document active, and what each means to a reader.
_ACTIVE_NAMES: dict[str, str] = {
    "JS": "JavaScript", "JavaScript": "JavaScript",
    "Launch": "a launch action (it can start a program)",
    "EmbeddedFile": "an embedded file", "EmbeddedFiles": "an embedded file",
    "AA": "additional actions (run on opening pages or fields)",
    "RichMedia": "rich media (Flash or video)", "XFA": "an XFA form (scriptable)",
}
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
#: How much decompressed stream data is scanned at most (object streams hide names).
_INFLATE_BUDGET = 64 * 1024 * 1024
#: A ZIP local-file header (with a plausible version) or end-of-central-directory record.
_ZIP = re.compile(rb"PK\x03\x04[\x00-\x3f]\x00|PK\x05\x06\x00\x00\x00\x00")
_TRAILING_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    *_REFUSED_SIGNATURES, (b"%PDF-", "a second PDF"), (_PNG_SIGNATURE, "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"<html", "an HTML page"),
    (b"<!doctype", "an HTML page"), (b"<script", "a script"), (b"#!", "a script"),
)
#: Characters that are invisible or reorder text: controls and bidi overrides/isolates.
_DECEPTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2069\ufeff]")


def display_name(file_name: str) -> str:
    """``file_name`` safe to show: each control or bidi character replaced by a visible marker
    such as ``[U+202E]``, so ``invoice\u202efdp.exe`` cannot pass for ``invoiceexe.pdf``."""
    return _DECEPTIVE.sub(lambda m: f"[U+{ord(m.group()):04X}]", file_name)


def _inflated(content: bytes) -> list[bytes]:
    """The decompressed data of the Flate streams in ``content``, within a total budget."""
    found: list[bytes] = []
    budget = _INFLATE_BUDGET
    view = memoryview(content)
    for match in _STREAM.finditer(content):
        if budget <= 0:
            break
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(view[match.end():], budget)
        except zlib.error:
            continue
        budget -= len(data)
        found.append(data)
    return found


def _active_content(data: bytes) -> set[str]:
    found = set()
    for match in _NAME.finditer(data):
        raw = match.group(1)
        name = _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw) if b"#" in raw else raw
        label = _ACTIVE_NAMES.get(name.decode("latin-1"))
        if label:
            found.add(label)
    if b"/OpenAction" in data and b"/JS" in data:
        found.add("JavaScript run on opening (/OpenAction)")
    return found


def pdf_hazards(content: bytes) -> list[str]:
    """Why the PDF ``content`` is unsafe to pass on unread: active content (JavaScript,
    launch actions, embedded files, additional actions, rich media, XFA) found in its raw
    bytes or its decompressed streams, or another file hidden in it (a polyglot)."""
    found = _active_content(content)
    for data in _inflated(content):
        found |= _active_content(data)
    hazards = [f"the PDF contains {label}" for label in sorted(found)]
    if _ZIP.search(content):
        hazards.append("the PDF also holds a ZIP archive (a PDF+ZIP polyglot)")
    end = content.rfind(b"%%EOF")
    if end >= 0:
        tail = content[end + 5:].lstrip(b"\x00\t\n\x0c\r ")
        for signature, label in _TRAILING_SIGNATURES:
            if tail[:len(signature)].lower() == signature.lower():
                hazards.append(f"{label} is appended after the PDF's end (a polyglot)")
                break
    return hazards


def name_hazards(file_name: str) -> list[str]:
    """Why ``file_name`` may deceive: a control or bidi character (e.g. a right-to-left
    override that makes ``exe.pdf`` read as ``fdp.exe``)."""
    chars = sorted({c for c in file_name if _DECEPTIVE.match(c)})
    if not chars:
        return []
    names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'control character').lower()}"
                      for c in chars)
    return [f"the file name holds invisible or reordering characters ({names}) that "
            f"can disguise what it is; shown as {display_name(file_name)}"]


def too_big(file_name: str, size: int) -> None:
    """Refuse a file of ``size`` bytes over :data:`MAX_ATTACHMENT_BYTES` in one sentence."""
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "file", f"{display_name(file_name)} is {_megabytes(size)} ({size} bytes); the limit is "
            f"{_megabytes(MAX_ATTACHMENT_BYTES)} — scan it at a lower resolution or split it")


def sniff(content: bytes, file_name: str) -> SniffResult:
    """Accept ``content`` as a PDF, PNG or JPEG, or raise :class:`ValidationError`."""
    size = len(content)
    shown = display_name(file_name)  # control characters as markers: one visible line
    if size == 0:
        raise ValidationError("file", f"{shown} is empty (0 bytes)")
    too_big(file_name, size)
    media_type = detect(content)
    if media_type is None:
        raise ValidationError(
            "file", f"{shown} is {_what_it_is(content)}; attach a PDF, PNG or JPEG")
    warnings: list[str] = []
    extension = _extension(file_name)
    mismatch = extension not in _EXTENSIONS[media_type]
    if mismatch:
        named = f"named {extension}" if extension else "has no extension"
        warnings.append(f"{shown} {named} but is really {_LABELS[media_type]}; "
                        f"it is stored as {media_type}")
    hazards = name_hazards(file_name)
    if media_type == PDF:
        warnings.extend(_pdf_warnings(content, file_name))
        hazards.extend(pdf_hazards(content))
    return SniffResult(media_type, size, mismatch, tuple(warnings), tuple(hazards))
