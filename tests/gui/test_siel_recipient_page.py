"""The SIEL wizard asks where the recipient is (#17 point 2): the UK licenses a transfer out
of the UK, so the end-use page holds block 7(a), typed as a user types and stored; the Items
page asks for the same block and answers for that place: abroad a licence for the transfer
(Export Control Order 2008, art. 3), in the UK no licence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.recipient_location import for_recipient_location
from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets
from licenseapp.gui.wizard.page_items import DraftItemsPage, determination_html
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.services.drafts.wizard_data import ItemDetermination
from licenseapp.store.database import Database

from .test_wizard_other_blocks import _draft, _go, _leave, _shot, _wizard


@pytest.fixture
def demo_db(db: Database) -> Database:
    generate_demo(db)
    return db


def _at_page(qtbot, db: Database, runner, regulator: str, page: int):  # type: ignore[no-untyped-def]
    """The first draft of ``regulator`` in the wizard, on page ``page``."""
    form = _draft(db, regulator)
    wizard = _wizard(qtbot, db, runner, form)
    _go(qtbot, wizard, page)
    return form, wizard, wizard.currentPage()


def test_the_siel_end_use_page_asks_where_the_recipient_is(  # type: ignore[no-untyped-def]
        qtbot, demo_db, runner) -> None:
    form, wizard, page = _at_page(qtbot, demo_db, runner, "ECJU", 4)
    assert "ECJU flags" in page.subTitle()
    where = page.findChild(QLineEdit, "form_value_s7a")
    assert where is not None and where.isVisible()
    assert where.placeholderText().startswith("Required")
    assert "accessed remotely from, a person abroad" in where.toolTip()
    # The checker says so: block 7(a) is required, on this page.
    qtbot.waitUntil(lambda: any("7(a)" in f.field for f in wizard.findings), timeout=10_000)
    (missing,) = [f for f in wizard.findings if "7(a)" in f.field]
    assert missing.rule == "required-field" and page.owns(missing)
    _shot(wizard, "5-end-use-siel-recipient")
    where.setFocus()
    qtbot.keyClicks(where, "India: remote access from Bengaluru")
    _go(qtbot, wizard, 5)
    assert ("s7a", "India: remote access from Bengaluru") in load_draft(
        demo_db, form.ref).form_values
    qtbot.waitUntil(lambda: not wizard.check_due and runner.pending == 0, timeout=10_000)
    assert not [f for f in wizard.findings if "7(a)" in f.field]
    _leave(qtbot, wizard, runner)


def test_a_siel_answer_turns_on_where_the_recipient_is(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The UK answer for access at the site is 'no licence'; a SIEL's answer turns on where
    the recipient is: not given, it cannot tell (no 'you need not file'); abroad, a licence
    for the transfer; in the UK, no licence and no application to file."""
    uk = determine(PersonFacts(name="Li Na"), ItemFacts(None, ItemKind.TECHNOLOGY, Regime.UK),
                   date(2026, 11, 27), load_rulesets())
    assert uk.license_required is False

    def shown(location: str) -> tuple[str, bool]:
        det = for_recipient_location(uk, location, "Li Na")
        return determination_html([ItemDetermination(1, "Radar data (ML22.a)", det)], "Li Na")

    text, none_needed = shown("")
    assert not none_needed and "need not file" not in text
    assert "Cannot tell yet" in text and "block 7(a)" in text
    text, none_needed = shown("India: remote access from Bengaluru")
    assert not none_needed and "Licence required" in text and "India" in text
    assert "Export Control Order 2008, art. 3" in text
    text, none_needed = shown("United Kingdom: on site in Bristol")
    assert none_needed and "No licence required" in text and "need not file" in text
    # A form that does not turn on the recipient's place keeps its answer whatever is typed.
    at_home = replace(uk, form="BIS-748P", regulator="BIS")
    assert for_recipient_location(at_home, "India", "Li Na") == at_home


def _tick_first(qtbot, page: DraftItemsPage) -> None:  # type: ignore[no-untyped-def]
    if not any(page.table.item(r, 0).checkState() == Qt.CheckState.Checked
               for r in range(page.table.rowCount())):
        rect = page.table.visualItemRect(page.table.item(0, 0))
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())


def _answer(qtbot, page: DraftItemsPage, runner, words: str) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: words in page.determination.text() and runner.pending == 0,
                    timeout=10_000)
    return page.determination.text()


def test_the_siel_items_page_answers_for_where_the_recipient_is(  # type: ignore[no-untyped-def]
        qtbot, demo_db, runner) -> None:
    form, wizard, page = _at_page(qtbot, demo_db, runner, "ECJU", 3)
    assert isinstance(page, DraftItemsPage)
    where = page.findChild(QLineEdit, "recipient_location")
    assert where is not None and where.isVisible()
    assert "7(a)" in where.accessibleName()
    _tick_first(qtbot, page)
    if where.text():
        where.selectAll()
        qtbot.keyClick(where, Qt.Key.Key_Delete)
    qtbot.keyClicks(where, " ")  # a keystroke with nothing said: it cannot tell yet
    assert "need not file" not in _answer(qtbot, page, runner, "Cannot tell yet")
    where.selectAll()
    qtbot.keyClicks(where, "India: remote access from Bengaluru")
    text = _answer(qtbot, page, runner, "Licence required")
    assert "India" in text and "Export Control Order 2008, art. 3" in text
    assert "No licence required" not in text
    _shot(wizard, "siel-items-recipient-abroad")
    where.selectAll()
    qtbot.keyClicks(where, "United Kingdom: on site in Bristol")
    text = _answer(qtbot, page, runner, "need not file")
    assert "No licence required" in text and "Licence required" not in text
    where.selectAll()
    qtbot.keyClicks(where, "India: remote access from Bengaluru")
    _answer(qtbot, page, runner, "Licence required")
    # The same block 7(a) as the End use page's: stored with the draft, shown there.
    _go(qtbot, wizard, 4)
    assert ("s7a", "India: remote access from Bengaluru") in load_draft(
        demo_db, form.ref).form_values
    end_use = wizard.currentPage().findChild(QLineEdit, "form_value_s7a")
    assert end_use is not None and end_use.text() == "India: remote access from Bengaluru"
    _leave(qtbot, wizard, runner)


def test_a_bis_items_page_has_no_location_entry(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    _form, wizard, page = _at_page(qtbot, demo_db, runner, "BIS", 3)
    where = page.findChild(QLineEdit, "recipient_location")
    assert where is not None and not where.isVisible()
    _leave(qtbot, wizard, runner)
