"""Reading a letter or a plan as sentences about this case: which sentence names the person,
the items, the place, the country — the facts a licensing officer checks the text against.

A content rule asks for a sentence that carries both a cue ("limited to", "available") and a
fact of the case (the person's name, an item, the deciding country), so a letter of keywords
that could be about anyone does not pass. Deterministic: plain word matching, no guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from licenseapp.domain.countries import country_name
from licenseapp.domain.letter_text import without_unfilled
from licenseapp.domain.record import ApplicationRecord

_SPLIT = re.compile(r"(?<=[.!?;])\s+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:inc|ltd|co|corp|llc|plc|rev|no|nos|dr|mr|mrs|ms|prof|st|ave|blvd|rd|ste|"
    r"e\.g|i\.e|vs|approx|dept|univ|jr|sr|para|supp|cf)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$",
    re.IGNORECASE)
_LABEL = re.compile(r"^\s*\(?[ivx]+\)\s*|^\s*\d+[.)]\s*", re.IGNORECASE)
#: Company-form suffixes, left out when a letter names the applicant ("Northwind Frontier AI").
_SUFFIX = re.compile(r"[,.]?\s+(inc|llc|ltd|limited|corp|corporation|co|plc|gmbh|ag|sa|"
                     r"s\.a|l\.p|lp|llp)\.?$", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """The sentences (and lines) of ``text`` the writer wrote (placeholders and template
    instructions left out), each without a leading "(vii)" or "3." label. A period after an
    abbreviation ("Inc.", "rev.", "U.S.", "Dr.") does not end one."""
    out: list[str] = []
    for line in without_unfilled(text).splitlines():
        pieces: list[str] = []
        for part in _SPLIT.split(line):
            if pieces and (_ABBREVIATION.search(pieces[-1])
                           or (part[:1].islower() and pieces[-1].endswith("."))):
                pieces[-1] = f"{pieces[-1]} {part}"
            else:
                pieces.append(part)
        out += [p for p in (_LABEL.sub("", piece).strip() for piece in pieces) if p]
    return out


def plain(text: str) -> str:
    """Lower case, one space between words, punctuation kept."""
    return " ".join(text.lower().split())


def short_name(legal_name: str) -> str:
    """"Northwind Frontier AI, Inc." -> "Northwind Frontier AI": how a letter names a company."""
    name = legal_name.strip()
    while True:
        shorter = _SUFFIX.sub("", name).strip()
        if shorter == name:
            return name
        name = shorter


def mentions(sentence: str, needle: str) -> bool:
    """Whether ``needle`` appears in ``sentence`` as words (case and spacing ignored)."""
    wanted = plain(needle).strip(" .,;:")
    if not wanted:
        return False
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", plain(sentence)) is not None


def any_mention(sentence: str, needles: Iterable[str]) -> bool:
    return any(mentions(sentence, n) for n in needles)


def cued(sentence: str, cue: re.Pattern[str]) -> bool:
    return cue.search(sentence.lower()) is not None


@dataclass(frozen=True)
class CaseAnchors:
    """The facts of one application a sentence can be about."""

    applicant: tuple[str, ...]  # the applicant's legal and short name
    person: tuple[str, ...]  # the person's full and family name
    person_label: str  # "Wei Zhang" (or "the person")
    items: tuple[tuple[str, tuple[str, ...]], ...]  # (label, names it goes by)
    places: tuple[str, ...]  # the work site and the applicant's street address
    countries: tuple[str, ...]  # names of the person's citizenship and residency countries
    job_title: str

    @property
    def item_names(self) -> tuple[str, ...]:
        return tuple(n for _, names in self.items for n in names)

    @property
    def anchors(self) -> tuple[str, ...]:
        """Whatever shows a sentence is about this case: the person, an item, the job."""
        return (*self.person, *self.item_names, *((self.job_title,) if self.job_title else ()))


def case_facts(record: ApplicationRecord) -> CaseAnchors:
    org = record.organization
    person = record.person
    names: tuple[str, ...] = ()
    countries: list[str] = []
    places: list[str] = []
    if person is not None:
        names = tuple(n for n in (person.full_name, person.family_name) if n)
        for code in [c.country for c in person.citizenships] + [person.residency_country or ""]:
            name = country_name(code)
            if name and name not in countries and code != "US":
                countries.append(name)
        if person.work_site.strip():
            places.append(person.work_site.split(",")[0])
    street = org.address.street.splitlines()[0] if org.address.street.strip() else ""
    if street:
        places.append(street)
    items = []
    for item in record.items:
        known = tuple(n for n in (item.name, item.eccn, item.classification) if n.strip())
        code = item.eccn or item.classification
        label = f"{item.name} ({code})" if code and code != item.name else item.name
        items.append((label, known))
    return CaseAnchors(
        applicant=tuple(dict.fromkeys(n for n in (org.legal_name, short_name(org.legal_name))
                                      if n)),
        person=names, person_label=person.full_name if person else "the person",
        items=tuple(items), places=tuple(dict.fromkeys(places)), countries=tuple(countries),
        job_title=person.job_title if person else "",
    )
