"""What the item is: chart columns, worldwide controls, groups, embargoes, paragraphs."""

from __future__ import annotations

import pytest
from rules_support import BEFORE, decide

from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets
from licenseapp.errors import ValidationError


def h1b(country: str) -> PersonFacts:
    return PersonFacts.of(country, status="h1b")


def test_3e001_for_china_requires_a_license() -> None:
    d = decide(h1b("CN"), "3E001")
    assert d.license_required is True
    assert "NS Column 1" in d.reason
    assert "15 CFR 742.4" in d.citations


@pytest.mark.parametrize("country", ["GB", "CA", "AU"])
def test_3e001_for_close_allies_is_not_a_plain_no_because_its_3a090_rs_line_is_worldwide(
    country: str
) -> None:
    # Supp. 1 to Part 774, 3E001 (eCFR 2026-07-23): NS1 is blank for these countries, but
    # RS applies worldwide to technology for 3A090 commodities (15 CFR 742.6(a)(6)(ii)).
    d = decide(h1b(country), "3E001")
    assert d.license_required is None
    assert "15 CFR 742.6(a)(6)(ii)" in d.citations
    assert "which part of 3E001 the item is in (for its RS control)" in d.missing
    assert "does not require a license" not in d.reason


@pytest.mark.parametrize("country", ["GB", "CA", "AU"])
def test_3e002_for_close_allies_with_blank_ns1_needs_no_license(country: str) -> None:
    d = decide(h1b(country), "3E002")  # NS1 and AT1 for the entire entry
    assert d.license_required is False
    assert "is not marked under NS Column 1" in d.reason


def test_3e001_for_china_every_line_covers_it() -> None:
    d = decide(h1b("CN"), "3E001")
    assert d.license_required is True
    assert "Every control line of 3E001 that names its part of the entry covers China" in d.reason
    for cite in ("15 CFR 742.4", "15 CFR 742.5", "15 CFR 742.3", "15 CFR 742.6"):
        assert cite in d.citations


def test_3d001_for_a_chinese_national_is_required_as_every_line_covers_china() -> None:
    # 3D001's lines name their parts in words ("software for 3A090.a"); each covers China
    # (NS1, worldwide, D:1/D:4/D:5, Macau or D:5): Supp. 1 to Part 774, 15 CFR 742.6(a)(6).
    d = decide(h1b("CN"), "3D001")
    assert d.license_required is True
    assert "15 CFR 742.6(a)(6)(iii)(A)" in d.citations
    assert d.missing == ()


def test_3d001_for_a_british_national_still_depends_on_the_part() -> None:
    d = decide(h1b("GB"), "3D001")  # NS1 and the D-group lines do not cover the UK
    assert d.license_required is None


def test_si_controls_apply_everywhere_but_canada() -> None:
    # 15 CFR 742.14(a): a license for all destinations except Canada for SI items.
    canada = decide(h1b("CA"), "9E003.a.1")
    assert canada.license_required is False
    australia = decide(h1b("AU"), "9E003.a.1")  # NS1 blank for Australia; SI is not
    assert australia.license_required is True
    assert "15 CFR 742.14" in australia.citations
    assert decide(h1b("CA"), "9E003").license_required is False
    assert decide(h1b("AU"), "9E003.b").license_required is False  # SI covers a.1-a.8, h, i, l


@pytest.mark.parametrize(("country", "cite"), [
    ("IR", "15 CFR 746.7(a)(1)"), ("CU", "15 CFR 746.2(a)(1)"), ("KP", "15 CFR 746.4(a)"),
    ("SY", "15 CFR 746.9(a)(1)")])
def test_embargoed_countries_have_no_chart_marks_and_part_746_requires_a_license(
    country: str, cite: str
) -> None:
    d = decide(h1b(country), "3E001")
    assert d.license_required is True
    assert cite in d.citations
    assert "embargoed destination" in d.reason


def test_ear99_needs_no_license_except_to_embargoed_destinations() -> None:
    assert decide(h1b("FR"), "EAR99").license_required is False
    assert decide(h1b("CN"), "EAR99").license_required is False
    assert decide(h1b("KP"), "EAR99").license_required is True
    iran = decide(h1b("IR"), "EAR99")
    assert iran.license_required is False  # BIS: 746.7 covers CCL items; OFAC noted
    assert any("OFAC" in n for n in iran.notes)
    assert any(n.startswith("Unconfirmed") for n in iran.notes)


def test_4e091_rs_worldwide_for_any_foreign_person() -> None:
    for country in ("FR", "GB", "CA", "JP", "CN"):
        assert decide(h1b(country), "4E091", BEFORE).license_required is True


def test_partial_control_without_the_paragraph_says_it_depends() -> None:
    d = decide(h1b("FR"), "3A090")
    assert d.license_required is None
    assert "may need a license" in d.reason
    assert d.missing == ("the ECCN paragraph (is the item in 3A090.a?)",)


def test_partial_control_for_china_lists_every_paragraph() -> None:
    d = decide(h1b("CN"), "3A090")
    assert d.license_required is None
    assert "3A090.a, 3A090.b or 3A090.c" in d.missing[0]


@pytest.mark.parametrize(("eccn", "country", "required"), [
    ("3A090.a", "FR", True),  # worldwide
    ("3A090.a.1", "GB", True),  # a sub-paragraph of .a
    ("3A090.b", "FR", False),
    ("3A090.b", "AE", True),  # named beside the groups
    ("3A090.b", "CN", True),  # D:1, D:4, D:5
    ("3A090.c", "CN", True),  # D:5
    ("3A090.c", "MO", True),  # Macau, named
    ("3A090.c", "IN", False),
    ("3A090.c", "FR", False),
])
def test_a_paragraph_suffix_settles_partial_controls(
    eccn: str, country: str, required: bool
) -> None:
    assert decide(h1b(country), eccn).license_required is required


def test_an_excepted_paragraph_is_excluded() -> None:
    # 0A501: NS/RS/FC apply to the entire entry except 0A501.y; UN (746.1(b)) is not assessed.
    assert decide(h1b("CN"), "0A501.a").license_required is True
    d = decide(h1b("CN"), "0A501")
    assert d.license_required is None
    assert "0A501.y" in d.missing[0]


def test_chart_footnote_10_lists_eccns_for_australia_and_the_uk() -> None:
    d = decide(h1b("GB"), "0E501")
    assert d.license_required is True
    assert "Supp. 1 to Part 738, footnote 10" in d.citations
    assert decide(h1b("FR"), "0E501").license_required is True  # FR has FC1/NS1 marks


def test_hong_kong_follows_china() -> None:
    d = decide(h1b("HK"), "3E001")
    assert (d.license_required, d.country) == (True, "HK")
    assert any("treated as China" in n for n in d.notes)


def test_a_control_the_rule_set_does_not_assess_is_unknown_and_says_what() -> None:
    d = decide(h1b("FR"), "1E355")  # CW (742.18) is listed in special_controls
    assert d.license_required is None
    assert any("15 CFR 742.18" in m for m in d.missing)


def test_an_eccn_without_control_data_is_unknown() -> None:
    d = decide(h1b("FR"), "0A002")
    assert d.license_required is None
    assert "license requirements of ECCN 0A002" in d.missing[0]


def test_unknown_eccn_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="not on the Commerce Control List"):
        decide(h1b("CN"), "3E999")
    with pytest.raises(ValidationError, match="is not an ECCN"):
        ItemFacts.from_eccn("Z9999")


def test_item_without_eccn_says_the_eccn_is_missing() -> None:
    item = ItemFacts(eccn=None, kind=ItemKind.TECHNOLOGY)
    d = determine(h1b("CN"), item, BEFORE, load_rulesets())
    assert d.license_required is None
    assert d.missing == ("the item's ECCN",)


def test_item_of_a_regime_no_rule_set_covers() -> None:
    item = ItemFacts(eccn=None, regime=Regime.EU, name="Rocket guidance data")
    d = determine(h1b("CN"), item, BEFORE, load_rulesets())
    assert d.license_required is None
    assert "No rule set in force" in d.reason
    assert d.ruleset is None


def test_ear99_technology_to_a_cuban_national_needs_no_license_since_2015() -> None:
    # 80 FR 56898 (Sept. 21, 2015), 15 CFR 746.2 as amended; CCL items still need one.
    cuba = decide(h1b("CU"), "EAR99")
    assert cuba.license_required is False
    assert "80 FR 56898 (2015)" in cuba.citations
    assert any("80 FR 56898" in n for n in cuba.notes)
    assert decide(h1b("CU"), "3E002").license_required is True


def test_json_has_the_contract_fields() -> None:
    doc = decide(h1b("CN"), "3E001").to_json()
    for key in ("license_required", "country", "regulator", "form", "ruleset", "reason",
                "citations", "missing", "results"):
        assert key in doc
    assert isinstance(doc["citations"], list)


def test_without_a_paragraph_the_answer_holds_if_every_paragraph_agrees() -> None:
    # 0D606: NS1/RS1 for all but .y, and RS to China, Russia or Venezuela for .y.
    china = decide(h1b("CN"), "0D606")
    assert china.license_required is True
    assert "Whatever its paragraph" in china.reason
    france = decide(h1b("FR"), "0D606")  # .y is not controlled for France
    assert france.license_required is None
    assert france.missing == ("the ECCN paragraph (is the item in 0D606.y, which is excepted?)",)
    assert decide(h1b("FR"), "0D606.a").license_required is True
    assert decide(h1b("FR"), "0D606.y").license_required is False


def test_corrected_reference_records_carry_their_caveat() -> None:
    d = decide(h1b("CN"), "3E002")  # restored: the source filed it under 3E001
    assert d.license_required is True
    assert any(n.startswith("Data caveat (ECCN 3E002)") for n in d.notes)
    assert any(n.startswith("Data caveat (ECCN 3E001)") for n in decide(h1b("CN"), "3E001").notes)
