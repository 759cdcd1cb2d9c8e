"""TextList.containing: the texts a part is in, found in the joined blocks."""

from __future__ import annotations

import random

from licenseapp.domain.search.texts import BLOCK, TextList


def test_finds_what_in_finds_and_never_across_two_texts() -> None:
    rng = random.Random(7)
    for _ in range(50):
        texts = ["".join(rng.choice("ab\n") for _ in range(rng.randint(0, 4)))
                 for _ in range(rng.randint(0, 3 * BLOCK))]
        joined = TextList(texts)
        for part in ("a", "ab", "ba", "aa", "b\na", "abab", "\n"):
            assert list(joined.containing(part)) == [
                n for n, text in enumerate(texts) if part in text], part


def test_a_part_at_a_blocks_edges_is_found() -> None:
    texts = ["x"] * (2 * BLOCK)
    texts[BLOCK - 1] = "ahmed"  # the last of the first block
    texts[BLOCK] = "ahmed k"  # the first of the second
    texts[BLOCK + 1] = "ah"  # "ah" + "med" across two texts is in neither
    texts[BLOCK + 2] = "med"
    assert list(TextList(texts).containing("ahmed")) == [BLOCK - 1, BLOCK]
