"""The records screens' proxy sorts and filters in Python, in one go: one sort value per row
and column (not a Python call per comparison), ties in the source's order, the selection
kept through a filter, a sort and rows coming and going."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtTest import QTest

from licenseapp.gui.people.model import PeopleModel, PeopleProxy, PersonColumn
from licenseapp.gui.tables import record_table
from licenseapp.services.catalog.people import PersonSummary


def person(n: int, name: str, employer: str = "Acme") -> PersonSummary:
    return PersonSummary(id=n, ref=f"P-{n}", name=name, native_name="", citizenships=("CN",),
                         immigration_status="", employer=employer, job_title="",
                         date_of_birth=date(1990, 1, 1))


class CountingModel(PeopleModel):
    def __init__(self) -> None:
        super().__init__()
        self.sort_calls = 0

    def sort_value(self, record: PersonSummary, column: int) -> object:
        self.sort_calls += 1
        return super().sort_value(record, column)


@pytest.fixture
def table(qtbot):  # type: ignore[no-untyped-def]
    model, proxy = CountingModel(), PeopleProxy()
    proxy.setSourceModel(model)
    view = record_table(proxy, "People", {})
    qtbot.addWidget(view)
    view.setSortingEnabled(True)
    view.sortByColumn(PersonColumn.REF, Qt.SortOrder.AscendingOrder)
    view.show()
    return view, model, proxy


def names(proxy: PeopleProxy) -> list[str]:
    return [proxy.index(r, PersonColumn.NAME).data() for r in range(proxy.rowCount())]


def test_a_sort_asks_each_row_once_and_refs_sort_by_number(table) -> None:  # type: ignore[no-untyped-def]
    view, model, proxy = table
    model.set_rows([person(n, f"Name {n}") for n in (10, 9, 100, 1)])
    assert names(proxy) == ["Name 1", "Name 9", "Name 10", "Name 100"]
    calls = model.sort_calls
    view.sortByColumn(PersonColumn.REF, Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["Name 100", "Name 10", "Name 9", "Name 1"]
    assert model.sort_calls == calls  # the values were kept from the first sort
    model.set_rows([person(n, f"Name {n}") for n in range(200)])
    assert model.sort_calls == calls + 200  # once per row, not once per comparison


def test_equal_values_keep_the_source_order_both_ways(table) -> None:  # type: ignore[no-untyped-def]
    view, model, proxy = table
    model.set_rows([person(1, "Li"), person(2, "Chen"), person(3, "li"), person(4, "LI")])
    view.sortByColumn(PersonColumn.NAME, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["P-2", "P-1", "P-3", "P-4"]
    view.sortByColumn(PersonColumn.NAME, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["P-1", "P-3", "P-4", "P-2"]


def test_the_selection_stays_through_a_filter_and_a_sort(table, qtbot) -> None:  # type: ignore[no-untyped-def]
    view, model, proxy = table
    model.set_rows([person(1, "Wei Zhang"), person(2, "José Álvarez", "Beta"),
                    person(3, "Ana Müller")])
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(proxy.index(1, 1)).center())
    proxy.set_text_filter("jose")
    assert names(proxy) == ["José Álvarez"]
    assert view.selectionModel().selectedRows()[0].data() == "P-2"
    proxy.set_text_filter("")
    view.sortByColumn(PersonColumn.NAME, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Ana Müller", "José Álvarez", "Wei Zhang"]
    assert view.currentIndex().row() == 1
    assert view.selectionModel().selectedRows()[0].data() == "P-2"


def test_rows_inserted_and_removed_in_the_source_are_sorted_in(qtbot) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.domain.deadlines import Deadline
    from licenseapp.gui.tracking.deadlines_model import DeadlinesFilterProxy, DeadlinesTableModel

    today = date(2026, 1, 1)
    model, proxy = DeadlinesTableModel(today=today), DeadlinesFilterProxy()
    proxy.setSourceModel(model)

    def deadline(ref: str, day: int, kind: str = "renewal") -> Deadline:
        return Deadline(key=f"{ref}:{kind}", kind=kind, due_on=date(2026, 1, day),
                        title=f"{ref} due", application_ref=ref)

    model.set_deadlines([deadline("A", 5), deadline("B", 20), deadline("C", 3)])
    proxy.set_within_days(10)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "2026-01-03", "2026-01-05"]
    held = QPersistentModelIndex(proxy.index(1, 0))  # A, the 5th
    model.replace_for(["C"], [deadline("C", 4), deadline("D", 2)], {})
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "2026-01-02", "2026-01-04", "2026-01-05"]
    assert held.row() == 2 and held.data() == "2026-01-05"


def test_orders_made_with_the_rows_are_the_ones_a_header_click_shows(table, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The worker makes every column's order both ways with the rows (``prepared``): a click
    on a header then asks no row for its sort value, and shows what sorting there would
    have — ties in the rows' order both ways; once a row changes, the sort is made again."""
    view, model, proxy = table
    rows = [person(n, name, employer) for n, name, employer in (
        (5, "li", "Zeta"), (2, "Chen", "acme"), (30, "Li", "Acme"), (4, "Ørsted", "Beta"),
        (1, "LI", "zeta"), (12, "chen", "Beta"))]
    expected = {}
    for column in (PersonColumn.REF, PersonColumn.NAME, PersonColumn.EMPLOYER):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.set_rows(rows)  # sorted here, on this thread, as without prepared orders
            view.sortByColumn(column, order)
            expected[column, order] = [proxy.index(r, 0).data() for r in range(len(rows))]
    model.set_rows(*model.prepared(rows))
    calls = model.sort_calls
    for (column, order), refs in expected.items():
        header = view.horizontalHeader()
        while (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
        assert [proxy.index(r, 0).data() for r in range(len(rows))] == refs
    assert model.sort_calls == calls  # every order came made
    view.sortByColumn(PersonColumn.NAME, Qt.SortOrder.AscendingOrder)
    model.beginInsertRows(QModelIndex(), len(rows), len(rows))
    model._rows.append(person(3, "Aaron"))
    model.endInsertRows()
    assert names(proxy)[:2] == ["Aaron", "Chen"]  # sorted again, with the new row
    assert model.sort_calls > calls
