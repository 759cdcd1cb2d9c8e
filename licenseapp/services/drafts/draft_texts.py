"""The prefilled wording of a drafted application: end use, justification, block 24, the
letter of explanation and the technology control plan.

The organization's own templates (``default_loe_template`` / ``default_tcp_template``) are used
when set, else the built-in ones below. Placeholders are ``{name}`` style and filled by one
function, :func:`fill_template`; an unknown placeholder is left as written, so the reviewer
sees it. (A later issue replaces this with a proper template engine.)

Placeholders: ``org``, ``address``, ``name``, ``native_name``, ``citizenship``, ``title``,
``duties``, ``use``, ``supervisor``, ``site``, ``items``, ``eccns``, ``signatory``,
``signatory_title``, ``short``, ``rev``, ``directive``, ``directive_id``, ``citation``
(the directive's legal citation), ``citation_note`` (``"<citation>; "`` when it says more than
the title), ``effective``, ``date``, ``person_kind`` ("the lawful
permanent resident", "the protected individual" or "the foreign national").

A draft made for a directive states its legal basis: block 24 (additional information)
opens with the directive's title and citation and the recorded justification, and a
permanent resident is described as a lawful permanent resident, never as "a foreign
national" (the directive reaches them although the ordinary rule does not).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from licenseapp.domain.countries import country_name
from licenseapp.domain.enums import ImmigrationStatus

_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")
_LEGAL_SUFFIXES = {"inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "plc",
                   "gmbh", "co", "company", "the", "of", "and"}

BUILTIN_LOE = (
    "Letter of explanation\n\n"
    "(i) Parties: {org} (applicant and end user), {address}; {person_kind} {name}, "
    "a citizen of {citizenship}, employed as {title}.\n"
    "(ii) Project location: {site}.\n"
    "(iii) Technology: {items}.\n"
    "(iv) Form of release: electronic access through company systems only, under the controls "
    "of our Technology Control Plan.\n"
    "(v) Uses: {use}\n"
    "(vi) Technical scope: limited to what the duties above require; no release of other "
    "controlled technology.\n"
    "(vii) Availability abroad: [to be completed by the reviewer].\n\n"
    "This application is made because {directive} ({citation_note}in force from {effective}) "
    "requires a license for {name}'s access to {eccns} items; the access was suspended "
    "pending the license.\n\n"
    "{signatory}, {signatory_title}"
)

BUILTIN_TCP = (
    "Technology Control Plan {short}-TCP rev. {rev} (summary)\n"
    "1. Management commitment: signed by {signatory}, {signatory_title}.\n"
    "2. Controlled technology: {items}; licensing under {directive}.\n"
    "3. Participants: {name} ({citizenship}); U.S.-person supervisor {supervisor}.\n"
    "4. Physical security: badge-controlled areas at {site}; visitors escorted.\n"
    "5. IT security: role-based access, multi-factor authentication, access logging; the "
    "access stays suspended until the license is issued.\n"
    "6. Screening and training: restricted-party screening at hire; annual export-control "
    "training with signed acknowledgement.\n"
    "7. During and after the project: access reviewed quarterly and revoked on departure."
)


@dataclass(frozen=True)
class OrgFacts:
    id: int
    legal_name: str
    street: str
    city: str
    state: str
    postal_code: str
    country: str
    phone: str
    signatory_name: str
    signatory_title: str
    loe_template: str
    tcp_template: str

    @property
    def address(self) -> str:
        last = f"{self.state} {self.postal_code}".strip()
        return ", ".join(x for x in (self.street, self.city, last) if x)

    @property
    def short(self) -> str:
        words = re.findall(r"[A-Za-z][A-Za-z0-9]*", self.legal_name)
        kept = [w for w in words if w.lower() not in _LEGAL_SUFFIXES]
        return "".join(w[0].upper() for w in kept[:4]) or "ORG"


@dataclass(frozen=True)
class PersonFactsForDraft:
    id: int
    name: str
    native_name: str
    citizenships: tuple[str, ...]  # codes in force
    immigration_status: str | None
    date_of_birth: date | None
    birth_country: str | None
    job_title: str
    duties: str
    supervisor: str
    work_site: str


@dataclass(frozen=True)
class ItemForDraft:
    id: int
    name: str
    eccn: str
    ccats: str
    description: str


@dataclass(frozen=True)
class DirectiveFacts:
    id: str
    title: str
    effective: date
    citation: str = ""  # the instrument's legal citation (e.g. its Federal Register reference)

    @property
    def cited(self) -> str:
        return self.citation or self.title

    @property
    def citation_note(self) -> str:
        """``"<citation>; "`` when the citation says more than the title, else ``""``."""
        return f"{self.citation}; " if self.citation and self.citation != self.title else ""

    @property
    def reference(self) -> str:
        """The title, with the citation in brackets when it says more."""
        note = self.citation_note.removesuffix("; ")
        return f"{self.title} ({note})" if note else self.title


#: How a draft describes its person, by U.S. immigration status (default: foreign national).
_PERSON_KIND = {
    ImmigrationStatus.LPR.value: "the lawful permanent resident",
    ImmigrationStatus.PROTECTED.value: "the protected individual",
    ImmigrationStatus.CITIZEN.value: "the U.S. citizen",
}


def person_kind(immigration_status: str | None) -> str:
    return _PERSON_KIND.get(immigration_status or "", "the foreign national")


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """``{key}`` replaced by ``values[key]``; unknown keys stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _site(person: PersonFactsForDraft, org: OrgFacts) -> str:
    site = person.work_site.strip()
    prefix = f"{org.legal_name}, "
    site = site.removeprefix(prefix)
    return site or org.address


def values(person: PersonFactsForDraft, org: OrgFacts, items: tuple[ItemForDraft, ...],
           directive: DirectiveFacts, today: date) -> dict[str, str]:
    eccns = list(dict.fromkeys(i.eccn for i in items))
    return {
        "org": org.legal_name, "address": org.address, "name": person.name,
        "native_name": person.native_name or person.name,
        "citizenship": " and ".join(country_name(c) for c in person.citizenships) or "unknown",
        "title": person.job_title or "[job title]", "duties": person.duties or "[duties]",
        "use": person.duties or "[describe the use]",
        "supervisor": person.supervisor.split(",")[0] or "[supervisor]",
        "site": _site(person, org), "items": "; ".join(f"{i.name} ({i.eccn})" for i in items),
        "eccns": ", ".join(eccns), "signatory": org.signatory_name or "[signatory]",
        "signatory_title": org.signatory_title or "[title]", "short": org.short, "rev": "1",
        "directive": directive.title, "directive_id": directive.id,
        "citation": directive.cited, "citation_note": directive.citation_note,
        "person_kind": person_kind(person.immigration_status),
        "effective": directive.effective.isoformat(), "date": today.isoformat(),
        # The template engine's names (licenseapp.domain.templates), which organization
        # templates use, so a template fills the same in a bulk draft and in the letter tool.
        "applicant.legal_name": org.legal_name, "applicant.address": org.address,
        "person.full_name": person.name, "person.native_name": person.native_name,
        "person.citizenships": " and ".join(country_name(c) for c in person.citizenships),
        "person.job_title": person.job_title, "person.duties": person.duties,
        "person.supervisor": person.supervisor, "work_site": _site(person, org),
        "items.names": ", ".join(i.name for i in items), "items.eccns": ", ".join(eccns),
        "signatory.name": org.signatory_name, "signatory.title": org.signatory_title,
        "today": today.isoformat(),
    }


@dataclass(frozen=True)
class DraftTexts:
    end_use: str
    justification: str
    additional_info: str
    loe_text: str
    tcp_text: str


def draft_texts(person: PersonFactsForDraft, org: OrgFacts, items: tuple[ItemForDraft, ...],
                directive: DirectiveFacts, today: date) -> DraftTexts:
    v = values(person, org, items, directive, today)
    end_use = (f"{v['name']} works as {v['title']} at {org.legal_name}, {v['site']}. Access to "
               f"{v['items']} is needed for these duties: {v['use']} The release stays within "
               "the company's controlled systems.")
    covers = {ImmigrationStatus.LPR.value: ", lawful permanent residents included,",
              ImmigrationStatus.PROTECTED.value: ", protected individuals included,"}.get(
                  person.immigration_status or "", "")
    justification = (f"{directive.title} ({directive.citation_note}in force from "
                     f"{v['effective']}) "
                     f"requires an individual license{covers} for {v['name']}'s access to "
                     f"{v['eccns']} items. Without it {v['name']} cannot perform the core "
                     "duties of the position.")
    status = _status_label(person.immigration_status)
    native = f" ({person.native_name})" if person.native_name not in ("", person.name) else ""
    born = f", born {person.date_of_birth.isoformat()}" if person.date_of_birth else ""
    where = f" in {country_name(person.birth_country)}" if person.birth_country else ""
    label = v["person_kind"].removeprefix("the ")
    additional = (f"Legal basis: {directive.reference}. {justification}\n"
                  f"{label[0].upper()}{label[1:]}: {person.name}{native}{born}{where}; "
                  f"citizenship: {v['citizenship']}; U.S. status: {status}.")
    kind = v["person_kind"]
    loe = _with_legal_basis(fill_template(org.loe_template or BUILTIN_LOE, v), directive, v)
    return DraftTexts(
        end_use=end_use, justification=justification, additional_info=additional,
        loe_text=described(loe, kind),
        tcp_text=described(fill_template(org.tcp_template or BUILTIN_TCP, v), kind),
    )


def _with_legal_basis(letter: str, directive: DirectiveFacts, v: Mapping[str, str]) -> str:
    """The letter with the directive's citation: an organization's own template may not
    mention it, so a paragraph saying why the application is made goes before the
    signature (or at the end)."""
    if directive.cited in letter:
        return letter
    basis = (f"Legal basis: this application is made because {directive.title} "
             f"({directive.citation_note}in force from {v['effective']}) requires a license for "
             f"{v['name']}'s access to {v['eccns']} items.")
    signature = f"{v['signatory']}, {v['signatory_title']}"
    head, sep, tail = letter.rstrip().rpartition("\n")
    if sep and tail.strip() == signature:
        return f"{head.rstrip()}\n\n{basis}\n\n{tail}"
    return f"{letter.rstrip()}\n\n{basis}"


_FOREIGN_NATIONAL = re.compile(r"\b([Ff])oreign national\b")


def described(text: str, kind: str) -> str:
    """``text`` with "foreign national" (an organization's template may say it) replaced by
    what the person is, when that is a lawful permanent resident or protected individual."""
    word = kind.removeprefix("the ")
    if kind == "the foreign national":
        return text
    return _FOREIGN_NATIONAL.sub(
        lambda m: (word[0].upper() if m.group(1) == "F" else word[0]) + word[1:], text)


def _status_label(value: str | None) -> str:
    try:
        return ImmigrationStatus(value).label if value else "not recorded"
    except ValueError:
        return value or "not recorded"


def site_address(person: PersonFactsForDraft, org: OrgFacts) -> tuple[str, str, str, str]:
    """(street, city, state, postal code) of the person's work site.

    The work site is free text, ``"<org>, <street>, <city>, <ST> <ZIP>"`` by convention;
    without it the organization's address is used. Text that does not split that way goes
    whole into the street line.
    """
    site = person.work_site.strip().removeprefix(f"{org.legal_name}, ").strip()
    if not site:
        return org.street, org.city, org.state, org.postal_code
    parts = [p.strip() for p in site.split(",")]
    match = re.fullmatch(r"([A-Z]{2})\s+(\S+)", parts[-1]) if len(parts) >= 3 else None
    if match is None:
        return site, "", "", ""
    return ", ".join(parts[:-2]), parts[-2], match.group(1), match.group(2)
