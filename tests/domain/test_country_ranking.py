"""Country choosers rank what is typed: an exact code or name first, common names too,
never a list position."""

from __future__ import annotations

import pytest

from licenseapp.domain.countries import country_code_for, country_rank, fold, rank_countries


@pytest.mark.parametrize(("typed", "first"), [
    ("US", "US"), ("us", "US"), ("CA", "CA"), ("United States", "US"), ("united st", "US"),
    ("UK", "GB"), ("USA", "US"), ("Britain", "GB"), ("Great Britain", "GB"),
    ("America", "US"), ("South Korea", "KR"), ("Korea", "KR"), ("Russia", "RU"),
    ("Ivory Coast", "CI"), ("cote d'ivoire", "CI"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("China", "CN"), ("IN", "IN"), ("Germ", "DE"), ("Czech Republic", "CZ"),
])
def test_the_best_match_comes_first(typed: str, first: str) -> None:
    assert rank_countries(typed)[0] == first


def test_an_exact_name_beats_a_longer_name_that_starts_the_same() -> None:
    ranked = rank_countries("United States")
    assert ranked[:2] == ["US", "UM"]  # before the Minor Outlying Islands


def test_names_that_merely_contain_a_code_come_after_it() -> None:
    """Issue #18: "CA" + Down + Enter gave Antarctica, "US" listed Austria first."""
    ranked = rank_countries("CA")
    assert ranked[0] == "CA" and "AQ" in ranked[1:]
    ranked = rank_countries("US")
    assert ranked[0] == "US" and "AT" in ranked[1:]


def test_ranks_and_exact_names() -> None:
    assert country_rank("US", "us") == 0 and country_rank("US", "Unit") == 1
    assert country_rank("KR", "korea") == 0 and country_rank("GB", "king") == 2
    assert country_rank("AT", "stri") == 3 and country_rank("AT", "xyz") is None
    assert country_code_for("UK") == "GB" and country_code_for("Unit") is None
    assert country_code_for("") is None and fold("  Côte  d'Ivoire ") == "cote d'ivoire"
