"""Reading the country out of a SIEL's block 7(a) as people type it (#17 point 2)."""

from __future__ import annotations

import pytest

from licenseapp.domain.recipient_location import location_country


@pytest.mark.parametrize(("typed", "country"), [
    ("India: remote access from Bengaluru", "IN"),
    ("Bengaluru, India", "IN"),
    ("remote access from Germany", "DE"),
    ("United Kingdom: on site in Bristol", "GB"),
    ("in the UK", "GB"),
    ("USA", "US"),
    ("he accesses it from home", None),  # "it" is a word here, not Italy
    ("abroad", None),
    ("", None),
])
def test_the_country_is_read_from_what_was_typed(typed: str, country: str | None) -> None:
    assert location_country(typed) == country
