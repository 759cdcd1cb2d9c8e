"""A long list of short texts kept as a few joined strings and offsets.

A ``str`` costs 49 bytes or more before its first character, and a list 8 bytes per entry on
top: 100,000 application titles, their context lines and 400,000 distinct words held as
``str`` objects were 70 MB of the search index, most of it headers. :class:`TextList` joins
its texts in blocks of :data:`BLOCK`, each a string of its own (so one text in a wide script
widens only its block, not every text), and finds text ``i`` by an offset in an ``array``:
a few bytes per text beyond its characters. Reading makes a new ``str`` each time, for the
few a search shows.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

#: Texts per joined string.
BLOCK = 256


class TextList(Sequence[str]):
    """An immutable sequence of texts, stored compactly (see the module's docstring)."""

    __slots__ = ("_blocks", "_ends", "_len")

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._blocks: list[str] = []
        #: Where text ``i`` ends within its block (it starts where ``i - 1`` ends, or at 0).
        self._ends = array("I")
        block: list[str] = []
        at = 0
        for text in texts:
            block.append(text)
            at += len(text)
            self._ends.append(at)
            if len(block) == BLOCK:
                self._blocks.append("".join(block))
                block, at = [], 0
        if block:
            self._blocks.append("".join(block))
        self._len = len(self._ends)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("text index out of range")
        start = self._ends[i - 1] if i % BLOCK else 0
        return self._blocks[i // BLOCK][start:self._ends[i]]

    def containing(self, part: str) -> Iterator[int]:
        """The indices of the texts that contain ``part``, in order: looked for in the
        joined blocks, so Python runs per text found, not per text (none is made)."""
        ends, size = self._ends, len(part)
        for b, block in enumerate(self._blocks):
            first = b * BLOCK
            last = min(first + BLOCK, self._len)
            at = block.find(part)
            while at >= 0:
                i = bisect_right(ends, at, first, last)  # the text ``at`` falls in
                if i < last and at + size <= ends[i]:
                    yield i
                    at = block.find(part, ends[i])  # on from the next text
                else:  # across two texts: not in either
                    at = block.find(part, at + 1)


__all__ = ["BLOCK", "TextList"]
