"""The global search index's memory per record (issue #19 point 2): at 100,000 applications
and 50,000 people it is kept for as long as the database is open. Titles, context lines,
references and the sorted words are joined texts with offsets, not an object each."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Iterator

from licenseapp.domain.search.index import KindIndex, RecordKind, SearchRecord
from licenseapp.domain.search.keys import searchable
from licenseapp.domain.search.texts import BLOCK, TextList

#: Bytes kept per application record. When every title, line, reference and word was a
#: ``str`` of its own: about 495 on these records; now about 215.
BYTES_PER_RECORD = 350
RECORDS = 5_000


def _applications() -> Iterator[SearchRecord]:
    for n in range(RECORDS):
        ref = f"LA-2026-{n:05d}"
        acn = f"Z{1_000_000 + 7 * n}"
        yield SearchRecord(RecordKind.APPLICATIONS, ref, ref,
                           f"Registered · BIS · ACN {acn} · Given{n} Family{n}",
                           searchable(codes=(ref, acn)))


def test_an_index_of_5000_applications_keeps_under_350_bytes_each() -> None:
    KindIndex(RecordKind.APPLICATIONS, _applications()).search("LA 1", 5)  # imports, caches
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = KindIndex(RecordKind.APPLICATIONS, _applications())
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(index) == RECORDS
    assert kept / RECORDS < BYTES_PER_RECORD, f"{kept / RECORDS:.0f} bytes per record"
    # And it still finds and shows them as they were given.
    (found,), more = index.search("LA-2026-04321", 5)
    assert (found.key, found.title, more) == ("LA-2026-04321", "LA-2026-04321", False)
    assert found.context == "Registered · BIS · ACN Z1030247 · Given4321 Family4321"


def test_a_text_list_reads_back_every_text_in_any_script() -> None:
    texts = [f"text {n}" if n % 7 else f"名前 {n} 😀" for n in range(3 * BLOCK + 5)]
    texts[BLOCK] = ""  # an empty text first in its block
    listed = TextList(texts)
    assert len(listed) == len(texts)
    assert list(listed) == texts
    assert listed[-1] == texts[-1] and listed[BLOCK - 1:BLOCK + 2] == texts[BLOCK - 1:BLOCK + 2]
    assert list(TextList([])) == []
