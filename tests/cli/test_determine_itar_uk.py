"""``licenseapp determine`` for an ITAR item and for a UK transfer: definite answers with
their citations (issue #16 point 1)."""

from __future__ import annotations

from test_determine import assert_one_line_error, run, run_json


def test_itar_technical_data_to_an_indian_h1b_needs_a_dsp5() -> None:
    doc = run_json("--usml", "XI(d)", "--citizenship", "IN", "--status", "h1b",
                   "--date", "2026-12-01")
    assert (doc["license_required"], doc["ruleset"], doc["form"], doc["country"]) == (
        True, "itar-technical-data", "DSP-5", "IN")
    assert "22 CFR 120.50(b)" in doc["citations"]
    assert "USML XI(d)" in doc["reason"]


def test_itar_dual_national_names_every_country_and_offers_126_18() -> None:
    doc = run_json("--usml", "XII(f)", "--citizenship", "CN:birth,CA:2018-06-01",
                   "--status", "h1b", "--date", "2026-12-01")
    assert doc["license_required"] is True
    assert "China and Canada" in doc["reason"] and "22 CFR 126.1" in doc["reason"]
    assert "22 CFR 126.18 for dual and third-country nationals may be available if" in (
        doc["reason"])


def test_itar_lawful_permanent_resident_is_a_us_person() -> None:
    doc = run_json("--usml", "XI", "--citizenship", "DE", "--status", "lpr")
    assert doc["license_required"] is False
    assert "22 CFR 120.62" in doc["citations"]


def test_uk_transfer_to_a_recipient_abroad_needs_a_siel() -> None:
    doc = run_json("--uk-entry", "ML22", "--citizenship", "IN", "--recipient-in", "IN",
                   "--name", "Priya")
    assert (doc["license_required"], doc["form"], doc["country"]) == (True, "SIEL", "IN")
    assert doc["citations"] == ["Export Control Order 2008, art. 3"]
    result = run("--uk-entry", "ML22", "--citizenship", "IN", "--recipient-in", "IN")
    assert "LICENCE REQUIRED (transfer to India, IN)" in result.stdout  # the UK's word
    assert "LICENSE" not in result.stdout


def test_uk_access_inside_the_uk_needs_no_licence() -> None:
    for extra in ((), ("--recipient-in", "GB")):
        doc = run_json("--uk-entry", "PL5017", "--citizenship", "CN", *extra)
        assert (doc["license_required"], doc["form"]) == (False, "SIEL")
        assert "no licence is needed for access in the UK" in doc["reason"]
    headline = run("--uk-entry", "PL5017", "--citizenship", "CN").stdout.splitlines()[0]
    assert headline.startswith("No licence required")


def test_a_us_case_keeps_the_word_license() -> None:
    result = run("--usml", "XI(d)", "--citizenship", "IN", "--status", "h1b",
                 "--date", "2026-12-01")
    assert result.stdout.startswith("LICENSE REQUIRED (deemed export to India, IN)")


def test_recipient_location_is_refused_for_a_us_item() -> None:
    assert_one_line_error(run("--usml", "XI", "--citizenship", "FR", "--recipient-in", "IN"),
                          "--recipient-in", "only for a UK item")


def test_a_usml_category_is_checked() -> None:
    assert_one_line_error(run("--usml", "radar", "--citizenship", "FR"), "--usml",
                          "not a USML category")
