"""Reading a restricted-party list file in each form it comes in."""

from __future__ import annotations

import json
from datetime import date

import pytest

from licenseapp.domain.screening.list_files import read_list_file
from licenseapp.errors import ValidationError

ROW = {"name": "ZHANG, Wei", "alt_names": ["CHANG, Wei"], "type": "Individual",
       "source": "Specially Designated Nationals (SDN) - Treasury Department",
       "entity_number": 1201, "addresses": [{"city": "Beijing", "country": "CN"}],
       "nationalities": ["CN"], "dates_of_birth": ["1990-02-28"], "programs": ["SDGT"]}


def _json(**document: object) -> bytes:
    return json.dumps(document).encode("utf-8")


def test_trade_gov_json_with_and_without_its_dates() -> None:
    dated = read_list_file(_json(results=[ROW], sources_used=[
        {"source": "SDN", "source_last_updated": "2026-09-03T10:00:00+00:00",
         "last_imported": "2026-09-04T01:00:00+00:00"}]), "csl.json", date(2026, 1, 1))
    assert dated.published_on == date(2026, 9, 4)
    [entry] = dated.entries
    assert (entry.list_code, entry.entry_id, entry.kind, entry.countries) == (
        "SDN", "1201", "individual", ("CN",))
    assert entry.addresses == ("Beijing, CN",) and entry.dates_of_birth == ("1990-02-28",)
    undated = read_list_file(_json(results=[ROW]), "csl.json", date(2026, 9, 1))
    assert undated.published_on == date(2026, 9, 1)  # the file's own date
    assert undated.entries[0].fingerprint == entry.fingerprint


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfe\x00", "csl.json is not a text file in UTF-8"),
    (b"{\"results\": ", "csl.json is not valid JSON (line 1)"),
    (_json(items=[]), "csl.json is JSON but not a Consolidated Screening List"),
    (_json(results=[]), "csl.json holds no list entries"),
])
def test_what_is_not_a_list_is_refused_in_words(content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        read_list_file(content, "csl.json", date(2026, 9, 1))
    assert refused.value.message.startswith(message)
