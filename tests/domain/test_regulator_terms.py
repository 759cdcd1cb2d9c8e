"""Each regulator's own words and rules (#17 points 2-3), on plain records: the form specs'
terms, the employee's NDA that DDTC asks for, findings on a DDTC or UK case that never cite
BIS, the UK's answer for access inside the UK, and block 3 of a DSP-5 without the country
of birth."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_checker import TODAY, complete

from licenseapp import paths
from licenseapp.domain.checker import Severity, check, errors
from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.form_values import field_entry
from licenseapp.domain.forms import TERMS, FormSpecError, form_spec, parse_form
from licenseapp.domain.record import ApplicationRecord, AttachmentInfo, CitizenshipInfo
from licenseapp.domain.rules import ItemFacts, determine, load_rulesets
from licenseapp.domain.rules.facts import CitizenshipFacts, PersonFacts

FORMS = {"BIS": "BIS-748P", "DDTC": "DSP-5", "ECJU": "SIEL"}


def _as(regulator: str, **changes: object) -> ApplicationRecord:
    return replace(complete(), regulator=regulator, form=FORMS[regulator], **changes)


def _findings(record: ApplicationRecord) -> list[str]:
    return [f"{f.rule}: {f.message} | {f.source} | {f.fix}"
            for f in check(record, form_spec(record.form), TODAY)]


def test_every_form_gives_every_term_and_a_missing_one_is_refused() -> None:
    for code in FORMS.values():
        spec = form_spec(code)
        assert {name for name, _ in spec.terms} == set(TERMS)
    text = paths.resource("forms", "SIEL.json").read_text(encoding="utf-8")
    broken = text.replace('"work_site": "Work site",', "", 1)
    assert broken != text
    with pytest.raises(FormSpecError, match="'terms' lacks work_site"):
        parse_form(broken, "forms/SIEL.json")


@pytest.mark.parametrize("regulator", ["DDTC", "ECJU"])
def test_document_findings_on_a_ddtc_or_uk_case_never_cite_bis(regulator: str) -> None:
    rec = _as(regulator, attachments=(), loe_text="")
    person = rec.person
    assert person is not None
    rec = replace(rec, person=replace(person, documents=(), resume=()))
    texts = [t for t in _findings(rec) if t.split(":")[0] in (
        "no-person", "document-missing", "copy-missing", "loe-missing", "resume-missing",
        "nda-missing", "expires-soon", "expired", "dates-order")]
    assert texts
    for text in texts:
        assert "BIS" not in text and "15 CFR" not in text, text


def test_ddtc_asks_for_the_employees_nda_and_only_ddtc() -> None:
    ddtc = _as("DDTC")
    (nda,) = [f for f in check(ddtc, form_spec("DSP-5"), TODAY) if f.rule == "nda-missing"]
    assert nda.severity is Severity.WARNING
    assert "non-disclosure agreement" in nda.message and "DDTC case number" in nda.message
    signed = AttachmentInfo("nda", "nda.pdf", "application/pdf", "1" * 64, b"%PDF")
    with_nda = replace(ddtc, attachments=(*ddtc.attachments, signed))
    assert not [f for f in check(with_nda, form_spec("DSP-5"), TODAY) if f.rule == "nda-missing"]
    for regulator in ("BIS", "ECJU"):
        rec = _as(regulator)
        assert not [f for f in check(rec, form_spec(rec.form), TODAY)
                    if f.rule == "nda-missing"], regulator


def test_a_dsp5_block_3_counts_citizenships_not_the_country_of_birth() -> None:
    rec = _as("DDTC")
    person = rec.person
    assert person is not None
    born_elsewhere = replace(person, birth_country="RU", birth_country_name="Russian Federation",
                             citizenships=(
                                 CitizenshipInfo("UA", "Ukraine", None, None, "naturalization"),
                                 CitizenshipInfo("BY", "Belarus", None,
                                                 TODAY.replace(year=2015), "birth"),
                             ))
    spec = form_spec("DSP-5")
    block3 = spec.field("d3")
    assert block3.number == "3" and "birth is not the test" in block3.note
    lines = field_entry(block3, replace(rec, person=born_elsewhere)).lines
    assert lines[0] == "Ukraine (UA)"
    assert "Former citizenships: Belarus (BY)" in lines
    assert not any("Russian" in line or "birth" in line.lower() for line in lines)


def test_the_uk_needs_no_licence_for_access_inside_the_uk() -> None:
    person = PersonFacts(citizenships=(CitizenshipFacts("CN"),), name="Li Na")
    item = ItemFacts(eccn=None, kind=ItemKind.TECHNOLOGY, regime=Regime.UK,
                     name="Stealth coating data")
    d = determine(person, item, TODAY, load_rulesets())
    assert d.license_required is False
    assert (d.regulator, d.form) == ("ECJU", "SIEL")
    assert d.reason.startswith("For Li Na, no licence is needed for access in the UK")
    assert "a person abroad" in d.reason and "Export Control Order 2008" in d.reason
    assert "immigration control, not an export control" in d.reason
    # An ITAR item still has no rule set: unknown, not the UK's answer.
    itar = determine(person, replace(item, regime=Regime.ITAR), TODAY, load_rulesets())
    assert itar.license_required is None


def test_the_siel_asks_where_the_recipient_is_and_the_checker_says_so() -> None:
    rec = _as("ECJU")
    where = form_spec("SIEL").field("s7a")
    assert where.required and "abroad" in where.note and "inside the UK" in where.note
    missing = [f for f in errors(check(rec, form_spec("SIEL"), TODAY))
               if "Where the Recipient Is" in f.field]
    assert missing, _findings(rec)
