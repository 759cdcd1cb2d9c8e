"""Record seals: each record's hash as LicenseApp last wrote it.

Every flush through the ORM re-reads the rows it wrote and stores their hashes; bulk
writers (demo data, bulk drafts) call :func:`seal_tables`. ``verify`` recomputes the hashes
and names each row changed, inserted or deleted behind the app's back.

Seals are HMAC-SHA256 with the database's seal key (:mod:`licenseapp.store.keys`), kept
outside the database; re-sealing is only ever explicit (``licenseapp reseal``, audited),
never triggered by anything stored in the database.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Generator, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Integer, Table, delete, event, insert, select, text, tuple_
from sqlalchemy.orm import Session, sessionmaker

from licenseapp.store import keys, seal_text
from licenseapp.store.base import SEALED_IF_SET
from licenseapp.store.models import Base, RecordSeal

#: Tables whose rows are sealed (reference tables seeded by migrations and the audit trail,
#: which protects itself with its hash chain, are not).
SEALED_TABLES: tuple[str, ...] = (
    "organizations", "people", "citizenships", "person_documents", "resume_entries",
    "controlled_items", "access_grants", "rule_sets", "applications", "application_items",
    "application_parties", "status_events", "licenses", "license_conditions", "attachments",
    "deadlines", "attachment_safety", "team_settings",
    "screening_snapshots", "screening_hits", "screening_decisions",
    "directive_orders", "directive_suspensions",
)
_BATCH = 5_000
#: Rows sealed at a time by :meth:`TableSeal.batches`: few enough that a batch's texts stay
#: in the processor's caches (5,000 at a time made ``verify`` a fifth slower at 100k).
_SEAL_BATCH = 500


def table(name: str) -> Table:
    return Base.metadata.tables[name]


#: Values hashed as they are (the rest through :func:`seal_text.norm`).
_PLAIN = frozenset({str, int, float, bool, type(None), dict, list})
_norm, _ENCODE = seal_text.norm, seal_text.ENCODE


class TableSeal:
    """How one table's rows are identified and hashed, worked out once per table: then a
    row is a plain tuple of its columns in the table's order (as ``select(table)`` gives
    it), read by position. ``verify`` checks two million rows with it: no attribute lookups
    per column, one type check per value, the keyed hash's state copied rather than made."""

    def __init__(self, tbl: Table, key: bytes | None = None) -> None:
        columns = list(tbl.columns)
        self.table = tbl
        self.key = key
        self.name = tbl.name
        self.names = tuple(c.name for c in columns)
        #: Per column: left out of the seal while it is NULL (``SEALED_IF_SET``).
        self.if_set = tuple(bool(c.info.get(SEALED_IF_SET)) for c in columns)
        self.pk = tuple(self.names.index(c.name) for c in tbl.primary_key.columns)
        self._mac = hmac.new(key, digestmod=hashlib.sha256) if key is not None else None

    def values(self, record: Any) -> tuple[Any, ...]:
        """The columns of an ORM object or named row, in the table's order."""
        return tuple(getattr(record, name) for name in self.names)

    def row_id(self, row: Sequence[Any]) -> str:
        return "|".join([str(row[i]) for i in self.pk])

    def row_hash(self, row: Sequence[Any]) -> str:
        """The row's hash over every column (a column flagged ``SEALED_IF_SET`` only when
        it holds a value, so rows sealed before such a column was added keep their seals):
        keyed with the key, else the plain SHA-256 of before keys existed."""
        plain = _PLAIN
        values = [[name, value if type(value) in plain else _norm(value)]
                  for name, value, if_set in zip(self.names, row, self.if_set, strict=True)
                  if value is not None or not if_set]
        material = _ENCODE([self.name, values]).encode("utf-8")
        if self._mac is None:
            return hashlib.sha256(material).hexdigest()
        mac = self._mac.copy()
        mac.update(material)
        return mac.hexdigest()

    def batches(self, session: Session) -> Generator[tuple[list[tuple[Any, ...]], list[str],
                                                         list[str]], None, None]:
        """Every row of the table as the driver returns it, a batch at a time, with the
        rows' ids and seals (the same seals :meth:`row_hash` makes of the rows SQLAlchemy
        returns, made column by column for the whole batch: what ``verify`` reads)."""
        text = seal_text.SealText(self.table)
        for rows, flat, quoted in seal_text.raw_batches(session, self.table, _SEAL_BATCH):
            yield rows, self._ids(rows, self.pk), text.digests(flat, self.key, quoted)

    def row_ids(self, session: Session) -> Iterator[list[str]]:
        """Every row's id, a batch at a time (only the key columns read)."""
        query = select(*self.table.primary_key.columns).order_by(
            *self.table.primary_key.columns)
        every = tuple(range(len(self.pk)))
        for rows in session.execute(query.execution_options(yield_per=_BATCH)).partitions():
            yield self._ids(rows, every)

    @staticmethod
    def _ids(rows: Sequence[Sequence[Any]], pk: Sequence[int]) -> list[str]:
        if len(pk) == 1:
            return list(map(str, map(itemgetter(pk[0]), rows)))
        return ["|".join([str(r[i]) for i in pk]) for r in rows]


def row_id(tbl: Table, row: Any) -> str:
    seal = TableSeal(tbl)
    return seal.row_id(seal.values(row))


def row_hash(tbl: Table, row: Any, key: bytes | None = None) -> str:
    """One row's seal (an ORM object or a named row); many rows: :class:`TableSeal`."""
    seal = TableSeal(tbl, key)
    return seal.row_hash(seal.values(row))


def seal_key(session: Session) -> bytes | None:
    """The key seals are made with (None when its file is missing: the seals written then
    are unkeyed, and ``verify`` with the key names those rows)."""
    return keys.context(session).key


def stored_seals(session: Session, name: str) -> dict[str, str]:
    """The seals stored for one table's rows, by row id (read with the driver: two million
    of them at 100,000 applications)."""
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    cursor: Any = connection.connection.cursor()
    try:
        cursor.execute(f"SELECT row_id, row_hash FROM record_seals WHERE table_name = {mark}",
                       (name,))
        return dict(cursor.fetchall())
    finally:
        cursor.close()


class SealsInOrder:
    """The seals stored for one table's rows, read as two texts in the order of the rows'
    integer ids (``id,id,...,`` and ``seal,seal,...,``): a table whose rows all still match
    their seals is checked by comparing text, batch after batch, no row looked up by id."""

    def __init__(self, count: int, ids: str, hashes: str) -> None:
        self.count, self._ids, self._hashes = count, ids, hashes
        self._id_at = self._hash_at = 0
        #: Rows met so far, each with its own stored seal.
        self.rows = 0

    def match(self, ids: list[str], digests: list[str]) -> bool:
        """Whether the next stored seals are these rows' (ids and seals, in this order)."""
        id_text, hash_text = ",".join(ids) + ",", ",".join(digests) + ","
        if (id_text.count(",") != len(ids) or not self._ids.startswith(id_text, self._id_at)
                or not self._hashes.startswith(hash_text, self._hash_at)):
            return False
        self._id_at += len(id_text)
        self._hash_at += len(hash_text)
        self.rows += len(ids)
        return True

    def complete(self) -> bool:
        """Whether every stored seal was met, as many as rows: both texts read to their end
        with one comma per row, so no stored id or seal holds a comma and each row met the
        seal stored for its id — and no other seal is stored."""
        return (self.count == self.rows and self._id_at == len(self._ids)
                and self._hash_at == len(self._hashes))


def seals_in_order(session: Session, tbl: Table) -> SealsInOrder | None:
    """The seals stored for a table keyed by one integer column, in the order of its ids
    (the database sorts and joins them: no Python object per seal); None for other tables."""
    pk = list(tbl.primary_key.columns)
    if len(pk) != 1 or not isinstance(pk[0].type, Integer):
        return None
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        sql = ("SELECT count(*), group_concat(row_id, ','), group_concat(row_hash, ',') "
               "FROM (SELECT row_id, row_hash FROM record_seals WHERE table_name = :name "
               "ORDER BY CAST(row_id AS INTEGER))")
    elif dialect == "postgresql":  # decimal ids: by length, then digit by digit
        order = 'length(row_id), row_id COLLATE "C"'
        sql = (f"SELECT count(*), string_agg(row_id, ',' ORDER BY {order}), "
               f"string_agg(row_hash, ',' ORDER BY {order}) FROM record_seals "
               "WHERE table_name = :name")
    else:
        return None
    count, ids, hashes = session.execute(text(sql), {"name": tbl.name}).one()
    end = "," if count else ""
    return SealsInOrder(count, (ids or "") + end, (hashes or "") + end)


def iter_rows(session: Session, tbl: Table, where: Any = None) -> Iterator[Any]:
    query = select(tbl).order_by(*tbl.primary_key.columns)
    if where is not None:
        query = query.where(where)
    yield from session.execute(query.execution_options(yield_per=_BATCH))


def _write(session: Session, name: str, hashes: dict[str, str]) -> None:
    ids = list(hashes)
    for i in range(0, len(ids), _BATCH):
        part = ids[i : i + _BATCH]
        session.execute(
            delete(RecordSeal).where(RecordSeal.table_name == name, RecordSeal.row_id.in_(part))
        )
        session.execute(
            insert(RecordSeal),
            [{"table_name": name, "row_id": rid, "row_hash": hashes[rid]} for rid in part],
        )


def seal_tables(session: Session, names: Iterable[str] = SEALED_TABLES) -> int:
    """(Re)seal every row of these tables as it is now; returns the number of rows."""
    count = 0
    key = seal_key(session)
    for name in names:
        tbl = table(name)
        session.execute(delete(RecordSeal).where(RecordSeal.table_name == name))
        for _rows, ids, digests in TableSeal(tbl, key).batches(session):
            session.execute(insert(RecordSeal), [
                {"table_name": name, "row_id": k, "row_hash": v}
                for k, v in zip(ids, digests, strict=True)
            ])
            count += len(ids)
    return count


def seal_rows(session: Session, name: str, pks: Iterable[tuple[Any, ...]]) -> None:
    """Seal these rows of one table (by primary-key tuples) as they are in the database."""
    tbl = table(name)
    wanted = list(pks)
    key = seal_key(session)
    cols = list(tbl.primary_key.columns)
    for i in range(0, len(wanted), _BATCH):
        part = wanted[i : i + _BATCH]
        where = (
            cols[0].in_([k[0] for k in part]) if len(cols) == 1
            else tuple_(*cols).in_(part)
        )
        seal = TableSeal(tbl, key)
        rows = iter_rows(session, tbl, where)
        _write(session, name, {seal.row_id(r): seal.row_hash(r) for r in rows})


def unseal_rows(session: Session, name: str, ids: Iterable[str]) -> None:
    part = list(ids)
    if part:
        session.execute(
            delete(RecordSeal).where(RecordSeal.table_name == name, RecordSeal.row_id.in_(part))
        )


def _after_flush(session: Session, _context: Any) -> None:
    written: dict[str, set[tuple[Any, ...]]] = {}
    for obj in [*session.new, *session.dirty]:
        tbl = getattr(obj, "__table__", None)
        if tbl is not None and tbl.name in SEALED_TABLES:
            pk = tuple(getattr(obj, c.key) for c in obj.__mapper__.primary_key)
            written.setdefault(tbl.name, set()).add(pk)
    for name, pks in written.items():
        seal_rows(session, name, pks)


def _after_delete(mapper: Any, connection: Connection, target: Any) -> None:
    """A row the ORM deleted loses its seal — also a child deleted as an orphan (e.g. the
    parties a saved draft replaces), which ``session.deleted`` does not list."""
    tbl = getattr(target, "__table__", None)
    if tbl is not None and tbl.name in SEALED_TABLES:
        rid = "|".join(str(getattr(target, c.key)) for c in mapper.primary_key)
        connection.execute(
            delete(RecordSeal).where(RecordSeal.table_name == tbl.name, RecordSeal.row_id == rid)
        )


def install(sessions: sessionmaker[Session]) -> None:
    """Seal every ORM write made through these sessions."""
    event.listen(sessions, "after_flush", _after_flush)
    if not event.contains(Base, "after_delete", _after_delete):
        event.listen(Base, "after_delete", _after_delete, propagate=True)


def rekey_legacy_seals(session: Session, names: Iterable[str] = SEALED_TABLES) -> int:
    """Migration 0006: replace each unkeyed seal that still matches its row by the keyed
    seal (a seal that no longer matches stays as it is, so ``verify`` still names the row);
    returns the number of seals re-keyed. ``names``: the tables sealed at that revision."""
    key = seal_key(session)
    assert key is not None
    count = 0
    for name in names:
        tbl = table(name)
        sealed = dict(session.execute(
            select(RecordSeal.row_id, RecordSeal.row_hash).where(RecordSeal.table_name == name)
        ).all())
        rekeyed: dict[str, str] = {}
        legacy, keyed = TableSeal(tbl), TableSeal(tbl, key)
        for row in iter_rows(session, tbl):
            rid = legacy.row_id(row)
            if sealed.get(rid) == legacy.row_hash(row):
                rekeyed[rid] = keyed.row_hash(row)
        _write(session, name, rekeyed)
        count += len(rekeyed)
    return count
