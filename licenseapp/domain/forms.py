"""Form specifications as data: each regulator form's fields, in the form's own order.

The specs live in ``resources/forms/<FORM>.json`` (BIS-748P, DSP-5, SIEL). One mechanism for
every form: the filing summary of a packet, the wizard and the completeness checker all read
the same spec. Each field says where its value comes from (a *source key* such as
``organization.contact_name``, see :data:`SOURCES`), whether a technology / deemed-export
application must fill it, the standard entry when the record has none, and how firmly the
field's name is confirmed against the regulation (names not checked against the primary text
stay flagged as data, never silently trusted).

A block the data model has no column for (BIS-748P blocks 7, 11, 12, 13 and 22(b), for
instance) names the source ``application.form_values`` (or ``item.form_values`` inside a
repeat group): its value is recorded under the field's id with the application (or the item
line), typed in the wizard and printed like any other block. Such a field may list the only
entries allowed (``"choices"``) or say that its entry is a number in a ``"unit"``.

A broken spec is refused with the file, the line and the field named.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from json.decoder import JSONObject  # type: ignore[attr-defined]
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import Any

from licenseapp import paths
from licenseapp.domain.enums import FormType, Regulator
from licenseapp.errors import LicenseAppError

#: What a technology / deemed-export application must do with a field.
REQUIREMENTS: dict[str, str] = {
    "required": "Required",
    "if_applicable": "If applicable",
    "optional": "Optional",
    "leave_blank": "Leave blank",
    "obsolete": "Obsolete; leave blank",
}

#: How firmly a field's name is confirmed (BIS-748P values from form_bis748p_blocks.csv).
NAME_STATUSES: dict[str, bool] = {  # status -> counts as confirmed
    "confirmed_text": True,
    "confirmed_reference": True,
    "confirmed_partial": True,
    "order_corroborated": True,
    "partial": False,
    "not_verified_here": False,
    "unconfirmed": False,
}

#: Every source key a field may name, with what it means. ``item.*`` keys only inside a
#: field that repeats per item (``"repeat": "items"``).
SOURCES: dict[str, str] = {
    "application.ref": "our own application reference",
    "application.date": "date of application (submission date, else the record's last change)",
    "application.type": "type of application (export, reexport...)",
    "application.documents_submitted": "documents submitted with the application",
    "application.special_purpose": "special purpose (e.g. 'Technology')",
    "application.resubmission_acn": "regulator's reference of the application this resubmits",
    "application.prior_licenses": "license numbers of earlier applications this renews",
    "application.transaction_no": "the filer's own transaction number",
    "application.regulator_ref": "the regulator's reference for this application",
    "application.destination_country": "country of destination: the foreign national's "
    "most recent citizenship",
    "application.end_use": "specific end use: the job and the project",
    "application.justification": "justification",
    "application.additional_info": "additional information",
    "application.total_value": "total value of the items",
    "application.form_values": "a block the data model has no column for, recorded per "
    "application under the field's id",
    "organization": "the applicant: legal name, address, telephone",
    "organization.legal_name": "the applicant's legal name",
    "organization.contact_name": "the applicant's contact person",
    "organization.contact_phone": "the contact person's telephone",
    "organization.contact_email": "the contact person's e-mail",
    "organization.phone": "the applicant's telephone",
    "organization.fax": "the applicant's facsimile number",
    "organization.ein": "the applicant's employer identification number",
    "organization.snapr_cin": "the applicant's SNAP-R company identification number",
    "organization.ddtc_code": "the applicant's DDTC registration code",
    "organization.signatory": "the signatory / empowered official: name and title",
    "person": "the foreign national: names, U.S. work-site address, citizenships",
    "party.other_party": "other party authorized to receive the license",
    "party.purchaser": "purchaser",
    "party.intermediate_consignee": "intermediate consignee",
    "party.ultimate_consignee": "ultimate consignee (a party record)",
    "party.end_user": "end user",
    "party.original_ultimate_consignee": "original ultimate consignee",
    "item.name": "the item's name",
    "item.classification": "the item's classification (ECCN, USML category, control entry)",
    "item.eccn": "the ECCN entered for this line",
    "item.model_number": "model number",
    "item.ccats": "CCATS number",
    "item.quantity": "quantity",
    "item.units": "units",
    "item.unit_price": "unit price",
    "item.total_price": "total price",
    "item.manufacturer": "manufacturer",
    "item.technical_description": "technical description",
    "item.form_values": "a per-item field the data model has no column for, recorded per "
    "item line under the field's id",
}

#: The sources of fields recorded by their id (``{"b11": "..."}``) rather than by a column:
#: one mechanism for every block LicenseApp has no column for (see :mod:`form_values`).
RECORDED = "application.form_values"
RECORDED_PER_ITEM = "item.form_values"

REPEATS = ("items",)

_FIELD_KEYS = {
    "id", "number", "label", "source", "requirement", "default", "note", "maintainer_note",
    "name_status", "evidence", "repeat", "fields", "choices", "unit", "max_length",
    "max_length_evidence",
}
_TOP_KEYS = {
    "form", "regulator", "title", "portal", "page_size", "status", "sources", "regulator_name",
    "regulator_address", "fields", "terms",
}

#: The words a packet, a checker message or a screen uses that differ by regulator: every
#: form's spec gives each of them (``"terms"``), so code asks the case's spec for a word
#: rather than testing which regulator it is.
TERMS: dict[str, str] = {
    "applicant_ids": "the applicant's identifiers the regulator uses: 'EIN, SNAP-R CIN'",
    "license": "license or licence",
    "transfer": "what the regulator licenses: a release (EAR, ITAR) or a transfer (UK)",
    "recipient": "the person the technology goes to (foreign national, foreign person...)",
    "letter_subject": "what the application asks for, as the cover letter's subject says it",
    "work_site": "label of the person's work site",
    "immigration_status": "label of the person's immigration status",
    "status_short": "the immigration status in running text",
    "supervisor": "the person's supervisor in running text",
    "person_sheet": "heading of the person's data sheet",
    "documents_source": "where the list of documents the regulator expects comes from",
    "destination_note": "what decides the country a license is for",
    "letter_source": "what asks for the letter of explanation",
    "letter_elements_source": "what lists the elements a letter of explanation covers",
    "citizenship_source": "the rule that makes a person's citizenships decide the country",
    "recipient_location": "the id of the field that says where the recipient receives or "
    "accesses the technology (empty when the form has none)",
    "in_country": "the answer for a person at the applicant's own site when the regulator has "
    "no rule that licenses access at home (empty when its rule sets decide)",
    "employee_agreement": "the agreement the employee signs that the regulator asks for "
    "(empty when it asks for none)",
}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class FormSpecError(LicenseAppError):
    """A form spec file that cannot be used, with the file, line and field named."""


@dataclass(frozen=True)
class FormField:
    """One block or field of a form (a repeat group holds per-item sub-fields)."""

    id: str
    number: str
    label: str
    source: str | None
    requirement: str
    default: str = ""
    note: str = ""  # shown to users: the wizard's hint, the checker's fix
    #: For the people who keep the spec (how sure a note is, where it comes from); never shown.
    maintainer_note: str = ""
    name_status: str = "unconfirmed"
    evidence: str = ""
    repeat: str | None = None
    fields: tuple[FormField, ...] = ()
    line: int = 0
    choices: tuple[str, ...] = ()  # the only entries allowed (a recorded field only)
    unit: str = ""  # the entry is a number in this unit, e.g. "WT" (a recorded field only)
    #: The form's (or its portal's) own limit on the entry's length, and where it is stated.
    max_length: int | None = None
    max_length_evidence: str = ""

    @property
    def recorded(self) -> bool:
        """Recorded by its id in the application's (or item line's) form values."""
        return self.source in (RECORDED, RECORDED_PER_ITEM)

    @property
    def required(self) -> bool:
        return self.requirement == "required"

    @property
    def titled(self) -> str:
        """"Replacement License Number (block 11)": how screens name the block."""
        return f"{self.label} (block {self.number})"

    @property
    def name_confirmed(self) -> bool:
        return NAME_STATUSES[self.name_status]

    @property
    def requirement_label(self) -> str:
        return REQUIREMENTS[self.requirement]


@dataclass(frozen=True)
class FormSpec:
    code: str
    regulator: str
    title: str
    portal: str
    page_size: str  # "letter" or "a4"
    status: str  # how far the whole spec is confirmed
    regulator_name: str
    regulator_address: tuple[str, ...]
    fields: tuple[FormField, ...]
    sources: tuple[str, ...] = ()
    file: str = ""
    terms: tuple[tuple[str, str], ...] = ()

    def term(self, key: str) -> str:
        """The regulator's own word for ``key`` (see :data:`TERMS`)."""
        for name, text in self.terms:
            if name == key:
                return text
        raise KeyError(f"{self.file or self.code}: no term {key!r}")

    def walk(self) -> Iterator[FormField]:
        """Every field in the form's order, repeat groups followed by their sub-fields."""
        for f in self.fields:
            yield f
            yield from f.fields

    def recorded_fields(self) -> tuple[FormField, ...]:
        """The application-level fields recorded by id, in the form's order."""
        return tuple(f for f in self.fields if f.source == RECORDED)

    def recorded_item_fields(self) -> tuple[FormField, ...]:
        """The per-item fields recorded by id, in the form's order."""
        return tuple(f for f in self.walk() if f.source == RECORDED_PER_ITEM)

    def field(self, field_id: str) -> FormField:
        for f in self.walk():
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def labelled(self, values: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """Recorded values as ("Replacement License Number (block 11)", text), in the form's
        order (not the ids' text order: block 7 before block 11); an id the form does not
        have keeps its id as label, last."""
        texts = dict(values)
        shown = [(f.titled, texts.pop(f.id)) for f in self.walk()
                 if f.id in texts]
        return shown + sorted(texts.items())


class _Located(dict[str, Any]):
    """A JSON object that remembers the line it starts on."""

    line = 0


def _load_located(text: str) -> Any:
    """``json.loads`` whose objects know their line numbers (for error messages)."""
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        s, end = s_and_end
        obj, new_end = JSONObject(s_and_end, *args)
        located = _Located(obj)
        located.line = s.count("\n", 0, end) + 1
        return located, new_end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def _text(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key!r} must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise ValueError(f"{where}: {key!r} is missing or empty")
    return value


def _choices(raw: dict[str, Any], at: str, source: str | None, default: str) -> tuple[str, ...]:
    if "choices" not in raw:
        return ()
    choices = raw["choices"]
    if source not in (RECORDED, RECORDED_PER_ITEM):
        raise ValueError(f"{at}: only a field recorded by id ({RECORDED} or "
                         f"{RECORDED_PER_ITEM}) takes 'choices'")
    if not isinstance(choices, list) or not choices or not all(
            isinstance(c, str) and c.strip() for c in choices):
        raise ValueError(f"{at}: 'choices' must be a non-empty list of entries")
    if len(set(choices)) != len(choices):
        raise ValueError(f"{at}: an entry is listed twice in 'choices'")
    if default and default not in choices:
        raise ValueError(f"{at}: the default {default!r} is not one of the choices")
    return tuple(choices)


def _parse_field(raw: Any, where: str, seen: set[str], repeat: str | None) -> FormField:
    if not isinstance(raw, _Located):
        raise ValueError(f"{where}: each field must be an object")
    field_id = raw.get("id", "?")
    at = f"line {raw.line}, field {field_id!r}"
    unknown = set(raw) - _FIELD_KEYS
    if unknown:
        raise ValueError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
    if not isinstance(field_id, str) or not _ID.match(field_id):
        raise ValueError(f"{at}: 'id' must be lower-case letters, digits and underscores")
    if field_id in seen:
        raise ValueError(f"{at}: the id is used twice")
    seen.add(field_id)
    source = raw.get("source")
    if source is not None:
        if source not in SOURCES:
            raise ValueError(f"{at}: unknown source {source!r} (see SOURCES in domain/forms.py)")
        if source.startswith("item.") and repeat is None:
            raise ValueError(f"{at}: source {source!r} is only allowed inside a repeat group")
        if repeat is not None and not source.startswith("item."):
            raise ValueError(f"{at}: a field inside a repeat group needs an 'item.' source")
    requirement = _text(raw, "requirement", at)
    if requirement not in REQUIREMENTS:
        raise ValueError(f"{at}: requirement {requirement!r} is not one of "
                         f"{', '.join(REQUIREMENTS)}")
    name_status = _text(raw, "name_status", at, required=False) or "unconfirmed"
    if name_status not in NAME_STATUSES:
        raise ValueError(f"{at}: name_status {name_status!r} is not one of "
                         f"{', '.join(NAME_STATUSES)}")
    group = raw.get("repeat")
    children: tuple[FormField, ...] = ()
    if group is not None:
        if repeat is not None:
            raise ValueError(f"{at}: repeat groups cannot be nested")
        if group not in REPEATS:
            raise ValueError(f"{at}: repeat {group!r} is not one of {', '.join(REPEATS)}")
        subs = raw.get("fields")
        if not isinstance(subs, list) or not subs:
            raise ValueError(f"{at}: a repeat group needs a non-empty 'fields' list")
        if source is not None:
            raise ValueError(f"{at}: a repeat group takes no source of its own")
        children = tuple(_parse_field(s, at, seen, group) for s in subs)
    elif "fields" in raw:
        raise ValueError(f"{at}: only a repeat group has 'fields'")
    default = _text(raw, "default", at, required=False)
    choices = _choices(raw, at, source, default)
    unit = _text(raw, "unit", at, required=False).strip()
    if unit and source not in (RECORDED, RECORDED_PER_ITEM):
        raise ValueError(f"{at}: only a field recorded by id ({RECORDED} or "
                         f"{RECORDED_PER_ITEM}) takes a 'unit'")
    if unit and choices:
        raise ValueError(f"{at}: a field takes 'choices' or a 'unit', not both")
    max_length = raw.get("max_length")
    if max_length is not None and (not isinstance(max_length, int) or max_length < 1):
        raise ValueError(f"{at}: 'max_length' must be a whole number of characters")
    max_length_evidence = _text(raw, "max_length_evidence", at, required=False)
    if max_length is not None and not max_length_evidence:
        raise ValueError(f"{at}: a 'max_length' needs its 'max_length_evidence'")
    return FormField(
        id=field_id,
        number=_text(raw, "number", at),
        label=_text(raw, "label", at),
        source=source,
        requirement=requirement,
        default=default,
        note=_text(raw, "note", at, required=False),
        maintainer_note=_text(raw, "maintainer_note", at, required=False),
        name_status=name_status,
        evidence=_text(raw, "evidence", at, required=False),
        repeat=group,
        fields=children,
        line=raw.line,
        choices=choices,
        unit=unit,
        max_length=max_length,
        max_length_evidence=max_length_evidence,
    )


def parse_form(text: str, source: str) -> FormSpec:
    """A form spec from the text of its JSON file; ``source`` names the file in errors."""
    try:
        data = _load_located(text)
    except json.JSONDecodeError as exc:
        raise FormSpecError(f"{source}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    try:
        if not isinstance(data, _Located):
            raise ValueError("line 1: the file must hold one JSON object")
        unknown = set(data) - _TOP_KEYS
        if unknown:
            raise ValueError(f"line {data.line}: unknown key(s) {', '.join(sorted(unknown))}")
        top = f"line {data.line}"
        code = FormType(_text(data, "form", top)).value
        regulator = Regulator(_text(data, "regulator", top)).value
        raw_fields = data.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            raise ValueError(f"{top}: 'fields' must be a non-empty list")
        seen: set[str] = set()
        fields = tuple(_parse_field(f, top, seen, None) for f in raw_fields)
        page_size = _text(data, "page_size", top, required=False) or "letter"
        if page_size not in ("letter", "a4"):
            raise ValueError(f"{top}: page_size must be 'letter' or 'a4'")
        address = data.get("regulator_address", [])
        if not isinstance(address, list) or not all(isinstance(a, str) for a in address):
            raise ValueError(f"{top}: 'regulator_address' must be a list of lines")
        sources = data.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise ValueError(f"{top}: 'sources' must be a list of citations")
        terms = data.get("terms", {})
        if not isinstance(terms, dict) or not all(isinstance(t, str) for t in terms.values()):
            raise ValueError(f"{top}: 'terms' must map each term to its text")
        missing = sorted(set(TERMS) - set(terms))
        if missing:
            raise ValueError(f"{top}: 'terms' lacks {', '.join(missing)}")
        unknown_terms = sorted(set(terms) - set(TERMS))
        if unknown_terms:
            raise ValueError(f"{top}: unknown term(s) {', '.join(unknown_terms)}")
        return FormSpec(
            code=code,
            regulator=regulator,
            title=_text(data, "title", top),
            portal=_text(data, "portal", top, required=False),
            page_size=page_size,
            status=_text(data, "status", top, required=False) or "unconfirmed",
            regulator_name=_text(data, "regulator_name", top),
            regulator_address=tuple(address),
            fields=fields,
            sources=tuple(sources),
            file=source,
            terms=tuple(sorted(terms.items())),
        )
    except ValueError as exc:
        raise FormSpecError(f"{source}, {exc}") from None


@cache
def form_spec(code: FormType | str) -> FormSpec:
    """The shipped spec of a form (``BIS-748P``, ``DSP-5``, ``SIEL``)."""
    try:
        form = FormType(code).value
    except ValueError:
        names = ", ".join(f.value for f in FormType)
        raise FormSpecError(f"no form {code!r}; the forms are {names}") from None
    node = paths.resource("forms", f"{form}.json")
    return parse_form(node.read_text(encoding="utf-8"), f"forms/{form}.json")


def spec_of(code: str) -> FormSpec | None:
    """The shipped spec of a form, or None for a form without one (nothing to label by)."""
    try:
        return form_spec(code)
    except FormSpecError:
        return None


def recipient_label(code: str | None) -> str:
    """The form's word for the person the technology goes to, as a label: "Foreign national"
    (BIS-748P), "Foreign person" (DSP-5), "Recipient" (SIEL); "Person" without a spec."""
    spec = spec_of(code) if code else None
    return spec.term("recipient").capitalize() if spec else "Person"
