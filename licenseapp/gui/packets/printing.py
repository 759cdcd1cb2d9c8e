"""Print a PDF onto a configured ``QPrinter``: each page rendered to an image, then painted.

Runs off the GUI thread (Qt allows painting on a ``QPrinter`` in a worker thread): the
function opens its own ``QPdfDocument`` from the bytes, so nothing is shared with the
preview on screen. A ``QPrinter`` set to ``PdfFormat`` with an output file name prints
to a PDF file, which is how the tests check it.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from licenseapp.errors import LicenseAppError

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


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print the pages of ``pdf`` the printer is set to print; returns how many were printed.

    Each page is scaled to fit the printable area, keeping its proportions, and centred.
    """
    document, _buffer = _open(pdf)  # the buffer must outlive the document's reading
    pages = pages_to_print(printer, document.pageCount())
    if not pages:
        raise LicenseAppError(
            f"Nothing to print: the document has {document.pageCount()} pages and none of "
            "them is in the range chosen"
        )
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

