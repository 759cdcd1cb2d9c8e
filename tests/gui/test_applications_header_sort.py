"""Sorting the applications list by clicking its column headers, on a database with awkward
values: ties, empty values, mixed case and accents, equal times, references whose numbers
and text sort apart (LA-2026-99 before LA-2026-100). The order, the sort indicator, the
selection and the filters must all hold through a click."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from licenseapp.gui.applications.model import REF_ROLE, ApplicationColumn
from licenseapp.gui.applications.view import ApplicationsWidget

from .conftest import add_sample_applications

#: Per application (in reference order): its new reference, owner and ACN.
_AWKWARD = (
    ("LA-2026-99", "bob", "Z10"), ("LA-2026-100", "Bob", "z1"), ("LA-2026-0002", "", ""),
    ("LA-2026-0010", "Émile", "Z1"), ("LA-2026-10000", "alice", "Z2"),
    ("LA-2026-0003", "émile", ""), ("LA-2026-0300", "ALICE", "Z1"),
)
_SAME_MOMENT = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def awkward_db(db):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from licenseapp.store.models import Application, Person

    add_sample_applications(db, 14)
    with db.unit_of_work() as session:
        apps = session.scalars(select(Application).order_by(Application.id)).all()
        for n, app in enumerate(apps):
            app.ref = f"LA-2025-{n:04d}"  # out of the way of the awkward ones
        session.flush()
        for app, (ref, owner, acn) in zip(apps, _AWKWARD, strict=False):
            app.ref, app.owner, app.regulator_ref = ref, owner, acn
        for app in apps[::3]:
            app.updated_at = _SAME_MOMENT  # ties in "Updated": reference order among them
        person = session.scalars(select(Person).where(Person.family_name == "Haddad")).one()
        person.given_name, person.family_name = "", ""  # only the native name is known
    return db


@pytest.fixture
def widget(qtbot, runner, awkward_db):  # type: ignore[no-untyped-def]
    from licenseapp.services.drafts.applications import list_applications

    shown = ApplicationsWidget(runner, user="alice")
    qtbot.addWidget(shown)
    shown.resize(1200, 600)
    shown.show()
    shown.set_loader(partial(list_applications, awkward_db))
    shown.refresh()
    qtbot.waitUntil(lambda: shown.is_loaded, timeout=10_000)
    return shown


def _ref_number(ref: str) -> tuple[int, int]:
    _la, year, number = ref.split("-")
    return int(year), int(number)


def _expected(rows, column: ApplicationColumn, descending: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """The order a user expects, worked out here apart from the model: the column's value
    (case- and accent-blind where it is text), equal values in reference number order."""
    value = {
        ApplicationColumn.REF: lambda r: _ref_number(r.ref),
        ApplicationColumn.OWNER: lambda r: r.owner.casefold(),
        ApplicationColumn.ACN: lambda r: r.acn,
        ApplicationColumn.UPDATED: lambda r: r.updated_at,
        ApplicationColumn.FOREIGN_NATIONAL:
            lambda r: (r.foreign_national or r.native_name).casefold(),
    }[column]
    by_ref = sorted(rows, key=lambda r: _ref_number(r.ref))
    return [r.ref for r in sorted(by_ref, key=value, reverse=descending)]


def _shown(widget: ApplicationsWidget) -> list[str]:
    proxy = widget.proxy
    return [proxy.index(r, 0).data(REF_ROLE) for r in range(proxy.rowCount())]


def _click_header(widget: ApplicationsWidget, column: int) -> None:
    header = widget.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


@pytest.mark.parametrize("column", [
    ApplicationColumn.REF, ApplicationColumn.OWNER, ApplicationColumn.ACN,
    ApplicationColumn.UPDATED, ApplicationColumn.FOREIGN_NATIONAL])
def test_clicking_a_header_sorts_both_ways_with_the_indicator(widget, column) -> None:  # type: ignore[no-untyped-def]
    rows = list(widget.model.loaded_rows())
    header = widget.table.horizontalHeader()
    seen = set()
    for _ in range(2):  # a click, then another the other way
        _click_header(widget, column)
        assert header.sortIndicatorSection() == column
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        seen.add(descending)
        assert _shown(widget) == _expected(rows, column, descending), (column.name, descending)
    assert seen == {False, True}


def test_references_sort_by_their_numbers(widget) -> None:  # type: ignore[no-untyped-def]
    _click_header(widget, ApplicationColumn.REF)
    if widget.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        _click_header(widget, ApplicationColumn.REF)
    refs = _shown(widget)
    assert refs.index("LA-2026-0002") < refs.index("LA-2026-0003") < refs.index(
        "LA-2026-0010") < refs.index("LA-2026-99") < refs.index("LA-2026-100") < refs.index(
        "LA-2026-0300") < refs.index("LA-2026-10000")


def test_the_selection_and_the_keyboard_follow_a_sort(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget.select_ref("LA-2026-10000")
    _click_header(widget, ApplicationColumn.OWNER)
    assert widget.selected_ref() == "LA-2026-10000"
    table = widget.table
    current = table.currentIndex()
    assert current.data(REF_ROLE) == "LA-2026-10000"
    assert [i.data(REF_ROLE) for i in table.selectionModel().selectedRows()] == ["LA-2026-10000"]
    shown = _shown(widget)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().data(REF_ROLE) == shown[shown.index("LA-2026-10000") + 1]


def test_a_sort_keeps_the_filters(widget) -> None:  # type: ignore[no-untyped-def]
    rows = list(widget.model.loaded_rows())
    widget.regulator_combo.setCurrentIndex(widget.regulator_combo.findData("BIS"))
    widget.mine_check.setChecked(False)
    _click_header(widget, ApplicationColumn.OWNER)
    descending = (widget.table.horizontalHeader().sortIndicatorOrder()
                  == Qt.SortOrder.DescendingOrder)
    bis = [r for r in rows if r.regulator == "BIS"]
    assert 0 < len(bis) < len(rows)
    assert _shown(widget) == _expected(bis, ApplicationColumn.OWNER, descending)
    widget.regulator_combo.setCurrentIndex(0)  # the filter off: everything, still sorted
    assert _shown(widget) == _expected(rows, ApplicationColumn.OWNER, descending)
