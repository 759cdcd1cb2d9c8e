"""Reading a long file a batch of rows at a time, and keeping of the rows' outcomes what
the report shows, so that an import holds a few thousand rows, never the whole file.

- :func:`batched` ``(rows, size)``: lists of at most ``size`` rows, in order.
- :class:`KeptOutcomes`: add each batch's outcomes; it counts every outcome, keeps every row
  that does not go in (rejected, to confirm: with their problems named as the file names the
  column) and the first :data:`PREVIEW_ROWS` rows that do, and the changes of the updated
  rows for the audit entry (field → [the value before the file, the value after]).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import islice
from typing import TypeVar

from licenseapp.domain.column_mapping import ColumnMapping
from licenseapp.domain.import_outcomes import Outcome, RowOutcome
from licenseapp.services.exchange.importing import named_as_in_file

T = TypeVar("T")

#: Rows read, decided and written at a time.
BATCH_ROWS = 5_000
#: Rows that go in (added, updated, unchanged) whose outcome the report lists, from the
#: first; the others are counted. Every row that does not go in is listed.
PREVIEW_ROWS = 5_000


def batched(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


class KeptOutcomes:
    """What an import keeps of its rows' outcomes (see the module's docstring)."""

    def __init__(self, mapping: ColumnMapping, labels: Mapping[str, str],
                 preview: int = PREVIEW_ROWS) -> None:
        self.mapping, self.labels, self.preview = mapping, labels, preview
        self.counts: dict[Outcome, int] = dict.fromkeys(Outcome, 0)
        self.rows: list[RowOutcome] = []
        self.refused = 0  # rows that do not go in
        self.updated: dict[str, dict[str, list[str]]] = {}  # record → field → [old, new]
        self._shown = 0

    def add(self, outcomes: Iterable[RowOutcome]) -> None:
        counts, rows = self.counts, self.rows
        for o in outcomes:
            counts[o.outcome] += 1
            if o.outcome.applies:
                if o.outcome is Outcome.UPDATED:
                    fields = self.updated.setdefault(o.record, {})
                    for c in o.changes:
                        fields[c.field] = [fields[c.field][0] if c.field in fields else c.old,
                                           c.new]
                if self._shown < self.preview:
                    self._shown += 1
                    rows.append(o)
                continue
            self.refused += 1
            if o.problems:  # named as the user's file names the column ("Date of Birth")
                o = replace(o, problems=named_as_in_file(o.problems, self.mapping,
                                                         self.labels))
            rows.append(o)


__all__ = ["BATCH_ROWS", "PREVIEW_ROWS", "KeptOutcomes", "batched"]
