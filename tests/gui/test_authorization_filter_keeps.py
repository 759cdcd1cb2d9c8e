"""The Authorization screen's filters as a user drives them: typing in the filter box,
"Only problems", a header click, a change made elsewhere. The rows and columns shown are
those the filters let through, in the model's order, and the current cell stays where it
still shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from licenseapp.gui.applications.model import fold
from licenseapp.gui.authorization.page import AuthorizationPage
from licenseapp.services.catalog.access import access_changes, revoke_access
from licenseapp.services.directive.authorization import AuthState, MatrixCell

from . import test_authorization_refresh as refresh

page = refresh.page  # the demo's matrix, loaded

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def shown_people(page: AuthorizationPage) -> list[str]:
    return [page.proxy.headerData(r, Qt.Orientation.Vertical)
            for r in range(page.proxy.rowCount())]


def shown_items(page: AuthorizationPage) -> list[str]:
    return [page.proxy.headerData(c, Qt.Orientation.Horizontal)
            for c in range(page.proxy.columnCount())]


def current_cell(page: AuthorizationPage) -> tuple[int, int] | None:
    """(person id, item id) of the table's current cell, as shown."""
    index = page.table.currentIndex()
    if not index.isValid():
        return None
    assert page.table.selectionModel().isSelected(index)
    person = page.proxy.headerData(index.row(), Qt.Orientation.Vertical)
    item = page.proxy.headerData(index.column(), Qt.Orientation.Horizontal)
    source = page.proxy.mapToSource(index)
    assert page.model.headerData(source.row(), Qt.Orientation.Vertical) == person
    assert page.model.headerData(source.column(), Qt.Orientation.Horizontal) == item
    return page.model.person_at(source.row()), page.model.items[source.column()].id


def click(qtbot, page: AuthorizationPage, cell: MatrixCell) -> None:  # type: ignore[no-untyped-def]
    index = page.proxy.mapFromSource(page.model.index_of(cell.person_id, cell.item_id))
    page.table.scrollTo(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(index).center())


def passing(page: AuthorizationPage,
            ok: Callable[[MatrixCell], bool]) -> tuple[list[int], list[int]]:
    """The model's rows and columns a filter on cells shows, worked out cell by cell."""
    rows = [n for n, row in enumerate(page.model.rows)
            if any(c is not None and ok(c) for c in row.cells)]
    columns = [n for n in range(page.model.columnCount())
               if any((c := page.model.cell_at(r, n)) is not None and ok(c) for r in rows)]
    return rows, columns


def headers(page: AuthorizationPage, ok: Callable[[MatrixCell], bool]
            ) -> tuple[list[str], list[str]]:
    """The people and items a filter on cells shows (by the model's rows and columns)."""
    rows, columns = passing(page, ok)
    return ([page.model.headerData(n, Qt.Orientation.Vertical) for n in rows],
            [page.model.headerData(n, Qt.Orientation.Horizontal) for n in columns])


def is_pending(cell: MatrixCell) -> bool:
    return cell.state == AuthState.PENDING


def is_problem(cell: MatrixCell) -> bool:
    return cell.unauthorized_access


def test_typing_a_filter_keeps_the_current_cell_and_shows_who_it_names(qtbot, page) -> None:
    everyone, every_item = shown_people(page), shown_items(page)
    # A pending access in a column that moves left when the "Pending" filter hides a
    # column before it.
    _rows, columns = passing(page, is_pending)
    pending = next(c for row in page.model.rows for n, c in enumerate(row.cells)
                   if c is not None and is_pending(c) and columns.index(n) < n)
    click(qtbot, page, pending)
    here = (pending.person_id, pending.item_id)
    assert current_cell(page) == here

    typed = pending.person_name.split()[-1][:3].lower()
    QTest.keyClicks(page.filter_edit, typed)  # one filter change per key
    named = [page.model.headerData(n, Qt.Orientation.Vertical)
             for n, row in enumerate(page.model.rows) if fold(typed) in row.key]
    assert 0 < len(named) < len(everyone)
    assert shown_people(page) == named and shown_items(page) == every_item
    assert current_cell(page) == here
    assert page.count_label.text().startswith(f"{len(named)} of {len(everyone)} people")

    QTest.keyClick(page.filter_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(page.filter_edit, Qt.Key.Key_Backspace)
    assert shown_people(page) == everyone and shown_items(page) == every_item
    assert current_cell(page) == here

    chip = page.legend.chips[AuthState.PENDING]
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert page.state_combo.currentData() == "pending"
    people, items = headers(page, is_pending)
    assert (shown_people(page), shown_items(page)) == (people, items)
    assert len(items) < len(every_item)  # the columns narrow, the current one moves left
    assert current_cell(page) == here
    assert page.table.currentIndex().column() < page.model.index_of(*here).column()
    assert pending.person_name in page.details.plain_text()

    # A header click sorts the rows shown, and only them, by that item.
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(
        header.sectionViewportPosition(page.table.currentIndex().column()) + 5, 5))
    assert page.model.items[page.model.sort_column].id == pending.item_id
    assert sorted(shown_people(page)) == sorted(people) and shown_people(page) != people
    assert headers(page, is_pending) == (shown_people(page), shown_items(page))
    assert current_cell(page) == here

    page.state_combo.setFocus()
    QTest.keyClick(page.state_combo, Qt.Key.Key_Home)  # "All states"
    assert page.state_combo.currentData() is None
    assert len(shown_people(page)) == len(everyone) and shown_items(page) == every_item
    assert current_cell(page) == here


def test_a_cell_filtered_out_is_no_longer_current_and_nothing_else_becomes_so(
        qtbot, page) -> None:
    cell = next(c for row in page.model.rows for c in row.cells if c is not None)
    click(qtbot, page, cell)
    QTest.keyClicks(page.filter_edit, "nobody is called this")
    assert page.proxy.rowCount() == 0 and current_cell(page) is None
    assert cell.person_name in page.details.plain_text()  # the details stay


def test_a_change_made_while_filtered_shows_what_the_filter_lets_through(
        qtbot, page, db) -> None:
    qtbot.mouseClick(page.problems_check, Qt.MouseButton.LeftButton)
    assert page.problems_check.isChecked()
    before = shown_people(page)
    # Someone with one problem only: revoking that access takes them out of the list.
    lone = next(row for row in page.model.rows
                if sum(c is not None and c.unauthorized_access for c in row.cells) == 1)
    cell = next(c for c in lone.cells if c is not None and c.unauthorized_access)
    outcome = revoke_access(db, cell.grant_id, reason="left the project")
    with qtbot.waitSignal(page.matrixLoaded, timeout=20_000):
        page.apply_changes(access_changes([outcome.record]))
    people, items = headers(page, is_problem)
    assert (shown_people(page), shown_items(page)) == (people, items)
    assert lone.text not in shown_people(page) and len(people) == len(before) - 1
    assert all(c.unauthorized_access for c in page.proxy.shown_cells())


def test_each_item_keeps_its_width_through_the_filters(qtbot, page) -> None:
    header = page.table.horizontalHeader()
    for column in range(header.count()):  # as if the user had dragged each edge
        header.resizeSection(column, 120 + 9 * column)
    everywhere = {item.id: 120 + 9 * n for n, item in enumerate(page.model.items)}

    def widths() -> dict[int, int]:
        return {page.model.items[page.proxy.source_column(c)].id: header.sectionSize(c)
                for c in range(header.count())}

    # "Not required" hides the first row and the first columns: the others move left.
    qtbot.mouseClick(page.legend.chips[AuthState.NOT_REQUIRED], Qt.MouseButton.LeftButton)
    assert page.proxy.source_column(0) > 0 and page.proxy.row_passes(0) is False
    assert widths() == {item: everywhere[item] for item in widths()}
    page.state_combo.setFocus()
    QTest.keyClick(page.state_combo, Qt.Key.Key_Home)  # "All states"
    assert widths() == everywhere
