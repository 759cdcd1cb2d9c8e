"""The country chooser typed into as a user does: the list under it is ranked for what is
typed, and Down + Enter takes the best entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from licenseapp.gui.country_chooser import CountryCombo

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


@pytest.fixture
def combo(qtbot) -> CountryCombo:  # type: ignore[no-untyped-def]
    widget = CountryCombo()
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.lineEdit().setFocus()
    return widget


def popup(combo: CountryCombo) -> QAbstractItemView:
    view = combo.chooser.popup()
    assert view is not None
    return view


def listed(combo: CountryCombo, count: int) -> list[str]:
    view = popup(combo)
    return [view.model().index(n, 0).data() for n in range(count)]


@pytest.mark.parametrize(("typed", "code", "text"), [
    ("United States", "US", "US — United States"),
    ("CA", "CA", "CA — Canada"),
    ("UK", "GB", "GB — United Kingdom"),
    ("Britain", "GB", "GB — United Kingdom"),
    ("America", "US", "US — United States"),
    ("South Korea", "KR", "KR — South Korea"),
    ("russia", "RU", "RU — Russian Federation"),
])
def test_down_and_enter_take_the_best_match(qtbot, combo, typed, code, text) -> None:
    line = combo.lineEdit()
    qtbot.keyClicks(line, typed)
    qtbot.waitUntil(popup(combo).isVisible)
    assert not popup(combo).currentIndex().isValid()  # nothing picked before Down
    qtbot.keyClick(popup(combo), Qt.Key.Key_Down)
    qtbot.keyClick(popup(combo), Qt.Key.Key_Return)
    assert not popup(combo).isVisible()
    assert combo.code() == code and combo.currentText() == text


def test_typing_us_lists_the_united_states_first(qtbot, combo) -> None:
    qtbot.keyClicks(combo.lineEdit(), "US")
    qtbot.waitUntil(popup(combo).isVisible)
    first = listed(combo, 3)
    assert first[0] == "US — United States"
    assert "AT — Austria" not in first[:1]


def test_a_common_name_typed_without_picking_is_understood(qtbot, combo) -> None:
    qtbot.keyClicks(combo.lineEdit(), "USA")
    qtbot.keyClick(popup(combo), Qt.Key.Key_Escape)
    assert combo.code() == "US"
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "Atlantis")  # no country: kept, for the check to say
    assert combo.code() == "Atlantis"
