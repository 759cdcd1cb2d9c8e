"""Print to PDF writes the packet itself, not a picture of each page (#18 point 7).

Painting page images into the printer's PDF made a 62 KB packet 6.1 MB with no text to
select; the printed file now holds the packet's own pages.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from licenseapp.gui.packets.preview_dialog import PacketPreviewDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

REF = "LA-2026-0002"  # submitted, two items: a packet of several pages


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _loaded(qtbot, runner, db) -> PacketPreviewDialog:
    dialog = PacketPreviewDialog(runner, db, REF, folder="")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.packet is not None, timeout=30_000)
    return dialog


def _pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as the print dialog makes it
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _print(qtbot, runner, db, target: Path, pages: tuple[int, int] | None = None  # type: ignore[no-untyped-def]
           ) -> tuple[bytes, bytes, int]:
    """Print the sample packet to the PDF file ``target`` as the print dialog leaves the
    printer (``pages``: from, to); returns the packet, the file written and the pages sent."""
    dialog = _loaded(qtbot, runner, db)
    packet = dialog.output.pdf
    assert packet is not None
    printer = _pdf_printer(target)
    if pages is not None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(*pages)
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        dialog.print_to(printer)
    return packet, target.read_bytes(), int(printed.args[0])


def test_printing_every_page_to_pdf_writes_the_packet_byte_for_byte(
    qtbot, runner, db, sample_db_url: str, tmp_path: Path
) -> None:
    packet, printed, _sent = _print(qtbot, runner, db, tmp_path / "printed.pdf")
    assert len(printed) <= len(packet)  # was 70 times the packet: one image per page
    assert printed == packet
    assert REF in _text(printed)


def test_printing_some_pages_to_pdf_keeps_them_as_text_and_small(
    qtbot, runner, db, sample_db_url: str, tmp_path: Path
) -> None:
    packet, pages, sent = _print(qtbot, runner, db, tmp_path / "two.pdf", (1, 2))
    assert sent == 2
    assert len(PdfReader(io.BytesIO(pages)).pages) == 2
    assert len(pages) <= len(packet)
    first = PdfReader(io.BytesIO(packet)).pages[0].extract_text()
    assert PdfReader(io.BytesIO(pages)).pages[0].extract_text() == first
