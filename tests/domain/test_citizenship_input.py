"""Citizenships typed on one line say how and when each was acquired (issue #16 point 2):
"born Chinese, naturalized Canadian in 2018" is CN:birth,CA:2018-06-01, and the engine then
answers with its dated rule (15 CFR 734.13(b), most recent citizenship)."""

from __future__ import annotations

from datetime import date

import pytest

from licenseapp.domain.citizenship_input import parse_citizenships
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.domain.rules import (
    ItemFacts,
    PersonFacts,
    determine,
    load_rulesets,
    shipped_rulesets_dir,
)
from licenseapp.domain.rules.facts import CitizenshipFacts
from licenseapp.errors import ValidationError

ON = date(2026, 11, 1)  # the ordinary EAR rule (before the 2026 directive)


def test_each_form_of_a_citizenship() -> None:
    assert parse_citizenships("CN:birth, CA:2018-06-01", "citizenship") == (
        CitizenshipFacts("CN", None, basis="birth"), CitizenshipFacts("CA", date(2018, 6, 1)))
    assert parse_citizenships("ca:naturalization:2018-06-01;IN", "citizenship") == (
        CitizenshipFacts("CA", date(2018, 6, 1), basis="naturalization"),
        CitizenshipFacts("IN"))
    assert parse_citizenships("", "citizenship") == ()


@pytest.mark.parametrize("typed", ["CN:born", "CN:birth:birth", "CN:2018-13-01", "ZZ:birth"])
def test_a_citizenship_typed_wrong_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_citizenships(typed, "citizenship")
    assert caught.value.field == "citizenship"


def _answer(typed: str) -> tuple[bool | None, str | None, list[str]]:
    person = PersonFacts(citizenships=parse_citizenships(typed, "citizenship"),
                         immigration_status=ImmigrationStatus.H1B)
    found = determine(person, ItemFacts.from_eccn("4E091"), ON,
                      list(load_rulesets([shipped_rulesets_dir()])))
    return found.license_required, found.country, list(found.citations)


def test_born_chinese_naturalized_canadian_is_a_deemed_export_to_canada() -> None:
    required, country, citations = _answer("CN:birth,CA:2018-06-01")
    assert (required, country) == (True, "CA")
    assert "15 CFR 734.13(b)" in citations
    # without saying the Chinese citizenship was held from birth, the order is unknown
    assert _answer("CN,CA:2018-06-01")[1] is None
