"""The global search index of one database: built once, off the GUI thread, and kept
current with the change sets the actions return (:mod:`licenseapp.services.changes`).

A change set names records; only those (and the records that show them: an application's
line names its person) are read again and replaced in a new index, which then takes the old
one's place in a single assignment, so a search running meanwhile sees the old index or the
new one, never half of each. A kind changed beyond naming (an import, a restore) is read
again whole. Records changed by someone else (another user on a shared database, the
command line) are caught up by :meth:`SearchCache.catch_up`, which reads those updated
since the index was last made current.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_

from licenseapp.domain.search.index import FoundGroup, Key, KindIndex, RecordKind, SearchIndex
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.search.records import READERS, Condition
from licenseapp.store.base import utcnow
from licenseapp.store.database import Database
from licenseapp.store.models import Application, ControlledItem, License, Organization, Person

#: More records named than this and the kind is read again whole (one query, no IN list).
_MANY = 2_000
#: How far back a catch-up looks before the last one, for clocks a little apart.
_SLACK = timedelta(seconds=5)


@dataclass
class _Reread:
    """What to read again of one kind: all of it, or the records meeting any condition;
    ``asked`` are keys that are gone if they are not read again."""

    whole: bool = False
    conditions: list[Condition] = field(default_factory=list)
    asked: set[Key] = field(default_factory=set)


class _Plan:
    def __init__(self) -> None:
        self.kinds: dict[RecordKind, _Reread] = {}

    def whole(self, *kinds: RecordKind) -> None:
        for kind in kinds:
            self.kinds.setdefault(kind, _Reread()).whole = True

    def named(self, kind: RecordKind, condition: Condition, asked: Collection[Key] = ()) -> None:
        reread = self.kinds.setdefault(kind, _Reread())
        reread.conditions.append(condition)
        reread.asked.update(asked)


def _plan(changes: Changes) -> _Plan:
    plan = _Plan()
    apps, licenses = RecordKind.APPLICATIONS, RecordKind.LICENSES
    refs = changes.refs(Kind.APPLICATIONS)
    if changes.is_whole(Kind.APPLICATIONS) or len(refs) > _MANY:
        plan.whole(apps)
    elif refs:
        plan.named(apps, Application.ref.in_(sorted(refs)), refs)
    refs = changes.refs(Kind.LICENSES)
    if changes.is_whole(Kind.LICENSES) or len(refs) > _MANY:
        plan.whole(licenses)
    elif refs:
        plan.named(licenses, Application.ref.in_(sorted(refs)), refs)
    ids = changes.ids(Kind.PEOPLE)
    if changes.is_whole(Kind.PEOPLE) or len(ids) > _MANY:
        plan.whole(RecordKind.PEOPLE, apps, licenses)  # their lines name the person
    elif ids:
        plan.named(RecordKind.PEOPLE, Person.id.in_(sorted(ids)), ids)
        plan.named(apps, Application.person_id.in_(sorted(ids)))
        plan.named(licenses, Application.person_id.in_(sorted(ids)))
    ids = changes.ids(Kind.ORGANIZATIONS)
    if changes.is_whole(Kind.ORGANIZATIONS) or len(ids) > _MANY:
        plan.whole(RecordKind.ORGANIZATIONS, RecordKind.PEOPLE)  # a person's employer
    elif ids:
        plan.named(RecordKind.ORGANIZATIONS, Organization.id.in_(sorted(ids)), ids)
        plan.named(RecordKind.PEOPLE, Person.employer_id.in_(sorted(ids)))
    ids = changes.ids(Kind.ITEMS)
    if changes.is_whole(Kind.ITEMS) or len(ids) > _MANY:
        plan.whole(RecordKind.ITEMS)
    elif ids:
        plan.named(RecordKind.ITEMS, ControlledItem.id.in_(sorted(ids)), ids)
    return plan


def _updated_since(since: datetime) -> _Plan:
    """Every record updated at or after ``since`` (deletions are not seen this way; the
    actions that delete announce it)."""
    plan = _Plan()
    plan.named(RecordKind.APPLICATIONS, Application.updated_at >= since)
    plan.named(RecordKind.LICENSES, or_(License.updated_at >= since,
                                        Application.updated_at >= since))
    plan.named(RecordKind.PEOPLE, Person.updated_at >= since)
    plan.named(RecordKind.ORGANIZATIONS, Organization.updated_at >= since)
    plan.named(RecordKind.ITEMS, ControlledItem.updated_at >= since)
    return plan


class SearchCache:
    """The search index of ``db``. :meth:`search` builds it on first use (on the calling
    thread: call it off the GUI thread); :meth:`apply` and :meth:`catch_up` keep it current.
    Safe to use from several threads."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._current_at: datetime | None = None  # the database's time of the last reading
        #: Seconds the last whole build took (for the status line and the benchmark).
        self.build_seconds = 0.0

    @property
    def ready(self) -> bool:
        return self._index is not None

    def index(self) -> SearchIndex:
        """The index, built now if it was not yet."""
        found = self._index
        if found is not None:
            return found
        with self._lock:
            if self._index is None:
                started = time.perf_counter()
                self._current_at = utcnow()
                with self.db.reading() as session:
                    self._index = SearchIndex({kind: KindIndex(kind, read(session, None))
                                               for kind, read in READERS.items()})
                self.build_seconds = time.perf_counter() - started
            return self._index

    def search(self, typed: str, limit: int = 5) -> list[FoundGroup]:
        return self.index().search(typed, limit)

    def apply(self, changes: Changes) -> None:
        """Bring the index up to date with ``changes`` (nothing to do before it is built:
        it will be built with them)."""
        if self._index is not None and changes:
            self._reread(_plan(changes))

    def catch_up(self) -> None:
        """Read again what was updated since the index was last made current, by anyone."""
        since = self._current_at
        if self._index is not None and since is not None:
            self._reread(_updated_since(since - _SLACK), stamp=True)

    def _reread(self, plan: _Plan, *, stamp: bool = False) -> None:
        if not plan.kinds:
            return
        with self._lock:
            index = self._index
            if index is None:
                return
            now = utcnow()
            with self.db.reading() as session:
                for kind, reread in plan.kinds.items():
                    read = READERS[kind]
                    if reread.whole:
                        index = index.with_kind(KindIndex(kind, read(session, None)))
                        continue
                    records = list(read(session, or_(*reread.conditions)))
                    gone = reread.asked - {record.key for record in records}
                    index = index.with_kind(index.kind(kind).replaced(records, gone))
            self._index = index
            if stamp:
                self._current_at = now
