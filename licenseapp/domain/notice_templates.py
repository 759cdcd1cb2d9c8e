"""The notices of a directive: to each affected person and to their supervisor.

Templates use the letter templates' placeholders (``{person.full_name}``,
``{applicant.legal_name}``...; see :mod:`licenseapp.domain.templates`) and these of a notice:
``{directive.title}``, ``{directive.citation}``, ``{directive.reference}`` (the title with
the citation in brackets when it says more), ``{directive.effective}``,
``{access.items}`` (the items whose access is suspended), ``{supervisor.name}`` and
``{today}``. A template's first line is ``Subject: ...``; the rest is the message.
"""

from __future__ import annotations

from dataclasses import dataclass

from licenseapp.domain.templates import FillResult, fill

PERSON_NOTICE = """Subject: Your access to {access.items} is suspended under {directive.title}
Dear {person.full_name},

{directive.reference}, in force from {directive.effective}, requires an \
individual export license for your access to {access.items}. Your access has been suspended \
until a license is granted; this is not a finding about you or your work.

{applicant.legal_name} will apply for the license on your behalf. We may ask you for \
documents (passport, visa, résumé) to complete the application. Please do not try to reach \
these systems through other accounts in the meantime. Please send any questions to \
{signatory.name}.

{signatory.name}
{signatory.title}, {applicant.legal_name}
{today}"""

SUPERVISOR_NOTICE = """Subject: Access of {person.full_name} suspended under {directive.title}
Dear {supervisor.name},

{directive.reference}, in force from {directive.effective}, requires an \
individual export license for access to {access.items} by {person.full_name}, who reports to \
you. That access has been suspended until a license is granted.

Please make sure {person.full_name} is given no access to these items or their technical \
data, through any account or colleague, until we confirm the license. \
Work that does not need these items may go on.

{signatory.name}
{signatory.title}, {applicant.legal_name}
{today}"""


@dataclass(frozen=True)
class NoticeText:
    subject: str
    body: str
    problems: FillResult


def fill_notice(template: str, values: dict[str, str]) -> NoticeText:
    """The template filled: its subject (the first line's ``Subject:``) and message."""
    filled = fill(template, values)
    first, _, rest = filled.text.partition("\n")
    if first.lower().startswith("subject:"):
        return NoticeText(first.split(":", 1)[1].strip(), rest.strip() + "\n", filled)
    return NoticeText("", filled.text.strip() + "\n", filled)
