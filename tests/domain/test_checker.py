"""The completeness checker, rule by rule, on plain records (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from licenseapp.domain.checker import Severity, by_section, check, errors
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import (
    Address,
    ApplicationRecord,
    AttachmentInfo,
    CitizenshipInfo,
    DocumentInfo,
    ItemInfo,
    OrganizationInfo,
    PartyInfo,
    PersonInfo,
    ResumeInfo,
)

TODAY = date(2026, 11, 27)
LOE = (
    "Northwind Frontier AI, Inc. asks to release technology to Dr. Wei Zhang, a national of "
    "China employed as Research Scientist. No other party receives the technology. Dr. Zhang "
    "works only at our office at 100 Market St, San Jose, CA. The technology is the Mythos 5 "
    "model weights (ECCN 4E091). The release is by electronic access on company systems. "
    "Dr. Zhang will use Mythos 5 to evaluate the model's safety. The release to Dr. Zhang is "
    "limited to the Mythos 5 evaluation checkpoints; training code is not released to him. "
    "Comparable technology is not available in China or elsewhere abroad: Mythos 5 is "
    "unreleased and not licensed outside the company."
)
#: The letter the old checker passed on keywords alone (issue #16).
KEYWORD_LOE = (
    "Northwind Frontier AI, Inc. and Zhang: the project is located at our office. The "
    "technology is software. The release is by access. It is used for research. The scope is "
    "limited. Comparable technology is not available abroad."
)
TCP = (
    "Northwind Frontier AI, Inc. is committed to complying with the EAR. Technology: Mythos 5 "
    "(4E091). Participant: Wei Zhang, a national of China. Badge-controlled areas; "
    "role-based IT access with logging; restricted-party screening and annual training; "
    "access revoked on departure."
)


def complete() -> ApplicationRecord:
    """A BIS-748P deemed-export application with nothing missing."""
    site = Address("100 Market St", "San Jose", "CA", "95113", "US", "United States")
    org = OrganizationInfo("Northwind Frontier AI, Inc.", site, phone="+1 408 555 0100",
                           ein="12-3456789", snapr_cin="C123456", contact_name="Dana Whitfield",
                           contact_phone="+1 408 555 0101", contact_email="dana@northwind.ai",
                           signatory_name="Dana Whitfield", signatory_title="Empowered Official")
    person = PersonInfo(
        ref="P-0001", given_name="Wei", family_name="Zhang", native_name="张伟",
        date_of_birth=date(1990, 3, 14), birth_country="CN", birth_country_name="China",
        immigration_status="h1b", employer=org.legal_name, job_title="Research Scientist",
        duties="Evaluates model safety.", work_site="100 Market St, San Jose, CA",
        citizenships=(CitizenshipInfo("CN", "China", date(1990, 3, 14), None, "birth"),),
        documents=(
            DocumentInfo("passport", "•••••678", "CN", "China", "", date(2020, 1, 1),
                         date(2030, 1, 1)),
            DocumentInfo("visa", "•••••321", "US", "United States", "H-1B", date(2024, 1, 1),
                         date(2028, 1, 1)),
            DocumentInfo("i797", "•••••999", "US", "United States", "H-1B", date(2024, 1, 1),
                         date(2028, 1, 1)),
        ),
        resume=(
            ResumeInfo("education", "Tsinghua University", 2008, 9, 2012, 6,
                       "30 Shuangqing Rd, Haidian, Beijing, China", "B.Eng., Computer Science"),
            ResumeInfo("employment", "Baidu Research (summer intern)", 2012, 7, 2012, 8,
                       "10 Shangdi 10th St, Haidian, Beijing, China", "Intern",
                       "Built data pipelines for speech models."),
            ResumeInfo("education", "Stanford University", 2012, 9, 2017, 6,
                       "450 Jane Stanford Way, Stanford, CA, USA", "Ph.D., Computer Science"),
            ResumeInfo("employment", "Northwind Frontier AI, Inc.", 2017, 7, None, None,
                       "100 Market St, San Jose, CA, USA", "Research Scientist",
                       "Evaluates model safety."),
        ),
    )
    attachments = tuple(
        AttachmentInfo(kind, f"{kind}.pdf", "application/pdf", "0" * 64, b"%PDF")
        for kind in ("passport", "visa", "work_authorization")
    )
    return ApplicationRecord(
        ref="LA-2026-0001", regulator="BIS", form="BIS-748P", status="draft",
        status_label="Draft", updated_at=datetime(2026, 11, 27, tzinfo=UTC), organization=org,
        application_type="export", special_purpose="Technology",
        documents_submitted="Letter of explanation",
        end_use="Dr. Zhang evaluates the safety of the Mythos 5 model at the San Jose office.",
        justification="He leads the evaluation team.",
        additional_info="Foreign national: Wei Zhang, born 1990-03-14 in China.",
        loe_text=LOE, tcp_text=TCP,
        person=person,
        items=(ItemInfo(1, "ITM-001", "Mythos 5", "ai_model_access", "EAR", "4E091",
                        "RS, AT", "4E091",
                        technical_description="Model weights of Mythos 5 (4E091)."),),
        parties=(PartyInfo("applicant", org.legal_name, site),
                 PartyInfo("ultimate_consignee", "Wei Zhang", site),
                 PartyInfo("end_user", org.legal_name, site)),
        attachments=attachments,
    )


def _rules(record: ApplicationRecord) -> set[tuple[str, str]]:
    return {(f.severity.value, f.rule) for f in check(record, form_spec("BIS-748P"), TODAY)}


def test_a_complete_application_has_no_errors() -> None:
    findings = check(complete(), form_spec("BIS-748P"), TODAY)
    assert errors(findings) == [], [f.message for f in errors(findings)]


def test_a_missing_required_block_names_the_block_and_the_fix() -> None:
    findings = check(replace(complete(), end_use=""), form_spec("BIS-748P"), TODAY)
    (missing,) = [f for f in errors(findings) if f.rule == "required-field"]
    assert missing.field.startswith("block 21")
    assert missing.section == "end_use" and missing.fix and missing.source


def test_documents_bis_expects() -> None:
    rec = complete()
    no_copies = replace(rec, attachments=())
    assert ("warning", "copy-missing") in _rules(no_copies)
    assert person_without(rec, documents=()) >= {("error", "document-missing")}
    assert ("error", "loe-missing") in _rules(replace(rec, loe_text=""))
    assert ("error", "tcp-missing") in _rules(replace(rec, tcp_text=""))
    assert ("error", "resume-missing") in person_without(rec, resume=())


def person_without(rec: ApplicationRecord, **changes: object) -> set[tuple[str, str]]:
    assert rec.person is not None
    return _rules(replace(rec, person=replace(rec.person, **changes)))  # type: ignore[arg-type]


def test_permanent_residents_need_no_visa_but_show_the_green_card() -> None:
    """Under the directive a permanent resident is applied for: no visa, but a copy of the
    green card (issue #16)."""
    rec = complete()
    assert rec.person is not None
    lpr = replace(rec.person, immigration_status="lpr",
                  documents=rec.person.documents[:1])
    findings = check(replace(rec, person=lpr), form_spec("BIS-748P"), TODAY)
    (missing,) = errors(findings)
    assert missing.rule == "document-missing" and "green card (Form I-551)" in missing.message
    assert missing.source == "BIS deemed export licensing guidelines (September 2024)"
    card = DocumentInfo("green_card", "•••••555", "US", "United States", "IR1",
                        date(2019, 1, 1), date(2029, 1, 1))
    carded = replace(lpr, documents=(*lpr.documents, card))
    assert not errors(check(replace(rec, person=carded), form_spec("BIS-748P"), TODAY))


def test_resume_gap_over_thirty_days_is_an_error_with_the_months() -> None:
    rec = complete()
    assert rec.person is not None
    gap = replace(rec.person, resume=(
        ResumeInfo("education", "Tsinghua University", 2008, 9, 2012, 6),
        ResumeInfo("education", "Stanford University", 2012, 10, 2017, 6),
        ResumeInfo("employment", "Northwind", 2017, 7, None, None),
    ))
    findings = check(replace(rec, person=gap), form_spec("BIS-748P"), TODAY)
    (finding,) = [f for f in findings if f.rule == "resume-gap"]
    assert "2012-07 to 2012-09" in finding.message


def test_resume_entries_in_consecutive_months_leave_no_gap() -> None:
    """Ending in June and starting in July is continuous at month/year precision."""
    rec = complete()
    assert rec.person is not None
    adjacent = replace(rec.person, resume=(
        ResumeInfo("education", "A", 2010, 9, 2014, 6),
        ResumeInfo("employment", "B", 2014, 7, None, None),
    ))
    assert ("error", "resume-gap") not in _rules(replace(rec, person=adjacent))


def test_resume_must_reach_the_present() -> None:
    rec = complete()
    assert rec.person is not None
    stale = replace(rec.person, resume=(ResumeInfo("education", "A", 2010, 9, 2020, 6),))
    findings = check(replace(rec, person=stale), form_spec("BIS-748P"), TODAY)
    assert any(f.rule == "resume-gap" and "after 2020-06" in f.message for f in findings)


@pytest.mark.parametrize("phrase", ["including but not limited to", "etc.", "and/or"])
def test_vague_phrases_are_warnings(phrase: str) -> None:
    rec = replace(complete(), end_use=f"Research on models {phrase} agents.")
    findings = [f for f in check(rec, form_spec("BIS-748P"), TODAY) if f.rule == "vague-phrase"]
    assert findings and findings[0].severity is Severity.WARNING
    assert phrase.rstrip(".") in findings[0].message


def test_letter_of_explanation_elements() -> None:
    assert not [f for f in check(complete(), form_spec("BIS-748P"), TODAY)
                if f.rule == "loe-element"]
    thin = replace(complete(), loe_text="We ask for a license for Northwind Frontier AI, Inc.")
    missing = [f.message for f in check(thin, form_spec("BIS-748P"), TODAY)
               if f.rule == "loe-element"]
    assert any("(vii) the availability abroad" in m for m in missing)
    assert any("Zhang" in m for m in missing)


def test_formats_and_dates() -> None:
    rec = complete()
    bad_item = replace(rec.items[0], eccn="4E91", classification="4E91", ccats="X1")
    found = _rules(replace(rec, items=(bad_item,), regulator_ref="123"))
    assert {("error", "eccn-format"), ("error", "ccats-format"), ("error", "acn-format")} <= found
    assert rec.person is not None
    expired = replace(rec.person, documents=(
        replace(rec.person.documents[0]),
        replace(rec.person.documents[1], expires_on=date(2026, 10, 1)),
        rec.person.documents[2],
    ))
    assert ("error", "expired") in _rules(replace(rec, person=expired))
    soon = replace(expired, documents=(
        expired.documents[0], replace(expired.documents[1], expires_on=date(2027, 1, 15)),
        expired.documents[2]))
    assert ("warning", "expires-soon") in _rules(replace(rec, person=soon))


def test_a_citizenship_by_birth_acquired_years_after_birth_is_an_error() -> None:
    """Issue #18: "acquired 2026" for a person born 1990 went unflagged."""
    rec = complete()
    assert rec.person is not None
    assert ("error", "dates-order") not in _rules(rec)  # acquired on the birth date
    late = replace(rec.person, citizenships=(
        CitizenshipInfo("CN", "China", date(2026, 4, 12), None, "birth"),))
    findings = [f for f in check(replace(rec, person=late), form_spec("BIS-748P"), TODAY)
                if f.rule == "dates-order"]
    assert len(findings) == 1
    assert "by birth" in findings[0].message and "2026-04-12" in findings[0].message
    naturalized = replace(late, citizenships=(
        CitizenshipInfo("CN", "China", date(2026, 4, 12), None, "naturalization"),))
    assert ("error", "dates-order") not in _rules(replace(rec, person=naturalized))


def test_findings_group_by_section_for_the_wizard_badges() -> None:
    rec = replace(complete(), end_use="", tcp_text="")
    grouped = by_section(check(rec, form_spec("BIS-748P"), TODAY))
    assert {"end_use", "tcp"} <= set(grouped)
