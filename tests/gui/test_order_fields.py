"""The "order received" fields, one widget in Rules › New directive… and Record the order…:
what is typed into the date, time, zone and deadline is what the dialogs read, and the
"Order received" mnemonic lands in the date."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLabel

from licenseapp.gui.authorization.new_directive_dialog import NewDirectiveDialog
from licenseapp.gui.authorization.order_fields import OrderFields, local_zone
from licenseapp.gui.authorization.record_order_dialog import RecordOrderDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NOW = datetime(2026, 12, 7, 8, 5, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.fixture
def fields(qtbot):  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    order = OrderFields(now=NOW)
    order.add_rows(form)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, order


def _retype(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)


def test_filled_with_now_in_this_zone_and_90_minutes(fields) -> None:  # type: ignore[no-untyped-def]
    _, order = fields
    assert order.received_day() == date(2026, 12, 7)
    assert order.received_time_text() == "08:05"
    assert order.zone() == local_zone(NOW) == "Asia/Tokyo"
    assert order.deadline_minutes() == 90


def test_what_is_typed_is_what_is_read(fields) -> None:  # type: ignore[no-untyped-def]
    _, order = fields
    _retype(order.received_date, "2026-11-27")
    _retype(order.received_time, " 09:30 ")
    _retype(order.zone_combo.lineEdit(), "Europe/Berlin")
    _retype(order.deadline_spin.lineEdit(), "120")
    assert order.received_day() == date(2026, 11, 27)
    assert order.received_time_text() == "09:30"
    assert order.zone() == "Europe/Berlin"
    assert order.deadline_minutes() == 120


def test_an_unreadable_date_reads_as_none(fields) -> None:  # type: ignore[no-untyped-def]
    _, order = fields
    _retype(order.received_date, "27/13/2026")
    assert order.received_day() is None


def test_the_row_labels_mnemonics_reach_the_date_and_the_deadline(  # type: ignore[no-untyped-def]
        qtbot, fields) -> None:
    dialog, order = fields
    labels = {label.text(): label for label in dialog.findChildren(QLabel)}
    assert labels["Order &received:"].buddy() is order.received_date
    assert labels["&Deadline:"].buddy() is order.deadline_spin
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    order.deadline_spin.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is order.received_date
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is order.deadline_spin


def test_both_dialogs_use_the_one_widget(qtbot, runner, db) -> None:  # type: ignore[no-untyped-def]
    new = NewDirectiveDialog(runner, db)
    record = RecordOrderDialog(runner, db, "ai-access-directive-2026", "the directive")
    for dialog in (new, record):
        qtbot.addWidget(dialog)
        assert dialog.findChildren(OrderFields) == [dialog.order_fields]
    _retype(new.order_fields.received_date, "2026-11-27")
    _retype(new.order_fields.received_time, "09:30")
    _retype(new.order_fields.zone_combo.lineEdit(), "America/New_York")
    _retype(new.order_fields.deadline_spin.lineEdit(), "45")
    spec = new.fields()
    assert (spec["received"], spec["zone"], spec["deadline_minutes"]) == (
        "2026-11-27 09:30", "America/New_York", "45")
