"""Plain-language clauses for the chart evaluation ("3E001 is controlled for NS1 and ...")."""

from __future__ import annotations

from licenseapp.domain.rules import wording
from licenseapp.domain.rules.ccl_controls import Control, DestinationKind, ScopeKind
from licenseapp.domain.rules.chart_hits import CHART, ControlHit, ControlMatch
from licenseapp.domain.rules.ruleset import ReasonInfo

Reasons = dict[str, ReasonInfo]


def _column_words(column: str) -> str:
    return f"{column[:2]} Column {column[2:]}"


def _reason_cites(reasons: Reasons, controls: list[Control]) -> tuple[str, ...]:
    return wording.unique(reasons[c.reason].citation for c in controls if c.reason in reasons)


def _destination(control: Control) -> str:
    d = control.destination
    if d.kind is DestinationKind.WORLDWIDE:
        text = "to or within any destination worldwide"
        if d.excluded_countries:
            text += " except " + wording.join(wording.name(c) for c in sorted(d.excluded_countries))
        return text
    if d.kind is DestinationKind.GROUPS:
        groups = sorted(d.groups)
        text = f"to Country Group{'s' if len(groups) > 1 else ''} {wording.join(groups)}"
        if d.excluded_groups:
            text += f" (except those also in {wording.join(sorted(d.excluded_groups), 'or')})"
        if d.countries:
            text += " and to " + wording.join(wording.name(c) for c in sorted(d.countries))
        return text
    if d.kind is DestinationKind.COUNTRIES:
        return "to " + wording.join((wording.name(c) for c in sorted(d.countries)), "or")
    return ""


def _with_cites(text: str, cites: tuple[str, ...]) -> str:
    return f"{text} ({wording.cite_list(cites)})" if cites else text


def explain(reasons: Reasons, eccn: str, country: str, hits: list[ControlHit],
            required: bool) -> tuple[str, tuple[str, ...]]:
    """The clause for a clear answer; ``hits`` are the deciding lines (required) or all."""
    controls = [h.control for h in hits]
    columns = [c for c in controls if c.destination.kind is DestinationKind.COLUMN]
    cites: list[str] = []
    if columns:
        cites.append(CHART)
    cites.extend(_reason_cites(reasons, controls))
    where = wording.name(country)
    if not required:
        if not hits:
            return (f"none of the control lines of {eccn.split('.')[0]} covers {eccn}",
                    tuple(cites))
        labels = wording.join(wording.unique(c.label for c in controls))
        if len(columns) == len(controls):
            marked = wording.join(wording.unique(_column_words(c.destination.column)
                                                 for c in columns), "or")
            return (f"{eccn} is controlled for {labels}, and {where} is not marked under "
                    f"{marked} of the Commerce Country Chart", tuple(cites))
        for c in controls:
            cites.extend(c.citations)
        return f"{eccn} is controlled for {labels}, none of which covers {where}", tuple(cites)
    clauses: list[str] = []
    if columns:
        labels = wording.join(wording.unique(c.destination.column for c in columns))
        marked = wording.join(wording.unique(_column_words(c.destination.column)
                                             for c in columns))
        clauses.append(f"{eccn} is controlled for {labels} and {where} is marked under "
                       f"{marked} of the Commerce Country Chart")
    for hit in hits:
        c = hit.control
        kind = c.destination.kind
        if kind is DestinationKind.COLUMN:
            continue
        cites.extend(hit.citations or c.citations)
        if not c.reason:  # a chart footnote
            clauses.append(hit.note)
        elif kind is DestinationKind.UNRESOLVED:
            clauses.append(f"{eccn} is controlled for {c.reason}: {hit.note}")
        else:
            text = _with_cites(f"{eccn} is controlled for {c.reason} {_destination(c)}",
                               c.citations)
            if kind is DestinationKind.GROUPS and country not in c.destination.countries:
                text += f", which include {where}"
            clauses.append(text)
    return "; ".join(wording.unique(clauses)), tuple(cites)


def explain_unknown(reasons: Reasons, eccn: str, country: str,
                    hits: list[ControlHit]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The clause, citations and missing facts when a license may be required."""
    base = eccn.split(".")[0]
    parts: list[str] = []
    missing: list[str] = []
    cites: list[str] = list(_reason_cites(reasons, [h.control for h in hits]))
    where = wording.name(country)
    paragraphs: list[str] = []
    excepted: list[str] = []
    for hit in hits:
        c = hit.control
        cites.extend(hit.citations or c.citations)
        if c.destination.kind is DestinationKind.COLUMN:
            cites.insert(0, CHART)
        unknown = hit.match is ControlMatch.UNKNOWN
        if unknown:
            first = (hit.citations or c.citations or ("the EAR",))[0]
            missing.append(f"whether {first} requires a license for {where} "
                           "(not assessed by this rule set)")
        detail = (f"{c.label}: {hit.note}" if hit.note else c.label) if unknown else (
            f"{c.label}, which covers {where}")
        if not hit.depends:
            parts.append(detail)
            continue
        parts.append(f"“{c.text}” ({detail})" if c.reason else hit.note)
        scope = c.scope
        if not scope.resolvable or not scope.paragraphs:
            missing.append(f"which part of {base} the item is in (for its "
                           f"{c.reason or 'listed'} control)")
        else:
            target = excepted if scope.kind is ScopeKind.EXCEPT else paragraphs
            target.extend(f"{base}.{p}" for p in scope.paragraphs)
    if paragraphs:
        missing.insert(0, "the ECCN paragraph (is the item in "
                       f"{wording.join(wording.unique(paragraphs), 'or')}?)")
    if excepted:
        missing.insert(0, "the ECCN paragraph (is the item in "
                       f"{wording.join(wording.unique(excepted), 'or')}, which "
                       f"{'is' if len(set(excepted)) == 1 else 'are'} excepted?)")
    clause = (f"{eccn} may need a license for a deemed export to {where}, depending on "
              f"facts not given: {'; '.join(wording.unique(parts))}")
    return clause, tuple(cites), wording.unique(missing)
