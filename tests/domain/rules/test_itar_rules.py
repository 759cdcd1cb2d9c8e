"""ITAR rule set: a release of USML technical data to a foreign person (22 CFR 120.50)."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.enums import ImmigrationStatus, Regime
from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets
from licenseapp.domain.rules.determination import Determination
from licenseapp.domain.rules.facts import CitizenshipFacts

ON = date(2026, 12, 1)
RADAR = ItemFacts(eccn=None, regime=Regime.ITAR, name="USML XI(d)")


def decide(person: PersonFacts, on: date = ON) -> Determination:
    return determine(person, RADAR, on, load_rulesets())


def test_indian_h1b_needs_a_dsp5_naming_india() -> None:
    d = decide(PersonFacts.of("IN", status="h1b", name="Priya"))
    assert (d.license_required, d.ruleset, d.form, d.country) == (
        True, "itar-technical-data", "DSP-5", "IN")
    assert "deemed made to India (22 CFR 120.50(b))" in d.reason
    assert {"22 CFR 120.50(b)", "22 CFR 120.56", "22 CFR 125.2"} <= set(d.citations)
    assert "126.18" not in d.reason  # a single nationality: nothing to offer


def test_every_country_of_past_and_present_citizenship_and_residency_counts() -> None:
    person = PersonFacts(
        citizenships=(CitizenshipFacts("CN", basis="birth", ended=date(2018, 6, 1)),
                      CitizenshipFacts("CA", date(2018, 6, 1))),
        residency_country="GB", immigration_status=ImmigrationStatus.H1B, name="Li")
    d = decide(person)
    assert d.license_required is True
    assert "China, Canada and the United Kingdom" in d.reason or (
        "China, Canada and United Kingdom" in d.reason)
    # China: given up in 2018, still a country of past citizenship; on the 126.1 list.
    assert "listed in 22 CFR 126.1" in d.reason and "deny" in d.reason
    assert d.country == "CN"
    assert "22 CFR 126.1" in d.citations


def test_birth_country_alone_is_not_a_release_country() -> None:
    d = decide(PersonFacts.of("FR", birth="IR", status="h1b"))
    assert d.license_required is True
    assert "Iran" not in d.reason and d.country == "FR"


def test_us_persons_are_not_covered() -> None:
    for person in (PersonFacts.of("DE", residency="US", status="lpr"),
                   PersonFacts.of("US", "CN"),
                   PersonFacts.of("AF", status="protected")):
        d = decide(person)
        assert d.license_required is False, d.reason
        assert "22 CFR 120.62" in d.citations


def test_126_18_is_offered_with_its_conditions_never_applied() -> None:
    d = decide(PersonFacts.of("FR", "LB", status="h1b"))
    assert d.license_required is True
    # In the reason itself (the memo prints it), with its conditions, never applied.
    offer = d.reason[d.reason.index("The exemption of 22 CFR 126.18"):]
    assert "may be available if" in offer and "not applied" in offer
    assert "22 CFR 126.18" in d.citations


def test_a_citizenship_acquired_after_the_date_is_not_counted() -> None:
    person = PersonFacts(citizenships=(CitizenshipFacts("DE", basis="birth"),
                                       CitizenshipFacts("IR", date(2027, 1, 1))),
                         immigration_status=ImmigrationStatus.H1B)
    d = decide(person)
    assert d.license_required is True and "Iran" not in d.reason


def test_no_citizenship_recorded_is_unknown_and_says_what_to_record() -> None:
    d = decide(PersonFacts.of(status="h1b"))
    assert d.license_required is None
    assert "the person's citizenships and country of permanent residency" in d.missing


def test_before_the_2022_renumbering_the_answer_cites_the_sections_then_in_force() -> None:
    d = decide(PersonFacts.of("IN", status="h1b"), date(2020, 5, 1))
    assert (d.license_required, d.ruleset) == (True, "itar-technical-data-2016")
    assert "22 CFR 120.17(b)" in d.citations and "22 CFR 120.50(b)" not in d.citations
    assert "(22 CFR 120.17(a)(2), 120.50)" in d.reason


def test_before_the_2016_rule_no_itar_rule_set_answers() -> None:
    d = decide(PersonFacts.of("IN", status="h1b"), date(2016, 8, 31))
    assert d.license_required is None and d.ruleset is None
