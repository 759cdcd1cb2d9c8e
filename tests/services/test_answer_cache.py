"""The determiner's cache by the facts an answer can tell apart (issue #14, impact speed):
the cached path gives the same answers, reasons and groups as asking the engine each time;
the impact's stand-in facts (dates kept only in order and side of the day asked) give the
same answers as the person's own."""

from __future__ import annotations

import random
from datetime import date, timedelta

from directive_population import ITEMS, populate
from sqlalchemy import insert, select

from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.rules import (
    Determination,
    ItemFacts,
    PersonFacts,
    determine,
    load_rulesets,
)
from licenseapp.domain.rules.facts import CitizenshipFacts
from licenseapp.services.catalog.access_data import Determiner, load_snapshot
from licenseapp.services.catalog.facts_key import answer_key, decision_facts, decision_signature
from licenseapp.services.directive.impact import GROUPS, impact
from licenseapp.store.database import Database
from licenseapp.store.models import Citizenship, Person

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 11, 27)
COUNTRIES = ("CN", "IN", "IR", "GB", "DE", "CA", "RU", "KR", "CU", "US")
STATUSES = (None, "h1b", "lpr", "protected", "f1", "o1", "citizen", "other")


def _day(rng: random.Random) -> date:
    """A date in a few years, the asked day's own year often (where dates stay exact)."""
    year = rng.choice((1971, 1990, 1990, 2015, 2025, 2026, 2026, 2027))
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _person(rng: random.Random) -> PersonFacts:
    cits = []
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        basis = rng.choice(("birth", "naturalization", ""))
        acquired = None if rng.random() < 0.2 else _day(rng)
        ended = _day(rng) if rng.random() < 0.15 else None
        cits.append(CitizenshipFacts(rng.choice(COUNTRIES), acquired, ended, basis))
    if cits and rng.random() < 0.3:  # two acquired the same day: a tie
        cits.append(CitizenshipFacts(rng.choice(COUNTRIES), cits[0].acquired))
    residency = rng.choice((None, None, "US", "CA", "CN"))
    return PersonFacts(
        citizenships=tuple(cits), residency_country=residency,
        residency_since=_day(rng) if residency and rng.random() < 0.7 else None,
        immigration_status=PersonFacts.of(status=s).immigration_status
        if (s := rng.choice(STATUSES)) else None,
        birth_country=rng.choice((None, *COUNTRIES)),
        date_of_birth=_day(rng) if rng.random() < 0.8 else None)


def _items() -> list[ItemFacts]:
    return [ItemFacts(cls, ItemKind(kind), Regime.EAR, mode=mode)
            for _, _, kind, cls, mode in ITEMS]


def test_the_cached_answers_and_reasons_equal_the_engines_for_varied_people() -> None:
    rng = random.Random(14)
    rulesets = tuple(load_rulesets())
    people = [_person(rng) for _ in range(600)]
    determiner = Determiner(rulesets, ON)
    in_force = [r for r in rulesets if r.in_force(ON)]
    others = [r for r in in_force if r.id != DIRECTIVE]
    for person in people:
        for item in _items():
            cached, plain = determiner(person, item), determine(person, item, ON, in_force)
            assert (cached.license_required, cached.country, cached.reason, cached.missing,
                    cached.citations) == (plain.license_required, plain.country, plain.reason,
                                          plain.missing, plain.citations), person
            without = determiner.without(person, item, DIRECTIVE)
            alone = determine(person, item, ON, others)
            assert (without.license_required, without.reason) == (
                alone.license_required, alone.reason), person
    # people born on different days of one year share their answers
    shared = Determiner(rulesets, ON)
    for n in range(200):
        born = date(1990, 1, 1) + timedelta(days=n)
        shared(PersonFacts(citizenships=(CitizenshipFacts("CN", born, basis="birth"),),
                           date_of_birth=born), _items()[0])
    assert shared.calls == 1


def _answer(d: Determination) -> tuple[object, ...]:
    """Everything of a determination but its reasons' text."""
    return (d.license_required, d.ruleset, d.country, d.regulator, d.form, d.missing,
            tuple((r.ruleset, r.applies, r.license_required, r.country, r.missing)
                  for r in d.results))


def test_stand_in_facts_give_the_same_answers_as_the_persons_own() -> None:
    rng = random.Random(19)
    rulesets = tuple(load_rulesets())
    people = [_person(rng) for _ in range(600)]
    for on in (ON, date(2026, 1, 1), date(2027, 6, 30)):  # a day inside people's dates too
        in_force = [r for r in rulesets if r.in_force(on)]
        others = [r for r in in_force if r.id != DIRECTIVE]
        by_signature: dict[object, PersonFacts] = {}
        for person in people:
            stand_in = decision_facts(person, on)
            # equal signatures, equal stand-ins (the impact computes one per signature)
            assert by_signature.setdefault(decision_signature(person, on), stand_in) == stand_in
            for item in _items():
                own, other = determine(person, item, on, in_force), determine(
                    stand_in, item, on, in_force)
                assert _answer(own) == _answer(other), (person, item, on)
                if others:
                    assert _answer(determine(person, item, on, others)) == _answer(
                        determine(stand_in, item, on, others)), (person, item, on)
        assert len(by_signature) < len(people)


def test_the_answer_key_moves_dates_within_their_year_keeping_their_order() -> None:
    a = PersonFacts(citizenships=(CitizenshipFacts("CN", date(1990, 3, 4), basis="birth"),
                                  CitizenshipFacts("CA", date(2015, 7, 1))),
                    date_of_birth=date(1990, 3, 4))
    b = PersonFacts(citizenships=(CitizenshipFacts("CN", date(1990, 11, 30), basis="birth"),
                                  CitizenshipFacts("CA", date(2015, 2, 9))),
                    date_of_birth=date(1990, 11, 30))
    assert answer_key(a, ON) == answer_key(b, ON)
    # two citizenships of one year keep which came last (the most recent decides)
    e = PersonFacts(citizenships=(CitizenshipFacts("CN", date(1990, 3, 4)),
                                  CitizenshipFacts("CA", date(1990, 9, 1))))
    assert determine(answer_key(e, ON), _items()[0], ON, load_rulesets()).country == "CA"
    # in the asked day's year a date before and after the day must stay apart
    c = PersonFacts(citizenships=(CitizenshipFacts("CN", date(2026, 1, 2)),))
    d = PersonFacts(citizenships=(CitizenshipFacts("CN", date(2026, 12, 2)),))
    assert answer_key(c, ON) != answer_key(d, ON)
    assert determine(c, _items()[0], ON, load_rulesets()).country == "CN"
    assert determine(d, _items()[0], ON, load_rulesets()).country is None


def test_impact_groups_and_reasons_equal_the_engines_on_a_varied_population(
        db: Database) -> None:
    populate(db, 120, items=len(ITEMS))
    rng = random.Random(7)
    with db.unit_of_work() as s:  # dated, dual and ended citizenships for the population
        held = {(p, c) for p, c in s.execute(select(Citizenship.person_id,
                                                      Citizenship.country))}
        ids = list(s.execute(select(Person.id)).scalars())
        s.execute(insert(Citizenship), [
            {"person_id": pid, "country": rng.choice(
                [c for c in COUNTRIES[:-1] if (pid, c) not in held]),
             "acquired_on": _day(rng), "ended_on": _day(rng) if rng.random() < 0.2 else None,
             "basis": rng.choice(("birth", "naturalization"))}
            for pid in ids if rng.random() < 0.6])
    rulesets = tuple(load_rulesets())
    report = impact(db, DIRECTIVE, ON, rulesets=rulesets)
    got = {(p.person_ref, p.item_ref): (p.group, p.reason, p.before_reason)
           for g in GROUPS for p in report.group(g)}
    in_force = [r for r in rulesets if r.in_force(ON)]
    others = [r for r in in_force if r.id != DIRECTIVE]
    with db.reading() as s:
        snap = load_snapshot(s)
    expected = {}
    for g in snap.grants:
        person, item = snap.people[g.person_id], snap.items[g.item_id]
        facts = item.facts.in_mode(g.mode)
        after = determine(person.facts, facts, ON, in_force)
        if after.license_required is False or after.ruleset is None:
            continue
        before = determine(person.facts, facts, ON, others)
        group = ("undetermined" if after.license_required is None else
                 "already_required" if before.license_required is True else "newly_required")
        if group != "newly_required" and snap.cases.get((g.person_id, g.item_id)):
            continue  # may be licensed: compared through the groups below only if not
        name = person.name
        expected[(person.ref, item.ref)] = (group, after.reason.replace("This person", name)
                                            .replace("this person", name),
                                            before.reason.replace("This person", name)
                                            .replace("this person", name))
    assert len({g for g, _, _ in got.values()}) == 3  # all three groups are present
    for key, value in expected.items():
        assert got[key] == value, key
