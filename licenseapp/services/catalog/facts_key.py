"""A person's facts as far as the engine's answer can tell them apart on one date.

The engine reads a person's dates in three ways only: whether a date is on or before the
day asked about (a citizenship or residency in force), which of the person's own dates is
the latest or equal (15 CFR 734.13(b)'s most recent citizenship), and a date's year in the
reason ("acquired 1990"). Two people whose dates agree in those respects get the same
answer and reason, so :class:`~licenseapp.services.catalog.access_data.Determiner` caches
by :func:`answer_key`: each date moved to its year's first days in the same order (a year
that is the asked day's own keeps its dates exactly). 10,000 people born on different days
then share a few hundred answers instead of needing one each.

A rule that compared a person's date to a fixed day of the calendar (other than the day
asked about) would need that day kept too; no rule set does.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable
from dataclasses import replace
from datetime import date, timedelta

from licenseapp.domain.rules.facts import PersonFacts


def answer_key(person: PersonFacts, on: date) -> PersonFacts:
    """``person`` with its dates replaced by stand-ins that answer the same (see above)."""
    dates = {d for c in person.citizenships for d in (c.acquired, c.ended) if d is not None}
    for d in (person.residency_since, person.date_of_birth):
        if d is not None:
            dates.add(d)
    if not dates:
        return person
    stand_in: dict[date, date] = {}
    by_year: dict[int, list[date]] = {}
    for d in sorted(dates):
        by_year.setdefault(d.year, []).append(d)
    for year, days in by_year.items():
        if year == on.year:
            stand_in.update((d, d) for d in days)
        else:
            first = date(year, 1, 1)
            stand_in.update((d, first + timedelta(days=k)) for k, d in enumerate(days))

    def moved(d: date | None) -> date | None:
        return None if d is None else stand_in[d]

    return replace(
        person,
        citizenships=tuple(replace(c, acquired=moved(c.acquired), ended=moved(c.ended))
                           for c in person.citizenships),
        residency_since=moved(person.residency_since),
        date_of_birth=moved(person.date_of_birth))



# The answer without its reason: a year read in the reason no longer matters, so every date
# can move to a stand-in that keeps only its order among the person's dates and its side of
# the day asked about. 10,000 people then share a few dozen answers.


def _distinct_dates(person: PersonFacts) -> list[date]:
    dates = {d for c in person.citizenships for d in (c.acquired, c.ended) if d is not None}
    for d in (person.residency_since, person.date_of_birth):
        if d is not None:
            dates.add(d)
    return sorted(dates)


def decision_signature(person: PersonFacts, on: date) -> Hashable:
    """What tells two people's *answers* apart on ``on`` (license required or not, deciding
    country, rule set, facts missing) but not their reasons' text: the facts with each date
    reduced to its rank among the person's dates, and how many of them fall before ``on``."""
    dates = _distinct_dates(person)
    if not dates:
        return person
    rank = {d: i for i, d in enumerate(dates)}
    below = bisect_left(dates, on)
    r = rank.get
    return (tuple((c.country, r(c.acquired) if c.acquired else None,
                   r(c.ended) if c.ended else None, c.basis) for c in person.citizenships),
            person.residency_country,
            r(person.residency_since) if person.residency_since else None,
            person.immigration_status, person.birth_country,
            r(person.date_of_birth) if person.date_of_birth else None, person.name,
            below, below < len(dates) and dates[below] == on)


def decision_facts(person: PersonFacts, on: date) -> PersonFacts:
    """``person`` with each date replaced by a stand-in in the same order and on the same
    side of ``on`` (days just before or after it): the same answer as ``person`` (not the
    same reason: the years in it are the stand-ins'). People with equal
    :func:`decision_signature` get equal stand-ins."""
    dates = _distinct_dates(person)
    if not dates:
        return person
    below = bisect_left(dates, on)
    after = 0 if below < len(dates) and dates[below] == on else 1
    stand_in = {d: on - timedelta(days=below - i) if i < below
                else on + timedelta(days=i - below + after) for i, d in enumerate(dates)}

    def moved(d: date | None) -> date | None:
        return None if d is None else stand_in[d]

    return replace(
        person,
        citizenships=tuple(replace(c, acquired=moved(c.acquired), ended=moved(c.ended))
                           for c in person.citizenships),
        residency_since=moved(person.residency_since),
        date_of_birth=moved(person.date_of_birth))


__all__ = ["answer_key", "decision_facts", "decision_signature"]
