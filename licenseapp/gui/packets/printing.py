"""Print a PDF onto a configured ``QPrinter``.

A real printer gets each page rendered to an image, then painted. "Print to PDF" (a
``QPrinter`` in ``PdfFormat`` with an output file name) gets the document itself, or the
pages chosen copied as they are: painting images into a PDF made a 62 KB packet 6.1 MB
with no selectable text.

Runs off the GUI thread (Qt allows painting on a ``QPrinter`` in a worker thread): the
function opens its own ``QPdfDocument`` from the bytes, so nothing is shared with the
preview on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from licenseapp.errors import LicenseAppError
from licenseapp.services.output.pdf_pages import page_count, write_pages

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: Pages are rendered at the printer's resolution, but never finer than this (an A4 page
#: at 1200 dpi would be a 500 MB image).
MAX_RENDER_DPI = 300


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages the user chose in the print dialog (all when none were chosen)."""
    ranges = printer.pageRanges()
    if printer.printRange() != QPrinter.PrintRange.PageRange or ranges.isEmpty():
        return list(range(page_count))
    return [n - 1 for n in range(1, page_count + 1) if ranges.contains(n)]


def _open(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise LicenseAppError("The document could not be read for printing")
    return document, buffer


def _where(printer: QPrinter) -> str:
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName() or "the PDF file"
    return printer.printerName() or "the printer"


def _nothing_to_print(count: int) -> LicenseAppError:
    return LicenseAppError(
        f"Nothing to print: the document has {count} pages and none of them is in the "
        "range chosen")


def print_pdf(pdf: bytes, printer: QPrinter, *, database: Database | None = None) -> int:
    """Print the pages of ``pdf`` the printer is set to print; returns how many were printed.

    To a PDF file, the pages are written as they are (never over the open ``database``). On
    a printer, each page is scaled to fit the printable area, keeping its proportions, and
    centred.
    """
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        count = page_count(pdf)
        chosen = pages_to_print(printer, count)
        if not chosen:
            raise _nothing_to_print(count)
        write_pages(pdf, chosen, Path(printer.outputFileName()), database=database)
        return len(chosen)
    document, _buffer = _open(pdf)  # the buffer must outlive the document's reading
    pages = pages_to_print(printer, document.pageCount())
    if not pages:
        raise _nothing_to_print(document.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise LicenseAppError(f"Cannot print to {_where(printer)}: the printer did not start")
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for n, page in enumerate(pages):
            if n and not printer.newPage():
                raise LicenseAppError(f"Printing to {_where(printer)} stopped at page {page + 1}")
            _paint_page(painter, document, page, dpi)
    finally:
        painter.end()
    return len(pages)


def _paint_page(painter: QPainter, document: QPdfDocument, page: int, dpi: int) -> None:
    points = document.pagePointSize(page)
    image = document.render(
        page, QSize(max(1, round(points.width() * dpi / 72)),
                    max(1, round(points.height() * dpi / 72)))
    )
    area = painter.viewport()
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRect(area.x() + (area.width() - size.width()) // 2,
                   area.y() + (area.height() - size.height()) // 2,
                   size.width(), size.height())
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)

