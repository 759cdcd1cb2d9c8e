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


__all__ = ["answer_key"]
