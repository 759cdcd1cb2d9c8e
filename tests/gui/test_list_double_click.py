"""Double-clicking an application in the list opens it: a draft in the wizard, anything
already past drafting as its packet preview."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from licenseapp.gui.applications.model import REF_ROLE
from licenseapp.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, runner, sample_db_url) -> Iterator[MainWindow]:
    errors: list[BaseException] = []
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_database(sample_db_url)
    qtbot.waitUntil(lambda: win.applications.is_loaded
                    and win.applications.proxy.rowCount() > 0)
    yield win
    if win.drafting.wizard is not None:
        win.drafting.wizard.reject()
    win.close()
    assert errors == []


def double_click(window: MainWindow, ref: str) -> None:
    apps = window.applications
    proxy = apps.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(REF_ROLE) == ref)
    table = apps.table
    table.scrollTo(proxy.index(row, 0))
    point = table.visualRect(proxy.index(row, 1)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_double_clicking_a_draft_opens_it_in_the_wizard(qtbot, window) -> None:
    double_click(window, "LA-2026-0001")  # a draft
    qtbot.waitUntil(lambda: window.drafting.wizard is not None
                    and window.drafting.wizard.isVisible(), timeout=20_000)
    wizard = window.drafting.wizard
    assert wizard.saved is not None and wizard.saved.ref == "LA-2026-0001"
    assert window.packets.preview_dialog is None


def test_double_clicking_a_filed_application_previews_its_packet(qtbot, window) -> None:
    double_click(window, "LA-2026-0002")  # submitted
    qtbot.waitUntil(lambda: window.packets.preview_dialog is not None, timeout=10_000)
    dialog = window.packets.preview_dialog
    assert dialog.ref == "LA-2026-0002"
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        pass
    dialog.close()
    assert window.drafting.wizard is None
