"""The applications list's sort orders worked out with the rows (off the GUI thread): the
same orders as sorting on the GUI thread gives, also after rows changed or were added."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from licenseapp.gui.applications.loading import prepare
from licenseapp.gui.applications.model import ApplicationColumn, ApplicationsTableModel

_ORDERS = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)


def _awkward_rows(make_row, count: int = 60):  # type: ignore[no-untyped-def]
    """Rows with ties, empty values, mixed case, equal times and references whose numbers
    sort apart from their text (LA-2026-0002 < LA-2026-0010 < LA-2026-00100)."""
    chooser = random.Random(7)
    base = make_row(0).updated_at
    owners = ("alice", "Bob", "bob", "", "Émile")
    rows = []
    for n in range(count):
        rows.append(make_row(
            n % 12, id=n + 1, ref=f"LA-2026-{n + 1:0{chooser.choice((4, 5))}d}",
            owner=chooser.choice(owners), acn=chooser.choice(("", "Z1", "z1", "Z10", "Z2")),
            updated_at=base + timedelta(minutes=chooser.randrange(5)),
            foreign_national=chooser.choice(("", "wei Zhang", "Wei zhang", "Álvaro")),
        ))
    chooser.shuffle(rows)
    return rows


def _shown(model: ApplicationsTableModel) -> list[str]:
    return [model.row_at(r).ref for r in range(model.rowCount())]


def _sorted_on_the_gui_thread(rows, column, order) -> list[str]:  # type: ignore[no-untyped-def]
    plain = ApplicationsTableModel()
    plain.set_rows(rows)  # no orders given: sorted here, as before
    plain.sort(column, order)
    return _shown(plain)


def _assert_sorts_as_on_the_gui_thread(model: ApplicationsTableModel, rows) -> None:  # type: ignore[no-untyped-def]
    for column in ApplicationColumn:
        for order in _ORDERS:
            model.sort(column, order)
            assert _shown(model) == _sorted_on_the_gui_thread(rows, column, order), (
                column.name, order)


def test_orders_made_with_the_rows_match_sorting_on_the_gui_thread(make_row) -> None:
    rows = _awkward_rows(make_row)
    loaded = prepare(rows)
    assert {column for column, _ in loaded.orders} == set(ApplicationColumn) - {
        ApplicationColumn.REF}
    model = ApplicationsTableModel()
    model.set_rows(loaded.rows, loaded.keys, loaded.by_ref, loaded.orders)
    _assert_sorts_as_on_the_gui_thread(model, rows)


def test_orders_follow_rows_changed_and_added(make_row) -> None:
    rows = _awkward_rows(make_row)
    loaded = prepare(rows)
    model = ApplicationsTableModel()
    model.set_rows(loaded.rows, loaded.keys, loaded.by_ref, loaded.orders)
    model.sort(ApplicationColumn.OWNER, Qt.SortOrder.AscendingOrder)
    changed = [replace(rows[3], owner="aaron", status="denied", acn="Z0",
                       updated_at=rows[3].updated_at + timedelta(days=9)),
               replace(rows[10], foreign_national="", owner="Bob")]
    added = [make_row(5, id=500, ref="LA-2026-0007b", owner="bob", acn="z1")]
    model.update_rows([*changed, *added])
    now = list(model.loaded_rows())
    assert len(now) == len(rows) + 1
    _assert_sorts_as_on_the_gui_thread(model, now)


def test_a_header_sort_at_100000_rows_only_swaps_an_order(make_row) -> None:
    rows = [make_row(n % 12, ref=f"LA-2026-{n:06d}", id=n, owner=("alice", "bob")[n % 3 == 0])
            for n in range(100_000)]
    loaded = prepare(rows)
    model = ApplicationsTableModel()
    model.set_rows(loaded.rows, loaded.keys, loaded.by_ref, loaded.orders)
    times = []
    for column in (ApplicationColumn.FOREIGN_NATIONAL, ApplicationColumn.STATUS,
                   ApplicationColumn.UPDATED, ApplicationColumn.OWNER):
        started = time.perf_counter()
        model.sort(column, Qt.SortOrder.AscendingOrder)
        times.append(time.perf_counter() - started)
    # Sorting here took ~150-250 ms a column; a swap takes a few (generous for CI).
    assert sorted(times)[1] < 0.04, times


def test_rows_sorted_a_run_at_a_time_are_in_one_sorts_order() -> None:
    """Sorted in runs then merged (so no call holds the GIL long): the order one ``sorted``
    gives, equal values in the given order, both ways, at sizes around a run's."""
    from licenseapp.gui.applications.sort_orders import RUN, sorted_rows

    chooser = random.Random(11)
    for count in (0, 1, RUN - 1, RUN, RUN + 1, 3 * RUN + 17, 8 * RUN):
        values = [chooser.choice(("", "a", "B", "b", "zhang", "Ω")) + str(chooser.randrange(9))
                  for _ in range(count)]
        by_ref = list(range(count))
        chooser.shuffle(by_ref)
        for descending in (False, True):
            assert sorted_rows(values, by_ref, descending) == sorted(
                by_ref, key=values.__getitem__, reverse=descending)
