"""Free text: vague phrases that draw delays or conditions, and the letter of explanation's
seven elements (for BIS, Supp. 2 to 15 CFR Part 748, paragraph (o)). Citations, block names
and the word for the transfer come from the case's form spec (its fields and terms)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.forms import form_spec
from licenseapp.domain.letter_text import unfilled
from licenseapp.domain.record import ApplicationRecord


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

#: (element, words that show it is addressed) — a heuristic; a warning, never an error.
LOE_ELEMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("(i) the identities of all parties", ()),  # checked against the record's names
    ("(ii) the exact project location", ("located", "location", "address", "site", "facility",
                                         "campus", "office")),
    ("(iii) the type of technology", ("technology", "source code", "eccn", "software",
                                      "model", "technical data")),
    ("(iv) the form of the release", ("release", "access", "visual", "oral", "written",
                                      "electronic", "inspection", "training")),
    ("(v) the uses of the technology", ("use", "used", "purpose", "develop", "research",
                                        "production")),
    ("(vi) the technical scope", ("scope", "limited to", "level", "parameters", "extent",
                                  "not include", "excluding")),
    ("(vii) the availability abroad of comparable technology", (
        "availab", "abroad", "foreign", "outside the united states", "comparable")),
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
                          f"the {where} still holds template text \u201c{instruction}\u201d",
                          "LicenseApp letter templates", "replace it with the applicant's own "
                          "words, or delete it", target)


def loe_elements(record: ApplicationRecord) -> Iterator[Finding]:
    text = record.loe_text.lower()
    if not text.strip():
        return  # its absence is a documents finding
    source = _source(record, "letter_elements_source")
    for element, words in LOE_ELEMENTS:
        if not words:
            names = [record.organization.legal_name]
            if record.person is not None:
                names.append(record.person.family_name)
            missing = [n for n in names if n and n.lower() not in text]
            if missing:
                yield Finding(Severity.WARNING, "documents", "letter of explanation",
                              "loe-element", f"it does not name {', '.join(missing)}: "
                              f"{element}", source,
                              f"name every party to the {_source(record, 'transfer')}", LOE)
            continue
        if not any(w in text for w in words):
            yield Finding(Severity.WARNING, "documents", "letter of explanation", "loe-element",
                          f"it does not seem to cover {element}", source,
                          f"add a paragraph on {element[element.index(' ') + 1:]}", LOE)
