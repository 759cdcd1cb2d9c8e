"""The letter of explanation's seven elements, read as content (for BIS, Supp. 2 to 15 CFR
Part 748, paragraph (o)(2)): each must be addressed by a sentence about this case — the
parties by name, the place by its address, the items by name or ECCN, the form of the
release, the person's use of it, the scope of what is released, and whether comparable
technology is available in the person's country or elsewhere abroad.

A keyword alone ("Scope: only what the job requires", "Not available abroad") is not an
answer: each element needs its cue and a fact of the case in one sentence. The finding says
which element is missing and what a sentence on it must name. For BIS, where the paragraph
says the letter must address them, a missing element is an error; for other regulators
(whose guidance is secondary) a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from licenseapp.domain.checker.case_sentences import (
    CaseAnchors,
    any_mention,
    case_facts,
    cued,
    mentions,
    sentences,
)
from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord

LOE = Target("application.loe_text")

_FORM_OF_RELEASE = re.compile(
    r"visual|inspection|oral|verbal|in writing|written|electronic|remote|hands-on|on-site|"
    r"training|demonstrat|repositor|download|e-?mail|meeting|network|\bsystems?\b|\bapi\b|"
    r"interface|drawings|documents|source code|weights")
_USE = re.compile(r"\buse\b|\bused\b|\buses\b|\busing\b|purpose|in order to|duties|\bwork|"
                  r"develop|research|evaluat|design|produc|maintain|test|train|integrat")
_SCOPE = re.compile(r"limited to|\blimit|\bonly\b|not include|exclud|\bscope\b|restricted|"
                    r"no other|will not|not be released|no access")
_AVAILABLE = re.compile(r"availab|obtainable|sold|offered|published|comparable|"
                        r"foreign sources?|competitor")
_ABROAD = ("abroad", "outside the United States", "foreign", "overseas")
#: A street address: a number, the street's name, its kind ("100 Market St", "4800 Bradford
#: Drive NW"), for a record that has no work site or street of its own to look for.
_ADDRESS = re.compile(
    r"\b\d{1,6}\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|"
    r"Dr|Drive|Way|Lane|Ln|Pkwy|Parkway|Ct|Court|Pl|Place|Circle|Hwy|Highway|Sq|Square)\b")


@dataclass(frozen=True)
class _Element:
    number: str  # "(ii)"
    name: str  # "the exact project location"
    #: Which facts of the case a sentence on it must carry; "" when one does.
    missing: Callable[[list[str], CaseAnchors, ApplicationRecord], str]
    fix: str


def _parties(said: list[str], facts: CaseAnchors, record: ApplicationRecord) -> str:
    wanted: list[tuple[str, tuple[str, ...]]] = []
    if facts.applicant:
        wanted.append((facts.applicant[0], facts.applicant))
    if facts.person:
        wanted.append((facts.person[0], facts.person))
    for party in record.parties:
        if party.name and not any(mentions(party.name, n) or mentions(n, party.name)
                                  for _, names in wanted for n in names):
            wanted.append((party.name, (party.name,)))
    absent = [label for label, names in wanted if not any(any_mention(s, names) for s in said)]
    return f"it does not name {_listed(absent)}" if absent else ""


def _place(said: list[str], facts: CaseAnchors, record: ApplicationRecord) -> str:
    """The work site or the applicant's street as recorded, or any street address."""
    if any(any_mention(s, facts.places) or _ADDRESS.search(s) for s in said):
        return ""
    example = f" ({facts.places[0]})" if facts.places else ""
    return f"no sentence gives the street address where the release takes place{example}"


def _technology(said: list[str], facts: CaseAnchors, record: ApplicationRecord) -> str:
    absent = [label for label, names in facts.items
              if not any(any_mention(s, names) for s in said)]
    return f"no sentence names {_listed(absent)}" if absent else ""


def _about(cue: re.Pattern[str], what: str) -> Callable[[list[str], CaseAnchors,
                                                         ApplicationRecord], str]:
    def missing(said: list[str], facts: CaseAnchors, record: ApplicationRecord) -> str:
        if any(cued(s, cue) and any_mention(s, facts.anchors) for s in said):
            return ""
        return what.format(person=facts.person_label, items=_listed([i for i, _ in facts.items])
                           or "the technology")
    return missing


def _form(said: list[str], facts: CaseAnchors, record: ApplicationRecord) -> str:
    if any(cued(s, _FORM_OF_RELEASE) for s in said):
        return ""
    return (f"no sentence says how the technology reaches {facts.person_label} (visual "
            "inspection, oral exchange, written documents, electronic access …)")


def _availability(said: list[str], facts: CaseAnchors, record: ApplicationRecord) -> str:
    places = facts.countries or _ABROAD
    if any(cued(s, _AVAILABLE) and any_mention(s, places) for s in said):
        return ""
    countries = _listed(list(facts.countries), "or")
    where = (f"in {countries}, the country the {_term(record, 'transfer')} goes to, or "
             "elsewhere abroad" if facts.countries else "abroad")
    return (f"no sentence says whether comparable technology is available {where}, and from "
            "what sources")


ELEMENTS: tuple[_Element, ...] = (
    _Element("(i)", "the identities of all parties", _parties,
             "name the applicant, the person and every other party in the letter"),
    _Element("(ii)", "the exact project location", _place,
             "give the street address of the site where the person works with the technology"),
    _Element("(iii)", "the type of technology", _technology,
             "name each item with its classification"),
    _Element("(iv)", "the form of the release", _form,
             "say how the technology reaches the person: visual inspection, oral exchange, "
             "documents or electronic access"),
    _Element("(v)", "the uses of the technology", _about(
        _USE, "no sentence says what {person} will use {items} for"),
        "say what the person will do with the technology, naming the person or the item"),
    _Element("(vi)", "the technical scope", _about(
        _SCOPE, "no sentence says what of {items} is released to {person} and what is not"),
        "say what is released to the person and what is withheld, naming the person or the "
        "item"),
    _Element("(vii)", "the availability abroad of comparable technology", _availability,
             "say whether comparable technology is available in the person's country or "
             "elsewhere abroad, and from which sources"),
)


def _listed(names: list[str], word: str = "and") -> str:
    """"A", "A and B", "A, B and C" (or "or")."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def _term(record: ApplicationRecord, key: str) -> str:
    return form_spec(record.form).term(key)


def loe_elements(record: ApplicationRecord) -> Iterator[Finding]:
    if not record.loe_text.strip():
        return  # its absence is a documents finding
    said = sentences(record.loe_text)
    facts = case_facts(record)
    source = _term(record, "letter_elements_source")
    severity = Severity.ERROR if record.regulator == "BIS" else Severity.WARNING
    for element in ELEMENTS:
        missing = element.missing(said, facts, record)
        if missing:
            yield Finding(severity, "documents", "letter of explanation", "loe-element",
                          f"{element.number} {element.name}: {missing}", source, element.fix,
                          LOE)
