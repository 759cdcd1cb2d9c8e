"""A character no shipped font can print is a checker error naming its field; every script a
roster may hold is printable (the coverage table read without any PDF library)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from roster_scripts import ROSTER_NAMES
from test_checker import TODAY, complete

from licenseapp.domain.checker import Severity, check, errors
from licenseapp.domain.font_coverage import family_for, unprintable
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord, PartyInfo


def _check(record: ApplicationRecord) -> list[tuple[str, str, str]]:
    return [(f.section, f.field, f.message) for f in check(record, form_spec("BIS-748P"), TODAY)
            if f.rule == "unprintable-character"]


@pytest.mark.parametrize("script", list(ROSTER_NAMES))
def test_every_roster_script_has_a_font(script: str) -> None:
    name, family = ROSTER_NAMES[script]
    assert unprintable(name) == []
    letters = [c for c in name if c.isalpha()]
    assert {family_for(c) for c in letters} == {family}
    record = complete()
    assert record.person is not None
    record = replace(record, person=replace(record.person, native_name=name))
    assert _check(record) == []


def test_a_character_no_font_has_is_an_error_naming_its_field() -> None:
    record = complete()
    assert record.person is not None
    record = replace(record, person=replace(record.person, native_name="Zhang 😀 Wei 𒀀"),
                     end_use="Model access \U000f0001 for research.")
    found = check(record, form_spec("BIS-748P"), TODAY)
    mine = [f for f in found if f.rule == "unprintable-character"]
    assert [(f.severity, f.section, f.field) for f in mine] == [
        (Severity.ERROR, "end_use", "end use"),
        (Severity.ERROR, "foreign_national", "native name (foreign national)"),
    ]
    assert all(f in errors(found) for f in mine)
    by_field = {f.field: f.message for f in mine}
    assert "U+1F600 GRINNING FACE" in by_field["native name (foreign national)"]
    assert "U+12000 CUNEIFORM SIGN A" in by_field["native name (foreign national)"]
    assert "U+F0001" in by_field["end use"]  # private use: no name, still named by its code


def test_nested_fields_are_named_with_their_owner() -> None:
    record = complete()
    party = PartyInfo("end_user", "ⵣ Labs")  # U+2D63: Tifinagh, which no shipped font has
    record = replace(record, parties=(*record.parties, party))
    fields = [field for _, field, _ in _check(record)]
    assert fields == [f"name (party {len(record.parties)})"]


def test_line_ends_tabs_and_invisible_controls_are_not_reported() -> None:
    assert unprintable("a\nb\r\nc\td\u200f\u202be\u202c\u00ad") == []
    assert unprintable("\x07bell") == ["\x07"]
