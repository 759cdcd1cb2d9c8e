"""Each column's sort order of the applications list, worked out off the GUI thread.

A click on a column header then swaps one permutation of the loaded rows for another
instead of making 100,000 sort values and sorting them on the GUI thread (~200 ms at
100,000 rows, a visible freeze). :func:`column_orders` runs on the loading worker with the
rows; :class:`ColumnOrders` keeps the results (4 bytes a row per column and direction, the
sort values themselves let go) and repairs one when rows changed since: the changed rows
are taken out and put back where they now belong, a few binary searches each.

Every order is the one ``sorted(by_ref, key=values, reverse=...)`` gives: equal values in
reference order, in both directions (Python's sort is stable also in reverse).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any

#: Above this many rows changed since an order was made, it is made again from scratch.
REPAIR_AT_MOST = 2_000

#: (column, descending) -> the loaded rows' indexes in that order.
OrderKey = tuple[int, bool]


class _Descending:
    """A sort value compared the other way round, so a descending order is searched with
    ``bisect`` like an ascending one."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]  # compared only


#: Rows sorted by one call of ``sorted``. A sort keyed by ``list.__getitem__`` runs no
#: Python bytecode, so it holds the GIL from start to end: 50,000 names sorted on a loading
#: worker kept the GUI thread from running any Python (a slot, a paint's ``data()``) for
#: ~200 ms under load. Sorted a run of this many at a time, then merged two runs at a time,
#: no call holds it for longer than one merge of two runs (linear).
RUN = 4_096


def sorted_rows(values: Sequence[Any], by_ref: Sequence[int], descending: bool) -> list[int]:
    """The loaded rows (``by_ref``: in reference order) sorted on ``values``; equal values
    in reference order — what one ``sorted`` gives, in steps that let other threads run."""
    key = values.__getitem__
    rows = list(by_ref)
    if len(rows) <= RUN:
        return sorted(rows, key=key, reverse=descending)
    # Each run and each merge is a stable sort of rows in their given order, so equal
    # values stay in that order (also in reverse: Python's sort keeps ties then too).
    runs = [sorted(rows[start:start + RUN], key=key, reverse=descending)
            for start in range(0, len(rows), RUN)]
    while len(runs) > 1:
        runs = [sorted(runs[n] + runs[n + 1], key=key, reverse=descending)
                if n + 1 < len(runs) else runs[n] for n in range(0, len(runs), 2)]
    return runs[0]


def column_orders(
    columns: Iterable[int], values_of: Callable[[int], Sequence[Any]], by_ref: Sequence[int]
) -> dict[OrderKey, array[int]]:
    """Both orders of each of ``columns`` (``values_of(column)``: each loaded row's sort
    value). Plain Python: runs off the GUI thread."""
    orders: dict[OrderKey, array[int]] = {}
    for column in columns:
        values = values_of(column)
        for descending in (False, True):
            orders[column, descending] = array("i", sorted_rows(values, by_ref, descending))
    return orders


class ColumnOrders:
    """The orders :func:`column_orders` made, kept up to date with the rows.

    ``place_key(column, loaded_row)`` is what puts a row in its place: (its sort value, a
    tie-break that gives reference order, e.g. its reference's sort key).
    """

    def __init__(self, orders: dict[OrderKey, array[int]],
                 place_key: Callable[[int, int], tuple[Any, Any]]) -> None:
        self._orders = orders
        self._place_key = place_key
        self._stale: dict[OrderKey, set[int]] = {}  # rows changed since the order was made

    def __contains__(self, key: OrderKey) -> bool:
        return key in self._orders

    def changed(self, loaded: Iterable[int]) -> None:
        """These loaded rows changed (or were added): each order puts them back in place
        when next asked."""
        rows = set(loaded)
        for key in self._orders:
            self._stale.setdefault(key, set()).update(rows)

    def order(self, column: int, descending: bool) -> array[int] | None:
        """The loaded rows in this order (a copy, the caller's to change), or None when it
        is not known (not made, or too many rows changed since)."""
        key = (column, descending)
        order = self._orders.get(key)
        if order is None:
            return None
        stale = self._stale.pop(key, None)
        if stale:
            if len(stale) > REPAIR_AT_MOST:
                del self._orders[key]
                return None
            order = self._orders[key] = self._repaired(order, stale, column, descending)
        return order[:]

    def _repaired(self, order: array[int], stale: set[int], column: int,
                  descending: bool) -> array[int]:
        def place_of(loaded: int) -> tuple[Any, Any]:
            value, tie_break = self._place_key(column, loaded)
            return (_Descending(value) if descending else value), tie_break

        kept = array("i", (i for i in order if i not in stale))
        for loaded in sorted(stale):
            kept.insert(bisect_left(kept, place_of(loaded), key=place_of), loaded)
        return kept
