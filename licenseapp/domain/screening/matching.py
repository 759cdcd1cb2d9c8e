"""Matching a name against every list entry, with a score a reviewer can check.

The name decides whether there is a hit: words are aligned whatever their order, each pair
compared with rapidfuzz on spelling-folded forms (and by consonants for names written in
Arabic or Hebrew script); honorifics and company suffixes count for little. Date of birth,
country and the kind of party then raise or lower the score, but never make a hit alone:
the name must reach ``threshold - FACTS_REACH`` by itself. Every step is a
:class:`Factor` line of the explanation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from licenseapp.domain.screening.entries import ListEntry
from licenseapp.domain.screening.names import NameForm, is_latin, name_form, variants

#: How far the other facts can lift a name score to a hit.
FACTS_REACH = 10.0
_TOKEN_FLOOR = 0.72  # two words less alike than this do not match at all
_VOCAB_CUTOFF = 70.0  # rapidfuzz ratio for a word to be looked at


@dataclass(frozen=True, slots=True)
class Factor:
    label: str
    effect: float


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


@dataclass(frozen=True, slots=True)
class _NameScore:
    score: float
    factors: tuple[Factor, ...]


def _token_sim(q: NameForm, i: int, e: NameForm, j: int) -> tuple[float, str]:
    if q.tokens[i] == e.tokens[j]:
        return 1.0, ""
    sim = fuzz.ratio(q.canons[i], e.canons[j]) / 100.0
    how = "spelling"
    if q.abjad or e.abjad:  # short vowels unwritten: compare what the script writes
        qs, es = q.consonants[i], e.consonants[j]
        if qs and qs == es:  # the fewer letters, the more names share them
            by_letters = (0.7, 0.8, 0.9, 0.95)[min(len(qs), 4) - 1]
        else:
            by_letters = 0.9 * fuzz.ratio(qs, es) / 100.0 if qs and es else 0.0
        if by_letters > sim:
            sim, how = by_letters, "consonants"
    elif len(q.skeletons[i]) >= 3 and q.skeletons[i] == e.skeletons[j] and sim < 0.9 \
            and q.canons[i][0] == e.canons[j][0]:  # "Mohammed"/"Muhammad", not "Hamid"/"Ahmad"
        sim, how = 0.9, "consonants"
    shortest = min(len(q.tokens[i]), len(e.tokens[j]))
    floor = _TOKEN_FLOOR if how == "consonants" or shortest > 5 \
        else (0.88 if shortest <= 3 else 0.8)
    return (sim, how) if sim >= floor else (0.0, "")


def score_names(q: NameForm, e: NameForm) -> _NameScore:
    """How alike two names are, 0-100, word order aside, with the reasons."""
    if not q.tokens or not e.tokens:
        return _NameScore(0.0, ())
    pairs = []
    for i in range(len(q.tokens)):
        for j in range(len(e.tokens)):
            sim, how = _token_sim(q, i, e, j)
            if sim:
                pairs.append((sim * min(q.weights[i], e.weights[j]), sim, i, j, how))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_e: set[int] = set()
    aligned = []
    for _w, sim, i, j, how in pairs:
        if i not in used_q and j not in used_e:
            used_q.add(i)
            used_e.add(j)
            aligned.append((i, j, sim, how))
    q_total, e_total = q.weight, e.weight
    q_hit = sum(sim * q.weights[i] for i, _j, sim, _h in aligned)
    e_hit = sum(sim * e.weights[j] for _i, j, sim, _h in aligned)
    dice = (q_hit + e_hit) / (q_total + e_total)
    notes = []
    q_sig = [i for i in range(len(q.tokens)) if q.weights[i] >= 1.0]
    e_sig = [j for j in range(len(e.tokens)) if e.weights[j] >= 1.0]
    matched_sig_q = [i for i, j, _s, _h in aligned if i in q_sig and j in e_sig]
    score = dice
    # One name holding all the other's words (a missing middle name): nearly as good.
    # (only when the words it shares match well and the other has one word more at most).
    close = all(sim >= 0.9 for _i, _j, sim, _h in aligned)
    extra = (len(e_sig) - len(matched_sig_q), len(q_sig) - len(matched_sig_q))
    for cover, sig, more in ((q_hit / q_total, q_sig, extra[0]),
                             (e_hit / e_total, e_sig, extra[1])):
        if len(sig) >= 2 and cover >= 0.85 and len(matched_sig_q) >= 2 and close and more <= 1:
            score = max(score, 0.93 * cover)
    if len(matched_sig_q) < min(2, len(q_sig), len(e_sig)):
        score = min(score, 0.6)  # one common word of several is not a name match
    if not matched_sig_q and (q_sig or e_sig):
        score = min(score, 0.3)
    order = [j for _i, j, _s, _h in sorted(aligned)]
    if order != sorted(order):
        notes.append("word order ignored")
    for i, j, sim, how in aligned:
        if sim < 1.0 and q.weights[i] >= 1.0:
            kind = "by consonants" if how == "consonants" else "spelling"
            notes.append(f"'{q.tokens[i]}' ~ '{e.tokens[j]}' {sim:.0%} ({kind})")
    missing_e = [e.tokens[j] for j in e_sig if j not in used_e]
    missing_q = [q.tokens[i] for i in q_sig if i not in used_q]
    if missing_e:
        notes.append("list name also has " + ", ".join(f"'{t}'" for t in missing_e))
    if missing_q:
        notes.append("our name also has " + ", ".join(f"'{t}'" for t in missing_q))
    low = [t for t, w in zip(q.tokens + e.tokens, q.weights + e.weights, strict=True) if w < 1]
    if low:
        notes.append("weighted low: " + ", ".join(dict.fromkeys(low)))
    how_written = "" if is_latin(q.text) else f", '{q.text}' read as '{' '.join(q.tokens)}'"
    label = f"name '{q.text}' ~ '{e.text}'{how_written}"
    if notes:
        label += " (" + "; ".join(notes) + ")"
    points = round(100.0 * score, 1)
    return _NameScore(points, (Factor(label, points),))


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


class NameIndex:
    """Every name and alias of a list snapshot, prepared once, searched in milliseconds."""

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        self.entries = entries
        self.forms: list[NameForm] = []
        self.owner: list[int] = []
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
        self._vocab = list(self._postings)
        self._consonant_vocab = list(self._consonants)
        self._similar: dict[str, tuple[str, ...]] = {}
        self._similar_consonants: dict[str, tuple[str, ...]] = {}

    def similar_consonants(self, key: str) -> tuple[str, ...]:
        """The list's consonant keys like ``key`` (for names in Arabic or Hebrew script)."""
        found = self._similar_consonants.get(key)
        if found is None:
            if len(key) <= 2:
                found = (key,) if key in self._consonants else ()
            else:
                found = tuple(w for w, _s, _i in process.extract(
                    key, self._consonant_vocab, scorer=fuzz.ratio,
                    score_cutoff=_TOKEN_FLOOR * 100 / 0.9, limit=None))
            self._similar_consonants[key] = found
        return found

    def similar_words(self, key: str) -> tuple[str, ...]:
        """The list's words spelled like ``key`` (canonical forms), remembered."""
        found = self._similar.get(key)
        if found is None:
            if len(key) <= 2:
                found = (key,) if key in self._postings else ()
            else:
                found = tuple(w for w, _s, _i in process.extract(
                    key, self._vocab, scorer=fuzz.ratio, score_cutoff=_VOCAB_CUTOFF,
                    limit=None))
            self._similar[key] = found
        return found

    def _candidates(self, form: NameForm) -> list[int]:
        sig = [i for i, w in enumerate(form.weights) if w >= 1.0] or list(range(len(form.tokens)))
        hits: dict[int, int] = defaultdict(int)
        for i in sig:
            aliases: set[int] = set()
            for word in self.similar_words(form.canons[i]):
                aliases.update(self._postings[word])
            if form.abjad:
                for key in self.similar_consonants(form.consonants[i]):
                    aliases.update(self._consonants[key])
            elif len(form.skeletons[i]) >= 3:
                aliases.update(self._skeletons.get(form.skeletons[i], ()))
            for alias in aliases:
                hits[alias] += 1
        need = min(2, len(sig))
        return [a for a, n in hits.items()
                if n >= need or (n >= 1 and len(self.forms[a].significant) <= 1)]

    def search(self, query: Query, threshold: float) -> list[Match]:
        """The entries ``query`` may be, best first: those scoring ``threshold`` or more
        whose name alone scores at least ``threshold - FACTS_REACH``."""
        best: dict[int, Match] = {}
        for name in query_names(query):
            form = name_form(name)
            if not form.significant:
                continue  # "CORP" alone names nobody
            for alias in self._candidates(form):
                index = self.owner[alias]
                found = match_name(query, form, self.forms[alias], self.entries[index],
                                   threshold)
                if found is not None and (index not in best or found.score > best[index].score):
                    best[index] = found
        return sorted(best.values(), key=lambda m: (-m.score, m.entry.list_code,
                                                    m.entry.entry_id))


def query_names(query: Query) -> list[str]:
    """Every way of writing the query's names that is compared."""
    return list(dict.fromkeys(v for n in query.names if n.strip() for v in variants(n)))


def match_name(query: Query, form: NameForm, listed: NameForm, entry: ListEntry,
               threshold: float) -> Match | None:
    """``form`` (one of the query's names) against ``listed`` (one of the entry's): a match
    if the name alone reaches ``threshold - FACTS_REACH`` and with the facts ``threshold``."""
    named = score_names(form, listed)
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
    for name in query_names(query):
        form = name_form(name)
        if not form.significant:
            continue
        for listed in dict.fromkeys(entry.names):
            found = match_name(query, form, name_form(listed), entry, threshold)
            if found is not None and (best is None or found.score > best.score):
                best = found
    return best
