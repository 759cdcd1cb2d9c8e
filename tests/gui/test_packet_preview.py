"""Preview packet…: the packet shown page by page, saved byte for byte, printed, or refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from licenseapp.gui.packets.preview_dialog import PacketPreviewDialog
from licenseapp.services.output.packets import build_packet

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

REF = "LA-2026-0002"  # submitted, two items: a packet of several pages


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def samples(db, sample_db_url: str):
    """The open database, holding the six sample applications."""
    return db


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _preview(qtbot, runner, db, ref: str = REF) -> PacketPreviewDialog:
    dialog = PacketPreviewDialog(runner, db, ref, folder="")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _loaded(qtbot, runner, db, ref: str = REF) -> PacketPreviewDialog:
    dialog = _preview(qtbot, runner, db, ref)
    qtbot.waitUntil(lambda: dialog.packet is not None, timeout=30_000)
    return dialog


def test_the_preview_shows_every_page_of_the_packet(qtbot, runner, samples) -> None:
    expected = _pages(build_packet(samples, REF))
    assert expected > 1
    dialog = PacketPreviewDialog(runner, samples, REF)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.busy_label.text() == f"Building packet for {REF}…"
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=30_000) as loaded:
        pass
    assert loaded.args == [expected]
    viewer = dialog.viewer
    assert dialog.stack.currentWidget() is viewer
    assert viewer.document.pageCount() == expected
    assert viewer.view.pageMode() == QPdfView.PageMode.MultiPage
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert viewer.page_text() == f"Page 1 of {expected}"
    assert f"{expected} pages" in dialog.heading.text()
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()


def test_page_indicator_and_zoom(qtbot, runner, samples) -> None:
    dialog = _loaded(qtbot, runner, samples)
    viewer = dialog.viewer
    last = viewer.page_count
    viewer.page_spin.setValue(last)
    qtbot.waitUntil(lambda: viewer.current_page == last - 1)
    assert viewer.page_text() == f"Page {last} of {last}"
    bar = viewer.view.verticalScrollBar()
    bar.setValue(bar.minimum())  # scrolling back to the top: the indicator follows
    qtbot.waitUntil(lambda: viewer.page_text() == f"Page 1 of {last}")

    fitted = viewer.zoom
    viewer.zoom_in_action.trigger()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert viewer.zoom == pytest.approx(fitted * 1.25)
    assert viewer.zoom_label.text() == f"{fitted * 1.25:.0%}"
    viewer.zoom_out_action.trigger()
    viewer.zoom_out_action.trigger()
    assert viewer.zoom == pytest.approx(fitted / 1.25)
    assert not viewer.fit_width_action.isChecked()
    viewer.fit_width_action.trigger()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert viewer.fit_width_action.isChecked()


def test_save_as_writes_the_packet_byte_for_byte(qtbot, runner, samples, tmp_path) -> None:
    dialog = _loaded(qtbot, runner, samples)
    target = tmp_path / "out" / f"{REF}-packet.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(dialog.saved, timeout=30_000) as saved:
        dialog.save_to(str(target))
    assert saved.args == [str(target)]
    assert target.read_bytes() == build_packet(samples, REF)
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp file
    assert str(target) in dialog.status_label.text()


def test_save_as_proposes_the_ref_as_file_name(qtbot, runner, samples, tmp_path) -> None:
    dialog = _loaded(qtbot, runner, samples)
    dialog.folder = str(tmp_path)
    dialog.save_button.click()
    file_dialog = dialog.file_dialog
    assert file_dialog is not None
    assert Path(file_dialog.selectedFiles()[0]) == tmp_path / f"{REF}-packet.pdf"
    assert file_dialog.defaultSuffix() == "pdf"
    file_dialog.reject()
    qtbot.waitUntil(lambda: dialog.file_dialog is None)
    assert dialog.save_button.isEnabled()


def test_a_save_that_cannot_be_written_names_the_path(qtbot, runner, samples, tmp_path) -> None:
    dialog = _loaded(qtbot, runner, samples)
    (tmp_path / "out").mkdir()
    blocker = tmp_path / "out" / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    target = blocker / f"{REF}-packet.pdf"
    with qtbot.waitSignal(dialog.saveFailed, timeout=30_000) as failed:
        dialog.save_to(str(target))
    assert str(target) in failed.args[0]
    box = dialog.message_box
    assert box is not None and box.isVisible()
    assert str(target) in box.text()
    assert "Traceback" not in box.text()
    assert sorted(p.name for p in blocker.parent.iterdir()) == ["not-a-folder"]
    assert dialog.save_button.isEnabled()  # the user can choose another place
    box.accept()


def test_print_to_a_pdf_file_prints_every_page(qtbot, runner, samples, tmp_path) -> None:
    dialog = _loaded(qtbot, runner, samples)
    expected = dialog.viewer.page_count
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        dialog.print_to(printer)
    assert printed.args == [expected]
    assert _pages(target.read_bytes()) == expected
    assert dialog.print_button.isEnabled()
    assert f"Sent {expected} pages to {target}" in dialog.status_label.text()


def test_print_honours_the_page_range_chosen(qtbot, runner, samples, tmp_path) -> None:
    dialog = _loaded(qtbot, runner, samples)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "two.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)  # as the print dialog leaves it for "pages 2-3"
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        dialog.print_to(printer)
    assert printed.args == [2]
    assert _pages((tmp_path / "two.pdf").read_bytes()) == 2


def test_print_offers_the_system_dialog_with_the_page_range(qtbot, runner, samples) -> None:
    dialog = _loaded(qtbot, runner, samples)
    dialog.print_button.click()
    print_dialog = dialog.print_dialog
    assert print_dialog is not None
    assert (print_dialog.minPage(), print_dialog.maxPage()) == (1, dialog.viewer.page_count)
    print_dialog.reject()
    assert not print_dialog.isVisible()
    assert dialog.print_button.isEnabled()


def test_an_application_not_found_is_said_plainly(qtbot, runner, samples) -> None:
    dialog = _preview(qtbot, runner, samples, "LA-2026-0999")
    qtbot.waitUntil(lambda: dialog.retry_button.isVisible(), timeout=30_000)
    text = dialog.busy_label.text()
    assert text.startswith("The packet for LA-2026-0999 could not be built.")
    assert "LA-2026-0999" in text and "No application" in text
    assert "Traceback" not in text
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()


def test_a_database_failure_is_said_plainly_and_can_be_retried(
    qtbot, runner, samples, monkeypatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from licenseapp.services.output import packets

    real = packets.build_packet

    def gone(db, ref):
        raise OperationalError("SELECT", {}, Exception("unable to open database file"))

    monkeypatch.setattr(packets, "build_packet", gone)
    dialog = _preview(qtbot, runner, samples)
    with qtbot.waitSignal(dialog.loadFailed, timeout=30_000) as failed:
        pass
    assert "database file cannot be opened" in failed.args[0]
    assert "SELECT" not in failed.args[0]
    monkeypatch.setattr(packets, "build_packet", real)
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        dialog.retry_button.click()
    assert dialog.save_button.isEnabled()


def test_the_window_previews_the_selected_application(qtbot, window, sample_db_url) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() > 0)
    action = window.packets.preview_action
    assert action.shortcut().toString() == "Ctrl+P"
    menu_texts = [a.text() for menu_action in window.menuBar().actions() if menu_action.menu()
                  for a in menu_action.menu().actions()]
    assert "Pre&view packet…" in menu_texts
    assert "Save packets for se&lection…" in menu_texts
    assert not action.isEnabled()
    window.show_application(REF)
    qtbot.waitUntil(action.isEnabled)
    action.trigger()
    dialog = window.packets.preview_dialog
    assert dialog is not None and dialog.ref == REF
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        pass
    assert dialog.isVisible()
    dialog.close()
    window.applications.table.clearSelection()
    qtbot.waitUntil(lambda: not action.isEnabled())
