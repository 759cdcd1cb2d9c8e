"""Inserting many new rows of a sealed table quickly, with their record seals, in the
caller's unit of work. Generic: the importers (people, items, grants) use it.

- :func:`new_ids` ``(session, table, count) -> list[int]``: ids for new rows, from the id
  sequence on PostgreSQL, after the highest id on SQLite (call it once the transaction has
  written something, so SQLite's write lock is held and no one else can take them).
- :func:`defaults` ``(table) -> {column: value}``: each column's scalar default (else None),
  to complete a row.
- :func:`insert_sealed` ``(session, table, rows)``: rows are dicts holding every column of
  the table, in Python types (str, int, bool, date, an aware UTC datetime for a moment, or
  None). They are written with a few multi-row INSERTs, bypassing per-value processing, and
  each row's seal is computed from the same values exactly as
  :func:`licenseapp.store.seals.row_hash` computes it from the row read back (a test checks
  the two agree), so ``verify`` finds them sealed. On PostgreSQL (psycopg) the rows go in
  with COPY.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date
from itertools import chain
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) uses
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Column, Connection, Date, Integer, String, text
from sqlalchemy.orm import Session

from licenseapp.store import seals
from licenseapp.store.base import UTCDateTime
from licenseapp.store.seal_text import SealText

_PARAMETERS_PER_STATEMENT = 4_000
_SEAL_BATCH = 5_000


def new_ids(session: Session, table: str, count: int) -> list[int]:
    """``count`` unused ids for ``table``."""
    if count <= 0:
        return []
    seals.table(table)  # a table of ours, so its name is safe in the statement
    if session.get_bind().dialect.name == "postgresql":
        return list(session.execute(
            text(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                 "FROM generate_series(1, :n)"), {"n": count}).scalars())
    top = session.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + count))


def defaults(table: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for column in seals.table(table).columns:
        default = column.default
        scalar = default is not None and default.is_scalar
        found[column.name] = getattr(default, "arg", None) if scalar else None
    return found


def column_kind(column: Column[Any]) -> str:
    """How a bulk writer encodes the column's values: moment, bool, date, int or str."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "moment"
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, String):
        return "str"
    raise AssertionError(f"{column.table.name}.{column.name}: {kind!r} is not written here")


def _json(kind: str, values: list[Any]) -> list[str]:
    if kind == "str":
        return _each(values, encode_basestring, "null")
    if kind == "int":
        return [str(v) if v is not None else "null" for v in values]
    if kind == "bool":
        return ["null" if v is None else "true" if v else "false" for v in values]
    return _each(values, lambda v: f'"{v.isoformat()}"', "null")


def _each(values: list[Any], convert: Callable[[Any], Any], none: Any) -> list[Any]:
    """``convert`` of each value, each distinct value converted once (a column of dates or
    moments repeats a few values: every row of an import has the same created_at)."""
    done: dict[Any, Any] = {None: none}
    return [done[v] if v in done else done.setdefault(v, convert(v)) for v in values]


def _stored(kind: str, values: list[Any], sqlite: bool) -> list[Any]:
    if kind == "date" and sqlite:
        return _each(values, date.isoformat, None)
    if kind == "moment":
        if sqlite:  # SQLAlchemy's storage format for SQLite
            return _each(values, lambda v: v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
                         None)
        return _each(values, lambda v: v.astimezone(UTC).replace(tzinfo=None), None)
    return values


def _insert_rows(conn: Connection, name: str, columns: Sequence[str],
                 rows: list[tuple[Any, ...]]) -> None:
    """Multi-row INSERTs; on PostgreSQL with psycopg, COPY (several times faster)."""
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "postgresql" and driver is not None:
        cursor = driver.cursor()  # on the same connection: in the caller's transaction
        try:
            copy_rows = getattr(cursor, "copy", None)
            if copy_rows is not None:
                with copy_rows(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
        finally:
            cursor.close()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    width = len(columns)
    one = f"({', '.join([mark] * width)})"
    head = f"INSERT INTO {name} ({', '.join(columns)}) VALUES"
    per = max(1, _PARAMETERS_PER_STATEMENT // width)
    for i in range(0, len(rows), per):
        part = rows[i:i + per]
        conn.exec_driver_sql(f"{head} {', '.join([one] * len(part))}",
                             tuple(chain.from_iterable(part)))


def _columns(name: str, rows: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The rows' values column by column, in the table's column order."""
    names = [c.name for c in seals.table(name).columns]
    if len(names) == 1:
        return [tuple(r[names[0]] for r in rows)]
    return list(zip(*map(itemgetter(*names), rows), strict=True))


def seal_digests(name: str, rows: Sequence[Mapping[str, Any]],
                 columns: list[tuple[Any, ...]] | None = None,
                 seal_key: bytes | None = None) -> list[str]:
    """Each row's seal, as :func:`licenseapp.store.seals.row_hash` gives it (keyed with
    ``seal_key``, the database's seal key)."""
    table = seals.table(name)
    values_by_column = columns if columns is not None else _columns(name, rows)
    pieces = [_json(column_kind(column), list(values))
              for column, values in zip(table.columns, values_by_column, strict=True)]
    return SealText(table).digests(list(chain.from_iterable(zip(*pieces, strict=True))),
                                   seal_key)


def insert_sealed(session: Session, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert complete rows of a sealed table and their seals."""
    if not rows:
        return
    table = seals.table(name)
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    by_column = _columns(name, rows)
    stored = [_stored(column_kind(c), list(values), sqlite)
              for c, values in zip(table.columns, by_column, strict=True)]
    digests = seal_digests(name, rows, by_column, seals.seal_key(session))
    _insert_rows(conn, name, [c.name for c in table.columns],
                 list(zip(*stored, strict=True)))
    keys = [c.name for c in table.primary_key.columns]
    ids = ["|".join(str(r[k]) for k in keys) for r in rows]
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for i in range(0, len(ids), _SEAL_BATCH):  # a stale seal of a reused id goes first
        part = ids[i:i + _SEAL_BATCH]
        if conn.dialect.name == "postgresql":  # one array parameter
            conn.exec_driver_sql("DELETE FROM record_seals WHERE table_name = %s AND "
                                 "row_id = ANY(%s)", (name, part))
        else:
            conn.exec_driver_sql(
                f"DELETE FROM record_seals WHERE table_name = {mark} AND row_id IN "
                f"({', '.join([mark] * len(part))})", (name, *part))
    _insert_rows(conn, "record_seals", ("table_name", "row_id", "row_hash"),
                 [(name, rid, digest) for rid, digest in zip(ids, digests, strict=True)])


__all__ = ["column_kind", "defaults", "insert_sealed", "new_ids", "seal_digests"]
