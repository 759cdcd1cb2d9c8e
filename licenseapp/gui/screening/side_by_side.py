"""One hit side by side, as HTML: our record against the list entry, the score with every
line of its explanation, and the decision so far."""

from __future__ import annotations

import html

from licenseapp.domain.countries import country_name
from licenseapp.domain.days import local_time
from licenseapp.gui.screening.our_record import OurRecord
from licenseapp.gui.screening.wording import DECISION_LABELS, DECISION_TONES
from licenseapp.gui.theme import Ink, current
from licenseapp.services.screening.dto import Decision, HitView

_e = html.escape


def _cell(value: str) -> str:
    return _e(value) if value else f"<span style='color:{current().hex(Ink.HINT)}'>—</span>"


def _row(label: str, ours: str, theirs: str, *, theirs_html: str = "") -> str:
    # Left-aligned even when the text runs right to left (an Arabic name stays in its column).
    return (f"<tr><td style='color:{current().hex(Ink.HINT)}'>{_e(label)}</td>"
            f"<td align='left'>{_cell(ours)}</td>"
            f"<td align='left'>{theirs_html or _cell(theirs)}</td></tr>")


def _countries(codes: tuple[str, ...]) -> str:
    return ", ".join(f"{country_name(c)} ({c})" if country_name(c) != c else c for c in codes)


def side_by_side_html(view: HitView, ours: OurRecord | None) -> str:
    hit = view.hit
    if ours is None:
        name = native = other = citizens = born = address = ""
        name = view.subject_name
    else:
        name, native, other = ours.name, ours.native_name, ours.other_names
        citizens = ", ".join(ours.citizenships)
        born = ", ".join(x for x in (str(ours.birth_date or ""), ours.birth_place) if x)
        address = ours.address
    link = (f"<a href='{_e(hit.source_url, quote=True)}'>{_e(hit.source_url)}</a>"
            if hit.source_url else "")
    rows = [
        _row("Name", name, hit.entry_name),
        _row("Matched", hit.query_name, hit.matched_name + (
            " (alias)" if hit.matched_name != hit.entry_name else "")),
        _row("Native script", native, ""),
        _row("Other names", other, ""),
        _row("Citizenship / country", citizens, _countries(hit.countries)),
        _row("Born", born, ""),
        _row("Address / work site", address, ""),
        _row("List", "", f"{hit.list_name} ({hit.list_code})"),
        _row("Programs", "", ", ".join(hit.programs)),
        _row("Entry id", "", hit.entry_id),
        _row("Source", "", "", theirs_html=link),
    ]
    ref = ours.ref if ours else view.subject_ref
    table = (
        "<table cellspacing='0' cellpadding='4' width='100%' border='1' "
        f"style='border-collapse:collapse; border-color:{current().hex(Ink.HINT)}'>"
        f"<tr><th></th><th align='left'>Our record — {_e(ref)}</th>"
        f"<th align='left'>List entry</th></tr>{''.join(rows)}</table>"
    )
    lines = "".join(f"<tr><td align='right'><b>{f.effect:+.0f}</b></td><td>{_e(f.label)}</td>"
                    "</tr>" for f in hit.explanation)
    score = (f"<h3>Score {hit.score:.0f} of 100</h3>"
             f"<table cellspacing='0' cellpadding='2'>{lines}</table>")
    return table + score + decision_html(view)


def decision_html(view: HitView) -> str:
    theme = current()
    badge = theme.badge(DECISION_TONES[view.decision])
    text = DECISION_LABELS[view.decision]
    if view.decision is Decision.OPEN:
        detail = "Not reviewed yet: decide below, with a note."
    else:
        detail = f"by {view.decided_by or 'unknown'}, {local_time(view.decided_at)}"
        if view.note:
            detail += f": “{view.note}”"
    extra = ""
    if view.lapsed:
        extra += (f"<p style='color:{theme.hex(Ink.WARNING)}'>An earlier decision no longer "
                  f"applies: {_e(view.lapsed)}.</p>")
    if not view.current:
        extra += (f"<p style='color:{theme.hex(Ink.HINT)}'>The latest screening no longer "
                  "finds this hit: it "
                  "needs no decision.</p>")
    return (f"<p style='{badge.css()} padding:4px'><b>{_e(text)}</b> "
            f"{_e(detail)}</p>{extra}")
