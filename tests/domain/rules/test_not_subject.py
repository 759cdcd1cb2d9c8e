"""Items not subject to the EAR (15 CFR 734.3(b)(3), 734.7, 734.8): no license for anyone,
with the basis cited; the classification is typed in words."""

from __future__ import annotations

from datetime import date

import pytest

from licenseapp.domain.item_form import normal_classification
from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets


@pytest.mark.parametrize(("basis", "cite"), [
    ("published", "15 CFR 734.7"), ("fundamental_research", "15 CFR 734.8"),
    ("educational", "15 CFR 734.3(b)(3)(iii)")])
@pytest.mark.parametrize("country", ["KP", "CN", "CU"])
def test_not_subject_needs_no_license_for_any_nationality(basis: str, cite: str,
                                                          country: str) -> None:
    item = ItemFacts(eccn=None, name="Halcyon 3 weights", not_subject=basis)
    d = determine(PersonFacts.of(country, status="h1b"), item, date(2026, 12, 1),
                  load_rulesets())
    assert d.license_required is False
    assert cite in d.citations
    assert "not subject to the EAR" in d.reason
    assert d.ruleset == "ear-baseline"


def test_not_subject_without_basis_asks_for_it_but_needs_no_license() -> None:
    item = ItemFacts(eccn=None, name="Old paper", not_subject="unstated")
    d = determine(PersonFacts.of("KP"), item, date(2026, 12, 1), load_rulesets())
    assert d.license_required is False
    assert "Record why (published, fundamental research or educational)" in d.reason


@pytest.mark.parametrize(("typed", "stored"), [
    ("Published", "not subject (published)"),
    ("not subject (Fundamental Research)", "not subject (fundamental research)"),
    ("educational", "not subject (educational)"),
    ("not subject to the EAR", "not subject")])
def test_the_classification_is_stored_with_its_basis(typed: str, stored: str) -> None:
    assert normal_classification("EAR", typed) == stored
