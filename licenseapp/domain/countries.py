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


#: Names people use for a country besides its ISO short name (folded, see :func:`fold`).
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("usa", "u.s.", "u.s.a.", "america", "united states of america"),
    "GB": ("uk", "u.k.", "britain", "great britain", "england", "scotland", "wales",
           "northern ireland"),
    "KR": ("korea", "republic of korea", "korea, republic of"),
    "KP": ("dprk", "korea, democratic people's republic of"),
    "RU": ("russia",),
    "CN": ("prc", "people's republic of china", "mainland china"),
    "TW": ("republic of china", "chinese taipei"),
    "IR": ("persia", "iran, islamic republic of"),
    "CZ": ("czech republic",),
    "NL": ("holland", "the netherlands"),
    "MM": ("burma",),
    "CI": ("ivory coast",),
    "MK": ("macedonia",),
    "TR": ("turkey",),
    "AE": ("uae", "emirates"),
    "CD": ("drc", "dr congo", "democratic republic of the congo", "congo-kinshasa"),
    "CG": ("republic of the congo", "congo-brazzaville"),
    "VA": ("vatican", "holy see"),
    "SZ": ("swaziland",),
    "CV": ("cape verde",),
    "TL": ("east timor",),
    "BN": ("brunei",),
    "PS": ("palestine",),
    "FM": ("micronesia",),
    "MO": ("macau",),
    "VN": ("viet nam",),
    "LA": ("lao people's democratic republic",),
    "SY": ("syrian arab republic",),
    "MD": ("republic of moldova",),
    "BO": ("bolivia, plurinational state of",),
    "VE": ("venezuela, bolivarian republic of",),
    "TZ": ("tanzania, united republic of",),
}


def fold(text: str) -> str:
    """Lower case without accents ("Côte d'Ivoire" -> "cote d'ivoire"), spaces tidied."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@cache
def _spellings() -> dict[str, tuple[str, ...]]:
    """Each code's folded names: the ISO short name first, then the common names."""
    return {code: (fold(name), *COMMON_NAMES.get(code, ()))
            for code, name in _names().items()}


def country_rank(code: str, typed: str) -> int | None:
    """How well ``typed`` names the country ``code``: 0 the code or a name exactly, 1 a
    name starting so, 2 a word of a name starting so, 3 a name containing it; None when it
    does not match at all (never the position in a list)."""
    wanted = fold(typed)
    if not wanted:
        return 3
    names = _spellings().get(code.upper(), ())
    if wanted == code.casefold() or wanted in names:
        return 0
    if any(name.startswith(wanted) for name in names):
        return 1
    if any(word.startswith(wanted) for name in names
           for word in name.replace(",", " ").replace("(", " ").split()):
        return 2
    if any(wanted in name for name in names):
        return 3
    return None


def rank_countries(typed: str) -> list[str]:
    """The codes ``typed`` can mean, best first: an exact code or name (ISO or common:
    "UK", "USA", "Britain", "South Korea", "Russia"), then names starting with it, then
    names with a word starting with it, then names containing it; alphabetical by name
    within each rank."""
    ranked = []
    for code in _names():
        rank = country_rank(code, typed)
        if rank is not None:
            ranked.append((rank, fold(_names()[code]), code))
    return [code for _rank, _name, code in sorted(ranked)]


def country_code_for(typed: str) -> str | None:
    """The code ``typed`` names exactly (a code, the ISO name or a common name), or None."""
    best = rank_countries(typed)
    return best[0] if best and fold(typed) and country_rank(best[0], typed) == 0 else None
