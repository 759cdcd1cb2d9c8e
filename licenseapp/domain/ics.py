"""iCalendar (RFC 5545) export of deadlines, as Outlook and Google Calendar import it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from licenseapp.domain.deadlines import Deadline

#: Control characters RFC 5545 (3.3.11) does not allow in TEXT: all of C0 but tab, and DEL.
_CONTROLS = {code: None for code in (*range(0x20), 0x7F) if code not in (0x09, 0x0A)}


def _escape(text: str) -> str:
    """TEXT as RFC 5545 writes it: any line break as ``\\n``, other control characters
    dropped (a bare CR would end the line for some readers), ``\\ ; ,`` escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = b""
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


@dataclass(frozen=True)
class FeedEntry:
    """One deadline in a feed: ``sequence`` grows each time its date moved; a ``cancelled``
    one (done, or gone) tells calendars to strike it. ``title`` replaces the deadline's own
    (e.g. without the person's name)."""

    deadline: Deadline
    sequence: int = 0
    cancelled: bool = False
    title: str | None = None


def to_ics(deadlines: Iterable[Deadline], stamp: datetime | None = None) -> str:
    """All-day events, one per deadline; UIDs are stable so re-imports update, not duplicate.
    A deadline a regulator's period gives says what that period is (its count, whether it
    binds, whether it is confirmed) in the event's description."""
    return feed_to_ics((FeedEntry(d) for d in deadlines), stamp=stamp)


def feed_to_ics(entries: Iterable[FeedEntry], *, stamp: datetime | None = None,
                uid_domain: str = "licenseapp", name: str = "LicenseApp deadlines") -> str:
    """The calendar of ``entries``; UIDs are ``<deadline key>@<uid_domain>`` (a domain per
    database keeps two databases' deadlines apart in one calendar)."""
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//LicenseApp//Deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for entry in entries:
        d = entry.deadline
        title = entry.title if entry.title is not None else d.title
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_escape(d.key)}@{_escape(uid_domain)}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{d.due_on.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d.due_on + timedelta(days=1)).strftime('%Y%m%d')}",
            *([f"SEQUENCE:{entry.sequence}"] if entry.sequence else []),
            *(["STATUS:CANCELLED"] if entry.cancelled else []),
            f"SUMMARY:{_escape(title)}",
            *([f"DESCRIPTION:{_escape(d.note)}"] if d.note else []),
            f"CATEGORIES:{_escape(d.kind)}",
            "TRANSP:TRANSPARENT",
        ]
        if not entry.cancelled:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_escape(title)}",
                "TRIGGER:-P7D",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
