"""How an authorization state looks: its words first, its colours second (a theme tone).

Every cell says its state in words ("Licensed D1197332 · exp. 2027-12-01", "License
needed", "Suspended 2026-11-27"); the colour only helps the eye. An access that is on
without the license it needs says so in words too ("— access on").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from licenseapp.gui.theme import Tone

if TYPE_CHECKING:  # the services import SQLAlchemy: not at start-up (states compare as str)
    from licenseapp.services.directive.authorization import MatrixCell


@dataclass(frozen=True, slots=True)
class Look:
    label: str  # the state in words, as in the legend and the state filter
    tone: Tone  # its colours, from the theme (light or dark)
    meaning: str  # one sentence for the legend's tooltip


#: Keyed by :class:`AuthState` value (a ``StrEnum``: its members are these strings).
LOOKS: dict[str, Look] = {
    "license_needed": Look(
        "License needed", Tone.DANGER,
        "A license is required and no application exists yet."),
    "unknown": Look(
        "Unknown", Tone.UNKNOWN,
        "The rules cannot tell: data about the person or item is missing."),
    "denied": Look(
        "Denied", Tone.DENIED,
        "The latest decided application for this access was denied."),
    "application_drafted": Look(
        "Drafted", Tone.DRAFTED,
        "An application is being drafted and is not filed yet."),
    "pending": Look(
        "Pending", Tone.INFO,
        "An application is with the regulator."),
    "suspended": Look(
        "Suspended", Tone.VIOLET,
        "Access is suspended (when, by whom and why are recorded)."),
    "revoked": Look(
        "Revoked", Tone.REVOKED,
        "Access was revoked."),
    "licensed": Look(
        "Licensed", Tone.OK,
        "A valid license covers this access."),
    "not_required": Look(
        "Not required", Tone.QUIET,
        "The rule sets in force need no license for this access."),
}

#: Problems first when a column is sorted: what needs acting on comes to the top.
STATE_ORDER: dict[str, int] = {state: n for n, state in enumerate(LOOKS)}
NO_ACCESS_ORDER = len(STATE_ORDER)

NO_ACCESS_TEXT = "—"
NO_ACCESS_TIP = "No access held or requested."


def cell_text(cell: MatrixCell) -> str:
    """The cell's words: the state and the one fact that matters most for it."""
    state = cell.state
    if state == "licensed":
        expires = f" · exp. {cell.license_expires.isoformat()}" if cell.license_expires else ""
        text = f"Licensed {cell.license_number}{expires}".replace("  ", " ")
    elif state in ("suspended", "revoked"):
        when = f" {cell.suspended_at.astimezone().date().isoformat()}" if cell.suspended_at else ""
        text = f"{LOOKS[state].label}{when}"
    elif state in ("pending", "application_drafted", "denied"):
        ref = f" {cell.application_ref}" if cell.application_ref else ""
        text = f"{LOOKS[state].label}{ref}"
    elif state == "unknown":
        text = "Unknown (data missing)" if cell.missing else "Unknown"
    else:
        text = LOOKS[state].label
    if cell.unauthorized_access:
        text += " — access on"
    elif cell.access == "requested" and state not in ("suspended", "revoked"):
        text += " (requested)"
    return text


def cell_tooltip(cell: MatrixCell) -> str:
    lines = [f"{cell.person_name} — {cell.item_name} ({cell.eccn})", cell.detail]
    if cell.unauthorized_access:
        lines.append("Access is ON although no license covers it.")
    elif cell.access == "requested":
        lines.append("Access requested, not given yet.")
    return "\n".join(line for line in lines if line)


def person_text(name: str, native: str) -> str:
    """"Wei Zhang (张伟)"; the native name alone when it is the same as the Latin one."""
    if native and native != name:
        return f"{name} ({native})" if name else native
    return name
