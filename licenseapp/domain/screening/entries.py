"""One restricted-party list entry, as every list format is read into, and its fingerprint."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from licenseapp.domain.screening.names import words

_CODE = re.compile(r"\(([^)]+)\)")


@dataclass(frozen=True, slots=True)
class ListEntry:
    """A party on a restricted-party list (as the U.S. Consolidated Screening List gives it)."""

    list_code: str  # "SDN", "EL", "DPL"...
    list_name: str  # "Specially Designated Nationals (SDN) - Treasury Department"
    entry_id: str  # the list's own number where it gives one, else derived from the name
    name: str
    alt_names: tuple[str, ...] = ()
    kind: str = ""  # "individual", "entity", "vessel", "aircraft" or "" (not said)
    countries: tuple[str, ...] = ()  # ISO codes of its addresses, nationalities, citizenships
    programs: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()  # as the list writes them: "1965", "1965-03-01"
    addresses: tuple[str, ...] = ()
    source_url: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alt_names)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of who the entry says the party is: its names, kind, countries and dates
        of birth (in any order). A decision on a hit lasts while this stays; a new program
        or an address written out in full (the shipped list gives countries only) does not
        make it another party."""
        material = json.dumps([self.list_code, self.entry_id, self.name,
                               sorted(self.alt_names), self.kind, sorted(self.countries),
                               sorted(self.dates_of_birth)],
                              ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()


def list_code(list_name: str) -> str:
    """ "Specially Designated Nationals (SDN) - Treasury Department" → "SDN"."""
    found = _CODE.search(list_name)
    code = found.group(1) if found else list_name.split(" - ")[0]
    return code.removesuffix(" List").strip()[:20]


def derived_id(code: str, name: str) -> str:
    """An id for an entry its list gives none: from the list and the name, so it stays the
    same in the next snapshot while the name does."""
    digest = hashlib.sha256(" ".join(words(name)).encode("utf-8")).hexdigest()[:12]
    return f"{code}-{digest}"


KINDS = {"individual": "individual", "entity": "entity", "vessel": "vessel",
         "aircraft": "aircraft"}


def entry_kind(text: str | None) -> str:
    return KINDS.get((text or "").strip().lower(), "")
