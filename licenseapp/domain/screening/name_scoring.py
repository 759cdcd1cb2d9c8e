"""Two names compared word by word, whatever their order: each pair of words with rapidfuzz
on spelling-folded forms (by the letters the script writes for a name in Arabic or Hebrew
script), aligned best first, and scored 0-100 with the reasons in words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from licenseapp.domain.screening.names import NameForm, canon, consonants, is_latin, skeleton

TOKEN_FLOOR = 0.72  # two words less alike than this do not match at all


@dataclass(frozen=True, slots=True)
class Factor:
    """One line of an explanation: what moved the score, and by how many points."""

    label: str
    effect: float


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float
    factors: tuple[Factor, ...]


def _token_sim(q: NameForm, i: int, e: NameForm, j: int) -> tuple[float, str]:
    return word_sim(q.tokens[i], e.tokens[j], q.abjad or e.abjad)


@lru_cache(maxsize=500_000)
def word_sim(ours: str, theirs: str, abjad: bool) -> tuple[float, str]:
    """How alike two words are (0, or from the floor to 1), and how it was seen: by
    "spelling" or by "consonants". ``abjad``: one is from Arabic or Hebrew script."""
    if ours == theirs:
        return 1.0, ""
    q_canon, e_canon = canon(ours), canon(theirs)
    sim = fuzz.ratio(q_canon, e_canon) / 100.0
    how = "spelling"
    if abjad:  # short vowels unwritten: compare what the script writes
        qs, es = consonants(ours), consonants(theirs)
        if qs and qs == es:  # the fewer letters, the more names share them
            by_letters = (0.75, 0.8, 0.9, 0.95)[min(len(qs), 4) - 1]
        else:
            by_letters = 0.9 * fuzz.ratio(qs, es) / 100.0 if qs and es else 0.0
        if by_letters > sim:
            sim, how = by_letters, "consonants"
    elif sim < 0.9 and len(skeleton(ours)) >= 3 and skeleton(ours) == skeleton(theirs) \
            and q_canon[:1] == e_canon[:1]:  # "Mohammed"/"Muhammad", not "Hamid"/"Ahmad"
        sim, how = 0.9, "consonants"
    shortest = min(len(ours), len(theirs))
    floor = TOKEN_FLOOR if how == "consonants" or shortest > 5 \
        else (0.88 if shortest <= 3 else 0.8)
    return (sim, how) if sim >= floor else (0.0, "")


def score_names(q: NameForm, e: NameForm, floor: float = 0.0) -> NameScore:
    """How alike two names are, 0-100, word order aside, with the reasons (explained only
    when the score reaches ``floor``: most comparisons are not worth the words)."""
    if not q.tokens or not e.tokens:
        return NameScore(0.0, ())
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
    points = round(100.0 * score, 1)
    if points < floor:
        return NameScore(points, ())
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
    return NameScore(points, (Factor(label, points),))
