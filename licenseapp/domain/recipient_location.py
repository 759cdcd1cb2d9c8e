"""Where the recipient is, for a form whose need turns on it (a SIEL's block 7(a)).

The UK has no deemed-export rule: a foreign national's access to controlled technology in the
UK needs no licence, while sending it to, or letting it be accessed from, a person abroad is a
transfer out of the UK that needs a SIEL (Export Control Order 2008, art. 3). The engine's
answer for a UK item is the one for access in the UK; :func:`for_recipient_location` turns it
into the answer for where the recipient actually is, as typed in the form's location block.
"""

from __future__ import annotations

import dataclasses
import re

from licenseapp.domain.countries import country_code_for, country_name
from licenseapp.domain.forms import FormSpec, spec_of
from licenseapp.domain.rules.determination import Determination

#: The country whose territory the form's licence is about (a transfer out of it).
HOME = {"SIEL": "GB"}
#: The home country in running text ("outside the United Kingdom").
HOME_WORDS = {"GB": "the United Kingdom"}
TRANSFER_CITATION = "Export Control Order 2008, art. 3"


def location_field(form: str | None) -> str:
    """The id of the block that says where the recipient is ("" when the form has none)."""
    spec = spec_of(form) if form else None
    return spec.term("recipient_location") if spec else ""


def location_country(text: str) -> str | None:
    """The country a location entry names: "India: remote access from Bengaluru" -> "IN",
    "Bengaluru, India" -> "IN", "United Kingdom" -> "GB"; None when no part names one."""
    parts = [p.strip(" .") for p in re.split(r"[:;,\n()]| - | – ", text) if p.strip(" .")]
    for part in parts:
        code = country_code_for(part)
        if code:
            return code
    for part in parts:  # "remote access from India", "in the UK"
        words = part.split()
        for start in range(len(words)):
            tail = " ".join(words[start:])
            if len(tail) <= 3 and not tail.isupper():  # "it", "in" are words, not codes
                continue
            code = country_code_for(tail)
            if code:
                return code
    return None


def _spec_turning_on_location(det: Determination) -> FormSpec | None:
    spec = spec_of(det.form) if det.form else None
    return spec if spec and spec.term("recipient_location") and spec.code in HOME else None


def for_recipient_location(det: Determination, location: str, person: str) -> Determination:
    """``det`` for a recipient at ``location`` (the form's block, as typed).

    Only the answer for access at home (no licence, no rule set) changes: abroad, a licence
    is needed for the transfer; at home, the answer stands; not given or no country named,
    it cannot be told yet and says what to enter."""
    spec = _spec_turning_on_location(det)
    if spec is None or det.license_required is not False or det.ruleset is not None:
        return det
    block = f"block {spec.field(spec.term('recipient_location')).number}"
    code = location_country(location)
    home = HOME[spec.code]
    if code == home:
        return det
    home_words = HOME_WORDS.get(home, country_name(home))
    licence = spec.term("license")
    who = person or "the recipient"
    if code is None:
        said = f"'{' '.join(location.split())}' names no country" if location.strip() else (
            "it is not given yet")
        return dataclasses.replace(
            det, license_required=None,
            reason=(f"Where {who} receives or accesses the technology decides: {said}. "
                    f"Access in {home_words} needs no {licence}; a transfer to, or "
                    f"remote access from, a person abroad needs a {spec.code} "
                    f"({TRANSFER_CITATION})."),
            missing=(f"where the recipient is ({block}): the country they receive or "
                     "access it from",),
            citations=(TRANSFER_CITATION,))
    return dataclasses.replace(
        det, license_required=True, country=code,
        reason=(f"{who} receives or accesses it from {country_name(code)}, outside "
                f"{home_words}: sending controlled technology to, or letting it be accessed "
                f"from, a person abroad is a transfer out of {home_words}, which needs a "
                f"{spec.code} ({TRANSFER_CITATION})."),
        citations=(TRANSFER_CITATION,), missing=())


__all__ = ["HOME", "TRANSFER_CITATION", "for_recipient_location", "location_country",
           "location_field"]
