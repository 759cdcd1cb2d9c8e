"""Fast bulk writing for the demo: rows in, record seals alongside, ids assigned by the caller.

Rows are plain dicts with a value for every column of the table (but the form-values columns,
which the demo leaves NULL), in Python types (aware UTC datetimes, dates, bools). Each table
gets one prepared INSERT run with the driver's ``executemany``, after datetimes and dates are
turned into what the column type stores.
Each row's seal is computed from the same values exactly as ``store.seals.row_hash`` would
compute it from the row read back, so ``verify`` finds the demo's rows sealed.

The work is done column by column (C-level ``map`` and ``zip`` rather than a Python loop per
value), and the statements run on a helper thread while the caller prepares the next rows:
the database driver releases the interpreter lock while it works, the more so as each
statement inserts many rows at once. Statement order is kept.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from json.encoder import encode_basestring  # the string encoder json.dumps uses here
from operator import itemgetter
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Table, text

from licenseapp.services.safety.sealed_inserts import column_kind
from licenseapp.store import keys, seals
from licenseapp.store.base import SEALED_IF_SET
from licenseapp.store.seal_text import SealText

_ISO_LEN = len("2026-11-27T00:00:00+00:00")  # an aware UTC moment without microseconds
_BOOL = {True: "true", False: "false", None: "null"}
_STOP = None
_PARAMETERS_PER_STATEMENT = 4_000  # far below every driver's limit
Column = Sequence[Any]
Job = tuple[str, int, list[tuple[Any, ...]]]  # INSERT ... VALUES, columns, rows


def _json_str(col: Column) -> list[str]:
    if None in col:
        return [encode_basestring(v) if v is not None else "null" for v in col]
    return list(map(encode_basestring, col))


def _json_int(col: Column) -> list[str]:
    if None in col:
        return [str(v) if v is not None else "null" for v in col]
    return list(map(str, col))


def _json_bool(col: Column) -> list[str]:
    return [_BOOL[v] for v in col]


def _iso(col: Column) -> list[str | None]:
    return [v.isoformat() if v is not None else None for v in col]


def _quoted(isos: list[str | None]) -> list[str]:
    return [f'"{v}"' if v is not None else "null" for v in isos]


def _sqlite_moment(iso: str | None) -> str | None:
    """SQLAlchemy's SQLite storage format for a UTC moment, from its ISO form."""
    if iso is None:
        return None
    if len(iso) == _ISO_LEN:
        return f"{iso[:10]} {iso[11:19]}.000000"
    return f"{iso[:10]} {iso[11:26]}"  # with microseconds: ...T12:00:00.123456+00:00


@dataclass(frozen=True)
class _Prepared:
    name: str
    columns: tuple[str, ...]
    getter: Callable[[dict[str, Any]], tuple[Any, ...]]
    kinds: tuple[str, ...]  # str, int, bool, date, moment
    key: int  # the position of the (single-column) primary key
    head: str  # INSERT INTO table (columns) VALUES
    seal: SealText  # the table's seal text, every column (those left NULL too)
    #: Per column of the table: its position among the written columns, or None (left NULL).
    written_at: tuple[int | None, ...]
    sealed: bool


class BulkWriter:
    """Writes rows table by table on one connection, in the caller's transaction.

    Use it as a context manager and call :meth:`finish` at the end: it waits for every
    statement and raises the first error one of them met.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.seal_head = "INSERT INTO record_seals (table_name, row_id, row_hash) VALUES"
        self.seal_key = keys.context(conn).key  # seals are keyed (store.keys)
        self._prepared: dict[str, _Prepared] = {}
        self.written: dict[str, int] = {}
        self._jobs: queue.Queue[Job | None] = queue.Queue(4)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="demo-writer", daemon=True)
        self._thread.start()

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            if self._error is None:
                try:
                    self._insert(*job)
                except BaseException as exc:
                    self._error = exc

    def _insert(self, head: str, width: int, rows: list[tuple[Any, ...]]) -> None:
        """Many rows per statement: fewer round trips through the driver."""
        per = max(1, _PARAMETERS_PER_STATEMENT // width)
        one = f"({', '.join([self.mark] * width)})"
        full = len(rows) - len(rows) % per
        if full:
            blocks = [tuple(chain.from_iterable(rows[i:i + per])) for i in range(0, full, per)]
            self.conn.exec_driver_sql(f"{head} {', '.join([one] * per)}", blocks)
        if full < len(rows):
            rest = rows[full:]
            self.conn.exec_driver_sql(f"{head} {', '.join([one] * len(rest))}",
                                      tuple(chain.from_iterable(rest)))

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(_STOP)
            self._thread.join()

    def finish(self) -> None:
        """Wait until everything is written; raise what went wrong, if anything did."""
        self._stop()
        if self._error is not None:
            raise self._error

    def _prepare(self, table: Table) -> _Prepared:
        # Columns that count in a record seal only when set (form values) stay NULL: the
        # demo records none, and a NULL one is left out of the seal as row_hash leaves it.
        written = [c for c in table.columns if not c.info.get(SEALED_IF_SET)]
        columns = tuple(c.name for c in written)
        keys = [c.name for c in table.primary_key.columns]
        assert len(keys) == 1, f"{table.name}: the demo writes single-column keys only"
        name = str(table.name)
        found = _Prepared(
            name=name, columns=columns, getter=itemgetter(*columns),
            kinds=tuple(column_kind(c) for c in written), key=columns.index(keys[0]),
            head=f"INSERT INTO {name} ({', '.join(columns)}) VALUES",
            seal=SealText(table),
            written_at=tuple(columns.index(c.name) if c.name in columns else None
                             for c in table.columns),
            sealed=name in seals.SEALED_TABLES,
        )
        self._prepared[name] = found
        return found

    def add(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if self._error is not None:
            self.finish()
        if not rows:
            return
        prep = self._prepared.get(table.name) or self._prepare(table)
        if set(rows[0]) != set(prep.columns):
            missing = sorted(set(prep.columns) - set(rows[0]))
            extra = sorted(set(rows[0]) - set(prep.columns))
            raise AssertionError(f"demo rows for {table.name} do not match the table: "
                                 f"missing {missing}, unknown {extra}")
        stored_cols: list[Column] = []
        json_cols: list[Column] = []
        for kind, col in zip(prep.kinds, zip(*map(prep.getter, rows), strict=True),
                             strict=True):
            if kind == "str":
                stored_cols.append(col)
                json_cols.append(_json_str(col))
            elif kind == "int":
                stored_cols.append(col)
                json_cols.append(_json_int(col))
            elif kind == "bool":
                stored_cols.append(col)
                json_cols.append(_json_bool(col))
            else:  # date or moment: ISO text as seals see them read back
                isos = _iso(col)
                json_cols.append(_quoted(isos))
                if not self.sqlite:
                    stored_cols.append(col if kind == "date"
                                       else [v.replace(tzinfo=None) if v is not None else None
                                             for v in col])
                elif kind == "date":
                    stored_cols.append(isos)
                else:  # the common case inline: whole seconds, "+00:00"
                    stored_cols.append([
                        f"{v[:10]} {v[11:19]}.000000" if v is not None and len(v) == _ISO_LEN
                        else _sqlite_moment(v) for v in isos])
        self._jobs.put((prep.head, len(prep.columns), list(zip(*stored_cols, strict=True))))
        if prep.sealed:
            nulls = ["null"] * len(rows)
            pieces = [json_cols[at] if at is not None else nulls for at in prep.written_at]
            digests = prep.seal.digests(list(chain.from_iterable(zip(*pieces, strict=True))),
                                        self.seal_key)
            ids = map(str, stored_cols[prep.key])
            self._jobs.put((self.seal_head, 3, list(zip(repeat(prep.name), ids, digests))))
        self.written[prep.name] = self.written.get(prep.name, 0) + len(rows)

    def sync_sequences(self) -> None:
        """PostgreSQL: move each id sequence past the ids written here (after finish)."""
        if self.conn.dialect.name != "postgresql":
            return
        for name in self.written:
            self.conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            ))


__all__ = ["BulkWriter"]
