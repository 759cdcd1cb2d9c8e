"""The determination dialog's text, as HTML built from plain records (user text escaped)."""

from __future__ import annotations

from datetime import UTC
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licenseapp.services.directive.determination_records import (
        ApplicationDeterminations,
        RecordedDetermination,
    )


def out_of_date_text(found: ApplicationDeterminations) -> str:
    """One plain paragraph for the details pane: the stored answer, and whether today's
    rules differ."""
    if not found.recorded:
        return "No determination is stored for this application (it names no person)."
    answers = "; ".join(f"{d.item_label}: {d.answer}" for d in found.recorded)
    when = min(d.recorded_at for d in found.recorded).astimezone(UTC)
    if found.out_of_date:
        return (f"Determination out of date with the current rules — recorded "
                f"{when:%Y-%m-%d} ({answers}). {' '.join(found.changes)}")
    return f"Determination recorded {when:%Y-%m-%d}: {answers}. The rules have not changed since."


def out_of_date_html(found: ApplicationDeterminations) -> str:
    """:func:`out_of_date_text` for the details pane: its first words in bold."""
    text = escape(out_of_date_text(found))
    for lead in ("Determination out of date with the current rules", "Determination recorded"):
        if text.startswith(lead):
            return f"<b>{lead}</b>{text[len(lead):]}"
    return text


def _one(d: RecordedDetermination) -> str:
    when = d.recorded_at.astimezone(UTC)
    rulesets = "".join(
        f"<li>{escape(s.title)} ({escape(s.id)}), version {s.version_no}, "
        f"SHA-256 {escape(s.sha256[:16])}…</li>" for s in d.rulesets)
    citations = escape("; ".join(d.citations)) or "none"
    mode = escape(d.access_mode or "not recorded")
    return (f"<h3>{escape(d.person_name)} × {escape(d.item_label)}</h3>"
            f"<p><b>{escape(d.answer.capitalize())}</b> as of {d.on.isoformat()} "
            f"(access mode: {mode}).</p>"
            f"<p>{escape(d.reason)}</p><p>Citations: {citations}</p>"
            f"<p>Rule sets it was answered under:</p><ul>{rulesets}</ul>"
            f"<p>Recorded {when:%Y-%m-%d %H:%M} UTC by {escape(d.recorded_by)}; reference data "
            f"of {d.reference_date.isoformat()}. A stored determination never changes.</p>")


def render_determinations(found: ApplicationDeterminations) -> str:
    parts = []
    if found.out_of_date:
        changes = "".join(f"<li>{escape(c)}</li>" for c in found.changes)
        parts.append("<p><b>Out of date with the current rules.</b> The answer below was "
                     "recorded under earlier rules and is kept as it was:</p>"
                     f"<ul>{changes}</ul>")
    if not found.recorded:
        parts.append("<p>No determination is stored: the application names no person.</p>")
    parts += [_one(d) for d in found.recorded]
    return "".join(parts)
