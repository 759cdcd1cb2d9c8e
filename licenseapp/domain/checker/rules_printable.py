"""Characters no shipped font can print: an error naming the field, before the packet prints
a code point where a name should be."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from licenseapp.domain.checker.findings import FIX_FIELDS, Finding, Severity, Target
from licenseapp.domain.font_coverage import describe, unprintable
from licenseapp.domain.forms import RECORDED, RECORDED_PER_ITEM, SOURCES
from licenseapp.domain.record import ApplicationRecord

SOURCE = "LicenseApp: the packet prints every field in the fonts it ships (resources/fonts)"
FIX = ("type the text in a script the packet can print (e.g. its Latin transliteration) or "
       "remove the character")

#: Where a part of the record is edited: the wizard step of each top-level field.
_SECTIONS = {"organization": "applicant", "person": "foreign_national", "items": "items",
             "parties": "application", "attachments": "documents", "end_use": "end_use",
             "justification": "end_use", "additional_info": "end_use",
             "form_values": "end_use", "loe_text": "documents", "tcp_text": "tcp"}
_OWNERS = {"organization": "applicant", "person": "foreign national", "items": "item",
           "parties": "party", "attachments": "attachment", "citizenships": "citizenship",
           "documents": "document", "resume": "résumé entry", "address": "address"}
#: Fields the packet never prints (identifiers and contents of files).
_SKIPPED = frozenset({"content", "sha256", "media_type", "unsafe", "number"})


def _texts(value: object, where: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every text in a record, with the path of names that leads to it."""
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in _SKIPPED:
                yield from _texts(getattr(value, f.name), (*where, f.name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value, start=1):
            if isinstance(item, tuple) and len(item) == 2 and all(isinstance(p, str) for p in item):
                yield (*where, f"block {item[0]}"), item[1]  # a block recorded by field id
            else:
                yield from _texts(item, (*where, str(i)))


def _field_name(path: tuple[str, ...]) -> str:
    """``("person", "resume", "2", "organization")`` -> "organization (foreign national,
    résumé entry 2)"; ``("end_use",)`` -> "end use"."""
    *owners, field = [p for p in path if p != "form_values"]
    chain: list[str] = []
    for i, part in enumerate(owners):
        if part.isdigit():
            continue
        name = _OWNERS.get(part, part.replace("_", " "))
        numbered = i + 1 < len(owners) and owners[i + 1].isdigit()
        chain.append(f"{name} {owners[i + 1]}" if numbered else name)
    name = field.replace("_", " ")
    return f"{name} ({', '.join(chain)})" if chain else name


def _target(path: tuple[str, ...]) -> Target:
    """The field id of the text at ``path``: ``("items", "2", "eccn")`` -> item.eccn of item
    line 2; ``("person", "resume", "1", "organization")`` -> person.resume."""
    top = path[0]
    block = path[-1].removeprefix("block ") if path[-1].startswith("block ") else ""
    if top == "items":
        item = int(path[1]) if len(path) > 1 and path[1].isdigit() else None
        if block:
            return Target(RECORDED_PER_ITEM, item, block)
        name = f"item.{path[-1]}"
        return Target(name if name in SOURCES else "item.name", item)
    if top == "form_values":
        return Target(RECORDED, block=block)
    if top in ("person", "organization"):
        name = f"{top}.{path[1]}" if len(path) > 1 else top
        return Target(name if name in FIX_FIELDS or name in SOURCES else top)
    name = f"application.{top}"
    return Target(name if name in FIX_FIELDS or name in SOURCES else "application.parties")


def unprintable_characters(record: ApplicationRecord) -> Iterator[Finding]:
    for path, text in _texts(record, ()):
        missing = unprintable(text)
        if not missing:
            continue
        where = _field_name(path)
        shown = ", ".join(f"\u201c{ch}\u201d ({describe(ch)})" for ch in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        yield Finding(Severity.ERROR, _SECTIONS.get(path[0], "application"), where,
                      "unprintable-character",
                      f"{where}: characters no font of the packet can print: "
                      f"{shown}{more}", SOURCE, FIX, _target(path))
