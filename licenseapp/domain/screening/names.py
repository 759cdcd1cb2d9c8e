"""Names made comparable: one script (Latin, by transliteration), one case, no accents or
punctuation, and each word weighed: honorifics and company suffixes ("LLC", "Co., Ltd.")
count for little, so "ACME CORP" and "CORP" never match on "CORP".

A name becomes :class:`NameForm`: its words (tokens) with weights, each with a spelling-
tolerant key (:func:`canon`) and a consonant skeleton (:func:`skeleton`) that catches
transliteration variants ("Mohammed" / "Muhammad", Arabic "محمد" → "mhmd").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

#: Words that say what kind of company or title, not which one: weighted low.
_LOW_WEIGHT = """
mr mrs ms miss dr prof sir sheikh shaikh haji hajji general gen col colonel capt captain
maj major lt sgt admiral adm mullah imam sayyid sayed ayatollah
llc ltd limited co company corp corporation inc incorporated plc gmbh ag sa sas sarl srl spa
bv nv oy ab as asa kft zao ooo oao pao ao jsc ojsc cjsc pjsc llp lp pte pty bhd sdn fze fzco
fzc fz est establishment group holding holdings international intl trading trade the of and
de del la le et for und jv sc kg cv sal offshore ltda sapi rl eirl fzllc
joint stock liability closed pvt private obshchestvo ogranichennoi ogranichennoy
otvetstvennostyu aktsionernoe zakrytoe otkrytoe publichnoe tovarystvo doo sro
"""
LOW_WEIGHT = frozenset(_LOW_WEIGHT.split())
#: Small particles that join names ("al-", "bin", "van der"): kept, but weighted low.
_PARTICLES = "al el ul bin ibn bint abu abd van von der den da di du dos das ben"
PARTICLES = frozenset(_PARTICLES.split())
LOW, PARTICLE = 0.15, 0.3

_SPLIT = re.compile(r"[^a-z0-9]+")
# Scripts written without spaces between syllables: transliterated a character at a time.
_SYLLABIC = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                       r"\uac00-\ud7af\uf900-\ufaff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KOREAN_INITIALS = {"g": "k", "b": "p", "d": "t", "l": "r"}
# Scripts that leave short vowels unwritten: compare them by consonants.
_ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff"
                    r"\ufe70-\ufeff]")
_CANON = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ph", "f"),
          ("th", "t"), ("ck", "k"), ("sch", "sh"), ("tch", "ch"), ("ou", "u"), ("oo", "u"),
          ("ee", "i"), ("ie", "i"), ("q", "k"), ("w", "v"), ("y", "i"), ("x", "ks"),
          ("c", "k"))
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")
_ABJAD_VOWELS = re.compile(r"[aeiouv]")
_ARTICLE = re.compile(r"(^|\s)\u0627\u0644(?=\S{2,})")  # "al-" written joined: البغدادي
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # "L.L.C.", "S.A. DE C.V."


@lru_cache(maxsize=200_000)
def canon(token: str) -> str:
    """A token with spelling variants folded: "Sergey" and "Sergei", "Yuriy" and "Iuri"."""
    out = token
    for old, new in _CANON:
        out = out.replace(old, new)
    return _DOUBLE.sub(r"\1", out)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonants only, of the canonical spelling ("Mohammed", "Muhammad": "mhmd")."""
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", canon(token)))


@lru_cache(maxsize=200_000)
def consonants(token: str) -> str:
    """What Arabic or Hebrew script writes of a name: its consonants without the letters
    that also write long vowels (w, y) or doubled ones ("Mahmoud", "محمود": "mhmd")."""
    return _DOUBLE.sub(r"\1", _ABJAD_VOWELS.sub("", canon(token)))


def latin(text: str) -> str:
    """``text`` in Latin letters: other scripts transliterated (CJK and Hangul a syllable
    at a time, so "张伟" reads "Zhang Wei"), accents dropped."""
    if text.isascii():
        return text
    text = _ARTICLE.sub(r"\1al ", unicodedata.normalize("NFKC", text))
    return anyascii(_SYLLABIC.sub(lambda m: f" {anyascii(m.group(0))} ", text))


def is_abjad(text: str) -> bool:
    return bool(_ABJAD.search(text))


def is_syllabic(text: str) -> bool:
    return bool(_SYLLABIC.search(text))


def is_latin(text: str) -> bool:
    """Whether ``text`` is written in Latin letters (accents allowed)."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


def words(text: str) -> list[str]:
    """Lower-case Latin words of ``text`` (any script), punctuation and accents gone."""
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    return [w for w in _SPLIT.split(latin(text).lower().replace("'", "").replace("`", ""))
            if w]


def weight(token: str) -> float:
    if token in LOW_WEIGHT:
        return LOW
    if token in PARTICLES or len(token) == 1:  # an initial says little
        return PARTICLE
    return 1.0


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready to compare: its words, their weights, canonical forms and skeletons."""

    text: str  # as written
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    canons: tuple[str, ...]
    skeletons: tuple[str, ...]
    consonants: tuple[str, ...]
    abjad: bool  # written in Arabic or Hebrew script: short vowels are missing

    @property
    def significant(self) -> tuple[str, ...]:
        return tuple(t for t, w in zip(self.tokens, self.weights, strict=True) if w >= 1.0)

    @property
    def weight(self) -> float:
        return sum(self.weights)


def name_form(text: str) -> NameForm:
    tokens = tuple(words(text))
    return NameForm(text, tokens, tuple(weight(t) for t in tokens),
                    tuple(canon(t) for t in tokens), tuple(skeleton(t) for t in tokens),
                    tuple(consonants(t) for t in tokens), is_abjad(text))


def variants(text: str) -> list[str]:
    """The ways ``text`` may be written in a list: as given and, for a name in a syllabic
    script ("习近平"), with the given name's syllables joined ("Xi Jinping")."""
    found = [text]
    if is_syllabic(text):
        syllables = words(text)
        if len(syllables) >= 3:
            found.append(f"{syllables[0]} {''.join(syllables[1:])}")
        if _HANGUL.search(text):  # "김정은" reads "gim jeong eun"; lists write "Kim Jong Un"
            korean = [_korean(s) for s in syllables]
            found.append(" ".join(korean))
            if any(s.startswith("j") for s in korean[1:]):  # "Jang Il" or "Chang Il"
                found.append(" ".join(korean[:1] + [
                    "ch" + s[1:] if s.startswith("j") else s for s in korean[1:]]))
    return found


def _korean(syllable: str) -> str:
    """A Korean syllable as North Korean names are written in the lists (McCune-Reischauer
    style): "gim" → "kim", "bag" → "pak", "lyong" → "ryong", "jeong" → "jong"."""
    out = syllable.replace("eo", "o").replace("eu", "u")
    if out[:1] in _KOREAN_INITIALS:
        out = _KOREAN_INITIALS[out[0]] + out[1:]
    if out.endswith("g") and not out.endswith("ng"):
        out = out[:-1] + "k"
    return out
