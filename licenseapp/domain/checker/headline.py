"""A finding in one line for people: where, then what — said once.

Most messages name their field themselves ("block 21 specific end use is required and
empty"), so putting the field in front of them said it twice ("block 21 …: block 21 … is
required"). Every place that shows a finding (the wizard, the status change refusals, the
command line) uses :func:`headline`.
"""

from __future__ import annotations

from licenseapp.domain.checker.findings import Finding


def headline(finding: Finding) -> str:
    """``"field: message"``, or the message alone (capitalized) when it names the field."""
    message, field = finding.message, finding.field
    if field and field.lower() not in message.lower():
        return f"{field}: {message}"
    return message[:1].upper() + message[1:]
