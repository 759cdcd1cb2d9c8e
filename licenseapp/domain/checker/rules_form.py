"""Rules from the form spec: required fields, blocks to leave blank, identifier formats."""

from __future__ import annotations

import re
from collections.abc import Iterator

from licenseapp.domain import validators
from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.form_values import field_entry, item_entry
from licenseapp.domain.forms import RECORDED, RECORDED_PER_ITEM, FormField, FormSpec
from licenseapp.domain.record import ApplicationRecord
from licenseapp.domain.recorded import value_of
from licenseapp.errors import ValidationError

TECHNOLOGY_KINDS = frozenset({"technology", "source_code", "ai_model_access", "technical_data"})
#: The longest entry LicenseApp keeps for a block recorded by id (its own limit: these are
#: short entries keyed into one portal field; explanations belong in the additional
#: information block or the letter of explanation).
RECORDED_MAX_LENGTH = 250
LICENSEAPP_LIMIT = "LicenseApp's own length guide for blocks recorded by id"
_NUMBER = r"\d+(?:[.,]\d+)?"


def section_of(field: FormField) -> str:
    source = field.source or ""
    if source.startswith("organization"):
        return "applicant"
    if source.startswith("person"):
        return "foreign_national"
    if source.startswith("item"):
        return "items"
    if source in ("application.end_use", "application.justification",
                  "application.additional_info", RECORDED):
        return "end_use"  # the wizard's end-use page also holds the blocks recorded by id
    return "application"


def _name(field: FormField) -> str:
    return f"block {field.number} {field.label}" if field.number else field.label


def _target(field: FormField, item: int | None = None) -> Target:
    """The field a finding on ``field`` (of item line ``item``) is fixed in."""
    return Target(field.source or "", item, field.id if field.recorded else "")


def required_fields(record: ApplicationRecord, spec: FormSpec) -> Iterator[Finding]:
    source = f"{spec.code} form spec ({spec.file or spec.code}); " + (
        "Supp. 1 and 2 to 15 CFR Part 748" if spec.code == "BIS-748P" else spec.title)
    technology = any(i.kind in TECHNOLOGY_KINDS for i in record.items)
    for group in spec.fields:
        per_item = group.repeat is not None
        fields = group.fields if per_item else (group,)
        for field in fields:
            if field.source is None:
                continue
            entries = (
                [(f"{_name(field)} (item {i.position}: {i.name})", item_entry(field, i),
                  _target(field, i.position)) for i in record.items]
                if per_item else [(_name(field), field_entry(field, record), _target(field))]
            )
            for where, entry, target in entries:
                if field.required and entry.blank:
                    yield Finding(
                        Severity.ERROR, section_of(field), where, "required-field",
                        f"{where} is required and empty", source,
                        f"fill in {field.label.lower()}"
                        + (f". {field.note}" if field.note else ""), target,
                    )
                elif field.requirement == "leave_blank" and technology and not entry.blank \
                        and not entry.standard:
                    yield Finding(
                        Severity.WARNING, section_of(field), where, "leave-blank",
                        f"{where} should be left blank for a technology application",
                        "Supp. 2 to 15 CFR Part 748, paragraph (o)",
                        f"clear {field.label.lower()}", target,
                    )


def _spec_source(spec: FormSpec) -> str:
    return f"{spec.code} form spec ({spec.file or spec.code})"


def _elsewhere(spec: FormSpec) -> str:
    """Where a longer explanation goes on this form."""
    for field in spec.walk():
        if field.source == "application.additional_info":
            return _name(field)
    return "the letter of explanation"


def _recorded_finding(spec: FormSpec, field: FormField, where: str,
                      value: str, target: Target) -> Finding | None:
    section = section_of(field)
    if len(value) > RECORDED_MAX_LENGTH and field.max_length is None:
        return Finding(  # LicenseApp's own limit, not the form's: a warning
            Severity.WARNING, section, where, "entry-too-long",
            f"{where} is {len(value)} characters long; LicenseApp suggests at most "
            f"{RECORDED_MAX_LENGTH} for a block recorded by its id (the form sets no limit "
            "of its own)", LICENSEAPP_LIMIT,
            f"shorten it to {RECORDED_MAX_LENGTH} characters or fewer and give the "
            f"details in {_elsewhere(spec)}", target)
    if field.choices and value not in field.choices:
        allowed = " or ".join(field.choices)
        return Finding(
            Severity.ERROR, section, where, "entry-choice",
            f"{where} says \u201c{value}\u201d; the form takes {allowed}", _spec_source(spec),
            f"enter {allowed}" + (f" (empty means {field.default})" if field.default else ""),
            target)
    unit = field.unit
    if unit and not re.fullmatch(rf"{_NUMBER}\s*(?:{re.escape(unit)})?", value, re.IGNORECASE):
        return Finding(
            Severity.WARNING, section, where, "entry-number",
            f"{where} \u201c{value}\u201d is not a number in {unit}",
            field.evidence or _spec_source(spec),
            f"enter the number only, e.g. 0.75 {unit}, or leave it empty if it does not "
            "apply", target)
    return None


def recorded_blocks(record: ApplicationRecord, spec: FormSpec) -> Iterator[Finding]:
    """The blocks recorded by id (no column of their own): free text of a sensible length,
    one of the listed entries, or a number in the field's unit."""
    for field in spec.recorded_fields():
        value = value_of(record.form_values, field.id)
        if value:
            found = _recorded_finding(spec, field, _name(field), value,
                                      Target(RECORDED, block=field.id))
            if found is not None:
                yield found
    for field in spec.recorded_item_fields():
        for item in record.items:
            value = value_of(item.form_values, field.id)
            if value:
                where = f"{_name(field)} (item {item.position}: {item.name})"
                found = _recorded_finding(spec, field, where, value,
                                          Target(RECORDED_PER_ITEM, item.position, field.id))
                if found is not None:
                    yield found


def identifier_formats(record: ApplicationRecord) -> Iterator[Finding]:
    for item in record.items:
        where = f"item {item.position} ({item.name})"
        if item.regime == "EAR":
            try:
                validators.eccn(item.eccn or item.classification)
            except ValidationError as exc:
                yield Finding(Severity.ERROR, "items", f"{where} ECCN", "eccn-format",
                              exc.message, "Supp. 1 to 15 CFR Part 774",
                              "enter the ECCN from the item's classification",
                              Target("item.eccn", item.position))
        if item.ccats:
            try:
                validators.ccats(item.ccats)
            except ValidationError as exc:
                yield Finding(Severity.ERROR, "items", f"{where} CCATS", "ccats-format",
                              exc.message, "15 CFR 748.3",
                              "copy the CCATS number exactly as BIS issued it",
                              Target("item.ccats", item.position))
    if record.regulator == "BIS" and record.regulator_ref:
        try:
            validators.acn(record.regulator_ref)
        except ValidationError as exc:
            yield Finding(Severity.ERROR, "application", "Application Control Number",
                          "acn-format", exc.message, "15 CFR 748.6(b)",
                          "copy the ACN exactly as SNAP-R shows it",
                          Target("application.regulator_ref"))
    if record.resubmission_of_regulator_ref and record.regulator == "BIS":
        try:
            validators.acn(record.resubmission_of_regulator_ref)
        except ValidationError:
            yield Finding(Severity.ERROR, "application", "resubmitted application",
                          "acn-format",
                          "the resubmitted application's number is not an ACN",
                          "15 CFR 748.4(g)", "cite the returned application's ACN in block 24",
                          Target("application.resubmission_acn"))


def form_limits(record: ApplicationRecord, spec: FormSpec) -> Iterator[Finding]:
    """An entry longer than the form (or its portal) itself accepts: an error, citing where
    the limit is stated (the field's ``max_length_evidence``)."""
    for group in spec.fields:
        per_item = group.repeat is not None
        for field in group.fields if per_item else (group,):
            if field.max_length is None or field.source is None:
                continue
            entries = (
                [(f"{_name(field)} (item {i.position}: {i.name})",
                  "\n".join(item_entry(field, i).lines), _target(field, i.position))
                 for i in record.items]
                if per_item else
                [(_name(field), "\n".join(field_entry(field, record).lines),
                  _target(field))])
            for where, text, target in entries:
                if len(text) > field.max_length:
                    yield Finding(
                        Severity.ERROR, section_of(field), where, "entry-over-form-limit",
                        f"{where} is {len(text)} characters long; the form takes at most "
                        f"{field.max_length}", field.max_length_evidence,
                        f"shorten it to {field.max_length} characters and give the rest in "
                        f"{_elsewhere(spec)}", target)
