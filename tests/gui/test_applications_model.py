"""The applications table model on its own: Qt's contract, display text, sorting, scale."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from PySide6.QtCore import QPersistentModelIndex, Qt

from licenseapp.gui.applications.model import (
    REF_ROLE,
    SORT_ROLE,
    ApplicationColumn,
    ApplicationsTableModel,
    fold,
    local_time,
    search_key,
)


def _column(model: ApplicationsTableModel, column: ApplicationColumn,
            role: int = Qt.ItemDataRole.DisplayRole):
    return [model.index(r, column).data(role) for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, rows) -> None:
    model = ApplicationsTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_qt_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(ApplicationsTableModel(), force_py=True)


def test_headers_name_every_column() -> None:
    model = ApplicationsTableModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in ApplicationColumn]
    assert headers == [
        "Reference", "Status", "Regulator / form", "Person", "Citizenship",
        "Items (ECCN)", "ACN / ref.", "Owner", "Updated",
    ]


def test_cells_show_latin_and_native_names_items_and_local_time(make_row) -> None:
    model = ApplicationsTableModel()
    row = make_row(0)
    model.set_rows([row, make_row(1)])
    assert model.index(0, ApplicationColumn.FOREIGN_NATIONAL).data() == "Wei Zhang (张伟)"
    assert model.index(1, ApplicationColumn.FOREIGN_NATIONAL).data() == "Layla Haddad (ليلى حداد)"
    assert model.index(1, ApplicationColumn.CITIZENSHIP).data() == "JO, CA"
    assert model.index(1, ApplicationColumn.ITEMS).data() == (
        "Mythos 5 (4E091), Photon lithography process (3E001)"
    )
    assert model.index(0, ApplicationColumn.REGULATOR).data() == "BIS · BIS-748P"
    assert model.index(0, ApplicationColumn.UPDATED).data() == local_time(row.updated_at)
    assert model.index(0, ApplicationColumn.OWNER).data(REF_ROLE) == "LA-2026-0001"
    assert "Jordan (JO)" in model.index(1, ApplicationColumn.CITIZENSHIP).data(
        Qt.ItemDataRole.ToolTipRole)


def test_updated_is_shown_in_local_time() -> None:
    moment = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    assert local_time(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M")


def test_sort_role_gives_raw_values(make_row) -> None:
    model = ApplicationsTableModel()
    row = make_row(3)
    model.set_rows([row])
    assert model.index(0, ApplicationColumn.UPDATED).data(SORT_ROLE) == row.updated_at
    assert model.index(0, ApplicationColumn.REF).data(SORT_ROLE) == ("LA-", 2026, "-", 4, "")


def test_references_sort_in_number_order(make_row) -> None:
    model = ApplicationsTableModel()
    refs = ["LA-2026-0002", "LA-2026-9999", "LA-2026-10000"]
    model.set_rows([make_row(0, ref=ref) for ref in reversed(refs)])
    model.sort(ApplicationColumn.REF, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).ref for r in range(3)] == refs


def test_sorting_by_each_column_orders_the_rows(rows) -> None:
    model = ApplicationsTableModel()
    model.set_rows(rows)
    for column in ApplicationColumn:
        model.sort(column, Qt.SortOrder.AscendingOrder)
        values = _column(model, column, SORT_ROLE)
        assert values == sorted(values), column.name
        model.sort(column, Qt.SortOrder.DescendingOrder)
        values = _column(model, column, SORT_ROLE)
        assert values == sorted(values, reverse=True), column.name


def test_equal_values_keep_reference_order(rows) -> None:
    model = ApplicationsTableModel()
    model.set_rows(rows)
    model.sort(ApplicationColumn.OWNER, Qt.SortOrder.AscendingOrder)
    shown = [model.row_at(r) for r in range(model.rowCount())]
    alice = [row.ref for row in shown if row.owner == "alice"]
    assert alice == sorted(alice)


def test_status_sorts_in_lifecycle_order_not_alphabetically(rows) -> None:
    model = ApplicationsTableModel()
    model.set_rows(rows)
    model.sort(ApplicationColumn.STATUS, Qt.SortOrder.AscendingOrder)
    statuses = [model.row_at(r).status for r in range(model.rowCount())]
    assert statuses.index("draft") < statuses.index("submitted") < statuses.index("denied")


def test_selection_follows_its_row_through_a_sort(rows) -> None:
    model = ApplicationsTableModel()
    model.set_rows(rows)
    kept = QPersistentModelIndex(model.index(0, ApplicationColumn.OWNER))
    ref = kept.data(REF_ROLE)
    model.sort(ApplicationColumn.REF, Qt.SortOrder.AscendingOrder)
    assert kept.row() == model.rowCount() - 1
    assert kept.data(REF_ROLE) == ref


def test_a_new_list_keeps_the_chosen_sort(rows) -> None:
    model = ApplicationsTableModel()
    model.sort(ApplicationColumn.REF, Qt.SortOrder.AscendingOrder)
    model.set_rows(rows)
    assert _column(model, ApplicationColumn.REF) == sorted(_column(model, ApplicationColumn.REF))


def test_search_key_folds_case_and_accents(make_row) -> None:
    key = search_key(make_row(4))  # José Ángel Núñez
    assert "jose angel nunez" in key
    assert fold("ДМИТРИЙ") == "дмитрий"  # й is a letter of its own, not и with a mark
    assert fold("Lefèvre-DVOŘÁK") == "lefevre-dvorak"
    assert "张伟" in search_key(make_row(0))


def test_hundred_thousand_rows_load_and_sort_quickly(make_row) -> None:
    base = [make_row(n) for n in range(12)]
    rows = [
        make_row(n % 12, ref=f"LA-2026-{n:06d}", id=n, updated_at=base[n % 12].updated_at)
        for n in range(100_000)
    ]
    keys = [search_key(r) for r in rows]
    model = ApplicationsTableModel()
    started = time.perf_counter()
    model.set_rows(rows, keys)
    for column in (ApplicationColumn.REF, ApplicationColumn.FOREIGN_NATIONAL,
                   ApplicationColumn.UPDATED):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    model.index(99_999, ApplicationColumn.UPDATED).data()
    # A QSortFilterProxyModel sorting through Python data() takes over 10 s here.
    assert time.perf_counter() - started < 5
    assert model.rowCount() == 100_000
