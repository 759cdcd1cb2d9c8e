"""How screening reads on screen: decisions in words and colours, a record's standing in a
sentence, a snapshot in a line. One place, used by the Screening screen and the wizard."""

from __future__ import annotations

from licenseapp.domain.days import local_time
from licenseapp.gui.theme import Tone
from licenseapp.services.screening.dto import Decision, ScreeningState, SnapshotInfo

DECISION_LABELS: dict[Decision, str] = {
    Decision.OPEN: "Unreviewed",
    Decision.ESCALATED: "Escalated",
    Decision.CONFIRMED: "Confirmed match",
    Decision.CLEARED: "Cleared (not the same party)",
}
#: The colours (a theme tone) of each decision's cell: what blocks filing stands out.
DECISION_TONES: dict[Decision, Tone] = {
    Decision.OPEN: Tone.CAUTION,
    Decision.ESCALATED: Tone.ESCALATED,
    Decision.CONFIRMED: Tone.DANGER,
    Decision.CLEARED: Tone.OK,
}
#: The order a reviewer works in: what is open first.
DECISION_ORDER: dict[Decision, int] = {
    Decision.OPEN: 0, Decision.ESCALATED: 1, Decision.CONFIRMED: 2, Decision.CLEARED: 3,
}


#: The lists named on the snapshot line (the rest are counted; all are in its tooltip).
SHOWN_LISTS = 4


def snapshot_counts(snapshot: SnapshotInfo) -> str:
    """Every list's count, one a line."""
    return "\n".join(f"{code}: {count:,}" for code, count in snapshot.counts_by_list)


def snapshot_line(snapshot: SnapshotInfo | None) -> str:
    """"List snapshot in use: published 2026-07-31 · SHA-256 3f2a9c1b… · 25,921 entries
    (SDN 19,181, EL 2,104, …)"."""
    if snapshot is None:
        return "No restricted-party list is loaded yet."
    shown = snapshot.counts_by_list[:SHOWN_LISTS]
    counts = ", ".join(f"{code} {count:,}" for code, count in shown)
    rest = len(snapshot.counts_by_list) - len(shown)
    if rest:
        counts += f" and {rest} more list{'' if rest == 1 else 's'}"
    return (f"List snapshot in use: {snapshot.source}, published {snapshot.published_on:%Y-%m-%d}"
            f" · SHA-256 {snapshot.sha256[:12]}… · {snapshot.entries:,} entries"
            + (f" ({counts})" if counts else ""))


def state_text(state: ScreeningState | None) -> str:
    """Where a record stands, in one sentence a preparer acts on."""
    if state is None:
        return "Screening: checking…"
    if state.screened_at is None:
        return "Screening: not screened yet against the restricted-party lists."
    published = (f"the list of {state.snapshot.published_on:%Y-%m-%d}" if state.snapshot
                 else "the restricted-party lists")
    when = local_time(state.screened_at)[:10]
    if state.confirmed:
        entries = "; ".join(f"{h.hit.list_code} {h.hit.entry_name}" for h in state.confirmed)
        return (f"Screening: CONFIRMED MATCH ({entries}) — this party may not be filed for "
                f"until the match is resolved.")
    if state.open_hits:
        n = len(state.open_hits)
        return (f"Screening: {n} open hit{'' if n == 1 else 's'} to review (screened {when} "
                f"against {published}); filing waits for the review.")
    return f"Screening: clear as of {when}, against {published}."
