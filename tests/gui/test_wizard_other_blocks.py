"""The wizard's "Other blocks" group and the items page's CTP column: typed as a user types,
stored, kept in the unsaved-draft file, shown again when the draft is reopened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import select

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.domain.draft_form import DraftForm
from licenseapp.gui.wizard.page_items import CCATS, COLUMNS, ECCN, DraftItemsPage
from licenseapp.gui.wizard.pages_text import EndUsePage
from licenseapp.gui.wizard.recorded_blocks import TITLE
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts import draft_recovery
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.store.database import Database
from licenseapp.store.models import Application

SHOTS = Path(os.environ.get("LICENSEAPP_SHOTS", "/tmp/shots/wizard"))


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("LICENSEAPP_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def demo_db(db: Database) -> Database:
    generate_demo(db)
    return db


def _draft(db: Database, regulator: str) -> DraftForm:
    with db.reading() as s:
        ref = s.execute(select(Application.ref).where(
            Application.status == "draft", Application.regulator_code == regulator)
            .order_by(Application.ref)).scalars().first()
    assert ref is not None
    return load_draft(db, ref)


def _wizard(qtbot, db: Database, runner, form: DraftForm) -> DraftWizard:  # type: ignore[no-untyped-def]
    wizard = DraftWizard(db, runner, form=form, today=DEMO_TODAY)
    qtbot.addWidget(wizard)
    wizard.resize(1100, 780)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.choices is not None)
    return wizard


def _leave(qtbot, wizard: DraftWizard, runner) -> None:  # type: ignore[no-untyped-def]
    """Cancel the (saved) wizard and let its last background work finish inside the test,
    not after the runner has gone."""
    assert not wizard.dirty()
    wizard.reject()
    qtbot.waitUntil(lambda: runner.pending == 0 and not wizard.isVisible())


def _go(qtbot, wizard: DraftWizard, page: int) -> None:  # type: ignore[no-untyped-def]
    for expect in range(wizard.currentId() + 1, page + 1):
        wizard.next()
        qtbot.waitUntil(lambda n=expect: wizard.currentId() == n and not wizard.busy,
                        timeout=10_000)


def test_block_11_and_ctp_are_typed_stored_and_shown_again(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    form = _draft(demo_db, "BIS")
    assert form.form_values == ()
    wizard = _wizard(qtbot, demo_db, runner, form)
    _go(qtbot, wizard, 3)

    items = wizard.currentPage()
    assert isinstance(items, DraftItemsPage)
    ctp = ECCN + 1  # 22(b) between 22(a) ECCN and 22(d) CCATS, as on the form
    assert items.table.columnCount() == len(COLUMNS) + 1
    assert items.table.horizontalHeaderItem(ctp).text() == "CTP (22(b))"
    assert items.table.horizontalHeaderItem(items.column(CCATS)).text() == "CCATS Number (22(d))"
    assert "Weighted TeraFLOPS" in items.table.horizontalHeaderItem(ctp).toolTip()
    row = next(r for r in range(items.table.rowCount())
               if items.table.item(r, 0).checkState() == Qt.CheckState.Checked)
    items.table.item(row, ctp).setText("0.75 WT")  # as an edit in the cell commits it
    _shot(wizard, "4-items-ctp")
    _go(qtbot, wizard, 4)  # leaving the items page stores the draft

    page = wizard.currentPage()
    assert isinstance(page, EndUsePage)
    box = page.other_blocks
    assert box.isVisible() and box.title() == TITLE
    labels = [box.rows.itemAt(r, box.rows.ItemRole.LabelRole).widget().text()
              for r in range(box.rows.rowCount())]
    assert labels == ["Documents on File with Applicant (block 7):",
                      "Replacement License Number (block 11):",
                      "Items Previously Exported (block 12):",
                      "Import/End-User Certificate (block 13):"]
    block11 = page.findChild(QLineEdit, "form_value_b11")
    assert block11 is not None and "750.7(c)(1)" in block11.toolTip()
    qtbot.keyClicks(block11, "D1234567")
    assert wizard.form.form_values == (("b11", "D1234567"),)
    qtbot.waitUntil(lambda: (found := draft_recovery.recover()) is not None
                    and found.form.form_values == (("b11", "D1234567"),), timeout=5_000)
    _shot(wizard, "5-end-use-other-blocks")
    _go(qtbot, wizard, 5)  # leaving the page stores the draft again

    stored = load_draft(demo_db, form.ref)
    assert stored.form_values == (("b11", "D1234567"),)
    assert [i.form_values for i in stored.items if i.form_values] == [(("b22b", "0.75 WT"),)]
    assert [(i.item_id, i.model_number) for i in stored.items] == \
        [(i.item_id, i.model_number) for i in form.items]  # what the page does not show stays
    qtbot.waitUntil(lambda: not any(f.rule.startswith("entry-") for f in wizard.findings)
                    and wizard.saved is not None and wizard.saved.version > form.version)
    _leave(qtbot, wizard, runner)

    again = _wizard(qtbot, demo_db, runner, stored)
    _go(qtbot, again, 4)
    shown = again.currentPage().findChild(QLineEdit, "form_value_b11")
    assert shown is not None and shown.text() == "D1234567"
    _leave(qtbot, again, runner)


def test_a_ctp_that_is_not_a_number_is_flagged_on_the_items_page(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, demo_db, runner, _draft(demo_db, "BIS"))
    _go(qtbot, wizard, 3)
    items = wizard.currentPage()
    assert isinstance(items, DraftItemsPage)
    row = next(r for r in range(items.table.rowCount())
               if items.table.item(r, 0).checkState() == Qt.CheckState.Checked)
    items.table.item(row, items.extra_column(0)).setText("fast")
    _go(qtbot, wizard, 4)
    wizard.back()
    qtbot.waitUntil(lambda: any("not a number in WT" in t for t in items.findings.texts()),
                    timeout=10_000)
    _leave(qtbot, wizard, runner)


def test_forms_without_such_blocks_show_none(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, demo_db, runner, _draft(demo_db, "DDTC"))
    _go(qtbot, wizard, 3)
    items = wizard.currentPage()
    assert isinstance(items, DraftItemsPage) and items.table.columnCount() == len(COLUMNS)
    _go(qtbot, wizard, 4)
    page = wizard.currentPage()
    assert isinstance(page, EndUsePage) and not page.other_blocks.isVisible()
    _leave(qtbot, wizard, runner)


def test_siel_export_type_is_a_choice(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    form = _draft(demo_db, "ECJU")
    wizard = _wizard(qtbot, demo_db, runner, form)
    _go(qtbot, wizard, 4)
    combo = wizard.currentPage().findChild(QComboBox, "form_value_s2")
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Standard entry: Permanent", "Permanent", "Temporary"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert wizard.form.form_values == (("s2", "Temporary"),)
    _shot(wizard, "5-end-use-siel")
    _go(qtbot, wizard, 5)
    assert load_draft(demo_db, form.ref).form_values == (("s2", "Temporary"),)
    _leave(qtbot, wizard, runner)


@pytest.mark.parametrize(("regulator", "expected"), [
    ("BIS", ["Special Purpose (block 9):", "Specific End-Use (block 21):", "Justification:",
             "Additional Information (block 24):"]),
    ("DDTC", ["Specific Purpose (block 20):", "Justification:",
              "Additional Information (block 22):"]),
    ("ECJU", ["End Use Details (block 6):", "Justification:",
              "Additional Information (block 10):"]),
])
def test_end_use_fields_carry_the_chosen_forms_block_numbers(  # type: ignore[no-untyped-def]
        qtbot, demo_db, runner, regulator, expected) -> None:
    wizard = _wizard(qtbot, demo_db, runner, _draft(demo_db, regulator))
    _go(qtbot, wizard, 4)
    page = wizard.currentPage()
    assert isinstance(page, EndUsePage)
    layout = page._layout
    shown = [layout.labelForField(w).text()
             for w in (page.special_purpose, page.end_use, page.justification, page.additional)
             if layout.isRowVisible(w)]
    assert shown == expected
    _leave(qtbot, wizard, runner)
