"""Reading the CCL control lines and the reference tables."""

from __future__ import annotations

from licenseapp.domain.rules.ccl_controls import (
    DestinationKind,
    ScopeKind,
    ScopeState,
    parse_control,
)
from licenseapp.domain.rules.reference import load_reference

NAMES = {"Canada": "CA", "China": "CN", "Russia": "RU", "Venezuela": "VE",
         "North Korea": "KP", "Macau": "MO", "United Arab Emirates": "AE"}


def test_reference_tables_cover_every_eccn_and_country() -> None:
    ref = load_reference()
    assert len(ref.ccl) == 636  # 633 in the source + 3 restored (ccl_corrections.json)
    assert ref.ccl["3E002"].caveat and ref.ccl["3E001"].caveat
    assert ref.issue_date.isoformat() == "2026-07-23"
    assert "NS1" in ref.chart["CN"]
    assert "NS1" not in ref.chart["GB"] and "NS1" not in ref.chart["CA"]
    assert "NS1" not in ref.chart["AU"]
    assert {"CU", "IR", "KP", "SY"} <= set(ref.pointers)
    assert all(c not in ref.chart for c in ("CU", "IR", "KP", "SY"))
    assert not any("AT1" in marks or "AT2" in marks for marks in ref.chart.values())
    assert ref.in_group("IR", "E:1") and ref.in_group("CU", "E:2")
    assert "IQ" in ref.countries_with_footnote("1")


def test_every_control_line_parses() -> None:
    ref = load_reference()
    controls = [c for e in ref.ccl.values() for c in e.controls]
    assert len(controls) > 1400
    column = [c for c in controls if c.destination.kind is DestinationKind.COLUMN]
    assert all(c.destination.column[:2] in {"CB", "NP", "NS", "MT", "RS", "FC", "CC", "AT"}
               for c in column)


def test_4e091_is_rs_worldwide_and_at1() -> None:
    rs, at = load_reference().ccl["4E091"].controls
    assert (rs.reason, rs.scope.kind, rs.destination.kind) == (
        "RS", ScopeKind.ENTIRE, DestinationKind.WORLDWIDE)
    assert rs.citations == ("15 CFR 742.6(a)(13)",)
    assert at.destination.column == "AT1"


def test_scopes() -> None:
    partial = parse_control("3A090", "RS applies to 3A090.a", "RS Column 1", NAMES).scope
    assert partial.kind is ScopeKind.PARTIAL and partial.paragraphs == ("a",)
    assert partial.state("") is ScopeState.DEPENDS
    assert partial.state("a.2") is ScopeState.APPLIES
    assert partial.state("b") is ScopeState.EXCLUDED
    many = parse_control("3A001", "RS applies to 3A001.z.1.a, z.2.a", "RS Column 1", NAMES).scope
    assert many.paragraphs == ("z.1.a", "z.2.a")
    assert many.state("z") is ScopeState.DEPENDS
    except_y = parse_control("0A501", "NS applies to entire entry except 0A501.y",
                             "NS Column 1", NAMES).scope
    assert except_y.kind is ScopeKind.EXCEPT
    assert except_y.state("y.1") is ScopeState.EXCLUDED
    assert except_y.state("a") is ScopeState.APPLIES
    words = parse_control("2E001", "MT applies to “technology” for items controlled by 2B004",
                          "MT Column 1", NAMES).scope
    assert not words.resolvable and words.state("a") is ScopeState.DEPENDS
    dotted = parse_control("0A505", "AT applies to paragraph .c", "X", NAMES).scope
    assert dotted.paragraphs == ("c",)


def test_destinations() -> None:
    def dest(text: str, reason: str = "RS"):  # type: ignore[no-untyped-def]
        return parse_control("1A001", f"{reason} applies to entire entry", text, NAMES).destination

    assert dest("NS Column 2.", "NS").column == "NS2"
    assert dest("Column 1.", "AT").column == "AT1"
    everywhere = dest("A license is required for ALL destinations, except Canada, regardless")
    assert everywhere.kind is DestinationKind.WORLDWIDE
    assert everywhere.excluded_countries == {"CA"}
    groups = dest("To or within the United Arab Emirates or destinations specified in Country "
                  "Groups D:1, D:4, and D:5 of supplement no. 1 to part 740 of the EAR, excluding "
                  "any destination also specified in Country Groups A:5 or A:6.")
    assert groups.kind is DestinationKind.GROUPS
    assert (groups.groups, groups.excluded_groups, groups.countries) == (
        {"D:1", "D:4", "D:5"}, {"A:5", "A:6"}, {"AE"})
    named = dest("China, Russia, or Venezuela (see § 742.6(a)(7))")
    assert (named.kind, named.countries) == (DestinationKind.COUNTRIES, {"CN", "RU", "VE"})
    assert dest("See § 746.1(b) for UN controls", "UN").kind is DestinationKind.UNRESOLVED
    assert dest("CW applies to entire entry. A license is required for CW reasons to CWC "
                "non-States Parties, except for Israel and Taiwan.", "CW").kind is (
        DestinationKind.UNRESOLVED)
