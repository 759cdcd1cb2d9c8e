"""Who a person is for a rule set: covered or not, and the deciding country.

"Most recent country of citizenship or permanent residency" (15 CFR 734.13(b)): among the
citizenships in force on the date (acquired on or before it, not ended), the one acquired
most recently; a permanent residency abroad (not the U.S.) counts too, from its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.domain.rules import wording
from licenseapp.domain.rules.facts import US, PersonFacts
from licenseapp.domain.rules.ruleset import DecidingCountry, PersonCategory, StatelessFallback

_EARLIEST = date.min
_NON_IMMIGRANT_OR_OTHER = frozenset(ImmigrationStatus) - {
    ImmigrationStatus.CITIZEN, ImmigrationStatus.LPR, ImmigrationStatus.PROTECTED}


@dataclass(frozen=True, slots=True)
class Standing:
    """The categories a person surely belongs to, and those that cannot be ruled out."""

    categories: frozenset[PersonCategory]
    possible: frozenset[PersonCategory]
    description: str  # "a lawful permanent resident", "an H-1B holder", ""


def standing(person: PersonFacts, on: date) -> Standing:
    status = person.immigration_status
    us_citizen = status is ImmigrationStatus.CITIZEN or any(
        c.country == US and c.in_force(on) for c in person.citizenships)
    if us_citizen:
        return Standing(frozenset({PersonCategory.US_CITIZEN}), frozenset(), "a U.S. citizen")
    if status is ImmigrationStatus.LPR or (status is None and person.residency_country == US):
        return Standing(frozenset({PersonCategory.LPR}), frozenset(),
                        "a lawful permanent resident of the United States")
    if status is ImmigrationStatus.PROTECTED:
        return Standing(frozenset({PersonCategory.PROTECTED}), frozenset(),
                        "a protected individual (asylee or refugee, 8 U.S.C. 1324b(a)(3))")
    if status in _NON_IMMIGRANT_OR_OTHER:
        assert status is not None
        label = status.label
        what = "an immigration status of 'other'" if status is ImmigrationStatus.OTHER else (
            f"{'an' if label[0] in 'AEFHILMNORSX' else 'a'} {label} holder")
        return Standing(frozenset(), frozenset(), what)
    unknown = {PersonCategory.LPR, PersonCategory.PROTECTED}
    if not person.citizenships:
        unknown.add(PersonCategory.US_CITIZEN)
    return Standing(frozenset(), frozenset(unknown), "")


def coverage(person_standing: Standing, not_covered: frozenset[PersonCategory]) -> bool | None:
    """True if the rule set covers the person, False if not, None if the data cannot tell."""
    if person_standing.categories & not_covered:
        return False
    if person_standing.possible & not_covered:
        return None
    return True


def missing_for_coverage(person_standing: Standing,
                         not_covered: frozenset[PersonCategory]) -> tuple[str, ...]:
    unknown = person_standing.possible & not_covered
    out = []
    if PersonCategory.US_CITIZEN in unknown:
        out.append("citizenship")
    if unknown & {PersonCategory.LPR, PersonCategory.PROTECTED}:
        out.append("immigration status (a lawful permanent resident or protected individual "
                   "is treated differently)")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Candidate:
    country: str
    since: date | None  # None: unknown
    residency: bool = False
    by_birth: bool = False
    fallback: str = ""  # "birth" or "residency" when used for a stateless person


@dataclass(frozen=True, slots=True)
class DecidingResult:
    """The deciding country, or the candidates when the data cannot tell them apart."""

    country: str | None
    candidates: tuple[Candidate, ...]
    tie: bool  # several candidates acquired on the same date: nothing is missing
    missing: tuple[str, ...]
    phrase: str  # "is a national of China (most recent citizenship, acquired 1990)"


def deciding_country(person: PersonFacts, on: date, rule: DecidingCountry) -> DecidingResult:
    cands = [
        Candidate(c.country, c.acquired, by_birth=c.by_birth)
        for c in person.citizenships if c.country != US and c.in_force(on)
    ]
    res = person.residency_country
    if res and res != US and (person.residency_since is None or person.residency_since <= on):
        cands.append(Candidate(res, person.residency_since, residency=True))
    if not cands:
        return _stateless(person, on, rule)
    if len(cands) == 1:
        return DecidingResult(cands[0].country, (cands[0],), False, (),
                              "is " + _phrase(cands[0], 1))
    keyed = [(c, c.since or (person.date_of_birth or _EARLIEST if c.by_birth else None))
             for c in cands]
    dated = [(c, k) for c, k in keyed if k is not None]
    undated = [c for c, k in keyed if k is None]
    latest = max((k for _, k in dated), default=None)
    top = [c for c, k in dated if k == latest]
    possible = tuple(undated + top)
    if len(possible) == 1:
        return DecidingResult(possible[0].country, possible, False, (),
                              "is " + _phrase(possible[0], len(cands), cands))
    missing = tuple(f"the date the {wording.name(c.country)} "
                    f"{'residency began' if c.residency else 'citizenship was acquired'}"
                    for c in undated)
    if missing:
        phrase = f"is {_holder(cands)}; which of these is the most recent is not recorded"
    else:
        phrase = f"is {_holder(cands)}, acquired at the same time ({_when(top[0])})"
    return DecidingResult(None, possible, not missing, missing, phrase)


def _stateless(person: PersonFacts, on: date, rule: DecidingCountry) -> DecidingResult:
    for fallback in rule.stateless_fallback:
        code = person.birth_country if fallback is StatelessFallback.BIRTH else (
            person.residency_country if person.residency_country != US else None)
        if code:
            cand = Candidate(code, None, fallback=fallback.value)
            where = "born in" if fallback is StatelessFallback.BIRTH else "resident in"
            return DecidingResult(code, (cand,), False, (),
                                  f"is stateless (no citizenship in force on {on.isoformat()}), "
                                  f"{where} {wording.name(code)}, which this rule set then uses")
    ended = bool(person.citizenships)
    what = (f"a citizenship in force on {on.isoformat()}" if ended else "citizenship")
    return DecidingResult(None, (), False, (what,),
                          "has no recorded citizenship or permanent residency abroad")


def _holder(cands: list[Candidate]) -> str:
    nats = [wording.name(c.country) for c in cands if not c.residency]
    res = [wording.name(c.country) for c in cands if c.residency]
    parts = []
    if nats:
        parts.append(f"a national of {wording.join(nats)}")
    if res:
        parts.append(f"a permanent resident of {wording.join(res)}")
    return " and ".join(parts)


def _when(c: Candidate) -> str:
    if c.since is not None:
        return f"since {c.since.year}" if c.residency else f"acquired {c.since.year}"
    return "since birth" if c.by_birth else "date not recorded"


def _phrase(chosen: Candidate, count: int, cands: list[Candidate] | None = None) -> str:
    kind = "country of permanent residency" if chosen.residency else "citizenship"
    if count == 1:
        what = f"a permanent resident of {wording.name(chosen.country)}" if chosen.residency \
            else f"a national of {wording.name(chosen.country)}"
        detail = _when(chosen)
        label = "only citizenship" if not chosen.residency else "permanent residency abroad"
        if chosen.since is not None and not chosen.residency:
            label = "most recent citizenship"
        return f"{what} ({label}, {detail})"
    assert cands is not None
    return (f"{_holder(cands)}; {wording.name(chosen.country)} is the most recent "
            f"{kind} ({_when(chosen)})")
