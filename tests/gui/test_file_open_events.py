"""A database the desktop hands to the running program (macOS Finder "Open With": a
QFileOpenEvent) opens in the main window (issue #21)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from licenseapp.gui.file_open_events import install

from .test_main_window import wait_loaded


def test_a_file_open_request_opens_that_database(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.store.database import open_database

    from .conftest import add_sample_applications

    handed = tmp_path / "handed.db"
    database = open_database(str(handed))
    add_sample_applications(database)
    database.dispose()
    app = QApplication.instance()
    forwarder = install(app, window)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(handed))))
        wait_loaded(qtbot, window)
        qtbot.waitUntil(lambda: window.windowTitle().startswith("handed.db"))
        assert window.applications.proxy.rowCount() == 6
    finally:
        app.removeEventFilter(forwarder)
