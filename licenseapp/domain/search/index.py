"""The global search index: every record's searchable text in memory, by kind.

What is typed is folded as the records' texts are (:mod:`licenseapp.domain.search.keys`)
and matched in two steps, stopping as soon as a kind has enough:

1. every typed word at the start of one of the record's words, in any order ("wei" and
   "wei zhang" find "Zhang Wei"; "la 2026 00" finds LA-2026-0042): each kind keeps its
   words sorted with the records they are in, so a prefix's records are found by bisection
   and the rarest typed word's records are checked for the others;
2. what was typed anywhere in the text ("0042" inside "la202600042", "hrani" inside
   "Al-Zahrani"), three characters at least: each kind's words with digits (codes) and
   without (names) are joined into two strings searched with ``str.find`` (C speed, no
   Python loop per record) — text with a digit among the codes, other text among the names
   (not in applications and licenses, which hold only codes).

An index never changes: :meth:`KindIndex.replaced` makes a new one with some records
replaced, so a search running on another thread always sees a whole index.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import accumulate
from types import MappingProxyType

from licenseapp.domain.search.keys import fold
from licenseapp.domain.search.texts import TextList

_START = "\x00"
_LAST = "\U0010ffff"  # after every character: a prefix's words end before prefix + _LAST
_INSIDE = 3
_GROUP = 3


class RecordKind(StrEnum):
    """What the search finds, in the order its groups are shown."""

    APPLICATIONS = "applications"  # key: the application's reference
    LICENSES = "licenses"  # key: the reference of its application (title: its number)
    PEOPLE = "people"  # key: the person's id
    ORGANIZATIONS = "organizations"  # key: the organization's id
    ITEMS = "items"  # key: the controlled item's id

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def codes_only(self) -> bool:
        """Found by codes alone (references, numbers): letters typed are looked for at the
        start of their words, only numbers inside them ("0042" in "LA-2026-0042")."""
        return self in (RecordKind.APPLICATIONS, RecordKind.LICENSES)


Key = str | int


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """A record as the search finds and shows it."""

    kind: RecordKind
    key: Key
    title: str  # "LA-2026-0042", "Zhang Wei", "Mythos 5"
    context: str  # the line under it: "Registered · BIS · ACN Z1243153 · Zhang Wei"
    text: str  # what it is found by (keys.searchable)


@dataclass(frozen=True, slots=True)
class Found:
    kind: RecordKind
    key: Key
    title: str
    context: str


@dataclass(frozen=True, slots=True)
class FoundGroup:
    """The records of one kind that match, best first; ``more`` if others were left out."""

    kind: RecordKind
    found: tuple[Found, ...]
    more: bool


class KindIndex:
    """The records of one kind, searchable (see the module's docstring)."""

    __slots__ = ("_contexts", "_digits", "_firsts", "_keys", "_letters", "_numbers",
                 "_titles", "_words", "kind")

    def __init__(self, kind: RecordKind, records: Iterable[SearchRecord]) -> None:
        self.kind = kind
        keys: list[Key] = []
        titles: list[str] = []
        contexts: list[str] = []
        texts: list[str] = []
        for record in records:
            keys.append(record.key)
            titles.append(record.title)
            contexts.append(record.context)
            texts.append(record.text)
        self._keys = _compact_keys(keys)
        self._titles, self._contexts = TextList(titles), TextList(contexts)
        del keys, titles, contexts
        letters, digits = _split(texts)
        self._letters, self._digits = _Joined(letters), _Joined(digits)
        del letters, digits
        words, self._firsts, self._numbers = _postings(texts)
        self._words = TextList(words)

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def size_chars(self) -> int:
        return self._letters.size_chars + self._digits.size_chars

    def keys(self) -> Sequence[Key]:
        return self._keys

    def record(self, i: int) -> SearchRecord:
        return SearchRecord(self.kind, self._keys[i], self._titles[i], self._contexts[i],
                            self._text(i))

    def _text(self, i: int) -> str:
        return self._letters.text(i) + self._digits.text(i)

    def replaced(self, records: Iterable[SearchRecord], removed: Collection[Key] = ()
                 ) -> KindIndex:
        """A new index with ``records`` in place of those with the same keys (new ones
        first) and the ``removed`` keys gone."""
        fresh = {record.key: record for record in records}
        gone = set(removed)
        kept: list[SearchRecord] = []
        for i, key in enumerate(self._keys):
            if key in gone:
                continue
            kept.append(fresh.pop(key) if key in fresh else self.record(i))
        return KindIndex(self.kind, [*fresh.values(), *kept])

    def search(self, typed: str, limit: int) -> tuple[list[Found], bool]:
        """Up to ``limit`` records matching ``typed``, best first, and whether there are
        more."""
        phrase = fold(typed)
        if not phrase:
            return [], False
        chosen: dict[int, None] = {}  # record numbers in the order found
        for numbers in (self._starting(phrase.split()), self._containing(phrase)):
            for i in numbers:
                chosen.setdefault(i)
                if len(chosen) > limit:
                    break
            if len(chosen) > limit:
                break
        found = [Found(self.kind, self._keys[i], self._titles[i], self._contexts[i])
                 for i in list(chosen)[:limit]]
        return found, len(chosen) > limit

    def _prefix_range(self, prefix: str) -> tuple[int, int]:
        """Where the records of the words starting with ``prefix`` are in _numbers."""
        low = bisect_left(self._words, prefix)
        high = bisect_left(self._words, prefix + _LAST, low)
        return self._firsts[low], self._firsts[high]

    def _starting(self, words: list[str]) -> Iterator[int]:
        """Records with every typed word at the start of one of theirs, in any order: the
        records of the rarest typed word's prefix, checked for the others."""
        ranges = sorted((self._prefix_range(word), word) for word in dict.fromkeys(words))
        ranges.sort(key=lambda found: found[0][1] - found[0][0])
        (low, high), _rarest = ranges[0]
        others = [" " + word for _range, word in ranges[1:]]
        for i in self._numbers[low:high]:
            if not others or all(word in self._text(i) for word in others):
                yield i

    def _containing(self, phrase: str) -> Iterator[int]:
        """Records with what was typed anywhere (three characters or more: shorter ones
        inside words match nearly everything; with a digit if the kind has codes only)."""
        if len(phrase) < _INSIDE:
            return
        if any(ch.isdigit() for ch in phrase):
            yield from self._digits.records_with(phrase)
        elif not self.kind.codes_only:
            yield from self._letters.records_with(phrase)


def _compact_keys(keys: list[Key]) -> Sequence[Key]:
    """Ids in an array, references in a :class:`TextList` (not an object each)."""
    ids = [key for key in keys if type(key) is int]
    if len(ids) == len(keys):
        return array("q", ids)
    texts = [key for key in keys if isinstance(key, str)]
    return TextList(texts) if len(texts) == len(keys) else keys


def _split(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each text's words without digits and its words with (names and codes, mostly): a
    number is looked for among the codes alone, a name among the names alone."""
    letters: list[str] = []
    digits: list[str] = []
    for text in texts:
        words = text.split()
        numbered = [word for word in words if not word.isalpha()]
        if not numbered:
            letters.append(text)
            digits.append("")
        elif len(numbered) == len(words):
            letters.append("")
            digits.append(text)
        else:
            letters.append("".join(" " + word for word in words if word.isalpha()))
            digits.append("".join(" " + word for word in numbered))
    return letters, digits


class _Joined:
    """Texts joined into one string, each after a NUL, searched with ``str.find``."""

    __slots__ = ("_blob", "_starts")

    def __init__(self, texts: Sequence[str]) -> None:
        self._blob = "".join(_START + text for text in texts) + _START
        # Where each record's NUL is, and one past the last record's (the final NUL).
        self._starts = array("q", [0])
        self._starts.extend(accumulate(len(text) + 1 for text in texts))

    @property
    def size_chars(self) -> int:
        return len(self._blob)

    def text(self, i: int) -> str:
        return self._blob[self._starts[i] + 1:self._starts[i + 1]]

    def records_with(self, needle: str) -> Iterator[int]:
        """The records whose text holds ``needle``, each once, in order."""
        blob, starts = self._blob, self._starts
        pos = blob.find(needle)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            yield i
            pos = blob.find(needle, starts[i + 1])


def _postings(texts: Sequence[str]) -> tuple[list[str], array[int], array[int]]:
    """Every word of ``texts`` once, in order, with the records it is in: word n's records
    are ``numbers[firsts[n]:firsts[n + 1]]``, so a prefix's records are one slice.

    Built without a container per word (a list per word is 300,000 objects the cyclic
    collector walks on the GUI thread: a freeze of a third of a second) and sorted in
    groups of a common start (one sort of 500,000 words holds the interpreter, and so the
    GUI thread, for half a second)."""
    every: list[str] = []
    owners = array("i")
    for number, text in enumerate(texts):
        found = text.split()
        every += found
        owners.extend([number] * len(found))
    groups: dict[str, list[int]] = {}
    for at, word in enumerate(every):
        groups.setdefault(word[:_GROUP], []).append(at)
    words: list[str] = []
    firsts = array("i")  # arrays: a list of 300,000 ints is 10 MB more
    numbers = array("i")
    for start in sorted(groups):
        group = groups.pop(start)
        group.sort(key=every.__getitem__)  # stable: each word's records stay in order
        for at in group:
            word = every[at]
            if not words or words[-1] != word:
                words.append(word)
                firsts.append(len(numbers))
            numbers.append(owners[at])
    firsts.append(len(numbers))
    return words, firsts, numbers


_EMPTY: Mapping[RecordKind, KindIndex] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """Every kind's index; a new one is made for each change (see :meth:`with_kind`)."""

    kinds: Mapping[RecordKind, KindIndex] = field(default_factory=lambda: _EMPTY)

    @classmethod
    def of(cls, records: Iterable[SearchRecord]) -> SearchIndex:
        by_kind: dict[RecordKind, list[SearchRecord]] = {kind: [] for kind in RecordKind}
        for record in records:
            by_kind[record.kind].append(record)
        return cls({kind: KindIndex(kind, found) for kind, found in by_kind.items()})

    def with_kind(self, index: KindIndex) -> SearchIndex:
        return SearchIndex({**self.kinds, index.kind: index})

    def kind(self, kind: RecordKind) -> KindIndex:
        return self.kinds.get(kind) or KindIndex(kind, ())

    def __len__(self) -> int:
        return sum(len(index) for index in self.kinds.values())

    def search(self, typed: str, limit: int = 5) -> list[FoundGroup]:
        """The groups of records matching ``typed`` (kinds with none left out)."""
        groups = []
        for kind in RecordKind:
            index = self.kinds.get(kind)
            if index is None:
                continue
            found, more = index.search(typed, limit)
            if found:
                groups.append(FoundGroup(kind, tuple(found), more))
        return groups
