"""The regulator's clock in words, the same everywhere (``show``, the details pane, reports).

Each regulator's clock says what it is: BIS's legal limit (15 CFR 750.4), ECJU's service
targets in working days ("a target, not a legal limit"), DDTC's absence of any regulatory
time limit. Every figure, citation and "unconfirmed" comes from the lifecycle file; none of
another regulator's appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from licenseapp.domain.clock import ClockReading, PeriodReading
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.periods import BINDING_WORDS


@dataclass(frozen=True)
class ClockLine:
    """One labelled line of the clock; ``late`` when it says a limit or step has passed."""

    label: str
    text: str
    late: bool = False


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def clock_headline(reading: ClockReading) -> str:
    """What the clock is, and where it stands, in one line:

    ``ECJU service target: 20 working days (England and Wales bank holidays skipped) — day 7;
    a target, not a legal limit (NTE 2023/15, unconfirmed)``."""
    rule = reading.rule
    if reading.started_on is None or rule.starts is None:
        if rule.starts is None:
            return rule.name
        starts = lifecycle(rule.regulator).label(rule.starts).lower()
        return f"{rule.name}: not started (starts when {starts})"
    day = f"day {reading.counted_days}"
    if reading.ended_on is not None:
        day += f", ended {reading.ended_on.isoformat()}"
    elif reading.stopped_now:
        day += ", stopped"
    limit = reading.limit
    if limit is None:
        return f"{rule.name} — {day} ({rule.count.words}, counted for information only)"
    p = limit.period
    unconfirmed = p.flag
    return (f"{rule.name}: {p.count.plural(p.days)}"
            f"{_skipped(rule.count.words)} — {day}; "
            f"{BINDING_WORDS.get(p.binding, p.binding)} ({p.citation}{unconfirmed})")


def _skipped(words: str) -> str:
    """`` (England and Wales bank holidays skipped)`` from ``working days (…)``."""
    return f" ({words.split('(', 1)[1]}" if "(" in words else ""


def _limit_text(r: PeriodReading, reading: ClockReading, today: date) -> str:
    text = r.due_on.isoformat()
    if reading.ended_on is None and not r.past:
        text += f" (in {_days((r.due_on - today).days)})"
    return f"{r.period.what} by {text}"


def clock_lines(reading: ClockReading, today: date) -> list[ClockLine]:
    """The clock's lines: counted, stopped (and why), decided, each limit or target, each
    open step, and what is unconfirmed."""
    rule = reading.rule
    if reading.started_on is None or rule.starts is None:
        return [ClockLine("Clock", clock_headline(reading))]
    starts = lifecycle(rule.regulator).label(rule.starts).lower()
    lines = [
        ClockLine("Clock", clock_headline(reading)),
        ClockLine("Means", rule.meaning),
        ClockLine("Counted", f"{rule.count.plural(reading.counted_days)} since "
                             f"{reading.started_on.isoformat()} ({starts})"
                             f"{_skipped(rule.count.words)}"),
    ]
    stopped = rule.count.plural(reading.stopped_days) if reading.stopped_days else ""
    if reading.stopped_now:
        why = reading.stopped_by.why if reading.stopped_by is not None else "stopped"
        cite = f" ({reading.stopped_by.citation})" if reading.stopped_by is not None else ""
        stopped = f"{stopped or '0 days'} — stopped now: {why}{cite}"
    if stopped:
        lines.append(ClockLine("Stopped", stopped))
    if reading.ended_on is not None:
        lines.append(ClockLine("Ended", reading.ended_on.isoformat()))
    for r in (*reading.limits, *reading.steps):
        kind = ("Step" if r in reading.steps else
                "Target" if r.period.binding == "target" else "Limit")
        text = f"{r.period.label}: {_limit_text(r, reading, today)}"
        if r.past:
            text += f" — past the {r.period.label}"
        lines.append(ClockLine(kind, f"{text} ({r.period.source})", r.past))
    if rule.untimed is not None and reading.ended_on is None \
            and reading.status is rule.untimed[0]:
        lines.append(ClockLine("Untimed", rule.untimed[1]))
    if reading.ended_on is None and reading.limits and not reading.flags:
        targets = all(r.period.binding == "target" for r in reading.limits)
        lines.append(ClockLine("Flags", "within the targets" if targets
                               else "within the time limits"))
    same: dict[str, list[str]] = {}  # one line for the periods confirmed in one place
    for r in reading.limits:
        if r.period.corrected:
            lines.append(ClockLine("Corrected", f"{r.period.label}: {r.period.confirm_words}"))
        elif r.period.confirm_words:
            same.setdefault(r.period.confirm_words, []).append(r.period.label)
    unconfirmed = [f"{' and '.join(labels)}: {words}" for words, labels in same.items()]
    unconfirmed += [f"{p.why}: unconfirmed" + (f", confirm in {p.confirm_at}"
                                               if p.confirm_at else "")
                    for p in rule.pauses if not p.confirmed
                    and reading.stopped_by is p]
    if unconfirmed:
        lines.append(ClockLine("Unconfirmed", "; ".join(unconfirmed)))
    return lines


def clock_cell(reading: ClockReading) -> str:
    """The clock in a table cell: ``12 days of 90 (3 stopped)``, ``day 7 of a 20-working-day
    service target``, ``40 days (no regulatory time limit)``."""
    if reading.started_on is None:
        return "not started"
    limit = reading.limit
    n = reading.counted_days
    if limit is None:
        text = f"{reading.rule.count.plural(n)} ({reading.rule.name.split(': ', 1)[-1]})"
    elif limit.period.binding == "target":
        text = f"day {n} of a {limit.period.label}"
    else:
        text = f"{_days(n)} of {limit.period.days}"
    if reading.stopped_now:
        text += ", stopped"
    elif reading.stopped_days:
        text += f" ({reading.rule.count.plural(reading.stopped_days)} stopped)"
    if reading.ended_on is not None:
        text += f", ended {reading.ended_on.isoformat()}"
    if reading.flags:
        text += "; " + "; ".join(reading.flags)
    return text


def clock_rule_words(regulator: str) -> str:
    """What a regulator's clock is, for a report's section on its cases: ``ECJU service
    targets: 20 working days (England and Wales bank holidays skipped), a target, not a
    legal limit (NTE 2023/15, unconfirmed)``, or ``DDTC: no regulatory time limit (…)``."""
    rule = lifecycle(regulator).clock
    if not rule.limits:
        return f"{rule.name} (days counted for information only, in {rule.count.words})"
    p = rule.limits[0]
    unconfirmed = p.flag
    return (f"{rule.name}: {p.count.plural(p.days)}{_skipped(rule.count.words)}, "
            f"{BINDING_WORDS.get(p.binding, p.binding)} ({p.citation}{unconfirmed})")
