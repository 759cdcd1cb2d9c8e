"""ITAR: a release of USML technical data to a foreign person, and the countries it goes to.

22 CFR 120.50(b): a release in the United States of technical data to a foreign person is
deemed an export to every country in which the person holds or has held citizenship or holds
permanent residency. Not the most recent country only (the EAR's 734.13(b)), and not the
country of birth. A country of 22 CFR 126.1 is named with its policy of denial; the 126.18
exemption for dual and third-country nationals is offered with its conditions, never applied.
"""

from __future__ import annotations

from datetime import date

from licenseapp.domain.rules import wording
from licenseapp.domain.rules.determination import RulesetResult
from licenseapp.domain.rules.facts import US, ItemFacts, PersonFacts
from licenseapp.domain.rules.ruleset import RuleSet

#: The sections an answer cites, by role, when the rule set's ``licensing.reasons`` does not
#: name them (the numbering in force since 2022-09-06, 87 FR 16396).
_SECTIONS = {"export": "22 CFR 120.50(a)(2)", "release": "22 CFR 120.56",
             "countries": "22 CFR 120.50(b)", "license": "22 CFR 125.2",
             "denial": "22 CFR 126.1", "exemption": "22 CFR 126.18"}

_EXEMPTION = (
    "The exemption of {exemption} for dual and third-country nationals may be available if "
    "the person is a bona fide regular employee of a foreign business entity, end-user or "
    "consignee already approved by DDTC for the technical data, the transfer takes place "
    "completely within the physical territory of that approved party's country, and the "
    "person holds a security clearance approved by the host country or has been screened for "
    "substantive contacts with {denial} countries, with the records kept ({exemption}(c), (d)); "
    "it is not applied here: a release in the United States needs the authorization above.")


def release_countries(person: PersonFacts, on: date) -> tuple[str, ...]:
    """Every country of present or past citizenship held by ``on`` and of permanent
    residency, in the order recorded (the United States left out)."""
    codes = [c.country for c in person.citizenships
             if c.country != US and (c.acquired is None or c.acquired <= on)]
    if person.residency_country and person.residency_country != US and (
            person.residency_since is None or person.residency_since <= on):
        codes.append(person.residency_country)
    return wording.unique(codes)


def _sections(ruleset: RuleSet) -> dict[str, str]:
    """The section cited for each role, from the rule set (its period's numbering)."""
    given = ruleset.licensing.reasons
    return {role: given[role].citation if role in given else cite
            for role, cite in _SECTIONS.items()}


def itar_release(ruleset: RuleSet, person: PersonFacts, item: ItemFacts,
                 on: date) -> RulesetResult:
    """The rule set's answer: a license for any release to a covered foreign person."""
    own = tuple(str(c) for c in ruleset.citations)
    cite = _sections(ruleset)
    who, whom = person.display_name, person.object_name
    countries = release_countries(person, on)
    what = f"{item.label} ({ruleset.items.description})" if item.label != "the item" else (
        ruleset.items.description)
    if not countries:
        reason = (f"{who} has no citizenship or permanent residency recorded. Releasing "
                  f"{what} to a foreign person needs DDTC authorization, and the license "
                  "must name every country of present or past citizenship and of permanent "
                  f"residency ({cite['countries']}); record them to name the countries.")
        return _result(ruleset, True, None, reason, own,
                       ("the person's citizenships and country of permanent residency",))
    names = wording.join([wording.name(c) for c in countries])
    denied = [c for c in countries if c in ruleset.licensing.embargoes]
    release = cite["release"].removeprefix("22 CFR ")
    reason = (f"{who} holds or has held citizenship or permanent residency in {names}. "
              f"Releasing {what} to {whom} in the United States is an export "
              f"({cite['export']}, {release}) deemed made to "
              f"{'each of ' if len(countries) > 1 else ''}{names} ({cite['countries']}), so it "
              f"requires DDTC authorization: a DSP-5 ({cite['license']}) naming "
              f"{'every one of these countries' if len(countries) > 1 else 'that country'}.")
    cites = [*own]
    if denied:
        reason += (f" {wording.join([wording.name(c) for c in denied])} "
                   f"{'is' if len(denied) == 1 else 'are'} listed in {cite['denial']}: "
                   "it is the policy of the United States to deny licenses for "
                   f"{'it' if len(denied) == 1 else 'them'}.")
        cites.append(cite["denial"])
    notes: tuple[str, ...] = ()
    if len(countries) > 1:  # offered in the answer itself, with its conditions
        reason += " " + _EXEMPTION.format(**cite)
        cites.append(cite["exemption"])
    for code in denied:
        note = ruleset.licensing.embargoes[code].unconfirmed
        if note:
            notes += (f"Unconfirmed: {note}.",)
    return _result(ruleset, True, True, reason, wording.unique(cites), (), notes,
                   country=(denied or countries)[0])


def _result(ruleset: RuleSet, applies: bool, required: bool | None, reason: str,
            citations: tuple[str, ...], missing: tuple[str, ...],
            notes: tuple[str, ...] = (), country: str | None = None) -> RulesetResult:
    return RulesetResult(
        ruleset=ruleset.id, title=ruleset.title, applies=applies, license_required=required,
        country=country, regulator=ruleset.regulator, form=ruleset.form, reason=reason,
        citations=citations, missing=missing, notes=notes, policy=ruleset.licensing.policy)
