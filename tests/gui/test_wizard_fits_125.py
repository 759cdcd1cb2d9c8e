"""The wizard at 125 % on a 1440×900 screen (1152×720 logical): the chosen person's entry is
whole in the list (it was cut at the list's foot) and the items table uses the page's height
with its last column's header whole (it showed 5–6 rows over ~250 px of nothing)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.domain.draft_form import EDITABLE_STATUSES
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts.applications import list_applications
from licenseapp.services.drafts.draft_editing import load_draft

from .test_wizard import _OPEN, _next, _settle  # noqa: F401 (_settle: an autouse fixture)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def demo_db(db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    return db


def _at_1152(qtbot, db, runner, ref: str, height: int = 660) -> DraftWizard:  # type: ignore[no-untyped-def]
    wizard = DraftWizard(db, runner, form=load_draft(db, ref), today=DEMO_TODAY)
    _OPEN.append(wizard)
    qtbot.addWidget(wizard)
    # As window_state.fit_on_screen does on a 1152×720 screen: the screen's size wins over
    # the wizard's own minimum (offscreen the screen is smaller, and nothing would shrink).
    wizard.setMinimumSize(QSize(640, 480))
    wizard.resize(1112, height)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.choices is not None)
    return wizard


def test_the_chosen_person_is_whole_in_the_list(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    drafts = [r.ref for r in list_applications(demo_db) if r.status in EDITABLE_STATUSES]
    lowest = None
    for ref in drafts:
        form = load_draft(demo_db, ref)
        if form.person_id is not None:
            lowest = ref
    assert lowest is not None
    wizard = _at_1152(qtbot, demo_db, runner, lowest)
    _next(qtbot, wizard, 1)
    _next(qtbot, wizard, 2)
    page = wizard.currentPage()
    assert isinstance(page, ForeignNationalPage)
    qtbot.waitUntil(lambda: page.people.currentItem() is not None)
    qtbot.wait(300)
    people = page.people
    shown = people.visualItemRect(people.currentItem())
    view = people.viewport().rect()
    assert view.contains(shown), (shown, view)
    # In the middle of the list, not at its edge (where a taller entry above cut it):
    # the entries either side of it are in view too.
    row = people.row(people.currentItem())
    for near in (row - 1, row + 1):
        if 0 <= near < people.count():
            assert view.intersects(people.visualItemRect(people.item(near))), near
    wizard.hide()


def test_the_persons_summary_is_whole_or_scrolls(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    """Six résumé lines, documents and a work site: the last line was cut at the page's foot.
    Offscreen text is smaller than on the 125 % screen, so the wizard is 560 high, not 660."""
    drafts = [r.ref for r in list_applications(demo_db) if r.status in EDITABLE_STATUSES]
    longest = ""
    for ref in drafts:
        wizard = _at_1152(qtbot, demo_db, runner, ref, height=560)
        _next(qtbot, wizard, 1)
        _next(qtbot, wizard, 2)
        page = wizard.currentPage()
        assert isinstance(page, ForeignNationalPage)
        qtbot.waitUntil(lambda p=page: "Résumé" in p.summary.text() or p.people.currentItem()
                        is None, timeout=10_000)
        qtbot.wait(100)
        label = page.summary
        assert label.height() >= label.heightForWidth(label.width()), ref
        longest = max(longest, label.text(), key=len)
        wizard.hide()
    assert longest.count("<br>") >= 4  # a long résumé was among them


def test_the_items_table_takes_the_pages_height(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.gui.wizard.page_items import CHECK, DraftItemsPage

    drafts = [r.ref for r in list_applications(demo_db) if r.status in EDITABLE_STATUSES]
    chosen = [ref for ref in drafts if load_draft(demo_db, ref).items]
    wizard = _at_1152(qtbot, demo_db, runner, chosen[-1])
    for page_id in (1, 2, 3):
        _next(qtbot, wizard, page_id)
    page = wizard.currentPage()
    assert isinstance(page, DraftItemsPage)
    qtbot.wait(200)
    table = page.table
    view = table.viewport().rect()
    rows_shown = sum(1 for row in range(table.rowCount())
                     if view.contains(table.visualRect(table.model().index(row, CHECK))))
    assert rows_shown >= min(table.rowCount(), 8), rows_shown  # it showed 5 whole rows
    ticked = [row for row in range(table.rowCount())
              if table.item(row, CHECK).checkState() == Qt.CheckState.Checked]
    assert ticked
    assert view.intersects(table.visualRect(table.model().index(ticked[0], CHECK)))
    wizard.hide()


def test_nothing_to_fix_takes_one_line_not_a_quarter_of_the_page(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    """With nothing to fix, the findings panel is its heading's line; the page's fields get
    the rest (it kept a quarter of the page, ~100 px of nothing at 125 %)."""
    drafts = [r.ref for r in list_applications(demo_db) if r.status in EDITABLE_STATUSES]
    wizard = _at_1152(qtbot, demo_db, runner, drafts[-1])
    page = wizard.currentPage()
    page.findings.show_findings([])
    qtbot.wait(100)
    heading = page.findings.heading
    assert page.findings.height() <= heading.sizeHint().height() + 12, page.findings.height()
    assert page.body.height() > page.height() * 0.8
    wizard.hide()
