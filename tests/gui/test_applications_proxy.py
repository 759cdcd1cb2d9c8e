"""Filtering the applications list by text, status and regulator."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt

from licenseapp.domain.enums import PENDING_STATUSES
from licenseapp.gui.applications.model import (
    REF_ROLE,
    ApplicationColumn,
    ApplicationsTableModel,
    search_key,
)
from licenseapp.gui.applications.proxy import ApplicationsFilterProxy


@pytest.fixture
def proxy(rows):
    model = ApplicationsTableModel()
    model.set_rows(rows)
    proxy = ApplicationsFilterProxy()
    proxy.setSourceModel(model)
    proxy.source = model  # keep the model alive as long as the proxy
    return proxy


def shown(proxy: ApplicationsFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data(REF_ROLE) for r in range(proxy.rowCount())]


def people(proxy: ApplicationsFilterProxy) -> set[str]:
    return {proxy.index(r, ApplicationColumn.FOREIGN_NATIONAL).data()
            for r in range(proxy.rowCount())}


def test_proxy_passes_qt_model_tester(qtmodeltester, proxy) -> None:
    proxy.set_text_filter("mythos")
    qtmodeltester.check(proxy, force_py=True)


def test_unfiltered_shows_everything(proxy) -> None:
    assert proxy.rowCount() == 12
    assert not proxy.is_filtered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la-2026-0003", {"LA-2026-0003"}),  # reference, any case
        ("Z100004", {"LA-2026-0005"}),  # ACN
        ("张伟", {"LA-2026-0001", "LA-2026-0007"}),  # Chinese native name
        ("حداد", {"LA-2026-0002", "LA-2026-0008"}),  # Arabic native name
        ("дмитрий", {"LA-2026-0003", "LA-2026-0009"}),  # Cyrillic, case-insensitive
        ("शर्मा", {"LA-2026-0004", "LA-2026-0010"}),  # Devanagari
        ("nunez", {"LA-2026-0005", "LA-2026-0011"}),  # accents optional
        ("ML22", {"LA-2026-0005", "LA-2026-0011"}),  # ECCN
        ("guidance firmware", {"LA-2026-0003", "LA-2026-0009"}),  # item name, every word
    ],
)
def test_text_filter_matches_ref_names_acn_items_and_eccns(proxy, text, expected) -> None:
    proxy.set_text_filter(text)
    assert set(shown(proxy)) == expected


def test_every_word_must_match(proxy) -> None:
    proxy.set_text_filter("4e091 haddad")
    assert set(shown(proxy)) == {"LA-2026-0002", "LA-2026-0008"}
    proxy.set_text_filter("4e091 nobody")
    assert shown(proxy) == []


def test_clearing_the_text_shows_everything_again(proxy) -> None:
    proxy.set_text_filter("zhang")
    assert proxy.rowCount() == 2
    proxy.set_text_filter("   ")
    assert proxy.rowCount() == 12


def test_status_filter(proxy) -> None:
    proxy.set_status_filter("denied")
    assert set(shown(proxy)) == {"LA-2026-0006", "LA-2026-0012"}
    proxy.set_status_filter([s.value for s in PENDING_STATUSES])
    statuses = {proxy.sourceModel().row_at(proxy.mapToSource(proxy.index(r, 0)).row()).status
                for r in range(proxy.rowCount())}
    assert statuses == {"submitted", "registered", "info_requested"}
    proxy.set_status_filter(None)
    assert proxy.rowCount() == 12


def test_regulator_filter(proxy) -> None:
    proxy.set_regulator_filter("DDTC")
    assert set(shown(proxy)) == {"LA-2026-0003", "LA-2026-0009"}
    proxy.set_regulator_filter("ECJU")
    assert people(proxy) == {"José Ángel Núñez"}


def test_filters_combine(proxy) -> None:
    proxy.set_regulator_filter("BIS")
    proxy.set_status_filter("submitted")
    proxy.set_text_filter("photon")
    assert set(shown(proxy)) == {"LA-2026-0002", "LA-2026-0008"}
    proxy.set_text_filter("dmitri")
    assert shown(proxy) == []
    assert proxy.is_filtered


def test_sorting_through_the_proxy_keeps_the_filter(proxy) -> None:


    proxy.set_text_filter("mythos")
    proxy.sort(ApplicationColumn.REF, Qt.SortOrder.AscendingOrder)
    refs = shown(proxy)
    assert refs == sorted(refs)
    assert set(refs) == {"LA-2026-0001", "LA-2026-0002", "LA-2026-0004", "LA-2026-0007",
                         "LA-2026-0008", "LA-2026-0010"}
    proxy.sort(ApplicationColumn.REF, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == sorted(refs, reverse=True)


# --- the user's place through filter changes and sorts ---------------------------------


def row_of(proxy: ApplicationsFilterProxy, ref: str) -> int:
    return shown(proxy).index(ref)


def test_model_tester_through_filters_and_sorts(qtmodeltester, proxy) -> None:
    proxy.sort(ApplicationColumn.FOREIGN_NATIONAL, Qt.SortOrder.AscendingOrder)
    proxy.set_status_filter("submitted")
    proxy.sort(ApplicationColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_status_filter(None)
    qtmodeltester.check(proxy, force_py=True)


def test_mapping_both_ways_agrees_after_a_sort_under_a_filter(proxy) -> None:
    model = proxy.sourceModel()
    proxy.set_text_filter("mythos")
    proxy.sort(ApplicationColumn.OWNER, Qt.SortOrder.DescendingOrder)
    for row in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(row, ApplicationColumn.ITEMS))
        assert proxy.mapFromSource(source).row() == row
        assert source.data(REF_ROLE) == proxy.index(row, 0).data(REF_ROLE)
        assert "Mythos" in proxy.index(row, ApplicationColumn.ITEMS).data()
    hidden = [r for r in range(model.rowCount())
              if "Mythos" not in (model.index(r, ApplicationColumn.ITEMS).data() or "")]
    assert hidden and all(not proxy.mapFromSource(model.index(r, 0)).isValid() for r in hidden)


def test_selected_row_follows_its_application_through_filter_and_sort(qtbot, proxy) -> None:
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    chosen = "LA-2026-0002"  # Layla Haddad, Mythos 5
    view.selectionModel().setCurrentIndex(
        proxy.index(row_of(proxy, chosen), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    proxy.set_text_filter("haddad")
    proxy.sort(ApplicationColumn.REF, Qt.SortOrder.AscendingOrder)
    selected = view.selectionModel().selectedRows()
    assert [i.data(REF_ROLE) for i in selected] == [chosen]
    assert view.currentIndex().data(REF_ROLE) == chosen

    proxy.set_text_filter("")
    assert view.currentIndex().data(REF_ROLE) == chosen
    assert view.currentIndex().row() == row_of(proxy, chosen)


def test_a_row_filtered_out_leaves_the_selection(qtbot, proxy) -> None:
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.selectRow(row_of(proxy, "LA-2026-0003"))  # Dmitri, DDTC
    kept = QPersistentModelIndex(proxy.index(row_of(proxy, "LA-2026-0003"), 0))
    proxy.set_regulator_filter("BIS")
    assert not kept.isValid()
    assert view.selectionModel().selectedRows() == []


def test_a_new_load_keeps_the_filter(proxy, rows) -> None:
    proxy.set_text_filter("zhang")
    proxy.sourceModel().set_rows(rows[:6])
    assert shown(proxy) == ["LA-2026-0007"]


def test_a_keystroke_at_100000_rows_filters_in_well_under_a_second(make_row) -> None:
    """A regression guard (the benchmark has the 100 ms target): the filter must not go
    back to one Python call per row from C++."""
    base = [make_row(n) for n in range(12)]
    rows = [make_row(n % 12, ref=f"LA-2026-{n:06d}", id=n, updated_at=base[n % 12].updated_at)
            for n in range(100_000)]
    model = ApplicationsTableModel()
    model.set_rows(rows, [search_key(r) for r in rows])
    proxy = ApplicationsFilterProxy()
    proxy.setSourceModel(model)
    started = time.perf_counter()
    proxy.set_text_filter("zhang")
    proxy.sort(ApplicationColumn.FOREIGN_NATIONAL, Qt.SortOrder.AscendingOrder)
    proxy.set_text_filter("zha")
    took = time.perf_counter() - started
    assert proxy.rowCount() == 100_000 // 12 * 2 + sum(
        1 for n in range(100_000 - 100_000 % 12, 100_000) if n % 12 in (0, 6))
    assert took < 1.5
