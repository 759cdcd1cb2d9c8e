"""What the applications list reads, made ready off the GUI thread.

The whole list with its search and sort keys (:func:`prepare`), and the rows a change set
names, read again (:func:`changed_rows_reader`), so the list can update them in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from licenseapp.gui.applications.model import ref_sort_key, reference_order, search_key
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.collector import collector_paused
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: Reads the rows a change set names: (the rows as they are now, the references gone).
ChangedRowsLoader = Callable[[Changes], tuple[Sequence[ApplicationRow], frozenset[str]]]


@dataclass(frozen=True)
class LoadedApplications:
    """The rows with their search keys and reference order, computed off the GUI thread."""

    rows: Sequence[ApplicationRow]
    keys: Sequence[str]
    by_ref: Sequence[int]


def prepare(rows: Sequence[ApplicationRow]) -> LoadedApplications:
    with collector_paused():  # 200,000 small strings and tuples, no cycles
        by_ref = reference_order([ref_sort_key(r.ref) for r in rows])  # the keys let go
        return LoadedApplications(rows, [search_key(r) for r in rows], by_ref)


def changed_rows_reader(db: Database) -> ChangedRowsLoader:
    """Reads the rows a change set names from ``db`` (runs off the GUI thread)."""

    def read(changes: Changes) -> tuple[Sequence[ApplicationRow], frozenset[str]]:
        from licenseapp.services.drafts.applications import rows_changed

        return rows_changed(
            db, refs=changes.refs(Kind.APPLICATIONS), person_ids=changes.ids(Kind.PEOPLE),
            item_ids=changes.ids(Kind.ITEMS), organization_ids=changes.ids(Kind.ORGANIZATIONS))

    return read
