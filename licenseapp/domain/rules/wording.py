"""Small helpers for the plain-language reasons: country names, lists, citations."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from licenseapp.domain.countries import country_name

_WITH_ARTICLE = ("United ", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives",
                 "Czech Republic", "Dominican Republic", "Central African Republic", "Comoros",
                 "Marshall Islands", "Solomon Islands", "Russian Federation", "Congo")


@cache
def name(code: str) -> str:
    """A country's name as it reads inside a sentence: "China", "the United Kingdom"."""
    text = country_name(code)
    if text.startswith(_WITH_ARTICLE):
        return "the " + text
    return text


def name_start(code: str) -> str:
    """A country's name at the start of a sentence: "The United Kingdom"."""
    text = name(code)
    return text[0].upper() + text[1:]


def join(items: Iterable[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    seq = [i for i in items if i]
    if len(seq) <= 1:
        return "".join(seq)
    return f"{', '.join(seq[:-1])} {last} {seq[-1]}"


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """The items in order, each once."""
    return tuple(dict.fromkeys(i for i in items if i))


def cite_list(citations: Iterable[str]) -> str:
    return "; ".join(unique(citations))
