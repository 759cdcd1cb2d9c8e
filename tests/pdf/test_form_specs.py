"""Form specs as data: the BIS-748P blocks as the regulation numbers them, and clear errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from licenseapp.domain.forms import SOURCES, FormSpecError, form_spec, parse_form
from licenseapp.paths import resource

BLOCKS_CSV = Path("/work/shared/data/form_bis748p_blocks.csv")


def test_bis748p_has_every_block_1_to_25_in_order() -> None:
    spec = form_spec("BIS-748P")
    assert [f.number for f in spec.fields] == [str(n) for n in range(1, 26)]
    block22 = spec.field("b22")
    assert [f.number for f in block22.fields] == [f"22({c})" for c in "abcdefghij"]
    assert block22.repeat == "items"


def test_bis748p_technology_rules_are_in_the_spec() -> None:
    spec = form_spec("BIS-748P")
    assert spec.field("b9").default == "Technology"
    assert "Letter of explanation" in spec.field("b6").default
    assert spec.field("b22e").requirement == "leave_blank"
    assert spec.field("b22i").requirement == "leave_blank"
    assert spec.field("b22j").required
    assert spec.field("b18").source == "person"
    assert spec.field("b24").source == "application.additional_info"
    assert spec.field("b1").source == "organization.contact_name"


@pytest.mark.skipif(not BLOCKS_CSV.exists(), reason="shared reference data not present")
def test_block_names_and_confirmation_follow_the_reference_table() -> None:
    spec = form_spec("BIS-748P")
    with BLOCKS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            field = spec.field(f"b{row['block']}")
            if row["block"] in CONFIRMED_IN_22:  # the table predates that review
                assert field.name_status == "confirmed_reference", row["block"]
                assert "Supp. 1 to 15 CFR Part 748" in field.evidence, row["block"]
            else:
                assert field.name_status == row["status"], row["block"]
            if row["block"] != "22":
                assert field.label == row["name"], row["block"]
    assert all(f.name_confirmed for f in spec.walk())
    assert "csv" not in spec.status


#: Block names checked against Supplement No. 1 to Part 748 in the review of issue #22.
CONFIRMED_IN_22 = {"8", "10", "12", "13", "23", "25"}


@pytest.mark.parametrize("code", ["BIS-748P", "DSP-5", "SIEL"])
def test_every_shipped_spec_loads_with_known_sources(code: str) -> None:
    spec = form_spec(code)
    assert spec.code == code and spec.regulator_address
    ids = [f.id for f in spec.walk()]
    assert len(ids) == len(set(ids))
    assert all(f.source is None or f.source in SOURCES for f in spec.walk())
    assert any(f.repeat == "items" for f in spec.fields)


def test_the_siel_is_flagged_unconfirmed() -> None:
    spec = form_spec("SIEL")
    assert all(not f.name_confirmed for f in spec.walk())
    assert spec.status.startswith("unconfirmed")


def test_the_dsp5_is_flagged_partly_confirmed() -> None:
    """Blocks sourced from the DECCS instructions are confirmed; the rest keep their mark."""
    spec = form_spec("DSP-5")
    assert spec.status.startswith("partly confirmed")
    assert any(f.name_confirmed for f in spec.walk())
    assert any(not f.name_confirmed for f in spec.walk())


def _spec_text() -> str:
    return resource("forms", "DSP-5.json").read_text(encoding="utf-8")


def test_an_unknown_source_names_file_line_and_field() -> None:
    broken = _spec_text().replace('"item.quantity"', '"item.qty"')
    with pytest.raises(FormSpecError) as caught:
        parse_form(broken, "forms/DSP-5.json")
    message = str(caught.value)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if '"d8c"' in text)
    assert message.startswith(f"forms/DSP-5.json, line {line}, field 'd8c'")
    assert "item.qty" in message


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (('"requirement": "required"', '"requirement": "mandatory"'), "requirement"),
        (('"name_status": "unconfirmed"', '"name_status": "maybe"'), "name_status"),
        (('"label": "Date Prepared"', '"lable": "Date Prepared"'), "unknown key"),
        (('"id": "d2"', '"id": "d1"'), "used twice"),
        (('"source": "application.end_use"', '"source": "item.name"'), "repeat group"),
    ],
)
def test_broken_specs_are_refused_with_the_reason(change: tuple[str, str], needle: str) -> None:
    broken = _spec_text().replace(*change, 1)
    with pytest.raises(FormSpecError, match=needle):
        parse_form(broken, "forms/DSP-5.json")


def test_invalid_json_names_the_line() -> None:
    with pytest.raises(FormSpecError, match=r"x\.json, line 2: not valid JSON"):
        parse_form('{"form": "SIEL",\n "regulator" "ECJU"}', "x.json")


def test_an_unknown_form_is_refused() -> None:
    with pytest.raises(FormSpecError, match="no form 'DSP-9'"):
        form_spec("DSP-9")
