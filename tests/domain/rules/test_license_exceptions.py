"""License exceptions ENC, TSR and STA: offered with their conditions, never applied
(15 CFR 740.17(a)(2), 740.6, 740.20); the answer stays "license required"."""

from __future__ import annotations

from rules_support import decide
from test_rules_items import h1b


def test_enc_offered_for_5e002_to_an_indian_employee_with_its_conditions() -> None:
    d = decide(h1b("IN"), "5E002")
    assert d.license_required is True
    assert "requires a license unless a license exception applies" in d.reason
    assert "License Exception ENC may be available if the person is an employee" in d.reason
    assert "15 CFR 740.17(a)(2)" in d.citations


def test_enc_is_not_offered_to_an_e1_national() -> None:
    d = decide(h1b("IR"), "5E002")  # Iran: Country Group E:1 (and embargoed)
    assert d.license_required is True
    assert "License Exception ENC may be available" not in d.reason


def test_tsr_offered_for_ns_only_technology_to_a_group_b_country() -> None:
    d = decide(h1b("IN"), "3E002")  # NS1 only; India is in Country Group B
    assert d.license_required is True
    assert "License Exception TSR may be available" in d.reason
    assert "written assurance of 15 CFR 740.6(a)" in d.reason
    assert "15 CFR 740.6(a)" in d.citations


def test_tsr_not_offered_outside_group_b() -> None:
    d = decide(h1b("CN"), "3E002")
    assert d.license_required is True
    assert "License Exception" not in d.reason


def test_sta_offered_to_an_a5_national_with_the_entry_s_special_conditions() -> None:
    d = decide(h1b("FR"), "0D606.a")  # NS1/RS1; France is in Country Group A:5
    assert d.license_required is True
    assert "License Exception STA may be available for a national of Country Group A:5" in (
        d.reason)
    assert "may not be used for any software in 0D606" in d.reason
    assert "15 CFR 740.20(c)(1)" in d.citations


def test_no_exception_offered_when_no_license_is_required() -> None:
    d = decide(h1b("CA"), "3E002")
    assert d.license_required is False
    assert "license exception" not in d.reason.lower()
