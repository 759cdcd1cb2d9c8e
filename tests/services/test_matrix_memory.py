"""The authorization matrix's memory per access record (issue #19 point 2): at 100,000
records the matrix is worked out when the database opens and kept, so each byte per record
is 100 kB of the window's memory. The cells are columns (a cell is made when read), a
reason is kept once per distinct answer, and the rules' views of people are let go once
the matrix is made."""

from __future__ import annotations

import gc
import tracemalloc
from collections import Counter

from directive_population import populate

from licenseapp.services.directive.authorization import authorization_matrix
from licenseapp.store.database import Database

#: Bytes kept per access record, the matrix's rows and columns included. Before the cells
#: shared their person's texts and the rules let go of their views: 1,000 on this
#: population; then about 720 (an object per cell); kept as columns, about 100.
BYTES_PER_GRANT = 250


def _kept_per_grant(db: Database) -> float:
    authorization_matrix(db)  # imports, rule sets and their caches: not the matrix's
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        matrix = authorization_matrix(db)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(matrix.cells) == 3_000
    return kept / len(matrix.cells)


def test_a_matrix_of_3000_access_records_keeps_under_250_bytes_each(db: Database) -> None:
    populate(db, 3_000, items=1)
    per_grant = _kept_per_grant(db)
    assert per_grant < BYTES_PER_GRANT, f"{per_grant:.0f} bytes kept per access record"


def test_the_matrix_keeps_columns_not_an_object_per_cell(db: Database) -> None:
    """A cell is made when read: none is kept, nor a reason per cell (one per distinct
    answer), and each cell names its person as the rows do."""
    populate(db, 20, items=2)  # P-00001 and P-00011 have equal facts (see STANDINGS)

    def alive() -> Counter[str]:
        gc.collect()
        return Counter(type(o).__name__ for o in gc.get_objects())

    before = alive()
    matrix = authorization_matrix(db)
    kept = alive() - before
    assert kept["MatrixCell"] == 0
    assert kept["PairReason"] == len(matrix.reasons.values) - 1 < len(matrix.grant) == 40
    names = {pid: name for pid, _ref, name in matrix.people}
    refs = {pid: ref for pid, ref, _name in matrix.people}
    for cell in matrix.cells:
        assert (cell.person_name, cell.person_ref) == (names[cell.person_id],
                                                      refs[cell.person_id])


def test_every_cells_reason_is_whole_though_the_answers_were_kept_without(db: Database) -> None:
    """The matrix's memo keeps answers without their reasons while it is made; a reason read
    afterwards (the details pane, the export) is worked out whole, for every cell, also
    for people whose facts are equal (one answer in the memo)."""
    populate(db, 20, items=2)  # P-00001 and P-00011 have equal facts (see STANDINGS)
    matrix = authorization_matrix(db)
    by_ref = {(c.person_ref, c.item_ref): c for c in matrix.cells}
    for cell in matrix.cells:
        assert len(cell.reason) > 40, cell
    for item in ("ITM-M1", "ITM-M2"):
        first, twin = by_ref[("P-00001", item)], by_ref[("P-00011", item)]
        assert (first.reason.replace(first.person_name, "X")
                == twin.reason.replace(twin.person_name, "X"))
        assert (first.ruleset, first.country, first.missing, first.state) == (
            twin.ruleset, twin.country, twin.missing, twin.state)
