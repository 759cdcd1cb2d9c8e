"""Who the person is: dual nationals, naturalized citizens, permanent residents before and
after the directive, protected individuals, stateless persons, missing data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rules_support import AFTER, BEFORE, SUMMER, decide

from licenseapp.domain.rules import (
    CitizenshipFacts,
    ItemFacts,
    PersonFacts,
    determine,
    load_rulesets,
    parse_ruleset,
    shipped_rulesets_dir,
)


def test_the_memo_reason_names_person_country_columns_and_citations() -> None:
    wei = PersonFacts.of(CitizenshipFacts("CN", date(1990, 3, 1)), status="h1b", name="Wei Zhang")
    d = decide(wei, "3E002")
    assert d.license_required is True
    assert (d.country, d.regulator, d.form, d.ruleset) == ("CN", "BIS", "BIS-748P",
                                                           "ear-baseline")
    assert d.reason == (
        "Wei Zhang is a national of China (most recent citizenship, acquired 1990). 3E002 is "
        "controlled for NS1 and China is marked under NS Column 1 of the Commerce Country "
        "Chart, so releasing it to Wei Zhang is a deemed export to China that requires a "
        "license (15 CFR 734.13(b); Supp. 1 to Part 738).")
    assert d.citations[:2] == ("15 CFR 734.13(b)", "Supp. 1 to Part 738")
    assert d.missing == ()


@pytest.mark.parametrize(("first", "later", "country", "required"), [
    ("CN", "GB", "GB", False),  # British citizenship acquired later decides
    ("GB", "CN", "CN", True),
])
def test_dual_national_most_recent_citizenship_decides(
    first: str, later: str, country: str, required: bool
) -> None:
    person = PersonFacts.of(CitizenshipFacts(first, basis="birth"),
                            CitizenshipFacts(later, date(2015, 6, 1), basis="naturalization"),
                            status="h1b")
    d = decide(person, "3E002")
    assert d.country == country
    assert d.license_required is required
    assert "most recent citizenship (acquired 2015)" in d.reason


def test_naturalized_citizen_the_later_citizenship_is_the_deciding_one() -> None:
    person = PersonFacts.of(CitizenshipFacts("IN", date(1988, 1, 1), basis="birth"),
                            CitizenshipFacts("CA", date(2019, 9, 1), basis="naturalization"),
                            status="tn")
    assert decide(person, "3E002").country == "CA"
    assert decide(person, "3E002").license_required is False


def test_citizenship_not_yet_acquired_or_already_ended_does_not_count() -> None:
    future_ca = PersonFacts.of(CitizenshipFacts("IN", basis="birth"),
                               CitizenshipFacts("CA", date(2027, 1, 1)), status="h1b")
    d = decide(future_ca, "3E002", SUMMER)
    assert (d.country, d.license_required) == ("IN", True)
    ended_cn = PersonFacts.of(CitizenshipFacts("CN", basis="birth", ended=date(2010, 1, 1)),
                              CitizenshipFacts("AU", date(2010, 1, 1)), status="e3")
    assert decide(ended_cn, "3E002").country == "AU"


def test_permanent_residency_abroad_counts_with_its_date() -> None:
    person = PersonFacts.of(CitizenshipFacts("GB", basis="birth"), residency="CN",
                            residency_since=date(2018, 1, 1), status="l1", name="Ann Lee")
    d = decide(person, "3E002")
    assert (d.country, d.license_required) == ("CN", True)
    assert "permanent resident of China" in d.reason


def test_dual_national_without_dates_same_answer_either_way() -> None:
    d = decide(PersonFacts.of("CN", "RU", status="f1"), "3E002")
    assert d.license_required is True
    assert d.country is None
    assert "Either way" in d.reason


def test_dual_national_without_dates_and_different_answers_is_unknown() -> None:
    d = decide(PersonFacts.of("CN", "GB", status="f1"), "3E002")
    assert d.license_required is None
    assert any("citizenship was acquired" in m for m in d.missing)
    assert "For China" in d.reason and "For the United Kingdom" in d.reason


def test_dual_nationals_from_birth_get_the_stricter_answer() -> None:
    person = PersonFacts.of(CitizenshipFacts("GB", basis="birth"),
                            CitizenshipFacts("CN", basis="birth"), status="h1b")
    d = decide(person, "3E002")
    assert (d.license_required, d.country) == (True, "CN")
    assert "does not rank citizenships acquired at the same time" in d.reason


def test_us_citizen_with_a_second_citizenship_is_not_a_foreign_person() -> None:
    person = PersonFacts.of(CitizenshipFacts("CN", basis="birth"),
                            CitizenshipFacts("US", date(2012, 5, 1)))
    for on in (BEFORE, AFTER):
        d = decide(person, "4E091", on)
        assert d.license_required is False
        assert "U.S. citizen" in d.reason


def test_canadian_permanent_resident_before_and_after_the_directive() -> None:
    person = PersonFacts.of("CA", status="lpr", name="Jean Tremblay")
    before = decide(person, "4E091", BEFORE)
    assert before.license_required is False
    assert before.ruleset == "ear-baseline"
    assert "15 CFR 772.1" in before.citations
    after = decide(person, "4E091", AFTER)
    assert after.license_required is True
    assert after.ruleset == "ai-access-directive-2026"
    assert after.country == "CA"
    assert "Directive on Frontier AI Model Access (2026)" in after.citations
    assert [r.ruleset for r in after.results if r.applies] == ["ear-baseline",
                                                               "ai-access-directive-2026"]
    assert after.results[0].license_required is False


@pytest.mark.parametrize(("on", "required"), [
    (date(2026, 11, 19), False), (date(2026, 11, 20), True), (date(2027, 6, 1), True)])
def test_directive_applies_from_its_effective_date(on: date, required: bool) -> None:
    d = decide(PersonFacts.of("DE", status="lpr"), "4E091", on)
    assert d.license_required is required
    assert any(r.ruleset == "ai-access-directive-2026" for r in d.results) is required


def test_directive_does_not_touch_other_items() -> None:
    d = decide(PersonFacts.of("CN", status="lpr"), "3E002", AFTER)
    assert d.license_required is False
    directive = next(r for r in d.results if r.ruleset == "ai-access-directive-2026")
    assert directive.applies is False


def test_protected_individual_is_not_a_foreign_person_but_is_covered_by_the_directive() -> None:
    person = PersonFacts.of("IR", status="protected")
    assert decide(person, "3E002", BEFORE).license_required is False
    assert "protected individual" in decide(person, "3E002", BEFORE).reason
    after = decide(person, "4E091", AFTER)
    assert (after.license_required, after.ruleset) == (True, "ai-access-directive-2026")


def test_french_h1b_holder_needs_a_license_for_4e091_under_the_ordinary_rule() -> None:
    d = decide(PersonFacts.of("FR", status="h1b"), "4E091", BEFORE)
    assert (d.license_required, d.ruleset, d.country) == (True, "ear-baseline", "FR")
    assert "any destination worldwide" in d.reason
    assert "15 CFR 742.6(a)(13)" in d.citations


def test_french_h1b_after_the_directive_is_required_under_both() -> None:
    d = decide(PersonFacts.of("FR", status="h1b"), "4E091", AFTER)
    assert d.license_required is True
    assert all(r.license_required for r in d.results if r.applies)
    assert "also required under Directive on Frontier AI Model Access (2026)" in d.reason


def test_stateless_person_without_fallback_is_unknown_and_says_citizenship_is_missing() -> None:
    d = decide(PersonFacts.of(status="other", birth="PS"), "3E002")
    assert d.license_required is None
    assert d.country is None
    assert "citizenship" in d.missing
    assert "no recorded citizenship" in d.reason


def test_stateless_person_with_a_permanent_residency_abroad() -> None:
    d = decide(PersonFacts.of(status="other", residency="CN"), "3E002")
    assert (d.license_required, d.country) == (True, "CN")


def test_stateless_person_and_4e091_needs_a_license_whatever_the_country() -> None:
    d = decide(PersonFacts.of(status="other", birth="SY"), "4E091", AFTER)
    assert d.license_required is True
    # The directive falls back to the country of birth, so it names the country.
    assert (d.ruleset, d.country) == ("ai-access-directive-2026", "SY")


def test_a_rule_set_may_fall_back_to_the_country_of_birth(tmp_path: Path) -> None:
    data = json.loads((shipped_rulesets_dir() / "ear-baseline.json").read_text("utf-8"))
    data["id"] = "ear-birth"
    data["deciding_country"]["stateless_fallback"] = ["birth"]
    ruleset = parse_ruleset(json.dumps(data), "ear-birth.json")
    person = PersonFacts.of(status="other", birth="CN")
    d = determine(person, ItemFacts.from_eccn("3E002"), SUMMER, [ruleset])
    assert (d.license_required, d.country) == (True, "CN")
    assert "born in China" in d.reason


def test_unknown_immigration_status_is_reported_missing() -> None:
    d = decide(PersonFacts.of("CN"), "3E002")
    assert d.license_required is None
    assert any(m.startswith("immigration status") for m in d.missing)
    assert "This holds only if" in d.reason


def test_unknown_status_does_not_matter_when_no_license_is_needed_anyway() -> None:
    assert decide(PersonFacts.of("GB"), "3E002").license_required is False


def test_nothing_known_about_the_person() -> None:
    d = decide(PersonFacts(), "3E002")
    assert d.license_required is None
    assert "citizenship" in d.missing


def test_residency_in_the_us_without_a_status_means_permanent_resident() -> None:
    d = decide(PersonFacts.of("CN", residency="US"), "3E002", BEFORE)
    assert d.license_required is False


def test_no_rule_set_in_force_before_the_baseline() -> None:
    d = decide(PersonFacts.of("CN", status="h1b"), "3E002", date(2010, 1, 1))
    assert d.license_required is None
    assert d.ruleset is None
    assert "No rule set is in force" in d.reason


def test_effective_to_is_the_last_day_in_force() -> None:
    data = json.loads((shipped_rulesets_dir() / "ai-access-directive-2026.json").read_text("utf-8"))
    data["effective_to"] = "2026-12-31"
    ruleset = parse_ruleset(json.dumps(data), "x.json")
    assert ruleset.in_force(date(2026, 12, 31))
    assert not ruleset.in_force(date(2027, 1, 1))
    assert not ruleset.in_force(date(2026, 11, 19))
    shipped = {r.id: r for r in load_rulesets()}
    assert shipped["ai-access-directive-2026"].in_force(date(2030, 1, 1))  # no end date
