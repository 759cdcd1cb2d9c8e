"""The wizard's person picker shows every name whole, in any script, each entry apart
(#18 point 7: Arabic and Devanagari names lost their second line to "…", and the entries ran
together)."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette, QTextLayout
from PySide6.QtWidgets import QApplication, QListWidget, QRadioButton, QWidget

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.gui.fonts import install_fonts
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.person_entries import PADDING
from licenseapp.gui.wizard.wizard import DraftWizard

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "OpenType support missing")


def _height(text: str, font: QFont, width: int) -> float:
    """How tall Qt lays ``text`` out (the fallback fonts it really uses measured)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        height += line.height()
    layout.endLayout()
    return height


@pytest.fixture
def picker(qtbot, qapp, db, runner):  # type: ignore[no-untyped-def]
    install_fonts(qapp)  # as the app starts: the shipped Arabic and Devanagari fonts
    generate_demo(db)
    wizard = DraftWizard(db, runner, today=DEMO_TODAY)
    qtbot.addWidget(wizard)
    wizard.resize(1280, 800)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.choices is not None)
    wizard.findChild(QRadioButton, "form_BIS-748P").click()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 1 and not wizard.busy)
    wizard.currentPage().organization.setCurrentIndex(1)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == 2 and not wizard.busy)
    page = wizard.currentPage()
    assert isinstance(page, ForeignNationalPage)
    yield page
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    if shiboken6.isValid(wizard):
        wizard.hide()


def _type(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, as a keyboard in its script sends it (QTest's keyClicks
    takes Latin-1 only)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def _text_bands(people: QListWidget, rect: QRect) -> int:
    """How many bands of text (rows with ink, between blank rows) the entry at ``rect``
    shows, its rule left out."""
    image = people.viewport().grab(rect.adjusted(0, 0, 0, -2)).toImage()
    bands, inked_before = 0, False
    for y in range(image.height()):
        inked = any(QColor(image.pixel(x, y)).lightness() < 110 for x in range(image.width()))
        bands += inked and not inked_before
        inked_before = inked
    return bands


def _shown(people: QListWidget) -> list[int]:
    return [i for i in range(people.count()) if not people.item(i).isHidden()]


def test_every_entry_is_tall_enough_for_both_lines_in_its_script(qtbot, picker) -> None:
    people = picker.people
    width = people.viewport().width() - 12
    scripts = set()
    for row in _shown(people):
        item = people.item(row)
        first, second = item.text().split("\n")
        scripts |= {ch for ch in first if "\u0600" <= ch <= "\u06ff" or "\u0900" <= ch <= "\u097f"}
        needed = _height(first, people.font(), width) + _height(second, people.font(), width)
        people.scrollToItem(item)
        rect = people.visualItemRect(item)
        assert rect.height() >= needed + 2 * PADDING, (first, rect.height(), needed)
        assert _text_bands(people, rect) >= 2, first  # both lines drawn, not one elided
    assert scripts  # the demo holds Arabic and Devanagari names


def test_entries_are_ruled_apart(qtbot, picker) -> None:
    people = picker.people
    image = people.viewport().grab().toImage()
    rule = people.palette().color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Mid)
    rows = _shown(people)[:5]
    bottoms = [people.visualItemRect(people.item(r)).bottom() for r in rows]
    tops = [people.visualItemRect(people.item(r)).top() for r in rows]
    assert all(b < t for b, t in zip(bottoms, tops[1:], strict=False))  # never overlap
    for bottom in bottoms:
        assert QColor(image.pixel(people.viewport().width() // 2, bottom)).name() == rule.name()


def test_a_devanagari_name_typed_finds_the_person_with_both_lines(qtbot, picker) -> None:
    _type(picker.search, "गुप्ता")
    (row,) = _shown(picker.people)
    item = picker.people.item(row)
    assert item.text().startswith("Anjali Gupta")
    rect = picker.people.visualItemRect(item)
    qtbot.mouseClick(picker.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: "Anjali Gupta" in picker.summary.text(), timeout=10_000)
    needed = sum(_height(t, picker.people.font(), picker.people.viewport().width() - 12)
                 for t in item.text().split("\n"))
    assert rect.height() >= needed
