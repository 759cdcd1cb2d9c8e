"""What a form field says for one application: a spec's source key resolved against the data.

Pure Python, so the wizard and the completeness checker can ask the same question later.

Blocks the data model has no column for are recorded by the spec's field id
(``application.form_values`` / ``item.form_values`` sources, see :mod:`recorded`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from licenseapp.domain.enclosures import documents_on_file, documents_submitted
from licenseapp.domain.forms import RECORDED, RECORDED_PER_ITEM, SOURCES, FormField, form_spec
from licenseapp.domain.record import (
    ApplicationRecord,
    ItemInfo,
    PartyInfo,
    PersonInfo,
)
from licenseapp.domain.recorded import FormValues, value_of


@dataclass(frozen=True)
class FieldEntry:
    """The lines to key into a field; ``standard`` when they are the spec's default entry."""

    lines: tuple[str, ...]
    standard: bool = False

    @property
    def blank(self) -> bool:
        return not any(line.strip() for line in self.lines)


def money(value: Decimal | None) -> str:
    return "" if value is None else f"USD {value:,.2f}"


def _lines(*values: str) -> tuple[str, ...]:
    return tuple(v for v in values if v and v.strip())


def _text(value: str) -> tuple[str, ...]:
    return (value,) if value.strip() else ()


def _recorded(values: FormValues, field_id: str) -> tuple[str, ...]:
    return tuple(line for line in value_of(values, field_id).splitlines() if line.strip())


def _organization(data: ApplicationRecord) -> tuple[str, ...]:
    org = data.organization
    phone = f"Telephone: {org.phone}" if org.phone else ""
    wanted = form_spec(data.form).term("applicant_ids").split(", ")
    ids = ", ".join(
        f"{label} {value}"
        for label, value in (("EIN", org.ein), ("SNAP-R CIN", org.snapr_cin))
        if value and label in wanted
    )
    return _lines(org.legal_name, *org.address.lines(), phone, ids)


def _party(party: PartyInfo) -> tuple[str, ...]:
    phone = f"Telephone: {party.phone}" if party.phone else ""
    return _lines(party.name, *party.address.lines(), phone)


def _citizenship_text(person: PersonInfo) -> str:
    current = [c for c in person.citizenships if c.ended_on is None]
    return "; ".join(f"{c.country_name} ({c.country})" for c in current)


def _person(data: ApplicationRecord) -> tuple[str, ...]:
    person = data.person
    if person is None:
        return ()
    name = f"{person.family_name.upper()}, {person.given_name}".strip(", ")
    native = f"Native-script name: {person.native_name}" if person.native_name else ""
    work_site = form_spec(data.form).term("work_site")
    site = f"{work_site}: {person.work_site}" if person.work_site else ""
    employer = f"Employer: {person.employer}" if person.employer else ""
    cits = _citizenship_text(person)
    return _lines(name, native, site, employer, f"Citizenship: {cits}" if cits else "")


def _destination(data: ApplicationRecord) -> tuple[str, ...]:
    """The most recent current citizenship (ties: the last recorded), with every other one."""
    person = data.person
    if person is None:
        return ()
    current = [c for c in person.citizenships if c.ended_on is None]
    if not current:
        return ()
    ordered = sorted(
        enumerate(current), key=lambda ic: (ic[1].acquired_on is not None, ic[1].acquired_on, ic[0])
    )
    latest = ordered[-1][1]
    others = [c for c in current if c is not latest]
    extra = (
        "Other citizenships: " + "; ".join(f"{c.country_name} ({c.country})" for c in others)
        if others else ""
    )
    return _lines(f"{latest.country_name} ({latest.country})", extra, *_past_and_residency(person))


def _past_and_residency(person: PersonInfo) -> tuple[str, ...]:
    """Former citizenships (under the ITAR every country of present or past citizenship
    counts, 22 CFR 120.50(b) as renumbered); the country of birth is not the test and is not
    printed here."""
    former = [c for c in person.citizenships if c.ended_on is not None]
    return _lines("Former citizenships: " + "; ".join(f"{c.country_name} ({c.country})"
                                                       for c in former)) if former else ()


def _total_value(data: ApplicationRecord) -> tuple[str, ...]:
    prices = [i.total_price for i in data.items if i.total_price is not None]
    return (money(sum(prices, Decimal(0))),) if prices else ()


#: Our own application references (LA-2026-0042): internal to LicenseApp, never printed
#: for the regulator, who knows only its own numbers.
_OUR_REFERENCE = re.compile(r"\bLA-[0-9]{4}-[0-9]{4,6}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _sentences(text: str) -> list[list[str]]:
    """Each line's sentences, without those that cite our own references."""
    return [[x for x in _SENTENCE_END.split(line.strip()) if x and not _OUR_REFERENCE.search(x)]
            for line in text.splitlines()]


def _additional(data: ApplicationRecord) -> tuple[str, ...]:
    """Additional information (BIS-748P block 24): the recorded justification first, since
    the form has no block of its own for why the license is sought (Supp. 1 to Part 748,
    block 24: information that helps the evaluation); then the recorded text; then the
    resubmitted application's number and prior license numbers unless the text gives them
    already. Each sentence once; no sentence that cites our own reference."""
    seen: set[str] = set()
    lines: list[str] = []
    for text in (data.justification, data.additional_info):
        for line in _sentences(text):
            fresh = [x for x in line if " ".join(x.lower().split()) not in seen]
            seen.update(" ".join(x.lower().split()) for x in fresh)
            if fresh:
                lines.append(" ".join(fresh))
    said = " ".join(lines)
    acn = data.resubmission_of_regulator_ref
    if acn and acn not in said:
        lines.append(f"Resubmission of {data.regulator_ref_name} {acn}.")
    prior = [n for n in data.prior_license_numbers if n not in said]
    if prior:
        lines.append("Prior license numbers: " + ", ".join(prior) + ".")
    return _lines(*lines)


_APPLICATION: dict[str, Callable[[ApplicationRecord], tuple[str, ...]]] = {
    "application.ref": lambda d: _text(d.ref),
    "application.date": lambda d: (d.application_date.isoformat(),),
    "application.type": lambda d: _text(d.application_type.replace("_", " ").capitalize()),
    "application.documents_submitted": lambda d: _text(documents_submitted(d)),
    "application.special_purpose": lambda d: _text(d.special_purpose),
    "application.resubmission_acn": lambda d: _text(d.resubmission_of_regulator_ref),
    "application.prior_licenses": lambda d: tuple(d.prior_license_numbers),
    "application.transaction_no": lambda d: _text(d.transaction_no),
    "application.regulator_ref": lambda d: _text(d.regulator_ref),
    "application.destination_country": _destination,
    "application.end_use": lambda d: _text(d.end_use),
    "application.justification": lambda d: _text(d.justification),
    "application.additional_info": _additional,
    "application.total_value": _total_value,
    "organization": _organization,
    "organization.legal_name": lambda d: _text(d.organization.legal_name),
    "organization.contact_name": lambda d: _text(d.organization.contact_name),
    "organization.contact_phone": lambda d: _text(
        d.organization.contact_phone or d.organization.phone
    ),
    "organization.contact_email": lambda d: _text(d.organization.contact_email),
    "organization.phone": lambda d: _text(d.organization.phone),
    "organization.fax": lambda d: _text(d.organization.fax),
    "organization.ein": lambda d: _text(d.organization.ein),
    "organization.snapr_cin": lambda d: _text(d.organization.snapr_cin),
    "organization.ddtc_code": lambda d: _text(d.organization.ddtc_code),
    "organization.signatory": lambda d: _lines(
        d.organization.signatory_name, d.organization.signatory_title
    ),
    "person": _person,
}

_ITEM: dict[str, Callable[[ItemInfo], str]] = {
    "item.name": lambda i: i.name,
    "item.classification": lambda i: i.classification,
    "item.eccn": lambda i: i.eccn or i.classification,
    "item.model_number": lambda i: i.model_number,
    "item.ccats": lambda i: i.ccats,
    "item.quantity": lambda i: i.quantity,
    "item.units": lambda i: i.units,
    "item.unit_price": lambda i: money(i.unit_price),
    "item.total_price": lambda i: money(i.total_price),
    "item.manufacturer": lambda i: i.manufacturer,
    "item.technical_description": lambda i: i.technical_description,
}

assert set(_APPLICATION) | set(_ITEM) | {RECORDED, RECORDED_PER_ITEM} | {
    k for k in SOURCES if k.startswith("party.")
} == set(SOURCES), "every source key needs a resolver"


#: BIS-748P block 7, Documents on File with Applicant: names the TCP kept on file.
DOCUMENTS_ON_FILE = ("BIS-748P", "b7")


def _with_default(spec: FormField, lines: tuple[str, ...]) -> FieldEntry:
    entry = FieldEntry(lines)
    if entry.blank and spec.default:
        return FieldEntry((spec.default,), standard=True)
    return entry


def field_entry(spec: FormField, data: ApplicationRecord) -> FieldEntry:
    """The entry for an application-level field (not a per-item one)."""
    source = spec.source
    if source is None:
        return _with_default(spec, ())
    if source.startswith("party."):
        parties = data.parties_in_role(source.removeprefix("party."))
        lines: list[str] = []
        for party in parties:
            lines.extend(_party(party))
        return _with_default(spec, tuple(lines))
    if source.startswith("item."):
        raise ValueError(f"{spec.id}: per-item field asked without an item")
    if source == RECORDED:
        recorded = _recorded(data.form_values, spec.id)
        if (data.form, spec.id) == DOCUMENTS_ON_FILE:
            recorded = documents_on_file(data, recorded)
        return _with_default(spec, recorded)
    return _with_default(spec, _APPLICATION[source](data))


def item_entry(spec: FormField, item: ItemInfo) -> FieldEntry:
    """The entry for a per-item field (block 22 on a BIS-748P)."""
    if spec.source is None:
        return _with_default(spec, ())
    if spec.source == RECORDED_PER_ITEM:
        return _with_default(spec, _recorded(item.form_values, spec.id))
    return _with_default(spec, _text(_ITEM[spec.source](item)))
