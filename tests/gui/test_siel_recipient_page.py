"""The SIEL wizard asks where the recipient is (#17 point 2): the UK licenses a transfer out
of the UK, so the end-use page holds block 7(a), typed as a user types and stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QLineEdit

from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets
from licenseapp.gui.wizard.page_items import determination_html
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.services.drafts.wizard_data import ItemDetermination
from licenseapp.store.database import Database

from .test_wizard_other_blocks import _draft, _go, _leave, _shot, _wizard


@pytest.fixture
def demo_db(db: Database) -> Database:
    generate_demo(db)
    return db


def test_the_siel_end_use_page_asks_where_the_recipient_is(  # type: ignore[no-untyped-def]
        qtbot, demo_db, runner) -> None:
    form = _draft(demo_db, "ECJU")
    wizard = _wizard(qtbot, demo_db, runner, form)
    _go(qtbot, wizard, 4)
    page = wizard.currentPage()
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


def test_access_in_the_uk_does_not_tell_a_siel_filer_to_skip_filing(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The UK answer for access at the site is 'no licence', but a SIEL turns on where the
    recipient is: the items page shows the answer without 'you need not file'."""
    uk = determine(PersonFacts(name="Li Na"), ItemFacts(None, ItemKind.TECHNOLOGY, Regime.UK),
                   date(2026, 11, 27), load_rulesets())
    text, none_needed = determination_html([ItemDetermination(1, "Radar data (ML22.a)", uk)],
                                           "Li Na")
    assert uk.license_required is False and not none_needed
    assert "need not file" not in text and "accessed from, a person abroad" in text
    # The same answer from a form that does not turn on the recipient's place keeps the advice.
    at_home = replace(uk, form="BIS-748P", regulator="BIS")
    assert determination_html([ItemDetermination(1, "X", at_home)], "Li Na")[1]
