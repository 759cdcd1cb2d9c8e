"""Rules from the form spec: required fields, blocks to leave blank, identifier formats."""

from __future__ import annotations

from collections.abc import Iterator

from licenseapp.domain import validators
from licenseapp.domain.checker.findings import Finding, Severity
from licenseapp.domain.form_values import field_entry, item_entry
from licenseapp.domain.forms import FormField, FormSpec
from licenseapp.domain.record import ApplicationRecord
from licenseapp.errors import ValidationError

TECHNOLOGY_KINDS = frozenset({"technology", "source_code", "ai_model_access", "technical_data"})


def section_of(field: FormField) -> str:
    source = field.source or ""
    if source.startswith("organization"):
        return "applicant"
    if source.startswith("person"):
        return "foreign_national"
    if source.startswith("item"):
        return "items"
    if source in ("application.end_use", "application.justification",
                  "application.additional_info"):
        return "end_use"
    return "application"


def _name(field: FormField) -> str:
    return f"block {field.number} {field.label}" if field.number else field.label


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
                [(f"{_name(field)} (item {i.position}: {i.name})", item_entry(field, i))
                 for i in record.items]
                if per_item else [(_name(field), field_entry(field, record))]
            )
            for where, entry in entries:
                if field.required and entry.blank:
                    yield Finding(
                        Severity.ERROR, section_of(field), where, "required-field",
                        f"{where} is required and empty", source,
                        f"fill in {field.label.lower()}"
                        + (f" ({field.note})" if field.note else ""),
                    )
                elif field.requirement == "leave_blank" and technology and not entry.blank \
                        and not entry.standard:
                    yield Finding(
                        Severity.WARNING, section_of(field), where, "leave-blank",
                        f"{where} should be left blank for a technology application",
                        "Supp. 2 to 15 CFR Part 748, paragraph (o)",
                        f"clear {field.label.lower()}",
                    )


def identifier_formats(record: ApplicationRecord) -> Iterator[Finding]:
    for item in record.items:
        where = f"item {item.position} ({item.name})"
        if item.regime == "EAR":
            try:
                validators.eccn(item.eccn or item.classification)
            except ValidationError as exc:
                yield Finding(Severity.ERROR, "items", f"{where} ECCN", "eccn-format",
                              exc.message.split(": ", 1)[-1], "Supp. 1 to 15 CFR Part 774",
                              "enter the ECCN from the item's classification")
        if item.ccats:
            try:
                validators.ccats(item.ccats)
            except ValidationError as exc:
                yield Finding(Severity.ERROR, "items", f"{where} CCATS", "ccats-format",
                              exc.message.split(": ", 1)[-1], "15 CFR 748.3",
                              "copy the CCATS number exactly as BIS issued it")
    if record.regulator == "BIS" and record.regulator_ref:
        try:
            validators.acn(record.regulator_ref)
        except ValidationError as exc:
            yield Finding(Severity.ERROR, "application", "Application Control Number",
                          "acn-format", exc.message.split(": ", 1)[-1], "15 CFR 748.6(b)",
                          "copy the ACN exactly as SNAP-R shows it")
    if record.resubmission_of_regulator_ref and record.regulator == "BIS":
        try:
            validators.acn(record.resubmission_of_regulator_ref)
        except ValidationError:
            yield Finding(Severity.ERROR, "application", "resubmitted application",
                          "acn-format",
                          "the resubmitted application's number is not an ACN",
                          "15 CFR 748.4(g)", "cite the returned application's ACN in block 24")
