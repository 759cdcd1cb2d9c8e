"""Recording the order for a directive that already exists, from the impact view (#14): the
received date, time and zone and the deadline typed in; the clock then shows the order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from licenseapp.demo.dataset import generate_demo
from licenseapp.services.directive.orders import list_orders
from licenseapp.store.database import Database

from .test_authorization_impact import DIRECTIVE, FakePrompts, open_dialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db)
    return db


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


def _type(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def _form(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.order_button, Qt.MouseButton.LeftButton)
    form = dialog.operations.order_dialog
    assert form is not None and form.isVisible()
    return form


def test_an_order_typed_in_for_an_existing_directive_starts_its_clock(
        qtbot, runner, demo, prompts) -> None:
    dialog = open_dialog(qtbot, runner, demo, prompts)
    assert not dialog.clock.isVisible()  # no order yet
    form = _form(qtbot, dialog)
    _type(qtbot, form.order_fields.received_date, "2026-11-27")
    _type(qtbot, form.order_fields.received_time, "09:30")
    _type(qtbot, form.order_fields.zone_combo.lineEdit(), "America/New_York")
    _type(qtbot, form.order_fields.deadline_spin.lineEdit(), "120")
    qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.clock.order is not None and dialog.clock.isVisible(),
                    timeout=20_000)
    (order,) = list_orders(demo, DIRECTIVE)
    assert order.received_at == datetime(2026, 11, 27, 14, 30, tzinfo=UTC)
    assert (order.zone, order.deadline_minutes) == ("America/New_York", 120)
    assert "2026-11-27 09:30 EST" in dialog.clock.order_label.text()
    assert "120 minutes" in dialog.clock.order_label.text()
    qtbot.waitUntil(lambda: "accesses suspended" in dialog.clock.countdown.text()
                    or "suspended" in dialog.clock.countdown.text(), timeout=20_000)


def test_a_time_that_is_not_a_time_of_day_is_refused_and_nothing_is_recorded(
        qtbot, runner, demo, prompts) -> None:
    dialog = open_dialog(qtbot, runner, demo, prompts)
    form = _form(qtbot, dialog)
    _type(qtbot, form.order_fields.received_date, "2026-11-27")
    _type(qtbot, form.order_fields.received_time, "25:10")
    qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.error_label.isVisible, timeout=20_000)
    assert "is not a time of day" in form.error_label.text()
    assert form.isVisible() and list_orders(demo, DIRECTIVE) == ()
