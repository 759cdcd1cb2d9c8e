"""What the applications list reads, made ready off the GUI thread.

The whole list with its search keys and every column's sort orders (:func:`prepare`), so a
click on a header only swaps one order for another on the GUI thread; and the rows a change set
names, read again (:func:`changed_rows_reader`), so the list can update them in place.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from licenseapp.gui.applications.model import (
    SORTED_COLUMNS,
    ref_sort_key,
    reference_order,
    search_key,
    sort_values,
)
from licenseapp.gui.applications.sort_orders import OrderKey, column_orders
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.collector import collector_paused
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: Reads the rows a change set names: (the rows as they are now, the references gone).
ChangedRowsLoader = Callable[[Changes], tuple[Sequence[ApplicationRow], frozenset[str]]]


@dataclass(frozen=True)
class LoadedApplications:
    """The rows with their search keys, reference order and each column's orders, computed
    off the GUI thread."""

    rows: Sequence[ApplicationRow]
    keys: Sequence[str]
    by_ref: Sequence[int]
    orders: dict[OrderKey, array[int]] = field(default_factory=dict)


def prepare(rows: Sequence[ApplicationRow]) -> LoadedApplications:
    with collector_paused():  # 200,000 small strings and tuples, no cycles
        by_ref = reference_order([ref_sort_key(r.ref) for r in rows])  # the keys let go
        keys = [search_key(r) for r in rows]
        # The sort values are let go too: only the orders they give are kept.
        orders = column_orders(SORTED_COLUMNS, partial(sort_values, rows), by_ref)
        return LoadedApplications(rows, keys, by_ref, orders)


def changed_rows_reader(db: Database) -> ChangedRowsLoader:
    """Reads the rows a change set names from ``db`` (runs off the GUI thread)."""

    def read(changes: Changes) -> tuple[Sequence[ApplicationRow], frozenset[str]]:
        from licenseapp.services.drafts.applications import rows_changed

        return rows_changed(
            db, refs=changes.refs(Kind.APPLICATIONS), person_ids=changes.ids(Kind.PEOPLE),
            item_ids=changes.ids(Kind.ITEMS), organization_ids=changes.ids(Kind.ORGANIZATIONS))

    return read
