"""The deadlines as a calendar feed that stays true for a team.

Every open deadline, however far ahead; UIDs carry the database's id, so two databases'
deadlines never merge in one calendar; a deadline whose date moved comes with a higher
SEQUENCE (calendars take the newer event); one marked done — or gone, its application
withdrawn — comes back once as CANCELLED, so calendars strike it. What the feed last said
about each deadline is kept in ``licenseapp_meta`` (``ics:<hash of the key>``), written by
anyone who may record work (a viewer's feed reads it without writing).

Options: leave personal data (names) out of titles, for a calendar others can see; and only
the deadlines of my own applications.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from licenseapp.domain import roles
from licenseapp.domain.deadlines import Deadline
from licenseapp.domain.ics import FeedEntry, feed_to_ics
from licenseapp.services.follow_up.deadlines import tracked_deadlines
from licenseapp.store.database import Database
from licenseapp.store.models import Application

#: "All open deadlines": as far ahead as the deadlines screen ever looks.
FEED_DAYS = 3660
_PREFIX = "ics:"


@dataclass(frozen=True)
class FeedOptions:
    #: Only deadlines of applications I own.
    mine: bool = False
    #: Titles without names: the deadline's kind and the application's reference.
    no_personal_data: bool = False


@dataclass(frozen=True)
class Feed:
    text: str
    open_count: int
    cancelled_count: int


def _meta_key(key: str) -> str:
    return _PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def _plain_title(d: Deadline) -> str:
    what = d.label or d.kind.replace("_", " ").replace("-", " ")  # the regulator's word
    what = what[:1].upper() + what[1:]
    return f"{d.application_ref}: {what}" if d.application_ref else f"{what} (a person's document)"


def _said(session: Session) -> dict[str, dict[str, object]]:
    rows = session.execute(text(
        "SELECT key, value FROM licenseapp_meta WHERE key LIKE :p"), {"p": _PREFIX + "%"})
    found: dict[str, dict[str, object]] = {}
    for key, value in rows:
        try:
            found[str(key)] = json.loads(value)
        except ValueError:
            continue
    return found


def _database_id(session: Session) -> str:
    found = session.execute(text(
        "SELECT value FROM licenseapp_meta WHERE key = 'database_id'")).scalar()
    return str(found) if found else "licenseapp"


def calendar_feed(db: Database, options: FeedOptions = FeedOptions(), *,
                  today: date | None = None, stamp: datetime | None = None) -> Feed:
    """The feed as it stands, remembering what it said (when the person may write)."""
    today = today or db.clock.today()
    tracked = tracked_deadlines(db, within_days=FEED_DAYS, today=today, include_done=True)
    writes = db.identity.holds(roles.MAY_DRAFT)
    with db.unit_of_work() as session:
        owned: set[str] | None = None
        if options.mine:
            owned = set(session.scalars(select(Application.ref).where(
                Application.owner == db.actor)))
        said = _said(session)
        entries: list[FeedEntry] = []
        seen: set[str] = set()
        for t in tracked:
            d = t.deadline
            if owned is not None and d.application_ref not in owned:
                continue
            if not t.done and not t.is_open(today):
                continue  # snoozed: not in the calendar until it is back
            meta = _meta_key(d.key)
            seen.add(meta)
            before = said.get(meta)
            sequence = int(str(before.get("sequence", 0))) if before else 0
            if before is not None and (before.get("due_on") != d.due_on.isoformat()
                                       or bool(before.get("cancelled")) != t.done):
                sequence += 1
            title = _plain_title(d) if options.no_personal_data else d.title
            entries.append(FeedEntry(d, sequence, t.done, title))
            if writes and before != _state(d, sequence, t.done, title):
                _remember(session, meta, _state(d, sequence, t.done, title), before is None)
        for meta, before in said.items():
            if meta in seen or (owned is not None and before.get("ref") not in owned):
                continue
            gone = Deadline(str(before.get("key", "")), str(before.get("kind", "")),
                            date.fromisoformat(str(before["due_on"])), str(before["title"]),
                            str(before.get("ref") or "") or None)
            sequence = int(str(before.get("sequence", 0))) + (0 if before.get("cancelled") else 1)
            entries.append(FeedEntry(gone, sequence, True, str(before["title"])))
            if writes and not before.get("cancelled"):
                _remember(session, meta, {**before, "sequence": sequence, "cancelled": True},
                          False)
        database_id = _database_id(session)
        if not writes:
            session.rollback()
    name = "My LicenseApp deadlines" if options.mine else "LicenseApp deadlines"
    text_ = feed_to_ics(entries, stamp=stamp, uid_domain=f"{database_id}.licenseapp",
                        name=name)
    cancelled = sum(1 for e in entries if e.cancelled)
    return Feed(text_, len(entries) - cancelled, cancelled)


def _state(d: Deadline, sequence: int, cancelled: bool, title: str) -> dict[str, object]:
    return {"key": d.key, "kind": d.kind, "due_on": d.due_on.isoformat(), "title": title,
            "ref": d.application_ref or "", "sequence": sequence, "cancelled": cancelled}


def _remember(session: Session, meta: str, state: dict[str, object], new: bool) -> None:
    value = json.dumps(state, ensure_ascii=False, sort_keys=True)
    if new:
        session.execute(text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                        {"k": meta, "v": value})
    else:
        session.execute(text("UPDATE licenseapp_meta SET value = :v WHERE key = :k"),
                        {"k": meta, "v": value})


__all__ = ["FEED_DAYS", "Feed", "FeedOptions", "calendar_feed"]
