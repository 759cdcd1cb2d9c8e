"""The EAR licensing method: an ECCN's controls against the Commerce Country Chart.

For one deciding country: Part 746 embargoes first (their countries have no chart marks),
then each control line of the ECCN (chart column, worldwide, country groups, named
countries, or a special rule from the rule set), then chart footnotes that list ECCNs.
Answers are cached per (ECCN, country): the evaluator is built once per rule set.
"""

from __future__ import annotations

import re
from dataclasses import replace

from licenseapp.domain.rules import wording
from licenseapp.domain.rules.ccl_controls import (
    Control,
    ControlScope,
    Destination,
    DestinationKind,
    ScopeKind,
    ScopeState,
)
from licenseapp.domain.rules.chart_hits import (
    CHART,
    DEEMED,
    EMBARGO_PART,
    OUTCOME_MATCH,
    ChartAnswer,
    ControlHit,
    ControlMatch,
)
from licenseapp.domain.rules.chart_wording import explain, explain_unknown
from licenseapp.domain.rules.license_exceptions import listed_for, offers
from licenseapp.domain.rules.reference import CclEntry, Reference
from licenseapp.domain.rules.ruleset import RuleSet, SpecialControl


class ChartEvaluator:
    def __init__(self, ruleset: RuleSet, reference: Reference) -> None:
        self.ruleset = ruleset
        self.licensing = ruleset.licensing
        self.ref = reference
        self._cache: dict[tuple[str, str | None], ChartAnswer] = {}
        self._footnote_countries = {
            f.footnote: reference.countries_with_footnote(f.footnote)
            for f in self.licensing.footnote_controls
        }
        self._special_countries = {
            s.footnote: reference.countries_with_footnote(s.footnote)
            for s in self.licensing.special_controls if s.footnote
        }

    def answer(self, eccn: str, country: str | None) -> ChartAnswer:
        key = (eccn, country)
        found = self._cache.get(key)
        if found is None:
            raw = self._answer(eccn, country)
            found = self._cache[key] = ChartAnswer(
                raw.license_required, raw.because, wording.unique(raw.citations),
                wording.unique(raw.missing), wording.unique(raw.notes), raw.offers)
        return found

    def _answer(self, eccn: str, country: str | None) -> ChartAnswer:
        base, _, paragraph = eccn.partition(".")
        if eccn == "EAR99":
            return self._ear99(country)
        entry = self.ref.ccl[base]
        answer = self._entry_answer(eccn, base, paragraph, entry, country)
        if not entry.caveat:
            return answer
        caveat = f"Data caveat (ECCN {base}): {entry.caveat}"
        return replace(answer, notes=(*answer.notes, caveat))

    def _entry_answer(self, eccn: str, base: str, paragraph: str, entry: CclEntry,
                      country: str | None) -> ChartAnswer:
        entry_cite = f"Supp. 1 to Part 774 (ECCN {base})"
        if country is None:
            return self._any_country(eccn, entry, paragraph, entry_cite)
        chart_country = self.licensing.country_aliases.get(country, country)
        notes: tuple[str, ...] = ()
        if chart_country != country:
            notes = (f"{wording.name_start(country)} is treated as "
                     f"{wording.name(chart_country)} for the Commerce Country Chart "
                     f"({wording.cite_list(str(c) for c in self.licensing.alias_citations)}).",)
        embargo = self.licensing.embargoes.get(chart_country)
        if embargo is not None and (embargo.all_items or entry.reasons & embargo.reasons):
            why = "all items subject to the EAR" if embargo.all_items else (
                "items on the Commerce Control List controlled for "
                + wording.join(sorted(embargo.reasons), "or"))
            listed = wording.join(sorted(entry.reasons & embargo.reasons)) or "its reasons"
            cites = tuple(str(c) for c in embargo.citations)
            return ChartAnswer(
                True,
                f"{wording.name_start(chart_country)} is an embargoed destination without "
                f"Commerce Country Chart marks: {cites[0] if cites else EMBARGO_PART} requires a "
                f"license for {why}, and {eccn} is controlled for {listed}",
                (DEEMED, *cites, entry_cite),
                notes=notes + _note(embargo.note) + _flag(embargo.unconfirmed))
        if not entry.controls:
            return ChartAnswer(
                None,
                f"the reference data holds no license requirements for {eccn} (the entry may "
                "be reserved, subject to the ITAR, or its text was not read)",
                (DEEMED, entry_cite),
                missing=(f"the license requirements of ECCN {base} (Supp. 1 to Part 774)",),
                notes=notes)
        hits = self._hits(entry, eccn, base, paragraph, chart_country)
        answer = self._combine(eccn, chart_country, hits, entry_cite, notes)
        if answer.license_required is None and not paragraph:
            return self._every_paragraph(eccn, base, chart_country, entry, hits, notes) or answer
        return answer

    def _hits(self, entry: CclEntry, eccn: str, base: str, paragraph: str,
              country: str) -> list[ControlHit]:
        hits = [h for h in (self._hit(c, paragraph, country) for c in entry.controls)
                if h is not None]
        return hits + self._footnote_hits(eccn, base, paragraph, country)

    def _every_paragraph(self, eccn: str, base: str, country: str, entry: CclEntry,
                         hits: list[ControlHit], notes: tuple[str, ...]) -> ChartAnswer | None:
        """Without a paragraph: the answer if every paragraph the lines name, and any other
        paragraph, give the same clear answer (e.g. 0D606: NS1 except .y, and RS to China
        for .y). None if they differ or a line names its part in words."""
        depends = [h for h in hits if h.depends]
        if any(not h.control.scope.resolvable for h in depends):
            return None
        scenarios = wording.unique(p for h in depends for p in h.control.scope.paragraphs)
        answers: list[tuple[str, ChartAnswer]] = []
        for p in (*scenarios, _OTHER):
            hits_p = self._hits(entry, f"{base}.{p}", base, p, country)
            answer = self._combine(eccn, country, hits_p, f"Supp. 1 to Part 774 (ECCN {base})",
                                   notes)
            if answer.license_required is None:
                return None
            answers.append((p, answer))
        values = {a.license_required for _, a in answers}
        if len(values) != 1:
            return None
        parts = [f"{a.because} (for {base}.{p})" if p != _OTHER else f"{a.because} (otherwise)"
                 for p, a in answers]
        cites = wording.unique(c for _, a in answers for c in a.citations)
        verdict = "needs" if values == {True} else "needs no"
        return ChartAnswer(
            values.pop(), f"whatever its paragraph, {eccn} {verdict} a license for "
            f"{wording.name(country)}: {'; '.join(parts)}", cites, notes=notes)

    def _hit(self, control: Control, paragraph: str, country: str) -> ControlHit | None:
        state = control.scope.state(paragraph)
        if state is ScopeState.EXCLUDED:
            return None
        depends = state is ScopeState.DEPENDS
        d = control.destination
        if d.kind is DestinationKind.COLUMN:
            marks = self.ref.chart.get(country)
            if marks is not None:
                found = ControlMatch.YES if d.column in marks else ControlMatch.NO
                return ControlHit(control, found, depends)
            if country in self.licensing.embargoes:
                return ControlHit(control, ControlMatch.NO, depends)  # Part 746 answered above
            note = (f"{wording.name_start(country)} has no marks in the Commerce Country Chart "
                    f"({self.ref.pointers.get(country) or 'no row in the chart data'})")
            return ControlHit(control, ControlMatch.UNKNOWN, depends, note)
        if d.kind is DestinationKind.WORLDWIDE:
            excluded = country in d.excluded_countries
            return ControlHit(control, ControlMatch.NO if excluded else ControlMatch.YES, depends)
        if d.kind is DestinationKind.COUNTRIES:
            listed = country in d.countries
            return ControlHit(control, ControlMatch.YES if listed else ControlMatch.NO, depends)
        if d.kind is DestinationKind.GROUPS:
            if country in d.countries:
                return ControlHit(control, ControlMatch.YES, depends)
            if country not in self.ref.groups:
                return ControlHit(control, ControlMatch.UNKNOWN, depends,
                            f"{wording.name_start(country)} is not in the Country Groups data")
            member = any(self.ref.in_group(country, g) for g in d.groups) and not any(
                self.ref.in_group(country, g) for g in d.excluded_groups)
            return ControlHit(control, ControlMatch.YES if member else ControlMatch.NO, depends)
        return self._special(control, country, depends)

    def _special(self, control: Control, country: str, depends: bool) -> ControlHit:
        for special in self.licensing.special_controls:
            if special.pattern.search(control.chart_text) or special.pattern.search(control.text):
                return self._apply_special(special, control, country, depends)
        outcome = self.licensing.unresolved
        note = (f"the entry's line \"{control.text}\" ({control.chart_text}) is not read by "
                "this rule set")
        return ControlHit(control, OUTCOME_MATCH[outcome], depends, note)

    def _apply_special(self, special: SpecialControl, control: Control, country: str,
                       depends: bool) -> ControlHit:
        if special.countries is not None and country not in special.countries:
            return ControlHit(control, ControlMatch.NO, depends)
        if country in special.except_countries:
            return ControlHit(control, ControlMatch.NO, depends)
        if special.footnote and country not in self._special_countries[special.footnote]:
            return ControlHit(control, ControlMatch.NO, depends)
        cites = tuple(str(c) for c in special.citations) or control.citations
        note = special.note + (f" (unconfirmed: {special.unconfirmed})"
                               if special.unconfirmed else "")
        return ControlHit(control, OUTCOME_MATCH[special.outcome], depends, note, cites)

    def _footnote_hits(self, eccn: str, base: str, paragraph: str,
                       country: str) -> list[ControlHit]:
        out: list[ControlHit] = []
        for fc in self.licensing.footnote_controls:
            if country not in self._footnote_countries[fc.footnote]:
                continue
            for listed in fc.eccns:
                l_base, _, l_par = listed.partition(".")
                if l_base != base:
                    continue
                within = not l_par or paragraph == l_par or paragraph.startswith(l_par + ".")
                if within or not paragraph:
                    text = (f"footnote {fc.footnote} of the Commerce Country Chart requires a "
                            f"license for {listed} to {wording.name(country)}")
                    scope = (ControlScope(ScopeKind.PARTIAL, (l_par,)) if l_par
                             else ControlScope(ScopeKind.ENTIRE))
                    ctl = Control("", f"applies to {listed}", text, scope,
                                  Destination(DestinationKind.COUNTRIES), ())
                    noted = text + (f" ({fc.note})" if fc.note else "")
                    out.append(ControlHit(ctl, ControlMatch.YES, not within, noted,
                                          tuple(str(c) for c in fc.citations)))
        return out

    def _ear99(self, country: str | None) -> ChartAnswer:
        base_reason = ("EAR99 items need no license for a deemed export except to embargoed "
                       "destinations (Part 746)")
        if country is None:
            return ChartAnswer(None, base_reason + ", so the answer depends on the country",
                               (DEEMED, EMBARGO_PART))
        chart_country = self.licensing.country_aliases.get(country, country)
        embargo = self.licensing.embargoes.get(chart_country)
        if embargo is None:
            return ChartAnswer(False, base_reason + f", and {wording.name(country)} is not one",
                               (DEEMED, EMBARGO_PART))
        cites = tuple(str(c) for c in embargo.citations)
        notes = _note(embargo.note) + _flag(embargo.unconfirmed)
        if embargo.ear99:
            return ChartAnswer(
                True, f"{wording.name_start(chart_country)} is an embargoed destination: "
                f"{cites[0] if cites else EMBARGO_PART} requires a license even for EAR99 items",
                (DEEMED, *cites), notes=notes)
        return ChartAnswer(
            False, f"{wording.name_start(chart_country)} is an embargoed destination, but the "
            f"embargo ({cites[0] if cites else EMBARGO_PART}) does not require a BIS license "
            "for EAR99 items", (DEEMED, *cites), notes=notes)

    def _any_country(self, eccn: str, entry: CclEntry, paragraph: str,
                     entry_cite: str) -> ChartAnswer:
        """The answer when the deciding country is unknown: only worldwide controls decide."""
        for control in entry.controls:
            d = control.destination
            if (d.kind is DestinationKind.WORLDWIDE and not d.excluded_countries
                    and control.scope.state(paragraph) is ScopeState.APPLIES):
                return ChartAnswer(
                    True, f"{eccn} is controlled for {control.reason} to or within any "
                    f"destination worldwide ({wording.cite_list(control.citations)})",
                    (DEEMED, *control.citations, entry_cite))
        return ChartAnswer(None, f"whether {eccn} needs a license depends on the country",
                           (DEEMED, CHART, entry_cite))

    def _offers(self, eccn: str, country: str, hits: list[ControlHit]) -> tuple[str, ...]:
        reasons = frozenset(h.control.reason for h in hits)
        if "" in reasons:  # a chart footnote (e.g. 600-series): no list-based exception read
            return ()
        return offers(eccn, listed_for(eccn.split(".")[0]), reasons, country, self.ref.in_group)

    def _combine(self, eccn: str, country: str, hits: list[ControlHit], entry_cite: str,
                 notes: tuple[str, ...]) -> ChartAnswer:
        required = [h for h in hits if h.match is ControlMatch.YES and not h.depends]
        maybe = [h for h in hits if h not in required and h.match is not ControlMatch.NO]
        base_cites = (DEEMED,)
        if required:
            clause, cites = explain(self.licensing.reasons, eccn, country, required, required=True)
            found = self._offers(eccn, country, required)
            return ChartAnswer(True, clause, (*base_cites, *cites, entry_cite, *_cites(found)),
                               notes=notes, offers=found)
        if maybe and _every_line_covers(hits):
            clause, cites = explain(self.licensing.reasons, eccn, country, maybe, required=True)
            clause = (f"every control line of {eccn.split('.')[0]} that names its part of the "
                      f"entry covers {wording.name(country)}, so whichever part the item is in, "
                      f"it needs a license: {clause}")
            found = self._offers(eccn, country, maybe)
            return ChartAnswer(True, clause, (*base_cites, *cites, entry_cite, *_cites(found)),
                               notes=notes, offers=found)
        if maybe:
            clause, cites, missing = explain_unknown(self.licensing.reasons, eccn, country, maybe)
            return ChartAnswer(None, clause, (*base_cites, *cites, entry_cite), missing, notes)
        clause, cites = explain(self.licensing.reasons, eccn, country, hits, required=False)
        return ChartAnswer(False, clause, (*base_cites, *cites, entry_cite), notes=notes)


def _cites(offered: tuple[str, ...]) -> tuple[str, ...]:
    """The Part 740 paragraphs the offered license exceptions name."""
    return tuple(m for text in offered for m in _PART_740.findall(text))


_PART_740 = re.compile(r"15 CFR 740\.\d+(?:\([a-z0-9]+\))*")


def _every_line_covers(hits: list[ControlHit]) -> bool:
    """Lines that name their part in words (3D001's "software for 3A090.a") and every other
    line but anti-terrorism (AT applies to every entry) cover the country: whichever line the
    item falls under, a license is required. 9E003 (NS1 for all, SI for some) does not qualify
    for a country NS1 leaves out."""
    depending = [h for h in hits if h.depends]
    return any(not h.control.scope.resolvable for h in depending) and all(
        h.match is ControlMatch.YES for h in hits if h.control.reason != "AT")


#: A paragraph no control line names ("any other paragraph").
_OTHER = "~"


def _note(note: str) -> tuple[str, ...]:
    return (note,) if note else ()


def _flag(unconfirmed: str) -> tuple[str, ...]:
    return (f"Unconfirmed: {unconfirmed}",) if unconfirmed else ()
