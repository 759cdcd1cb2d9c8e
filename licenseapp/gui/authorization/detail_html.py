"""One access (or one person's row) as rich text for the details pane (no Qt here).

Every user-entered string is escaped; moments are stored in UTC and shown in local time.
Links: ``application:<ref>`` asks to open that application.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from licenseapp.domain.countries import country_name
from licenseapp.domain.days import local_time
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.gui.authorization.model import MatrixItem, MatrixRow
from licenseapp.gui.authorization.states import LOOKS, NO_ACCESS_TEXT, cell_text
from licenseapp.gui.theme import current

if TYPE_CHECKING:
    from licenseapp.domain.rules import Determination
    from licenseapp.services.directive.authorization import MatrixCell

APPLICATION_LINK = "application:"

_ACCESS = {"active": "Active (access is on)", "requested": "Requested (not given yet)",
           "suspended": "Suspended (access is off)", "revoked": "Revoked (access is off)"}


def _e(value: object) -> str:
    return escape(str(value)) if value not in (None, "") else ""


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    cells = "".join(f'<tr><td class="key">{escape(k)}</td><td>{v}</td></tr>'
                    for k, v in pairs if v)
    return f"<table>{cells}</table>" if cells else ""


def _country(code: str | None) -> str:
    return f"{escape(country_name(code) or code)} ({escape(code)})" if code else ""


def _native(name: str, latin: str) -> str:
    if not name or name == latin:
        return ""
    return f'<p dir="ltr" align="left" class="native" style="margin: 0;">{_e(name)}</p>'


def _badge(cell: MatrixCell) -> str:
    return (f'<span style="{current().badge(LOOKS[cell.state].tone).css()}">'
            f"&nbsp;<b>{_e(cell_text(cell))}</b>&nbsp;</span>")


def _status(value: str) -> str:
    try:
        return ApplicationStatus(value).label
    except ValueError:
        return value


def _citations(explained: Determination | None, failed: str) -> str:
    if failed:
        return f'<p class="muted">{_e(failed)}</p>'
    if explained is None:
        return '<p class="muted">Loading the citations…</p>'
    if not explained.citations:
        return '<p class="muted">None recorded.</p>'
    return "<ul>" + "".join(f"<li>{_e(c)}</li>" for c in explained.citations) + "</ul>"


def render_cell(cell: MatrixCell, on: date | None, explained: Determination | None = None,
                failed: str = "") -> str:
    """The details of one access: who, what, its state and why, and what it rests on."""
    parts = [
        current().html_style(),
        f"<h2>{_e(cell.person_name)}</h2>",
        _native(cell.native_name, cell.person_name),
        f'<p class="muted" style="margin-top: 0;">{_e(cell.person_ref)}</p>',
        f"<p>{_badge(cell)}</p>",
        f"<p>{_e(cell.detail)}</p>",
    ]
    if cell.unauthorized_access:
        parts.append('<p class="alert">Access is on although no license covers it: '
                     "suspend it or obtain the license.</p>")
    parts.append(_rows([
        ("Item", f"<b>{_e(cell.item_name)}</b> <span class='muted'>{_e(cell.item_ref)}</span>"),
        ("ECCN", f"<b>{_e(cell.eccn)}</b>" if cell.eccn else "not recorded"),
        ("Access", _e(_ACCESS.get(cell.access, cell.access))),
        ("As of", on.isoformat() if on else ""),
        ("Deciding country", _country(cell.country)),
        ("Decided by", _e(cell.ruleset) if cell.ruleset else ""),
        ("Missing", _e("; ".join(cell.missing))),
    ]))
    parts.append("<h3>Why</h3>")
    parts.append(f"<p>{_e(cell.reason)}</p>" if cell.reason
                 else '<p class="muted">No reason recorded.</p>')
    if explained is not None and explained.policy:
        parts.append(f'<p class="muted">Licensing policy: {_e(explained.policy)}</p>')
    parts.append("<h3>Citations</h3>")
    parts.append(_citations(explained, failed))
    if cell.application_ref:
        link = (f'<a href="{APPLICATION_LINK}{_e(cell.application_ref)}">'
                f"{_e(cell.application_ref)}</a>")
        parts.append("<h3>Application</h3>")
        parts.append(_rows([
            ("Reference", link),
            ("Status", _e(_status(cell.application_status))),
        ]))
    if cell.license_number:
        parts.append("<h3>License</h3>")
        parts.append(_rows([
            ("Number", f"<b>{_e(cell.license_number)}</b>"),
            ("Valid until", cell.license_expires.isoformat() if cell.license_expires else ""),
        ]))
    if cell.suspended_at or cell.suspended_by or cell.suspended_reason:
        parts.append("<h3>Suspension</h3>")
        parts.append(_rows([
            ("When (local)", local_time(cell.suspended_at)),
            ("By", _e(cell.suspended_by)),
            ("Why", _e(cell.suspended_reason)),
        ]))
    return "".join(parts)


def render_person(row: MatrixRow, items: Sequence[MatrixItem], on: date | None) -> str:
    """One person's row: every item they hold or request access to, with its state."""
    lines = []
    for item, cell in zip(items, row.cells, strict=True):
        if cell is None:
            continue
        state = (f'<span style="{current().badge(LOOKS[cell.state].tone).css()}">'
                 f"&nbsp;{_e(cell_text(cell))}&nbsp;</span>")
        lines.append(f"<tr><td>{_e(item.name)} <span class='muted'>{_e(item.eccn)}</span></td>"
                     f"<td>{state}</td></tr>")
    table = (f"<table>{''.join(lines)}</table>" if lines
             else f'<p class="muted">{NO_ACCESS_TEXT}</p>')
    return "".join([
        current().html_style(),
        f"<h2>{_e(row.name)}</h2>",
        _native(row.native, row.name),
        f'<p class="muted" style="margin-top: 0;">{_e(row.ref)}'
        + (f" · as of {on.isoformat()}" if on else "") + "</p>",
        "<h3>Access</h3>",
        table,
        '<p class="muted">Select an item\'s cell for the reason and citations.</p>',
    ])
