"""Validators for the identifiers and values a user types.

Each raises :class:`~licenseapp.errors.ValidationError` with the field's id (``field``: the
caller's, or a neutral default) and a message that names the value and the fix on its own,
and returns the value in its canonical form.
"""

from __future__ import annotations

import re
from datetime import date

from licenseapp.domain.countries import country_name, is_country_code
from licenseapp.domain.enums import ApplicationStatus, ImmigrationStatus
from licenseapp.errors import ValidationError

# ECCN: digit 0-9, category letter A-E, three digits, optional paragraph suffixes; or EAR99.
_ECCN = re.compile(r"^(?:[0-9][A-E][0-9]{3}(?:\.[a-z0-9]+(?:\.[a-z0-9]+)*)?|EAR99)$")
# Application Control Number: one letter then six or seven digits (15 CFR 748.6(b); SNAP-R "Z").
_ACN = re.compile(r"^[A-Z][0-9]{6,7}$")
# CCATS: "G" followed by digits.
_CCATS = re.compile(r"^G[0-9]{5,8}$")
# Our own application reference.
_REF = re.compile(r"^LA-[0-9]{4}-[0-9]{4,6}$")


def _clean(value: str) -> str:
    return value.strip()


def eccn(value: str, field: str = "eccn") -> str:
    """An ECCN such as ``3E001``, ``3A090.a`` or ``EAR99``."""
    text = _clean(value)
    upper = text[:5].upper() + text[5:]
    if text.upper() == "EAR99":
        return "EAR99"
    if not _ECCN.match(upper):
        raise ValidationError(
            field,
            f"{value!r} is not an ECCN; write a digit, a letter A-E and three digits, "
            "with optional paragraphs (e.g. 3E001, 4E091, 3A090.a) or EAR99",
        )
    return upper


def is_eccn(value: str) -> bool:
    try:
        eccn(value)
    except ValidationError:
        return False
    return True


def acn(value: str, field: str = "regulator_ref") -> str:
    """A BIS Application Control Number: a letter and six or seven digits (e.g. Z1234567)."""
    text = _clean(value).upper()
    if not _ACN.match(text):
        raise ValidationError(
            field,
            f"{value!r} is not an Application Control Number; write one letter and six or "
            "seven digits, e.g. Z1234567 (15 CFR 748.6(b))",
        )
    return text


def ccats(value: str, field: str = "ccats") -> str:
    text = _clean(value).upper()
    if not _CCATS.match(text):
        raise ValidationError(
            field, f"{value!r} is not a CCATS number; it starts with G followed by digits"
        )
    return text


def country(value: str, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code, upper case."""
    text = _clean(value).upper()
    if not is_country_code(text):
        raise ValidationError(
            field, f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. CN, IN, DE)"
        )
    return text


def countries(value: str, field: str = "citizenships", sep: str = ",") -> list[str]:
    """A separated list of country codes; empty items are ignored, duplicates dropped."""
    seen: list[str] = []
    for part in value.replace(";", sep).split(sep):
        if part.strip():
            code = country(part, field)
            if code not in seen:
                seen.append(code)
    return seen


#: The dates a record can carry: a birth, a citizenship, a license, a deadline. Outside
#: them a date is a typing slip, and the arithmetic around it (years back, days ahead)
#: would leave the calendar.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)


def iso_date(value: str, field: str = "date") -> date:
    """A date written YYYY-MM-DD, from 1900-01-01 to 2199-12-31."""
    try:
        parsed = date.fromisoformat(_clean(value))
    except ValueError:
        raise ValidationError(
            field, f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27"
        ) from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise ValidationError(
            field, f"{parsed.isoformat()} is out of range; give a date from "
            f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
        )
    return parsed


def application_status(value: str, field: str = "status") -> ApplicationStatus:
    text = _clean(value).lower()
    try:
        return ApplicationStatus(text)
    except ValueError:
        names = ", ".join(s.value for s in ApplicationStatus)
        raise ValidationError(field, f"{value!r} is not a status; use one of {names}") from None


def immigration_status(value: str, field: str = "immigration_status") -> ImmigrationStatus:
    text = _clean(value).lower().replace("-", "").replace("/", "")
    try:
        return ImmigrationStatus(text)
    except ValueError:
        names = ", ".join(s.value for s in ImmigrationStatus)
        raise ValidationError(
            field, f"{value!r} is not an immigration status; use one of {names}"
        ) from None


def application_ref(value: str, field: str = "application_ref") -> str:
    text = _clean(value).upper()
    if not _REF.match(text):
        raise ValidationError(
            field, f"{value!r} is not an application reference; they look like LA-2026-0042"
        )
    return text


__all__ = [
    "acn",
    "application_ref",
    "application_status",
    "ccats",
    "countries",
    "country",
    "country_name",
    "eccn",
    "immigration_status",
    "is_eccn",
    "iso_date",
]
