"""Free text: vague phrases that draw delays or conditions, and placeholders left unfilled —
wherever the application has free text (its blocks, the letter, the TCP, the item
descriptions, the person's duties and résumé). Citations and block names come from the
case's form spec (its fields)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.forms import RECORDED, RECORDED_PER_ITEM, form_spec
from licenseapp.domain.letter_text import unfilled
from licenseapp.domain.record import ApplicationRecord
from licenseapp.domain.recorded import value_of

PLACEHOLDERS = ("LicenseApp templates: a placeholder or instruction left unfilled would be "
                "filed as the applicant's words")
RESUME = Target("person.resume")


def _source(record: ApplicationRecord, key: str) -> str:
    return form_spec(record.form).term(key)


def _block(record: ApplicationRecord, source: str, name: str) -> str:
    """"block 21 specific end use": the form's own number for the field fed by ``source``."""
    for f in form_spec(record.form).fields:
        if f.source == source:
            return f"block {f.number} {name}"
    return name

VAGUE_PHRASES: tuple[tuple[str, str], ...] = (
    (r"including,? but not limited to", "including but not limited to"),
    (r"\betc\b\.?", "etc."),
    (r"\band/or\b", "and/or"),
    (r"\band so on\b", "and so on"),
    (r"\bvarious\b", "various"),
    (r"\bsuch as\b", "such as"),
)

LOE = Target("application.loe_text")


def _texts(record: ApplicationRecord) -> list[tuple[str, str, str, Target]]:
    texts = [
        ("end_use", _block(record, "application.end_use", "specific end use"), record.end_use,
         Target("application.end_use")),
        ("end_use", "justification", record.justification,
         Target("application.justification")),
        ("end_use", _block(record, "application.additional_info", "additional information"),
         record.additional_info,
         Target("application.additional_info")),
        ("documents", "letter of explanation", record.loe_text, LOE),
        ("tcp", "technology control plan", record.tcp_text, Target("application.tcp_text")),
    ]
    texts += [("items", f"item {i.position} technical description", i.technical_description,
               Target("item.technical_description", i.position)) for i in record.items]
    spec = form_spec(record.form)
    texts += [("end_use", f"block {f.number} {f.label}", value_of(record.form_values, f.id),
               Target(RECORDED, block=f.id)) for f in spec.recorded_fields()]
    texts += [("items", f"block {f.number} {f.label} (item {i.position})",
               value_of(i.form_values, f.id), Target(RECORDED_PER_ITEM, i.position, f.id))
              for f in spec.recorded_item_fields() for i in record.items]
    if record.person is not None:
        texts.append(("foreign_national", "duties", record.person.duties, Target("person")))
        for n, entry in enumerate(record.person.resume, start=1):
            for part in ("organization", "location", "title", "description"):
                texts.append(("foreign_national", f"résumé entry {n} {part}",
                              getattr(entry, part), RESUME))
    return texts


def vague_phrases(record: ApplicationRecord) -> Iterator[Finding]:
    for section, where, text, target in _texts(record):
        lowered = text.lower()
        for pattern, phrase in VAGUE_PHRASES:
            if re.search(pattern, lowered):
                yield Finding(Severity.WARNING, section, where, "vague-phrase",
                              f"the {where} says \u201c{phrase}\u201d",
                              f"{_source(record, 'documents_source')}: avoid vague terms",
                              "name exactly what is meant instead", target)


def template_text(record: ApplicationRecord) -> Iterator[Finding]:
    """Instructions of a template left unfilled ("[Describe whether …]") would be filed as
    the applicant's words: an error wherever they are."""
    for section, where, text, target in _texts(record):
        for instruction in unfilled(text):
            yield Finding(Severity.ERROR, section, where, "template-text",
                          f"the {where} still has \u201c{instruction}\u201d left to fill in",
                          PLACEHOLDERS, "replace it with the applicant's own words, or delete "
                          "it", target)
