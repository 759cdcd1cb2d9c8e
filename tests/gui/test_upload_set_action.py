"""Application › Save filing set for the portal…: the selected application's set written off
the GUI thread; a folder holding files is used only after the user agrees."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from licenseapp.gui.applications.model import ApplicationColumn
from licenseapp.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

REF = "LA-2026-0001"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _click_ref(qtbot, win: MainWindow, ref: str) -> None:
    proxy, table = win.applications.proxy, win.applications.table
    row = next(r for r in range(proxy.rowCount())
               if proxy.index(r, ApplicationColumn.REF).data() == ref)
    rect = table.visualRect(proxy.index(row, ApplicationColumn.STATUS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())


def test_the_menu_saves_the_filing_set_and_asks_before_replacing(
    qtbot, window, db, sample_db_url, tmp_path, monkeypatch
) -> None:
    import licenseapp.services.output.upload_set as upload_set

    threads: list[str] = []
    original = upload_set.write_upload_set

    def recording(*args, **kwargs):  # the real service, noting the thread it runs on
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(upload_set, "write_upload_set", recording)
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() > 0)
    saver = window.packets.upload_set
    assert saver.action in window.application_menu.actions()
    assert saver.action.text() == "Save filing set for the &portal…"
    _click_ref(qtbot, window, REF)
    assert saver.action.isEnabled() and REF in saver.action.statusTip()

    folder = tmp_path / "portal"
    with qtbot.waitSignal(saver.written, timeout=60_000) as done:
        saver.save_to(str(folder))
    result = done.args[0]
    assert threads and threads[0] != threading.main_thread().name  # off the GUI thread
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["files"]] == [f.name for f in result.files]
    for entry in manifest["files"]:
        assert hashlib.sha256((folder / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert "Filing set for LA-2026-0001 saved" in window.statusBar().currentMessage()

    sheet = folder / result.files[0].name
    sheet.write_bytes(b"edited by the user")
    saver.save_to(str(folder))  # not empty now: asks first
    qtbot.waitUntil(lambda: saver.question is not None)
    assert saver.question is not None
    saver.question.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: saver.question is None)
    assert sheet.read_bytes() == b"edited by the user"  # cancelled: nothing written

    saver.save_to(str(folder))
    qtbot.waitUntil(lambda: saver.question is not None)
    assert saver.question is not None
    with qtbot.waitSignal(saver.written, timeout=60_000):
        saver.question.button(QMessageBox.StandardButton.Yes).click()
    assert sheet.read_bytes().startswith(b"%PDF")
