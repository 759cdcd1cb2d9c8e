"""Which new statuses a set of selected applications may take together, and for each
application that may not, why (the lifecycle of its regulator, in words).

A status that needs a value of its own for each application (a license number and expiry
on approval) is never offered for many at once; one that needs the regulator's reference
(registration) is open to the applications that already have it. The service still checks
each change (:func:`licenseapp.services.follow_up.tracking.change_status`): this is what
the dialog offers and foretells, not the guard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.lifecycle import REQUIREMENTS, lifecycle

#: Requirements that are one value per application: such a status is changed one by one.
OWN_VALUES = frozenset({"license_no", "valid_until"})


@dataclass(frozen=True)
class SelectedApplication:
    """An application as selected in the list."""

    ref: str
    regulator: str
    status: str
    #: The regulator's reference (e.g. the ACN) is already recorded.
    has_regulator_ref: bool = False


@dataclass(frozen=True)
class BulkTarget:
    """A status some of the selection may take: ``able`` (refs) and ``unable`` (ref → why)."""

    status: ApplicationStatus
    label: str
    able: tuple[str, ...]
    unable: dict[str, str] = field(default_factory=dict)

    @property
    def for_all(self) -> bool:
        return not self.unable


def why_not(app: SelectedApplication, target: ApplicationStatus) -> str | None:
    """Why ``app`` cannot take ``target`` (None: it can), in words."""
    cycle = lifecycle(app.regulator)
    if target not in cycle.transitions:
        return f"{app.regulator} applications have no status “{target.label.lower()}”"
    now, then = cycle.label(app.status).lower(), cycle.label(target).lower()
    if target == ApplicationStatus(app.status):
        return f"it is {now} already"
    if target not in cycle.allowed(app.status):
        if not cycle.allowed(app.status):
            return f"{now} is final"
        return f"{now} cannot become {then} ({app.regulator} lifecycle)"
    needs = [r for r in cycle.requires.get(target, ())
             if not (r == "regulator_ref" and app.has_regulator_ref)]
    if needs:
        words = [REQUIREMENTS.get(r, (r, ""))[1] or f"the {cycle.regulator_ref_name}"
                 for r in needs]
        return f"{then} needs {' and '.join(words)}: change it on its own"
    return None


def bulk_targets(selected: Sequence[SelectedApplication]) -> list[BulkTarget]:
    """The statuses at least one selected application may take and none needs a value of
    its own for; those all of them may take first, each group in the process's order."""
    found: list[BulkTarget] = []
    for target in ApplicationStatus:
        if any(OWN_VALUES & set(lifecycle(a.regulator).requires.get(target, ()))
               for a in selected):
            continue
        unable = {a.ref: why for a in selected if (why := why_not(a, target)) is not None}
        able = tuple(a.ref for a in selected if a.ref not in unable)
        if able:
            label = lifecycle(selected[0].regulator).label(target) if selected else target.label
            found.append(BulkTarget(target, label, able, unable))
    return sorted(found, key=lambda t: not t.for_all)  # stable: the order otherwise kept


__all__ = ["OWN_VALUES", "BulkTarget", "SelectedApplication", "bulk_targets", "why_not"]
