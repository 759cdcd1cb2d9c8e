"""Notes for the people who keep the data stay out of what users read (#18 point 7).

"(common practice, not a rule)" and "(unconfirmed)" were appended to the fixes the wizard
and ``check`` show ("fill in ultimate consignee (…common practice, not a rule)"). Such notes
live in the form specs' ``maintainer_note``; a field's ``note`` is for users.
"""

from __future__ import annotations

import re

import pytest
from test_finding_headlines import _findings

from licenseapp.domain.enums import FormType
from licenseapp.domain.forms import form_spec

MAINTAINERS_WORDS = re.compile(
    r"\bunconfirmed\b|common practice|not a rule|to be checked|\bTODO\b|\bFIXME\b|\bXXX\b",
    re.IGNORECASE)


@pytest.mark.parametrize("form", [f.value for f in FormType])
def test_no_field_note_shown_to_users_holds_a_maintainers_note(form: str) -> None:
    for field in form_spec(form).walk():
        assert not MAINTAINERS_WORDS.search(field.note), (form, field.id, field.note)
        assert not MAINTAINERS_WORDS.search(field.label), (form, field.id, field.label)


def test_no_fix_nor_message_of_the_checker_holds_a_maintainers_note() -> None:
    findings = _findings()
    assert any(f.rule == "required-field" and "(" in f.fix for f in findings)  # notes reach fixes
    for f in findings:
        assert not MAINTAINERS_WORDS.search(f.fix), f.fix
        assert not MAINTAINERS_WORDS.search(f.message), f.message


def test_the_maintainers_notes_are_kept_in_the_data() -> None:
    consignee = form_spec("BIS-748P").field("b18")
    assert "common practice" in consignee.maintainer_note.lower()
    assert consignee.note == "Deemed export: the foreign national at the U.S. work-site address."
