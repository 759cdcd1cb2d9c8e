"""The checker reads content, not keywords (issue #16 point 3), rule by rule on plain records:
placeholders, the letter's elements (¶(o)(2)), documents per status, résumé details, TCP
elements and length limits — each with its citation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from test_checker import KEYWORD_LOE, LOE, TODAY, complete

from licenseapp.domain.checker import Finding, Severity, check
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord, DocumentInfo, ResumeInfo

GUIDELINES = "BIS deemed export licensing guidelines (September 2024)"
O2 = "Supp. 2 to 15 CFR Part 748, paragraph (o)(2)"
SHIPPED_LOE = (Path(__file__).parents[2] / "resources" / "templates"
               / "loe-bis-deemed-export.txt").read_text(encoding="utf-8")


def _check(record: ApplicationRecord) -> list[Finding]:
    return check(record, form_spec(record.form), TODAY)


def _rule(record: ApplicationRecord, rule: str) -> list[Finding]:
    return [f for f in _check(record) if f.rule == rule]


def _person(**changes: object) -> ApplicationRecord:
    rec = complete()
    assert rec.person is not None
    return replace(rec, person=replace(rec.person, **changes))  # type: ignore[arg-type]


def _doc(kind: str) -> DocumentInfo:
    return DocumentInfo(kind, "•••••123", "US", "United States", "", date(2024, 1, 1),
                        date(2029, 1, 1))


# -- placeholders -------------------------------------------------------------------------


def test_the_shipped_template_unfilled_is_refused_placeholder_by_placeholder() -> None:
    found = _rule(replace(complete(), loe_text=SHIPPED_LOE), "template-text")
    shown = " ".join(f.message for f in found)
    assert all(f.severity is Severity.ERROR for f in found)
    for placeholder in ("{applicant.legal_name}", "{today}", "{work_site}", "[Describe whether"):
        assert placeholder in shown


def test_an_instruction_left_verbatim_without_its_brackets_is_refused() -> None:
    letter = LOE + (" Describe whether this technology is available in China or elsewhere "
                    "abroad, and from what sources.")
    (found,) = _rule(replace(complete(), loe_text=letter), "template-text")
    assert "Describe whether this technology" in found.message


@pytest.mark.parametrize(("where", "text"), [
    ("additional_info", "Prior licenses: TBD."),
    ("tcp_text", "Participant: [name of the employee]."),
    ("end_use", "Works on ____ at the San Jose office."),
    ("justification", "He leads <insert team name>."),
])
def test_a_placeholder_in_any_free_text_is_an_error(where: str, text: str) -> None:
    found = _rule(replace(complete(), **{where: text}), "template-text")  # type: ignore[arg-type]
    assert found and found[0].severity is Severity.ERROR
    assert found[0].target.field == f"application.{where}"


def test_a_placeholder_in_the_resume_or_duties_is_an_error() -> None:
    rec = complete()
    assert rec.person is not None
    entry = replace(rec.person.resume[3], description="{duties}")
    rec = _person(resume=(*rec.person.resume[:3], entry), duties="TBD")
    targets = {(f.field, f.target.field) for f in _rule(rec, "template-text")}
    assert targets == {("résumé entry 4 description", "person.resume"), ("duties", "person")}


def test_ordinary_text_with_brackets_of_citations_is_not_a_placeholder() -> None:
    rec = replace(complete(), additional_info="Deemed export under 15 CFR 734.13(a)(2).")
    assert _rule(rec, "template-text") == []


# -- the letter's seven elements ------------------------------------------------------------


def test_a_letter_about_the_case_addresses_all_seven_elements() -> None:
    assert _rule(complete(), "loe-element") == []


def test_a_keyword_letter_is_refused_for_each_element_it_only_names() -> None:
    found = _rule(replace(complete(), loe_text=KEYWORD_LOE), "loe-element")
    numbers = [f.message.split(" ")[0] for f in found]
    assert numbers == ["(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)"]
    assert all(f.severity is Severity.ERROR and f.source == O2 for f in found)
    assert all(f.target.field == "application.loe_text" for f in found)
    messages = " ".join(f.message for f in found)
    assert "(100 Market St)" in messages  # the address it should give
    assert "Mythos 5 (4E091)" in messages  # the item it should name


def test_availability_abroad_must_speak_of_the_persons_country() -> None:
    vague = LOE.replace("in China or elsewhere abroad", "abroad")
    (found,) = _rule(replace(complete(), loe_text=vague), "loe-element")
    assert found.message.startswith("(vii)") and "available in China" in found.message


def test_a_letter_naming_no_person_misses_the_parties() -> None:
    letter = LOE.replace("Dr. Wei Zhang", "our employee").replace("Dr. Zhang", "the employee")
    found = _rule(replace(complete(), loe_text=letter), "loe-element")
    assert found[0].message == "(i) the identities of all parties: it does not name Wei Zhang"


def test_other_regulators_get_the_elements_as_warnings() -> None:
    rec = replace(complete(), regulator="DDTC", form="DSP-5", loe_text=KEYWORD_LOE)
    found = _rule(rec, "loe-element")
    assert found and all(f.severity is Severity.WARNING for f in found)


# -- immigration documents per status -------------------------------------------------------


@pytest.mark.parametrize(("status", "kinds", "missing"), [
    ("h1b", ("visa", "i94"), [("error", "I-797 approval notice")]),  # an I-94 is no permit
    ("j1", ("visa", "i94"), [("error", "DS-2019")]),
    ("f1", ("visa", "i94"), [("error", "I-20"), ("warning", "EAD for OPT")]),
    ("f1", ("visa", "i20", "ead"), []),
    ("j1", ("visa", "ds2019"), []),
    ("tn", ("visa", "i94"), []),
    ("other", ("visa", "i94"), [("error", "work authorization")]),  # (EAD or I-797)
    ("b1b2", ("visa",), []),
])
def test_documents_per_status(status: str, kinds: tuple[str, ...],
                              missing: list[tuple[str, str]]) -> None:
    rec = _person(immigration_status=status, documents=(_doc("passport"),
                                                         *(_doc(k) for k in kinds)))
    found = _rule(rec, "document-missing")
    assert [(f.severity.value, f.field.split(" (")[0]) for f in found] == missing
    assert all(f.source == GUIDELINES and f.target.field == "person.documents" for f in found)


def test_a_visitor_is_warned_that_no_work_authorization_exists() -> None:
    rec = _person(immigration_status="b1b2", documents=(_doc("passport"), _doc("visa")))
    (found,) = _rule(rec, "no-work-authorization")
    assert found.severity is Severity.WARNING and found.source == GUIDELINES
    assert "no U.S. work authorization" in found.message


def test_a_canadian_needs_no_visa() -> None:
    rec = complete()
    assert rec.person is not None
    canadian = replace(rec.person.citizenships[0], country="CA", country_name="Canada")
    rec = _person(immigration_status="tn", citizenships=(canadian,),
                  documents=(_doc("passport"), _doc("i94")))
    assert _rule(rec, "document-missing") == []


# -- résumé ---------------------------------------------------------------------------------


def test_each_school_needs_address_and_degree_and_each_job_employer_address_duties() -> None:
    rec = _person(resume=(
        ResumeInfo("education", "Beijing No. 4 High School", 2004, 9, 2008, 6),
        ResumeInfo("education", "Tsinghua University", 2008, 9, 2012, 6, "Beijing, China"),
        ResumeInfo("employment", "Northwind Frontier AI, Inc.", 2012, 7, None, None, "",
                   "Research Scientist", "Evaluates model safety."),
    ))
    found = _rule(rec, "resume-detail")
    assert sorted(f.message for f in found) == [
        "the job Northwind Frontier AI, Inc. (from 07/2012) has no address",
        "the post-secondary school Tsinghua University (from 09/2008) has no degree",
    ]
    assert all(f.severity is Severity.ERROR and f.source == f"{GUIDELINES}: résumé"
               and f.target.field == "person.resume" for f in found)


# -- technology control plan ----------------------------------------------------------------


def test_a_thin_plan_is_warned_for_each_element_it_leaves_out() -> None:
    found = _rule(replace(complete(), tcp_text="Access is limited by badge."), "tcp-element")
    elements = [f.message.split(":")[0] for f in found]
    assert elements == ["commitment to compliance", "the technologies and ECCNs",
                        "each participant and nationality", "information technology security",
                        "screening and training", "screening and training",
                        "during and after the project"]
    assert all(f.severity is Severity.WARNING for f in found)
    assert found[0].source == f"{GUIDELINES}: technology control plan"
    assert _rule(complete(), "tcp-element") == []


# -- length limits --------------------------------------------------------------------------


def test_the_forms_own_limit_is_an_error_and_ours_a_warning() -> None:
    siel = replace(complete(), regulator="ECJU", form="SIEL")
    over = _rule(replace(siel, end_use="x" * 2201), "entry-over-form-limit")
    assert len(over) == 1 and over[0].severity is Severity.ERROR
    assert "lite-api" in over[0].source and "at most 2200" in over[0].message
    assert _rule(replace(siel, end_use="x" * 2200), "entry-over-form-limit") == []
    ours = _rule(replace(complete(), form_values=(("b11", "D" * 251),)), "entry-too-long")
    assert [f.severity for f in ours] == [Severity.WARNING]

