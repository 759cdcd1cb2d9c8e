"""Running every rule over one application."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.checker.findings import Finding, Severity
from licenseapp.domain.checker.rules_documents import (
    document_dates,
    required_documents,
    unsafe_attachments,
)
from licenseapp.domain.checker.rules_form import (
    form_limits,
    identifier_formats,
    recorded_blocks,
    required_fields,
)
from licenseapp.domain.checker.rules_letter import loe_elements
from licenseapp.domain.checker.rules_printable import unprintable_characters
from licenseapp.domain.checker.rules_resume import resume_coverage, resume_details
from licenseapp.domain.checker.rules_tcp import tcp_elements
from licenseapp.domain.checker.rules_text import template_text, vague_phrases
from licenseapp.domain.forms import FormSpec
from licenseapp.domain.record import ApplicationRecord


def check(record: ApplicationRecord, spec: FormSpec, today: date) -> list[Finding]:
    """Every finding, errors first, in a stable order."""
    found: list[Finding] = [
        *required_fields(record, spec),
        *recorded_blocks(record, spec),
        *form_limits(record, spec),
        *identifier_formats(record),
        *unprintable_characters(record),
        *required_documents(record),
        *unsafe_attachments(record),
        *document_dates(record, today),
        *resume_coverage(record, today),
        *resume_details(record),
        *template_text(record),
        *vague_phrases(record),
        *loe_elements(record),
        *tcp_elements(record),
    ]
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda f: (f.severity is not Severity.ERROR, f.section, f.field))
