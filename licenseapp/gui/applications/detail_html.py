"""One application as rich text for the details pane (Qt's HTML subset; no Qt import here).

Every user-entered string is escaped. Moments are stored in UTC and shown in local time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from html import escape

from licenseapp.domain.clock import ClockReading
from licenseapp.domain.clock_words import clock_lines
from licenseapp.domain.countries import country_name
from licenseapp.domain.days import local_time
from licenseapp.domain.enums import (
    CLOSED_STATUSES,
    LICENSED_STATUSES,
    PENDING_STATUSES,
    ApplicationStatus,
    ImmigrationStatus,
)
from licenseapp.domain.forms import FormSpec, recipient_label, spec_of
from licenseapp.domain.item_form import kind_label
from licenseapp.domain.value_labels import (
    CITIZENSHIP_BASES,
    DOCUMENT_KINDS,
    EVENT_KINDS,
    PARTY_ROLES,
    in_sentence,
    label,
)
from licenseapp.gui.theme import Tone, current
from licenseapp.services.dto import ApplicationDetail, DeadlineView, EventView, PersonView

_ATTENTION = frozenset({
    ApplicationStatus.INFO_REQUESTED, ApplicationStatus.INTENT_TO_DENY,
    ApplicationStatus.RETURNED_UNREGISTERED,
})
_DUE_SOON_DAYS = 14



def status_tone(status: str) -> Tone:
    """The tone of a status badge."""
    try:
        value = ApplicationStatus(status)
    except ValueError:
        return Tone.REVOKED
    if value in _ATTENTION or value == ApplicationStatus.DENIED:
        return Tone.DANGER
    if value in LICENSED_STATUSES or value == ApplicationStatus.LICENSE_NOT_REQUIRED:
        return Tone.OK
    if value in PENDING_STATUSES:
        return Tone.INFO
    if value in CLOSED_STATUSES:
        return Tone.NEUTRAL
    return Tone.DRAFTED  # being drafted


def _e(value: object) -> str:
    return escape(str(value)) if value not in (None, "") else ""


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column table; ``value`` is already HTML. Empty values are left out."""
    cells = "".join(
        f'<tr><td class="key">{escape(key)}</td><td>{value}</td></tr>'
        for key, value in pairs
        if value
    )
    return f"<table>{cells}</table>" if cells else ""


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], nowrap: int = -1) -> str:
    """A table with a header row; columns empty in every row are left out.

    Column ``nowrap`` (an index) is never wrapped (dates).
    """
    titles = list(headers)
    cells = [list(row) for row in rows]
    keep = [n for n in range(len(titles)) if any(row[n] for row in cells)]
    style = ' style="white-space: nowrap;"'

    def attrs(n: int) -> str:
        return style if n == nowrap else ""

    head = "".join(f"<th{attrs(n)}>{escape(titles[n])}</th>" for n in keep)
    body = "".join(
        "<tr>" + "".join(f"<td{attrs(n)}>{row[n]}</td>" for n in keep) + "</tr>" for row in cells
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _country(code: str | None) -> str:
    return f"{escape(country_name(code))} ({escape(code)})" if code else ""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _native(name: str) -> str:
    """A native-script name; dir="ltr" keeps an Arabic name beside its label, not flush right."""
    if not name:
        return ""
    return f'<p dir="ltr" align="left" class="native" style="margin: 0;">{_e(name)}</p>'


def _person(person: PersonView, spec: FormSpec | None) -> str:
    citizenships = "<br>".join(
        _country(c.country)
        + (f' <span class="muted">since {_day(c.acquired_on)}</span>' if c.acquired_on else "")
        + (f' <span class="muted">({escape(in_sentence(label(CITIZENSHIP_BASES, c.basis)))})</span>'
           if c.basis else "")
        for c in person.citizenships
        if c.ended_on is None
    )
    try:
        immigration = (
            ImmigrationStatus(person.immigration_status).label if person.immigration_status else ""
        )
    except ValueError:
        immigration = person.immigration_status or ""
    birth = (_day(person.date_of_birth), country_name(person.birth_country))
    born = ", ".join(x for x in birth if x)
    work = ", ".join(x for x in (person.job_title, person.employer) if x)
    documents = "<br>".join(
        f"{escape(label(DOCUMENT_KINDS, d.kind))} {escape(d.number_masked)}"
        + (f" {escape(d.document_class)}" if d.document_class else "")
        + (f" ({escape(d.issuing_country)})" if d.issuing_country else "")
        + (f' <span class="muted">expires {_day(d.expires_on)}</span>' if d.expires_on else "")
        for d in person.documents
    )
    return _rows([
        ("Name", f"<b>{_e(person.full_name)}</b> <span class='muted'>{_e(person.ref)}</span>"),
        ("Native script", _native(person.native_name)),
        ("Other names", _e(person.other_names)),
        ("Citizenship", citizenships),
        ("Born", _e(born)),
        ("Residence", _country(person.residency_country)),
        # A form without the entry (a SIEL: the status recorded is a U.S. one): left out.
        (spec.term("immigration_status") if spec else "Immigration status",
         _e(immigration) if not spec or spec.term("immigration_status") else ""),
        ("Work", _e(work)),
        ("Documents", documents),
    ])


def _event(event: EventView) -> str:
    """One line of the timeline: the status reached, who recorded it, the note below."""
    kind = "" if event.kind == "status" else f"{_e(label(EVENT_KINDS, event.kind))}: "
    text = f"{kind}<b>{_e(event.to_label)}</b> <span class='muted'>· {_e(event.actor)}</span>"
    note = _e(event.note) + (f" [{_e(event.reference)}]" if event.reference else "")
    return text + (f"<br><span class='muted'>{note}</span>" if note else "")


def _deadline(due: date, today: date) -> str:
    days = (due - today).days
    if days < 0:
        return f'<span class="late">{due.isoformat()} — {-days} days overdue</span>'
    if days == 0:
        return f'<span class="late">{due.isoformat()} — today</span>'
    text = f"{due.isoformat()} — in {days} day{'s' if days != 1 else ''}"
    return f'<span class="soon">{text}</span>' if days <= _DUE_SOON_DAYS else text


def _what(deadline: DeadlineView, ref: str) -> str:
    return _e(_sentence(deadline.title.removeprefix(f"{ref}: ")))


def _deadlines(deadlines: Sequence[DeadlineView], ref: str, today: date) -> str:
    """Open deadlines (and snoozed ones, saying until when) soonest first; then, apart and
    in grey, those marked done with who, when and the note: the record of what was done."""
    pending = [d for d in deadlines if d.state != "done"]
    done = [d for d in deadlines if d.state == "done"]
    parts = ["<h3>Deadlines</h3>"]
    if pending:
        parts.append(_table(
            ("Due", "What"),
            ((_pending_due(d, today), _what(d, ref) + _note(d)) for d in pending),
            nowrap=0,
        ))
    else:
        parts.append('<p class="muted">Nothing due.</p>')
    if done:
        parts.append(f'<p class="done-head"><b>Done</b> <span class="muted">({len(done)})</span>'
                     "</p>")
        parts.append(_table(
            ("Was due", "What, done by whom"),
            ((f'<span class="muted">{d.due_on.isoformat()}</span>', _done(d, ref))
             for d in done),
            nowrap=0,
        ))
    return "".join(parts)


def _pending_due(d: DeadlineView, today: date) -> str:
    if d.state == "snoozed" and d.snoozed_until is not None:
        return (f'<span class="muted">{d.due_on.isoformat()}<br>'
                f"snoozed until {d.snoozed_until.isoformat()}</span>")
    return _deadline(d.due_on, today)


def _note(d: DeadlineView) -> str:
    return f'<br><span class="muted">Note: {_e(d.note)}</span>' if d.note else ""


def _done(d: DeadlineView, ref: str) -> str:
    when = local_time(d.done_at) if d.done_at is not None else ""
    who = f" by {_e(d.done_by)}" if d.done_by else ""
    return (f'<span class="muted">{_what(d, ref)}</span><br>'
            f'<span class="done">✓ Done {when}{who}</span>{_note(d)}')


def _license_state(state: str) -> str:
    css = {"expired": "late", "revoked": "late", "suspended": "late", "expiring": "soon"}
    label = _e(state.capitalize())
    return f'<span class="{css[state]}">{label}</span>' if state in css else label


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _clock(clock: ClockReading, today: date) -> str:
    """The regulator's clock by its own rule, in the words ``show`` and reports use: BIS's
    legal limit and steps, ECJU's working-day targets, DDTC's absence of a time limit."""
    pairs = []
    for line in clock_lines(clock, today):
        text = _e(line.text)
        if line.label == "Clock":
            text = f"<b>{text}</b>"
        elif line.late:
            text = f'<span class="late">{text}</span>'
        elif line.label in ("Means", "Unconfirmed"):
            text = f'<span class="muted">{text}</span>'
        pairs.append((line.label, text))
    return "<h3>Regulator's clock</h3>" + _rows(pairs)


def _labelled(spec: FormSpec | None, values: Mapping[str, str]) -> str:
    pairs = spec.labelled(values.items()) if spec else sorted(values.items())
    return "<br>".join(f"{_e(label)}: {_e(text)}" for label, text in pairs)


def render_detail(detail: ApplicationDetail, today: date | None = None) -> str:
    """The details pane's content for one application."""
    today = today or date.today()
    row = detail.row
    theme = current()
    badge = (
        f'<span style="{theme.badge(status_tone(row.status)).css()}">'
        f"&nbsp;{_e(row.status_label)}&nbsp;</span>"
    )
    parts = [
        theme.html_style(),
        f"<h2>{_e(row.ref)}</h2>",
        f"<p>{badge}&nbsp; since {local_time(row.status_changed_at)}</p>",
        _rows([
            ("Regulator", f"{_e(row.regulator)} · {_e(row.form)}"),
            ("ACN / ref.", _e(row.acn)),
            ("Applicant", _e(detail.organization or row.applicant)),
            ("Owner", _e(row.owner)),
            ("Submitted", _day(row.submitted_on)),
            ("Updated", local_time(row.updated_at)),
            ("Resubmits", _e(detail.resubmission_of)),
            ("Rule set", _e(detail.ruleset_id)),
        ]),
    ]
    if detail.clock is not None and detail.clock.started_on is not None:
        parts.append(_clock(detail.clock, today))
    spec = spec_of(row.form)
    parts.append(f"<h3>{_e(recipient_label(row.form))}</h3>")
    parts.append(_person(detail.person, spec) if detail.person
                 else '<p class="muted">None named.</p>')
    parts.append("<h3>Items</h3>")
    if detail.items:
        other = any(i.form_values for i in detail.items)
        parts.append(_table(
            ("Item", "ECCN", "Regime", "Kind", *(("Other blocks",) if other else ())),
            (
                (
                    f"{_e(i.name)} <span class='muted'>{_e(i.item_ref)}</span>",
                    f"<b>{_e(i.eccn)}</b>",
                    _e(i.regime),
                    _e(_sentence(kind_label(i.kind))),
                    *((_labelled(spec, i.form_values),) if other else ()),
                )
                for i in detail.items
            ),
        ))
    else:
        parts.append('<p class="muted">No items yet.</p>')
    if detail.form_values:
        parts.append("<h3>Other form blocks</h3>")
        parts.append(_rows((_e(label), _e(text)) for label, text in (
            spec.labelled(detail.form_values.items()) if spec
            else sorted(detail.form_values.items()))))
    if detail.license is not None:
        lic = detail.license
        parts.append("<h3>License</h3>")
        parts.append(_rows([
            ("Number", f"<b>{_e(lic.number)}</b>"),
            ("Valid", f"{_day(lic.issued_on)} to {_day(lic.expires_on)}"),
            ("State", _license_state(lic.state)),
        ]))
        if lic.conditions:
            items = "".join(
                f"<li>{'<b>Rider:</b> ' if c.kind == 'rider' else ''}{_e(c.text)}"
                + (' <span class="muted">(annual report)</span>' if c.anniversary_report else "")
                + "</li>"
                for c in lic.conditions
            )
            parts.append(f"<p><b>Conditions</b></p><ol>{items}</ol>")
    parts.append(_deadlines(detail.deadlines, row.ref, today))
    parts.append("<h3>Status history</h3>")
    if detail.events:
        parts.append(_table(
            ("When (local time)", "What, by whom"),
            ((local_time(e.occurred_at), _event(e)) for e in detail.events),
            nowrap=0,
        ))
    else:
        parts.append('<p class="muted">No history recorded.</p>')
    if detail.parties:
        parts.append("<h3>Parties</h3>")
        parts.append(_table(
            ("Role", "Name", "Address", "Country"),
            (
                (_e(label(PARTY_ROLES, p.role)), _e(p.name), _e(p.address),
                 _country(p.country))
                for p in detail.parties
            ),
        ))
    for title, text in (("End use", detail.end_use), ("Justification", detail.justification)):
        if text:
            parts.append(f"<h3>{title}</h3><p>{_e(text)}</p>")
    return "".join(parts)
