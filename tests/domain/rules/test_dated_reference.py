"""Reference data with its dates (issue #16 point 2): an answer for a date before the eCFR
issue says in its reason which data it rests on; an entry is never cited before it existed;
a dated chart change is read as it stood on the date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets
from licenseapp.domain.rules.determination import Determination
from licenseapp.domain.rules.json_fields import DataFileError
from licenseapp.domain.rules.reference import (
    load_reference,
    not_yet_in_force,
    reference_dir,
    reference_on,
)

ISSUE = load_reference().issue_date


def decide(citizenship: str, eccn: str, on: date) -> Determination:
    return determine(PersonFacts.of(citizenship, status="h1b"), ItemFacts.from_eccn(eccn), on,
                     load_rulesets())


def test_a_2024_determination_names_the_data_it_rests_on_in_its_reason() -> None:
    d = decide("FR", "3E002", date(2024, 6, 1))
    assert f"rests on the Commerce Control List, Commerce Country Chart and Country Groups of " \
           f"the eCFR of {ISSUE.isoformat()}" in d.reason
    assert "other changes between the two dates are not reflected" in d.reason


def test_a_determination_on_or_after_the_issue_has_no_such_sentence() -> None:
    assert "rests on" not in decide("FR", "3E002", ISSUE).reason


def test_4e091_is_not_cited_before_it_existed() -> None:
    d = decide("FR", "4E091", date(2025, 1, 12))
    assert d.license_required is None
    assert "4E091 did not exist on 2025-01-12" in d.reason and "2025-01-13" in d.reason
    assert not any("4E091" in c for c in d.citations)
    assert any(c.startswith("90 FR 4544") for c in d.citations)
    assert "the item's classification on 2025-01-12" in d.missing
    on_the_day = decide("FR", "4E091", date(2025, 1, 13))
    assert on_the_day.license_required is True
    assert "Supp. 1 to Part 774 (ECCN 4E091)" in on_the_day.citations


def test_ns1_applied_to_australia_until_89_fr_28594() -> None:
    before = decide("AU", "3E002", date(2024, 1, 15))
    assert before.license_required is True
    assert "89 FR 28594" in before.reason and "United Kingdom from" not in before.reason
    after = decide("AU", "3E002", date(2024, 4, 19))
    assert after.license_required is False
    assert "89 FR 28594" not in after.reason


def test_the_reference_as_of_a_date_is_shared_and_the_issue_is_untouched() -> None:
    ref = load_reference()
    early = reference_on(ref, date(2024, 1, 1))
    assert early is reference_on(ref, date(2023, 5, 5))  # the same changes undone
    assert "NS1" in early.chart["AU"] and "NS1" not in ref.chart["AU"]
    assert reference_on(ref, date(2024, 4, 19)) is reference_on(ref, ISSUE) or (
        reference_on(ref, date(2024, 4, 19)).before is None)
    assert not_yet_in_force(ref, "4E091", date(2025, 1, 12)) is not None
    assert not_yet_in_force(ref, "3A090.a", date(2022, 10, 6)) is not None
    assert not_yet_in_force(ref, "3E002", date(2000, 1, 1)) is None


def test_a_broken_dates_file_names_itself(tmp_path: Path) -> None:
    folder = tmp_path / "reference"
    folder.mkdir()
    for f in reference_dir().iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    (folder / "dated_changes.json").write_text(
        '{"chart_changes": [{"country": "AU", "column": "NS9", "marked_before": true, '
        '"effective": "2024-04-19", "citation": "x"}]}', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"dated_changes\.json"):
        load_reference(folder)
