"""Reading the values people type into spreadsheets, leniently but never by guessing.

Generic parsers every importer uses; each returns the canonical value or raises
:class:`ValueRejected` with the ``reason`` and the ``fix`` in the user's words:

- :func:`cell_text` ``(cell) -> str``: any cell (CSV text, an XLSX number or date) as
  trimmed text; a leading apostrophe our exports put before ``=``, ``+``, ``-`` or ``@``
  (against formula injection) is taken off again.
- :func:`parse_date` ``(cell) -> date``: ISO (2024-03-05), 1990/03/05, German 05.03.1990 or
  5.3.1990 (day first), 5 March 1990, March 5, 1990, 05-Mar-1990, an XLSX date cell; and
  DD/MM/YYYY or MM/DD/YYYY only when one part is over 12 (or both are equal). 03/04/1990 is
  refused: it could be 3 April or 4 March.
- :func:`country_code` ``(text) -> str``: ISO 3166-1 alpha-2 or alpha-3 codes, English
  names as pycountry has them (short, official or common: "Germany", "Federal Republic of
  Germany", "Korea, Republic of", "South Korea"), names turned around ("Republic of Korea"),
  everyday names ("UK", "England", "USA", "Russia", "Vietnam", "Ivory Coast") and common
  nationality words ("German", "British"). "Korea" alone is refused: it is two countries.
- :func:`country_codes` ``(text) -> tuple[str, ...]``: several, separated by ``;``, ``,``,
  ``/`` or ``|`` (a comma inside a name such as "Korea, Republic of" is understood).
- :func:`immigration_status` ``(text) -> str``: an :class:`ImmigrationStatus` value from
  "H-1B", "H1B", "Green card", "Permanent resident", "US citizen", "Asylee", "OPT"...
- :func:`email` ``(text) -> str``: an e-mail address, lower case.
- :func:`shown` ``(value) -> str``: a value as it can be shown in a message or a file:
  invisible characters written out (``\\x00``), long text shortened.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from difflib import get_close_matches
from functools import cache, lru_cache
from typing import Any, TypeVar

from licenseapp.domain.enums import ImmigrationStatus

T = TypeVar("T")
_FORMULA_STARTS = ("=", "+", "-", "@")


class ValueRejected(Exception):
    """A value that cannot be read: why, and what to write instead."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(f"{reason}; {fix}")
        self.reason = reason
        self.fix = fix


def _remembered(parse: Callable[[str], T]) -> Callable[[str], T]:
    """``parse`` of a text with its answers remembered: a roster repeats its countries,
    statuses and dates thousands of times. A refusal is remembered too, raised afresh."""

    @lru_cache(maxsize=50_000)
    def answer(text: str) -> tuple[bool, Any]:
        try:
            return True, parse(text)
        except ValueRejected as exc:
            return False, (exc.reason, exc.fix)

    def run(text: str) -> T:
        ok, found = answer(text)
        if not ok:
            raise ValueRejected(*found)
        result: T = found
        return result

    return run


# ---------------------------------------------------------------- cells


def cell_text(cell: Any) -> str:
    """A cell as trimmed text."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        text = cell.strip()
        if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_STARTS:
            return text[1:]  # written so by an export, against formula injection
        return text
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def shown(value: Any, limit: int = 80) -> str:
    """A value safe to show: invisible characters written out, at most ``limit`` characters
    (with the full length said)."""
    text = value if isinstance(value, str) else cell_text(value)
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text):,} characters)"
    return _INVISIBLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                          else f"\\u{ord(m.group()):04x}", text)


# ---------------------------------------------------------------- dates

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_MONTHS: dict[str, int] = {}
for _n, _name in enumerate(_MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _n
    _MONTHS[_name[:3].lower()] = _n
_MONTHS["sept"] = 9

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"
                  r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?")
_YMD = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?")
_SLASHED = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?[\s\-/]*([a-z]{3,9})\.?[\s,\-/]*(\d{4})")
_MONTH_DAY = re.compile(r"([a-z]{3,9})\.?[\s\-/]*(\d{1,2})(?:st|nd|rd|th)?[\s,\-/]*(\d{4})")
_SHORT_YEAR = re.compile(r"\d{1,2}[./\-\s]+(?:\d{1,2}|[a-z]{3,9})[./\-\s]+\d{2}|"
                         r"[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{2}")
_DATE_FIX = "write it as year-month-day, e.g. 1990-03-05"


def _day(value: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueRejected(f"{value} is not a day of the calendar",
                            "check the day and the month") from None


def _label(day: int, month: int) -> str:
    return f"{day} {_MONTH_NAMES[month - 1]}"


def parse_date(cell: Any) -> date:
    """A date from a cell (see the module's docstring for what is read)."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raise ValueRejected(f"{cell_text(cell)} is a number, not a date",
                            f"format the cell as a date, or {_DATE_FIX}")
    return _date_text(cell_text(cell))


@_remembered
def _date_text(value: str) -> date:
    text = " ".join(value.lower().split())
    if m := _ISO.fullmatch(text):
        return _day(value, int(m[1]), int(m[2]), int(m[3]))
    if m := _YMD.fullmatch(text):
        return _day(value, int(m[1]), int(m[3]), int(m[4]))
    if m := _DOTTED.fullmatch(text):
        return _day(value, int(m[3]), int(m[2]), int(m[1]))
    if m := _SLASHED.fullmatch(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if first > 12 or first == second:
            return _day(value, year, second, first)
        if second > 12:
            return _day(value, year, first, second)
        raise ValueRejected(
            f"{value} could be {_label(first, second)} or {_label(second, first)}",
            f"write it as {year}-{second:02d}-{first:02d} ({_label(first, second)}) or "
            f"{year}-{first:02d}-{second:02d} ({_label(second, first)})")
    if (m := _DAY_MONTH.fullmatch(text)) and m[2] in _MONTHS:
        return _day(value, int(m[3]), _MONTHS[m[2]], int(m[1]))
    if (m := _MONTH_DAY.fullmatch(text)) and m[1] in _MONTHS:
        return _day(value, int(m[3]), _MONTHS[m[1]], int(m[2]))
    if _SHORT_YEAR.fullmatch(text):
        raise ValueRejected(f"{value} has a two-digit year",
                            f"write the year with four digits; {_DATE_FIX}")
    raise ValueRejected(f"{value} is not a date", _DATE_FIX)


# ---------------------------------------------------------------- countries

_EVERYDAY: dict[str, str] = {
    "uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "usa": "US", "u s a": "US", "united states of america": "US", "america": "US",
    "united states": "US",
    "south korea": "KR", "korea south": "KR", "republic of korea": "KR", "north korea": "KP",
    "korea north": "KP", "russia": "RU", "iran": "IR", "taiwan": "TW", "vietnam": "VN",
    "syria": "SY", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "moldova": "MD", "czech republic": "CZ", "turkey": "TR", "holland": "NL",
    "the netherlands": "NL", "burma": "MM", "ivory coast": "CI", "cape verde": "CV",
    "swaziland": "SZ", "macedonia": "MK", "east timor": "TL", "vatican": "VA",
    "vatican city": "VA", "palestine": "PS", "kosovo": "XK", "brunei": "BN",
    "micronesia": "FM", "dr congo": "CD", "drc": "CD", "democratic republic of congo": "CD",
    "congo kinshasa": "CD", "republic of congo": "CG", "congo brazzaville": "CG", "uae": "AE",
    "emirates": "AE", "hong kong": "HK", "macau": "MO", "prc": "CN", "mainland china": "CN",
    "deutschland": "DE", "osterreich": "AT", "schweiz": "CH", "espana": "ES", "italia": "IT",
    "nederland": "NL", "polska": "PL", "sverige": "SE", "norge": "NO", "danmark": "DK",
    "suomi": "FI", "brasil": "BR", "mexico": "MX", "saint kitts and nevis": "KN",
    "st kitts and nevis": "KN", "st lucia": "LC", "st vincent and the grenadines": "VC",
}
#: Nationality words HR files use in a "Nationality" column.
_DEMONYMS: dict[str, str] = {
    "american": "US", "us american": "US", "british": "GB", "english": "GB",
    "scottish": "GB", "welsh": "GB", "canadian": "CA", "mexican": "MX", "brazilian": "BR",
    "argentinian": "AR", "argentine": "AR", "chilean": "CL", "colombian": "CO",
    "peruvian": "PE", "venezuelan": "VE", "cuban": "CU", "chinese": "CN", "taiwanese": "TW",
    "hong konger": "HK", "japanese": "JP", "south korean": "KR", "north korean": "KP",
    "indian": "IN", "pakistani": "PK", "bangladeshi": "BD", "sri lankan": "LK",
    "nepali": "NP", "nepalese": "NP", "vietnamese": "VN", "thai": "TH", "filipino": "PH",
    "filipina": "PH", "indonesian": "ID", "malaysian": "MY", "singaporean": "SG",
    "australian": "AU", "new zealander": "NZ", "german": "DE", "french": "FR",
    "italian": "IT", "spanish": "ES", "portuguese": "PT", "dutch": "NL", "belgian": "BE",
    "swiss": "CH", "austrian": "AT", "irish": "IE", "swedish": "SE", "norwegian": "NO",
    "danish": "DK", "finnish": "FI", "icelandic": "IS", "polish": "PL", "czech": "CZ",
    "slovak": "SK", "hungarian": "HU", "romanian": "RO", "bulgarian": "BG", "greek": "GR",
    "croatian": "HR", "serbian": "RS", "slovenian": "SI", "ukrainian": "UA",
    "belarusian": "BY", "russian": "RU", "turkish": "TR", "israeli": "IL", "iranian": "IR",
    "iraqi": "IQ", "syrian": "SY", "lebanese": "LB", "jordanian": "JO", "egyptian": "EG",
    "saudi": "SA", "saudi arabian": "SA", "emirati": "AE", "nigerian": "NG",
    "kenyan": "KE", "ghanaian": "GH", "ethiopian": "ET", "south african": "ZA",
    "moroccan": "MA", "algerian": "DZ", "tunisian": "TN", "afghan": "AF", "kazakh": "KZ",
    "uzbek": "UZ", "estonian": "EE", "latvian": "LV", "lithuanian": "LT",
}
_AMBIGUOUS: dict[str, str] = {
    "korea": "South Korea (KR) or North Korea (KP)",
    "korean": "South Korea (KR) or North Korea (KP)",
    "congo": "the Republic of the Congo (CG) or the Democratic Republic of the Congo (CD)",
    "guinea": "Guinea (GN), Guinea-Bissau (GW) or Equatorial Guinea (GQ)",
}
_COUNTRY_FIX = "write its ISO code (e.g. DE, CN, IN) or its English name"
_NAME_SPLIT = re.compile(r"[^0-9a-z]+")


def country_key(text: str) -> str:
    """A country name reduced for comparison: "Côte d'Ivoire" → "cote divoire"."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    plain = plain.replace("'", "").replace("’", "").replace(".", "")
    words = [w for w in _NAME_SPLIT.split(plain) if w]
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


@cache
def _country_table() -> dict[str, str]:
    """Every reduced name or code → alpha-2 code; names two countries share are left out."""
    import pycountry

    from licenseapp.domain.countries import all_country_codes

    found: dict[str, set[str]] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            key = country_key(name)
            if key:
                found.setdefault(key, set()).add(code)

    for c in pycountry.countries:
        code = c.alpha_2
        add(code, code)
        add(c.alpha_3, code)
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if not name:
                continue
            add(name, code)
            if "(" in name:  # "Holy See (Vatican City State)"
                outer, _, inner = name.partition("(")
                add(outer, code)
                add(inner.rstrip(")"), code)
            if ", " in name:  # "Korea, Republic of" → "Republic of Korea"
                before, _, after = name.partition(", ")
                add(f"{after} {before}", code)
    table = {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}
    for code in all_country_codes():  # Kosovo and other codes regulators use
        table.setdefault(country_key(code), code)
    for name, code in (*_EVERYDAY.items(), *_DEMONYMS.items()):
        table[country_key(name)] = code
    for name in _AMBIGUOUS:
        table.pop(country_key(name), None)
    return table


def country_code(text: Any) -> str:
    """One country as its ISO 3166-1 alpha-2 code."""
    return _country_text(cell_text(text))


@_remembered
def _country_text(value: str) -> str:
    key = country_key(value)
    code = _country_table().get(key)
    if code is not None:
        return code
    if key in _AMBIGUOUS:
        raise ValueRejected(f"{value} could be {_AMBIGUOUS[key]}", "write the ISO code")
    close = get_close_matches(key, [k for k in _country_table() if len(k) > 3], n=1,
                              cutoff=0.8) if len(key) > 3 else []
    if close:  # a suggestion, never a guess: the row is still refused
        from licenseapp.domain.countries import country_name

        code = _country_table()[close[0]]
        raise ValueRejected(f"{value!r} is not a country we know",
                            f"did you mean {country_name(code)} ({code})? Otherwise "
                            f"{_COUNTRY_FIX}")
    raise ValueRejected(f"{value!r} is not a country we know", _COUNTRY_FIX)


_LIST_SPLIT = re.compile(r"[;/|\n]")


def country_codes(text: Any) -> tuple[str, ...]:
    """Several countries, each once, in the order written."""
    return _countries_text(cell_text(text))


@_remembered
def _countries_text(value: str) -> tuple[str, ...]:
    codes: list[str] = []
    for part in _LIST_SPLIT.split(value):
        tokens = part.split(",")
        i = 0
        while i < len(tokens):
            if not tokens[i].strip():
                i += 1
                continue
            for j in range(len(tokens), i, -1):  # the longest run of tokens that is a country
                joined = ",".join(tokens[i:j])
                if j > i + 1 and country_key(joined) not in _country_table():
                    continue
                code = _country_text(joined.strip())  # the single token: read or refused
                if code not in codes:
                    codes.append(code)
                i = j
                break
    return tuple(codes)


# ---------------------------------------------------------------- immigration status

_STATUS_WORDS: dict[str, ImmigrationStatus] = {
    "citizen": ImmigrationStatus.CITIZEN, "uscitizen": ImmigrationStatus.CITIZEN,
    "usc": ImmigrationStatus.CITIZEN, "americancitizen": ImmigrationStatus.CITIZEN,
    "unitedstatescitizen": ImmigrationStatus.CITIZEN,
    "usnational": ImmigrationStatus.CITIZEN,
    "lpr": ImmigrationStatus.LPR, "greencard": ImmigrationStatus.LPR,
    "greencardholder": ImmigrationStatus.LPR, "permanentresident": ImmigrationStatus.LPR,
    "lawfulpermanentresident": ImmigrationStatus.LPR, "uspermanentresident": ImmigrationStatus.LPR,
    "protected": ImmigrationStatus.PROTECTED,
    "protectedindividual": ImmigrationStatus.PROTECTED,
    "asylee": ImmigrationStatus.PROTECTED, "refugee": ImmigrationStatus.PROTECTED,
    "asyleeorrefugee": ImmigrationStatus.PROTECTED, "asylum": ImmigrationStatus.PROTECTED,
    "h1b": ImmigrationStatus.H1B, "h1bvisa": ImmigrationStatus.H1B,
    "l1": ImmigrationStatus.L1, "l1a": ImmigrationStatus.L1, "l1b": ImmigrationStatus.L1,
    "o1": ImmigrationStatus.O1, "o1a": ImmigrationStatus.O1, "o1b": ImmigrationStatus.O1,
    "f1": ImmigrationStatus.F1, "opt": ImmigrationStatus.F1, "f1opt": ImmigrationStatus.F1,
    "stemopt": ImmigrationStatus.F1, "cpt": ImmigrationStatus.F1,
    "f1student": ImmigrationStatus.F1,
    "j1": ImmigrationStatus.J1, "tn": ImmigrationStatus.TN, "tn1": ImmigrationStatus.TN,
    "e3": ImmigrationStatus.E3, "b1b2": ImmigrationStatus.B1B2, "b1": ImmigrationStatus.B1B2,
    "b2": ImmigrationStatus.B1B2, "visitor": ImmigrationStatus.B1B2,
    "other": ImmigrationStatus.OTHER,
}


def _status_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


@cache
def _status_table() -> dict[str, str]:
    table = {key: status.value for key, status in _STATUS_WORDS.items()}
    for status in ImmigrationStatus:
        table.setdefault(_status_key(status.value), status.value)
        table.setdefault(_status_key(status.label), status.value)
    return table


def immigration_status(text: Any) -> str:
    """A U.S. immigration status as an :class:`ImmigrationStatus` value."""
    return _status_text(cell_text(text))


@_remembered
def _status_text(value: str) -> str:
    found = _status_table().get(_status_key(value))
    if found is None:
        names = ", ".join(s.label for s in ImmigrationStatus)
        raise ValueRejected(f"{value!r} is not an immigration status we know",
                            f"write one of {names}")
    return found


# ---------------------------------------------------------------- e-mail

_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]+")


def email(text: Any) -> str:
    value = cell_text(text)
    if not _EMAIL.fullmatch(value):
        raise ValueRejected(f"{value!r} is not an e-mail address",
                            "write one address such as name@example.com")
    return value.lower()


__all__ = ["ValueRejected", "cell_text", "country_code", "country_codes", "country_key",
           "email", "immigration_status", "parse_date", "shown"]
