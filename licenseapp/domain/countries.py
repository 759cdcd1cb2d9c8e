"""Country codes and names (ISO 3166-1 alpha-2, names from pycountry)."""

from __future__ import annotations

from functools import cache

# Codes pycountry may lack or that regulators use although ISO has retired them.
_EXTRA_NAMES = {"XK": "Kosovo"}


@cache
def _names() -> dict[str, str]:
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.update(_EXTRA_NAMES)
    return names


def is_country_code(code: str) -> bool:
    return code in _names()


def country_name(code: str | None) -> str:
    """The English short name of a country, or the code itself if unknown, or '' for None."""
    if not code:
        return ""
    return _names().get(code.upper(), code)


def all_country_codes() -> list[str]:
    return sorted(_names())
