"""Every finding names the field that fixes it (issue #18 point 2): a field id from the form
specs' source keys or the checker's own list, with the item line or block where there are
several — the wizard goes there, ``check --json`` prints it."""

from __future__ import annotations

from dataclasses import replace

from test_checker import TODAY, complete

from licenseapp.domain.checker import FIX_FIELDS, Finding, Target, check
from licenseapp.domain.forms import SOURCES, form_spec
from licenseapp.domain.record import ApplicationRecord, AttachmentInfo, ResumeInfo

KNOWN = SOURCES.keys() | FIX_FIELDS.keys()


def _broken() -> list[ApplicationRecord]:
    """Records that between them break every rule of the checker."""
    rec = complete()
    assert rec.person is not None
    gap = replace(rec.person, resume=(rec.person.resume[0], rec.person.resume[3]),
                  documents=(replace(rec.person.documents[0], expires_on=None),),
                  native_name="\U0001d400\u2fff")
    item = replace(rec.items[0], eccn="4E91", classification="4E91", ccats="X1",
                   technical_description="weights etc.", name="Mythos \u2fff",
                   form_values=(("b22b", "lots"),))
    return [
        replace(rec, person=gap, items=(item,), regulator_ref="123", end_use="",
                justification="and/or", loe_text="[Describe whether it is abroad]",
                tcp_text="", form_values=(("b11", "x" * 300),),
                additional_info="\u2fff", attachments=(
                    AttachmentInfo("other", "a.pdf", "application/pdf", "0" * 64, b"%PDF",
                                   unsafe=("active content",)),)),
        replace(rec, person=None, loe_text="", special_purpose="Hardware"),
        replace(rec, person=replace(rec.person, resume=(), documents=(),
                                    date_of_birth=TODAY)),
        replace(rec, person=replace(rec.person, resume=(
            ResumeInfo("education", "Nowhere", 2030, 1, None, None),))),
    ]


def _findings() -> list[Finding]:
    return [f for rec in _broken() for f in check(rec, form_spec(rec.form), TODAY)]


def test_every_finding_names_a_known_field() -> None:
    found = _findings()
    assert len({f.rule for f in found}) >= 15  # the records reach most rules
    unnamed = [f"{f.rule}: {f.field}" for f in found if f.target.field not in KNOWN]
    assert unnamed == []


def test_findings_name_the_item_line_and_the_block() -> None:
    targets = {(f.rule, f.target) for f in _findings()}
    assert ("eccn-format", Target("item.eccn", 1)) in targets
    assert ("ccats-format", Target("item.ccats", 1)) in targets
    assert ("vague-phrase", Target("item.technical_description", 1)) in targets
    assert ("entry-too-long", Target("application.form_values", block="b11")) in targets
    assert ("resume-gap", Target("person.resume")) in targets
    assert ("required-field", Target("application.end_use")) in targets
    assert ("tcp-missing", Target("application.tcp_text")) in targets
    assert ("no-person", Target("application.person")) in targets
    assert ("attachment-unsafe", Target("application.attachments")) in targets
    assert ("unprintable-character", Target("item.name", 1)) in targets


def test_the_json_of_a_finding_names_its_field() -> None:
    gap = next(f for f in _findings() if f.rule == "resume-gap")
    assert gap.to_json()["target"] == "person.resume"
