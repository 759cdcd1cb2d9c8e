"""The text a record is found by, folded so that what a user types finds it.

One fold for the records and for what is typed (:func:`fold`): compatibility forms
decomposed (NFKD), marks dropped (so "é" is "e", and Arabic vowel signs do not count),
case folded, and anything that is not a letter or digit a single space. A name written in
another script is also given in Latin letters, by the screening's transliteration
(:func:`licenseapp.domain.screening.names.words`), so "Zhang" finds 张伟 and "Jose" finds
José; a code (reference, ACN, license number, ECCN) is also given without its separators,
so "LA2026" finds LA-2026-0042 as "LA-2026" does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from licenseapp.domain.screening.names import words as latin_words

_NOT_WORD = re.compile(r"[\W_]+")
#: ASCII punctuation and symbols as spaces (the common case, without a regular expression).
_ASCII_SPACES = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def fold(text: str) -> str:
    """``text`` as compared: words of letters and digits, one space apart, no accents, no
    case ("José  Núñez-Díaz" → "jose nunez diaz"; "محمّد" → "محمد")."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_SPACES).split())
    return " ".join(filter(None, map(_fold_word, text.split())))


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    """One word of a name folded (names repeat: each word is folded once)."""
    marked = unicodedata.normalize("NFKD", word)
    bare = "".join(ch for ch in marked if not unicodedata.category(ch).startswith("M"))
    return " ".join(_NOT_WORD.sub(" ", bare.casefold()).split())


@lru_cache(maxsize=200_000)
def _latin_word(word: str) -> str:
    return " ".join(latin_words(word))


def name_words(text: str) -> list[str]:
    """How a name is found: as written (folded) and, if it is not plain ASCII, in Latin
    letters too."""
    folded = fold(text)
    if not folded:
        return []
    found = [folded]
    if not text.isascii():
        latin = " ".join(filter(None, map(_latin_word, text.split())))
        if latin and latin != folded:
            found.append(latin)
    return found


def code_words(text: str) -> list[str]:
    """How a code is found: folded ("la 2026 0042") and without separators
    ("la20260042")."""
    folded = fold(text)
    if not folded:
        return []
    joined = folded.replace(" ", "")
    return [folded] if joined == folded else [folded, joined]


def searchable(names: Iterable[str] = (), codes: Iterable[str] = ()) -> str:
    """The text a record is found by: each word after one space (" zhang wei 张伟 p 0001
    p0001"), so that a word's start is a space before it."""
    parts = [w for text in names for w in name_words(text)]
    parts += [w for text in codes for w in code_words(text)]
    return " " + " ".join(parts) if parts else ""
