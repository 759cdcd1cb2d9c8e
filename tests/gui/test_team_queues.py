"""Review & sign-off (#20): the queues of what waits for me, and the sign-off typed and
clicked in its dialog, on a real database; working alone one holds every role."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from factories import make_application
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.reason_dialog import ReasonDialog
from licenseapp.store.models import StatusEvent

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")
WAIT = 20_000
SHOTS = Path("/tmp/shots/team")


def shot(widget: QWidget, name: str) -> None:
    if os.environ.get("LICENSEAPP_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def test_the_queues_show_what_waits_and_a_sign_off_is_recorded(
        qtbot, window: MainWindow, db, db_url: str) -> None:  # type: ignore[no-untyped-def]
    make_application(db, "LA-2026-0001", status="internal_review")
    make_application(db, "LA-2026-0002", status="ready", given="Olena", family="Kovalenko",
                     native="Олена Коваленко", citizenship="UA")
    window.open_database(db_url)
    assert window.navigator.go("Review & sign-off")
    page = window.team_queues
    qtbot.waitUntil(lambda: page.review.model.rowCount() == 1, timeout=WAIT)
    assert page.review.model.record_at(0).ref == "LA-2026-0001"
    assert page.sign.model.rowCount() == 1
    assert page.sign.model.record_at(0).person == "Olena Kovalenko"
    assert "Signed in as tester" in page.who.text()
    assert page.review.title() == "Waiting for my review (1)"
    # Each list's columns fitted to what they show, a column a turn: as Qt's own fit
    qtbot.waitUntil(lambda: page.review.fitter.done and page.sign.fitter.done, timeout=WAIT)
    table = page.sign.table
    fitted = [table.columnWidth(c) for c in range(table.model().columnCount() - 1)]
    for column in range(len(fitted)):
        table.resizeColumnToContents(column)
    assert fitted == [min(table.columnWidth(c), 280) for c in range(len(fitted))]
    shot(window, "queues")

    QTest.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.sign_off_dialog is not None, timeout=WAIT)
    dialog = page.sign_off_dialog
    assert isinstance(dialog, ReasonDialog)
    QTest.keyClicks(dialog.reason_edit, "Checked against SNAP-R")
    shot(dialog, "sign_off_dialog")
    QTest.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "signed off by tester" in page.outcome.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.sign.model.rowCount() == 0, timeout=WAIT)
    assert "Nothing waits for you here." in page.sign.empty.text()
    shot(window, "queues_after_sign_off")
    with db.reading() as s:
        signed = s.query(StatusEvent).filter_by(kind="sign_off").one()
        assert signed.actor == "tester" and signed.note == "Checked against SNAP-R"
        assert len(signed.reference) == 64
    QApplication.processEvents()
