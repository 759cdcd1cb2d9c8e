"""Application lifecycles: one mechanism, one transition table per regulator (data files).

The tables live in ``resources/lifecycles/<REGULATOR>.json``: the allowed transitions, what
each target status needs (an Application Control Number, a license number...), the
regulator's clock (``clock``: what starts and stops it, its limits or targets, in calendar or
working days, each with its citation; :mod:`licenseapp.domain.clock`), the deadlines a status
starts (``deadlines``), and the regulator's own names for shared statuses. Figures not checked
against their source say so (``"confirmed": false`` and where to confirm them).
Each status lists its targets with the usual next step first: that is the step a status
change proposes (:meth:`Lifecycle.next_step`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from licenseapp import paths
from licenseapp.domain.clock import ClockRule, parse_clock
from licenseapp.domain.enums import ApplicationStatus, Regulator
from licenseapp.domain.periods import Period, parse_calendars, parse_period
from licenseapp.errors import LicenseAppError, ValidationError

#: What a transition may need (as the lifecycle files name it): the id of the field that
#: gives it (:class:`~licenseapp.errors.ValidationError`) and how it is named in words
#: ("" for the regulator's reference: each lifecycle names its own).
REQUIREMENTS = {
    "regulator_ref": ("regulator_ref", ""),
    "license_no": ("license_number", "the license number"),
    "valid_until": ("valid_until", "the license expiry date"),
}


@dataclass(frozen=True)
class Lifecycle:
    regulator: str
    title: str
    initial: ApplicationStatus
    transitions: dict[ApplicationStatus, frozenset[ApplicationStatus]]
    requires: dict[ApplicationStatus, tuple[str, ...]]
    clock: ClockRule
    labels: dict[ApplicationStatus, str] = field(default_factory=dict)
    regulator_ref_name: str = "reference"
    regulator_ref_format: str = "free"
    sources: tuple[str, ...] = ()
    #: Each status's targets in the order the file lists them, the usual next step first.
    listed: dict[ApplicationStatus, tuple[ApplicationStatus, ...]] = field(default_factory=dict)
    #: The periods each status starts (an intent to deny: the days to respond).
    deadlines: dict[ApplicationStatus, tuple[Period, ...]] = field(default_factory=dict)

    @property
    def statuses(self) -> list[ApplicationStatus]:
        return list(self.transitions)

    def label(self, status: ApplicationStatus | str) -> str:
        status = ApplicationStatus(status)
        return self.labels.get(status, status.label)

    def allowed(self, current: ApplicationStatus | str) -> frozenset[ApplicationStatus]:
        return self.transitions.get(ApplicationStatus(current), frozenset())

    def next_step(self, current: ApplicationStatus | str) -> ApplicationStatus | None:
        """The step a status change proposes from ``current``: the first target the
        lifecycle lists for it (None for a final status)."""
        current = ApplicationStatus(current)
        allowed = self.allowed(current)
        listed = [s for s in self.listed.get(current, ()) if s in allowed]
        return listed[0] if listed else min(allowed, default=None)

    def check(
        self, current: ApplicationStatus | str, target: ApplicationStatus | str,
        provided: set[str] | None = None,
    ) -> None:
        """Refuse a forbidden transition, or one missing what it needs, with the reason."""
        current = ApplicationStatus(current)
        target = ApplicationStatus(target)
        if target not in self.transitions:
            raise LicenseAppError(
                f"{self.regulator} applications have no status {target.value!r}"
            )
        if target not in self.allowed(current):
            nexts = ", ".join(s.value for s in sorted(self.allowed(current))) or "none (final)"
            raise LicenseAppError(
                f"an application that is {self.label(current).lower()} cannot become "
                f"{self.label(target).lower()} ({self.regulator} lifecycle); next allowed: {nexts}"
            )
        missing = [r for r in self.requires.get(target, ()) if r not in (provided or set())]
        if missing:
            fields = [REQUIREMENTS.get(m, (m, ""))[0] for m in missing]
            words = [REQUIREMENTS.get(m, (m, ""))[1] or f"the {self.regulator_ref_name}"
                     for m in missing]
            what = " and ".join(filter(None, (", ".join(words[:-1]), words[-1])))
            raise ValidationError(
                fields[0], f"{self.label(target).lower()} needs {what}",
                more_fields=tuple(fields[1:]),
            )

    def path_to(self, target: ApplicationStatus) -> list[ApplicationStatus]:
        """A shortest plausible path from the initial status to ``target`` (inclusive)."""
        frontier: list[list[ApplicationStatus]] = [[self.initial]]
        seen = {self.initial}
        while frontier:
            path = frontier.pop(0)
            if path[-1] == target:
                return path
            for nxt in sorted(self.allowed(path[-1])):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append([*path, nxt])
        raise LicenseAppError(f"{self.regulator} lifecycle cannot reach {target.value}")


def parse_lifecycle(text: str, source: str) -> Lifecycle:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LicenseAppError(f"{source}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    try:
        transitions = {
            ApplicationStatus(k): frozenset(ApplicationStatus(v) for v in vs)
            for k, vs in data["transitions"].items()
        }
        calendars = parse_calendars(data.get("calendars", {}))
        regulator = str(data["regulator"])
        clock = parse_clock(regulator, data.get("clock", {}), calendars)
        deadlines: dict[ApplicationStatus, tuple[Period, ...]] = {}
        for raw in data.get("deadlines", []):
            status = ApplicationStatus(raw["status"])
            deadlines[status] = (*deadlines.get(status, ()), parse_period(raw, calendars))
        named = [clock.starts, clock.untimed[0] if clock.untimed else None,
                 *(step.starts for step in clock.steps)]
        for status in (*filter(None, named), *clock.stops, *deadlines):
            if status not in transitions:
                raise ValueError(f"the clock or a deadline names {status.value}, which has "
                                 "no entry")
        for targets in transitions.values():
            for target in targets:
                if target not in transitions:
                    raise ValueError(f"transition to {target.value} which has no entry")
        return Lifecycle(
            regulator=regulator,
            title=str(data.get("title", "")),
            initial=ApplicationStatus(data["initial"]),
            transitions=transitions,
            requires={ApplicationStatus(k): tuple(v) for k, v in data.get("requires", {}).items()},
            clock=clock,
            deadlines=deadlines,
            labels={ApplicationStatus(k): str(v) for k, v in data.get("labels", {}).items()},
            regulator_ref_name=str(data.get("regulator_ref", {}).get("name", "reference")),
            regulator_ref_format=str(data.get("regulator_ref", {}).get("format", "free")),
            sources=tuple(data.get("sources", [])),
            listed={ApplicationStatus(k): tuple(ApplicationStatus(v) for v in vs)
                    for k, vs in data["transitions"].items()},
        )
    except KeyError as exc:
        raise LicenseAppError(f"{source}: the field {exc.args[0]!r} is missing") from None
    except ValueError as exc:
        raise LicenseAppError(f"{source}: {exc}") from None


@cache
def file_lifecycle(regulator: Regulator | str) -> Lifecycle:
    """The lifecycle as its file states it (no team's corrections)."""
    code = Regulator(regulator).value
    node = paths.resource("lifecycles", f"{code}.json")
    return parse_lifecycle(node.read_text(encoding="utf-8"), f"lifecycles/{code}.json")


@cache
def lifecycle(regulator: Regulator | str) -> Lifecycle:
    """The lifecycle every deadline and clock counts by: the file's, with the periods the
    team corrected (:mod:`licenseapp.domain.period_corrections`)."""
    from licenseapp.domain.period_corrections import corrected_lifecycle

    return corrected_lifecycle(file_lifecycle(regulator))
