"""One rule set's answer for a person, an item and a date."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from functools import cache

from licenseapp.domain import not_subject
from licenseapp.domain.rules import wording
from licenseapp.domain.rules.chart_hits import CHART, DEEMED, ChartAnswer
from licenseapp.domain.rules.chart_rules import ChartEvaluator
from licenseapp.domain.rules.determination import RulesetResult, strictness
from licenseapp.domain.rules.facts import ItemFacts, PersonFacts
from licenseapp.domain.rules.itar_release import itar_release
from licenseapp.domain.rules.persons import (
    DecidingResult,
    Standing,
    coverage,
    deciding_country,
    missing_for_coverage,
    standing,
)
from licenseapp.domain.rules.reference import (
    Reference,
    data_caveat,
    load_reference,
    not_yet_in_force,
    reference_on,
)
from licenseapp.domain.rules.ruleset import LicensingMethod, RuleSet

_EXCEPTIONS_NOTE = ("License exceptions other than ENC, TSR and STA (15 CFR part 740) were not "
                    "assessed.")


@cache
def chart_evaluator(ruleset: RuleSet) -> ChartEvaluator:
    """Built once per loaded rule set (rule sets compare by identity)."""
    return ChartEvaluator(ruleset, load_reference())


def _evaluator_on(ruleset: RuleSet, on: date) -> ChartEvaluator:
    """The evaluator reading the chart as it stood on ``on`` (dated changes undone)."""
    ref = reference_on(load_reference(), on)
    return chart_evaluator(ruleset) if ref.before is None else _dated_evaluator(ruleset, ref)


@cache
def _dated_evaluator(ruleset: RuleSet, ref: Reference) -> ChartEvaluator:
    return ChartEvaluator(ruleset, ref)


@dataclass(frozen=True, slots=True)
class _PersonView:
    """What a rule set makes of a person on a date (the same for every item)."""

    standing: Standing
    covered: bool | None
    deciding: DecidingResult


_VIEWS: dict[tuple[int, int, date], tuple[RuleSet, PersonFacts, _PersonView]] = {}
_MAX_VIEWS = 50_000


def _view(ruleset: RuleSet, person: PersonFacts, on: date) -> _PersonView:
    """Memoized by identity: a caller asking about one person and many items pays once."""
    key = (id(ruleset), id(person), on)
    hit = _VIEWS.get(key)
    if hit is not None and hit[0] is ruleset and hit[1] is person:
        return hit[2]
    st = standing(person, on)
    deciding = deciding_country(person, on, ruleset.deciding)
    covered = coverage(st, ruleset.covered.not_covered)
    if covered is not False and ruleset.covered.by_country:
        inside = _country_covered(ruleset, deciding)
        covered = False if inside is False else (None if inside is None else covered)
    view = _PersonView(st, covered, deciding)
    if len(_VIEWS) >= _MAX_VIEWS:
        _VIEWS.clear()
    _VIEWS[key] = (ruleset, person, view)
    return view


def forget_person_views() -> None:
    """Let go of the remembered views of people (and so of the people's facts they keep
    alive): a caller that has asked about every person once (the authorization matrix,
    up to 50,000 entries, 18 MB) and will not ask again soon calls this when done."""
    _VIEWS.clear()


_MODE_WORDS = {"parameters": "release of the parameters", "use": "use",
               "fine_tuning": "fine-tuning"}


def _mode_label(item: ItemFacts) -> str:
    """The item with the way it is reached, when the record names one: "4E091 (use)"."""
    if item.mode is None:
        return item.label
    return f"{item.label} ({_MODE_WORDS.get(item.mode, item.mode)})"


def _country_covered(ruleset: RuleSet, deciding: DecidingResult) -> bool | None:
    """Whether the deciding country is among those the rule set covers (None: not known,
    or the possible countries disagree)."""
    codes = ({deciding.country} if deciding.country is not None
             else {c.country for c in deciding.candidates})
    if not codes:
        return None
    scope, ref = ruleset.covered, load_reference()
    inside = {c in scope.countries or any(ref.in_group(c, g) for g in scope.country_groups)
              for c in codes}
    return inside.pop() if len(inside) == 1 else None


@cache
def _not_applicable(ruleset: RuleSet, label: str) -> RulesetResult:
    return _result(ruleset, False, False, None,
                   f"{_the(ruleset.title, True)} does not control {label}.", ())


def evaluate(ruleset: RuleSet, person: PersonFacts, item: ItemFacts, on: date) -> RulesetResult:
    if not ruleset.items.covers(item):
        return _not_applicable(ruleset, _mode_label(item))
    if item.not_subject and ruleset.licensing.method is LicensingMethod.COMMERCE_COUNTRY_CHART:
        text, cites = not_subject.reason(item.label, item.not_subject, person.object_name)
        return _result(ruleset, True, False, None, text, cites)
    view = _view(ruleset, person, on)
    st, covered, deciding = view.standing, view.covered, view.deciding
    if covered is False:
        return _not_covered(ruleset, person, item, st, deciding)
    if ruleset.licensing.method is LicensingMethod.ALL_DESTINATIONS:
        result = _all_destinations(ruleset, person, item, st, deciding)
    elif ruleset.licensing.method is LicensingMethod.ITAR_RELEASE:
        result = itar_release(ruleset, person, item, on)
    else:
        result = _chart(ruleset, person, item, deciding, on)
        caveat = data_caveat(load_reference(), on, result.country)  # before the issue
        if caveat:
            result = dataclasses.replace(result, reason=f"{result.reason} {caveat}")
    if covered is None and result.license_required is not False:
        missing = missing_for_coverage(st, ruleset.covered.not_covered)
        reason = (f"{result.reason} This holds only if {person.object_name} is among "
                  f"{ruleset.covered.description}; not recorded: {wording.join(missing)}.")
        return _replace(result, None, reason, missing + result.missing)
    return result


def _result(ruleset: RuleSet, applies: bool, required: bool | None, country: str | None,
            reason: str, citations: tuple[str, ...], missing: tuple[str, ...] = (),
            notes: tuple[str, ...] = ()) -> RulesetResult:
    return RulesetResult(
        ruleset=ruleset.id, title=ruleset.title, applies=applies, license_required=required,
        country=country, regulator=ruleset.regulator, form=ruleset.form, reason=reason,
        citations=citations, missing=missing, notes=notes,
        policy=ruleset.licensing.policy)


def _replace(r: RulesetResult, required: bool | None, reason: str,
             missing: tuple[str, ...]) -> RulesetResult:
    return RulesetResult(r.ruleset, r.title, r.applies, required, r.country, r.regulator, r.form,
                         reason, r.citations, wording.unique(missing), r.notes, r.policy)


@cache
def _covered_cites(ruleset: RuleSet) -> tuple[tuple[str, ...], str]:
    cites = wording.unique(str(c) for c in ruleset.covered.citations)
    return cites, wording.cite_list(cites)


@cache
def _directive_cites(ruleset: RuleSet) -> tuple[tuple[str, ...], str]:
    own = tuple(str(c) for c in ruleset.citations)
    cites = wording.unique((*own, *(str(c) for c in ruleset.licensing.citations),
                            *(str(c) for c in ruleset.covered.citations)))
    return cites, wording.cite_list(own or cites)


def _not_covered(ruleset: RuleSet, person: PersonFacts, item: ItemFacts,
                 st: Standing, deciding: DecidingResult) -> RulesetResult:
    cites, cite_text = _covered_cites(ruleset)
    who = (f"{person.display_name} is {st.description}" if st.description and not
           ruleset.covered.by_country else
           f"{person.display_name} {deciding.phrase}")
    reason = (f"{who}. {_the(ruleset.title, True)} covers only "
              f"{ruleset.covered.description}, so releasing {item.label} to "
              f"{person.object_name} needs no license under it ({cite_text}).")
    return _result(ruleset, True, False, None, reason, cites)


def _all_destinations(ruleset: RuleSet, person: PersonFacts, item: ItemFacts, st: Standing,
                      deciding: DecidingResult) -> RulesetResult:
    cites, cite_text = _directive_cites(ruleset)
    who = person.display_name
    about = f"{who} {deciding.phrase}"
    if st.description:
        rest = deciding.phrase.removeprefix("is ")
        about = f"{who} is {st.description} and {rest}"
    about += ". "
    what = ruleset.items.description or item.label
    reason = (f"{about}Under {_the(ruleset.title)} (in force {ruleset.period}), {what} requires "
              f"a license for {ruleset.covered.description}, whatever the country, so releasing "
              f"{item.label} to {person.object_name} requires a license ({cite_text}).")
    notes: tuple[str, ...] = ()
    if deciding.country is None and deciding.missing:
        notes = (f"The deciding country for the application is not known: "
                 f"{wording.join(deciding.missing)} needed.",)
    return _result(ruleset, True, True, deciding.country, reason, cites, notes=notes)


def _chart(ruleset: RuleSet, person: PersonFacts, item: ItemFacts,
           deciding: DecidingResult, on: date) -> RulesetResult:
    eccn = item.eccn
    who = person.display_name
    if eccn is None:
        return _result(ruleset, True, None, deciding.country,
                       f"{item.label} has no ECCN, and {ruleset.title} decides by the ECCN's "
                       "reasons for control.", (DEEMED,), ("the item's ECCN",))
    ev = _evaluator_on(ruleset, on)
    data_note = _data_note(ev)
    person_line = f"{who} {deciding.phrase}. "
    dated = not_yet_in_force(ev.ref, eccn, on)
    if dated is not None:  # never cite an entry for a date before it existed
        reason = (f"{person_line}{eccn} did not exist on {on.isoformat()}: it took effect on "
                  f"{dated.effective.isoformat()} ({dated.citation}); before then "
                  f"{dated.before}. The item's classification as it stood on that date "
                  "decides, and it is not recorded.")
        return _result(ruleset, True, None, deciding.country, reason, (dated.citation,),
                       (f"the item's classification on {on.isoformat()}",))
    if deciding.country is not None or not deciding.candidates:
        ans = ev.answer(eccn, deciding.country)
        head, tail, notes = _parts(ans, eccn, deciding.country, data_note)
        reason = f"{person_line}{head}{person.object_name}{tail}" if tail else person_line + head
        missing = wording.unique((*deciding.missing, *ans.missing)) if (
            ans.license_required is None and deciding.missing) else ans.missing
        return _result(ruleset, True, ans.license_required, deciding.country, reason,
                       ans.citations, missing, notes)
    answers = [(c.country, ev.answer(eccn, c.country)) for c in deciding.candidates]
    parts = " ".join(f"For {wording.name(code)}: {a.because}." for code, a in answers)
    cites = wording.unique(c for _, a in answers for c in a.citations)
    data_note = _data_note(ev)
    values = {a.license_required for _, a in answers}
    strictest = max(answers, key=lambda pair: strictness(pair[1].license_required))
    if len(values) == 1:
        verdict = _verdict(strictest[1].license_required)
        reason = (f"{person_line}{parts} Either way, releasing {eccn} to {person.object_name} "
                  f"{verdict} ({wording.cite_list(_short(cites))}).")
        return _result(ruleset, True, strictest[1].license_required, None, reason, cites,
                       wording.unique(m for _, a in answers for m in a.missing), (data_note,))
    if deciding.tie:
        reason = (f"{person_line}{parts} 15 CFR 734.13(b) does not rank citizenships acquired "
                  f"at the same time, so the stricter answer is given: releasing {eccn} to "
                  f"{person.object_name} {_verdict(strictest[1].license_required)} "
                  f"({wording.cite_list(_short(cites))}).")
        return _result(ruleset, True, strictest[1].license_required, strictest[0], reason,
                       cites, (), (data_note,))
    reason = (f"{person_line}{parts} The answer depends on which is the most recent, so it "
              f"stays unknown until {wording.join(deciding.missing)} is recorded.")
    return _result(ruleset, True, None, None, reason, cites, deciding.missing, (data_note,))


def _verdict(required: bool | None) -> str:
    if required is None:
        return "may require a license"
    return "requires a license" if required else "does not require a license"


def _short(cites: tuple[str, ...]) -> tuple[str, ...]:
    """The citations worth repeating at the end of a sentence: 734.13(b), chart, Part 746."""
    return tuple(c for c in cites if c in (DEEMED, CHART) or c.startswith("15 CFR 746"))


@cache
def _the(title: str, start: bool = False) -> str:
    text = title if title.lower().startswith("the ") else f"the {title}"
    return text[0].upper() + text[1:] if start else text


@cache
def _data_note(ev: ChartEvaluator) -> str:
    return (f"Commerce Country Chart, Country Groups and CCL data as of "
            f"{ev.ref.issue_date.isoformat()} (eCFR).")


_PARTS: dict[tuple[int, str, str | None], tuple[ChartAnswer, str, str, tuple[str, ...]]] = {}


def _parts(ans: ChartAnswer, eccn: str, country: str | None,
           data_note: str) -> tuple[str, str, tuple[str, ...]]:
    """The chart sentence around the person's name, and the notes (memoized per answer)."""
    key = (id(ans), eccn, country)
    hit = _PARTS.get(key)
    if hit is not None and hit[0] is ans:
        return hit[1], hit[2], hit[3]
    head, tail = _sentence(ans, eccn, country)
    notes = ans.notes + ((_EXCEPTIONS_NOTE,) if ans.license_required else ()) + (data_note,)
    if len(_PARTS) >= _MAX_VIEWS:
        _PARTS.clear()
    _PARTS[key] = (ans, head, tail, notes)
    return head, tail, notes


def _sentence(ans: ChartAnswer, eccn: str, country: str | None) -> tuple[str, str]:
    """(head, tail): the sentence is head + the person's name + tail (tail "" = no name)."""
    because = ans.because[0].upper() + ans.because[1:]
    short = wording.cite_list(_short(ans.citations))
    to = f" to {wording.name(country)}" if country else ""
    if ans.license_required is None:
        missing = f" Not recorded: {wording.join(ans.missing)}." if ans.missing else ""
        return f"{because}.{missing}", ""
    verdict = "requires" if ans.license_required else "does not require"
    it = "it" if ans.because.startswith(f"{eccn} is") else eccn
    unless = (" It requires a license unless a license exception applies: "
              + " ".join(ans.offers)) if ans.license_required and ans.offers else ""
    return (f"{because}, so releasing {it} to ",
            f" is a deemed export{to} that {verdict} a license ({short}).{unless}")
