"""Matching a name against every list entry, with a score a reviewer can check.

The name decides whether there is a hit: words are aligned whatever their order, each pair
compared with rapidfuzz on spelling-folded forms (and by consonants for names written in
Arabic or Hebrew script); honorifics and company suffixes count for little. Date of birth,
country and the kind of party then raise or lower the score, but never make a hit alone:
the name must reach ``threshold - FACTS_REACH`` by itself. Every step is a
:class:`Factor` line of the explanation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain

from rapidfuzz import fuzz, process

from licenseapp.domain.screening.entries import ListEntry
from licenseapp.domain.screening.name_scoring import TOKEN_FLOOR, Factor, score_names
from licenseapp.domain.screening.names import NameForm, name_form, variants

#: How far the other facts can lift a name score to a hit.
FACTS_REACH = 10.0
VOCAB_CUTOFF = 70.0  # rapidfuzz ratio for a word to be looked at


@dataclass(frozen=True, slots=True)
class Query:
    """What we know of the party screened."""

    names: tuple[str, ...]  # the name first, then native-script and other names
    kind: str = "person"  # "person" or "organization"
    countries: tuple[str, ...] = ()
    dob: date | None = None


@dataclass(frozen=True, slots=True)
class Match:
    entry: ListEntry
    score: float
    name_score: float
    matched_name: str
    query_name: str
    factors: tuple[Factor, ...]


def _years(texts: Iterable[str]) -> set[int]:
    found = set()
    for text in texts:
        for part in text.replace("/", " ").replace("-", " ").replace(",", " ").split():
            if len(part) == 4 and part.isdigit():
                found.add(int(part))
    return found


def fact_factors(query: Query, entry: ListEntry) -> list[Factor]:
    """What date of birth, countries and the kind of party say about an entry."""
    found = []
    if entry.kind in ("vessel", "aircraft"):
        found.append(Factor(f"the list entry is a {entry.kind}", -20.0))
    elif query.kind == "person" and entry.kind == "entity":
        found.append(Factor("the list entry is an organization, ours a person", -12.0))
    elif query.kind == "organization" and entry.kind == "individual":
        found.append(Factor("the list entry is a person, ours an organization", -12.0))
    ours = {c.upper() for c in query.countries if c}
    theirs = set(entry.countries)
    if ours and theirs:
        shared = sorted(ours & theirs)
        if shared:
            found.append(Factor(f"country {', '.join(shared)} on both", 5.0))
        else:
            found.append(Factor(f"countries differ (ours {', '.join(sorted(ours))}; "
                                f"the list's {', '.join(sorted(theirs))})", -8.0))
    if query.dob is not None and entry.dates_of_birth:
        years = _years(entry.dates_of_birth)
        if query.dob.isoformat() in entry.dates_of_birth:
            found.append(Factor(f"date of birth {query.dob.isoformat()} on both", 8.0))
        elif query.dob.year in years:
            found.append(Factor(f"year of birth {query.dob.year} on both", 4.0))
        elif years and min(abs(query.dob.year - y) for y in years) > 1:
            found.append(Factor(f"born {query.dob.year}; the list says "
                                f"{', '.join(entry.dates_of_birth)}", -15.0))
    return found


def _by_initial(words: dict[str, list[int]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for word in words:
        found[word[:1]].append(word)
    return dict(found)


def _similar(key: str, postings: dict[str, list[int]], by_initial: dict[str, list[str]],
             cutoff: float) -> tuple[str, ...]:
    if len(key) <= 2:
        return (key,) if key in postings else ()
    return tuple(w for w, _s, _i in process.extract(
        key, by_initial.get(key[:1], []), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None))


def _could_reach(shared: int, ours: int, theirs: int, floor: float) -> bool:
    """Whether names sharing ``shared`` of their significant words (``ours`` and ``theirs``
    of them) could score ``floor``: at best as :func:`score_names` would score them."""
    if shared >= 2 and (ours - shared <= 1 or theirs - shared <= 1):
        return True  # the missing-middle-name allowance may apply
    best = 2 * min(shared, ours, theirs) / max(1, ours + theirs)
    return 100.0 * best >= floor


class NameIndex:
    """Every name and alias of a list snapshot, prepared once, searched in milliseconds.

    Candidates are the aliases sharing words (spelled alike: rapidfuzz over the list's
    words with the same first letter) with the query; only those that could still reach
    the threshold, judged by how many words they share, are scored in full."""

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        self.entries = entries
        self.forms: list[NameForm] = []
        self.owner: list[int] = []
        self._significant: list[int] = []
        postings: dict[str, list[int]] = defaultdict(list)
        skeletons: dict[str, list[int]] = defaultdict(list)
        consonant_keys: dict[str, list[int]] = defaultdict(list)
        for index, entry in enumerate(entries):
            for name in dict.fromkeys(entry.names):
                form = name_form(name)
                if not form.tokens:
                    continue
                alias = len(self.forms)
                self.forms.append(form)
                self.owner.append(index)
                keyed = [k for k, w in zip(form.canons, form.weights, strict=True) if w >= 1.0]
                self._significant.append(len(keyed))
                for key in dict.fromkeys(keyed or form.canons):
                    postings[key].append(alias)
                for skel in dict.fromkeys(form.skeletons):
                    if len(skel) >= 3:
                        skeletons[skel].append(alias)
                for key in dict.fromkeys(form.consonants):
                    if key:
                        consonant_keys[key].append(alias)
        self._postings = dict(postings)
        self._skeletons = dict(skeletons)
        self._consonants = dict(consonant_keys)
        self._words = _by_initial(self._postings)
        self._consonant_words = _by_initial(self._consonants)
        self._similar: dict[str, tuple[str, ...]] = {}
        self._similar_consonants: dict[str, tuple[str, ...]] = {}

    def similar_words(self, key: str) -> tuple[str, ...]:
        """The list's words spelled like ``key`` (canonical forms), remembered."""
        found = self._similar.get(key)
        if found is None:
            found = _similar(key, self._postings, self._words, VOCAB_CUTOFF)
            self._similar[key] = found
        return found

    def similar_consonants(self, key: str) -> tuple[str, ...]:
        """The list's consonant keys like ``key`` (for names in Arabic or Hebrew script)."""
        found = self._similar_consonants.get(key)
        if found is None:
            found = _similar(key, self._consonants, self._consonant_words,
                             TOKEN_FLOOR * 100 / 0.9)
            self._similar_consonants[key] = found
        return found

    def _candidates(self, form: NameForm, floor: float) -> list[int]:
        sig = [i for i, w in enumerate(form.weights) if w >= 1.0] or list(range(len(form.tokens)))
        per_word: list[set[int]] = []
        for i in sig:
            aliases: set[int] = set()
            for word in self.similar_words(form.canons[i]):
                aliases.update(self._postings[word])
            if form.abjad:
                for key in self.similar_consonants(form.consonants[i]):
                    aliases.update(self._consonants[key])
            elif len(form.skeletons[i]) >= 3:
                aliases.update(self._skeletons.get(form.skeletons[i], ()))
            per_word.append(aliases)
        hits = Counter(chain.from_iterable(per_word))
        need = min(2, len(sig))
        return [a for a, n in hits.items()
                if (n >= need or (n >= 1 and self._significant[a] <= 1))
                and _could_reach(n, len(sig), self._significant[a], floor)]

    def search(self, query: Query, threshold: float) -> list[Match]:
        """The entries ``query`` may be, best first: those scoring ``threshold`` or more
        whose name alone scores at least ``threshold - FACTS_REACH``."""
        best: dict[int, Match] = {}
        for form in query_forms(query):
            if not form.significant:
                continue  # "CORP" alone names nobody
            for alias in self._candidates(form, threshold - FACTS_REACH):
                index = self.owner[alias]
                found = match_name(query, form, self.forms[alias], self.entries[index],
                                   threshold)
                if found is not None and (index not in best or found.score > best[index].score):
                    best[index] = found
        return sorted(best.values(), key=lambda m: (-m.score, m.entry.list_code,
                                                    m.entry.entry_id))


def query_forms(query: Query) -> list[NameForm]:
    """Every way of writing the query's names that is compared (each shown as written)."""
    found = dict.fromkeys((v, n) for n in query.names if n.strip() for v in variants(n))
    return [replace(name_form(v), text=n) for v, n in found]


def match_name(query: Query, form: NameForm, listed: NameForm, entry: ListEntry,
               threshold: float) -> Match | None:
    """``form`` (one of the query's names) against ``listed`` (one of the entry's): a match
    if the name alone reaches ``threshold - FACTS_REACH`` and with the facts ``threshold``."""
    named = score_names(form, listed, threshold - FACTS_REACH)
    if named.score < threshold - FACTS_REACH:
        return None
    facts = fact_factors(query, entry)
    total = max(0.0, min(100.0, named.score + sum(f.effect for f in facts)))
    if total < threshold:
        return None
    return Match(entry, round(total, 1), named.score, listed.text, form.text,
                 (*named.factors, *facts))


def score_entry(query: Query, entry: ListEntry, threshold: float = 0.0) -> Match | None:
    """The best match of ``query`` with one entry (any of its names), as :meth:`NameIndex.
    search` would score it; for reviewing one pair and measuring quality."""
    best: Match | None = None
    for form in query_forms(query):
        if not form.significant:
            continue
        for listed in dict.fromkeys(entry.names):
            found = match_name(query, form, name_form(listed), entry, threshold)
            if found is not None and (best is None or found.score > best.score):
                best = found
    return best
