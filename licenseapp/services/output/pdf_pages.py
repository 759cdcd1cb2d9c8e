"""A PDF "printed" to a PDF file: the document's own bytes, or only the pages chosen.

Printing a packet through ``QPrinter``'s PDF output paints every page as an image (a
62 KB packet became 6.1 MB, its text no longer selectable or searchable). Printing to a
file writes the original instead: the same bytes when every page is chosen, else those
pages copied as they are (pypdf), fonts and text intact.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.store.database import Database


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` holds; a document that cannot be read is said plainly."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(pdf)).pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise LicenseAppError("The document could not be read for printing") from exc


def pages_of(pdf: bytes, pages: Sequence[int]) -> bytes:
    """``pdf`` holding only ``pages`` (0-based, in that order); the same bytes when that is
    every page in order."""
    if list(pages) == list(range(page_count(pdf))):
        return pdf
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in pages:
        writer.add_page(reader.pages[page])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_pages(pdf: bytes, pages: Sequence[int], path: Path, *,
                database: Database | None = None) -> Path:
    """Write ``pages`` of ``pdf`` to ``path`` whole or not at all (never over the open
    ``database``); the print dialog has already asked before replacing a file."""
    from licenseapp.services.output.packet_files import write_file_atomically

    return write_file_atomically(path, pages_of(pdf, pages), database=database, replace=True)
