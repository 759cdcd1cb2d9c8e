"""Citizenships typed as one line: ``CN:birth,CA:2018-06-01``.

Each citizenship is an ISO country code, optionally followed by how and when it was
acquired: ``CN`` (nothing known), ``CA:2018-06-01`` (the date acquired), ``CN:birth`` (held
from birth), ``CA:naturalization:2018-06-01`` (how and when). "Born Chinese, naturalized
Canadian in 2018" is thus ``CN:birth,CA:2018-06-01``: the engine then knows which citizenship
is the most recent (15 CFR 734.13(b)) instead of answering "unknown".
"""

from __future__ import annotations

from licenseapp.domain import validators
from licenseapp.domain.rules.facts import CitizenshipFacts
from licenseapp.domain.value_labels import CITIZENSHIP_BASES
from licenseapp.errors import ValidationError

SEPARATORS = ",;"


def _citizenship(part: str, field: str) -> CitizenshipFacts:
    code, *rest = [p.strip() for p in part.split(":")]
    country = validators.country(code, field)
    basis, acquired = "", None
    for word in rest:
        if word.lower() in CITIZENSHIP_BASES and not basis:
            basis = word.lower()
        elif word and acquired is None and word[:1].isdigit():
            acquired = validators.iso_date(word, field)
        else:
            raise ValidationError(
                field, f"{part!r}: after the country give how the citizenship was acquired "
                f"({', '.join(CITIZENSHIP_BASES)}), the date it was acquired (YYYY-MM-DD), or "
                "both, e.g. CN:birth or CA:naturalization:2018-06-01")
    return CitizenshipFacts(country, acquired, basis=basis)


def parse_citizenships(text: str, field: str) -> tuple[CitizenshipFacts, ...]:
    """The citizenships in ``text``, each country once (the first mention counts)."""
    found: dict[str, CitizenshipFacts] = {}
    for part in text.replace(";", ",").split(","):
        if part.strip():
            cit = _citizenship(part.strip(), field)
            found.setdefault(cit.country, cit)
    return tuple(found.values())

