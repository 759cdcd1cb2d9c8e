"""The technology control plan's elements, read as content (BIS deemed export licensing
guidelines, September 2024): commitment to compliance; the controlled technologies and their
ECCNs; each participant and nationality; physical security; information technology security;
screening and training; what happens during and after the project.

Like the letter's elements, each needs a sentence with its cue, and where the element is
about the case (the ECCNs, the participant), the fact itself. Warnings: the guidelines say
what a plan "typically" covers, so the applicant may acknowledge one it answers otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from licenseapp.domain.checker.case_sentences import (
    any_mention,
    case_facts,
    cued,
    mentions,
    sentences,
)
from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.checker.rules_documents import GUIDELINES
from licenseapp.domain.record import ApplicationRecord

TCP = Target("application.tcp_text")

_COMMITMENT = re.compile(r"commit|complian|comply|responsib")
_PHYSICAL = re.compile(r"badge|lock|escort|visitor|physical|controlled area|secure area|"
                       r"guard|key ?card|access card")
_IT = re.compile(r"password|account|encrypt|access control|network|authenticat|\blog|"
                 r"firewall|information technology|\bit\b|role-based|permission")
_SCREENING = re.compile(r"screen|restricted.part|denied part|entity list")
_TRAINING = re.compile(r"train|briefing|\bbrief")
_AFTER = re.compile(r"depart|leav|terminat|\bexit|end of the|revok|remov|self-assess|audit|"
                    r"expir")


def tcp_elements(record: ApplicationRecord) -> Iterator[Finding]:
    if record.regulator != "BIS" or not record.tcp_text.strip():
        return  # no plan: a documents finding; other regulators: no such guidance here
    said = sentences(record.tcp_text)
    facts = case_facts(record)
    gaps: list[tuple[str, str, str]] = []  # element, what is missing, fix

    def has(cue: re.Pattern[str]) -> bool:
        return any(cued(s, cue) for s in said)

    if not any(cued(s, _COMMITMENT) and (any_mention(s, facts.applicant)
                                          or re.search(r"\b(we|our)\b", s.lower()))
               for s in said):
        gaps.append(("commitment to compliance",
                     "no sentence commits the applicant to complying with the regulations",
                     "state the company's commitment and who is responsible for the plan"))
    codes = [i.eccn or i.classification for i in record.items if (i.eccn or i.classification)]
    absent = [c for c in dict.fromkeys(codes) if not any(mentions(s, c) for s in said)]
    if absent:
        gaps.append(("the technologies and ECCNs",
                     f"it does not name {', '.join(absent)}",
                     "list each controlled technology with its ECCN"))
    if facts.person and not any(any_mention(s, facts.person)
                                and (not facts.countries or any_mention(s, facts.countries))
                                for s in said):
        nationality = f" as a national of {' and '.join(facts.countries)}" \
            if facts.countries else ""
        gaps.append(("each participant and nationality",
                     f"no sentence names {facts.person_label}{nationality}",
                     "name each foreign national covered, with every nationality"))
    for element, cue, what, fix in (
        ("physical security", _PHYSICAL, "nothing says how the site is secured",
         "describe badges, escorts, locked storage or controlled areas"),
        ("information technology security", _IT, "nothing says how systems are secured",
         "describe accounts, access control, encryption and logging"),
        ("screening and training", _SCREENING, "nothing says how people are screened",
         "describe restricted-party screening before access"),
        ("screening and training", _TRAINING, "nothing says how people are trained",
         "describe export-control training and briefings"),
        ("during and after the project", _AFTER,
         "nothing says what happens when the person leaves or the project ends",
         "describe reviews during the project and removal of access at its end"),
    ):
        if not has(cue):
            gaps.append((element, what, fix))
    for element, what, fix in gaps:
        yield Finding(Severity.WARNING, "tcp", "technology control plan", "tcp-element",
                      f"{element}: {what}", f"{GUIDELINES}: technology control plan", fix, TCP)
