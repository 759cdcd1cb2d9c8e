"""A record seal's canonical text made a whole batch at a time, column by column.

A seal is the HMAC-SHA256 of the JSON text ``[table, [[column, value], ...]]`` (compact,
keys sorted, not ASCII-escaped; see :meth:`licenseapp.store.seals.TableSeal.row_hash`, the
per-row reference). Made for one row at a time that costs a ``json`` call and a type check
per value, and reading the rows through SQLAlchemy turns every stored moment into a
``datetime`` first. For many rows, two writers of the same text:

- :class:`SealText`: a table's text as one ``%`` template, one ``%s`` per column; given
  each column's values already written as JSON (a list per column), the seals of every row.
  The bulk inserts (``services/safety/sealed_inserts``) write those pieces from the Python
  values they insert; :func:`raw_batches` from the values the driver returns.
- :func:`raw_batches`: a table's rows as the database driver returns them (no SQLAlchemy
  type processing), a batch at a time, with each column's values already written as the
  JSON of the value SQLAlchemy would have returned — by string slicing for text, numbers
  and moments in SQLAlchemy's storage format, once per distinct value for dates and
  booleans, and through the column type's own result processing for anything else (JSON
  columns, binary, floats, or a stored value in an unexpected form).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) uses
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, Table, select
from sqlalchemy.orm import Session

from licenseapp.store.base import SEALED_IF_SET, UTCDateTime

#: JSON columns: the same text whatever their keys' order.
ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def norm(value: Any) -> Any:
    """A value as the seal's JSON holds it (moments and dates as ISO text, decimals
    normalised, bytes by their SHA-256)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


#: NULL's JSON (a value's own when it is not NULL: ``_NULL.get(v, v)``).
_NULL: dict[Any, str] = {None: "null"}

#: Between rows of a batch's text: never inside a JSON text (which escapes U+0000).
_ROW_END = "\x00"


class SealText:
    """One table's canonical text as a template: ``template % pieces`` is a row's text,
    where ``pieces`` holds each column's value written as JSON (``null`` for NULL)."""

    def __init__(self, table: Table) -> None:
        self.head = f"[{encode_basestring(table.name)},["
        self.names = [encode_basestring(c.name) for c in table.columns]
        #: Per column: left out of the seal while NULL (``SEALED_IF_SET``).
        self.if_set = [bool(c.info.get(SEALED_IF_SET)) for c in table.columns]
        assert not self.if_set[0], "the first column is always sealed"

    def digests(self, flat: list[Any], key: bytes | None, quoted: Sequence[bool] = ()
                ) -> list[str]:
        """Each row's seal, ``flat`` holding the rows' values one row after the other, each
        written as JSON (``null`` for NULL; an int may be left as it is, ``%s`` writes it as
        JSON does): HMAC-SHA256 with ``key``, plain SHA-256 without. ``quoted``: per column,
        whether its values are text that JSON writes as it is between quotes (no quote,
        backslash or control character: see :func:`plain_text`), left unquoted in ``flat``
        and quoted by the template (never a column left out while NULL). The texts of the
        whole batch are made by one ``%`` and encoded at once."""
        width = len(self.names)
        parts = [self.head]
        quotes = list(quoted) or [False] * width
        for position, (name, if_set) in enumerate(zip(self.names, self.if_set, strict=True)):
            if if_set:
                assert not quotes[position], "a column left out while NULL is never quoted"
                flat[position::width] = ["" if v == "null" else f",[{name},{v}]"
                                         for v in flat[position::width]]
                parts.append("%s")
            else:
                value = '"%s"' if quotes[position] else "%s"
                parts.append(f"{',' if position else ''}[{name},{value}]")
        parts.append("]]")
        batch = _ROW_END.join(["".join(parts)] * (len(flat) // width))
        texts = (batch % tuple(flat)).encode("utf-8").split(_ROW_END.encode())
        if key is None:
            sha256 = hashlib.sha256
            return [sha256(text).hexdigest() for text in texts]
        return hmac_sha256(key, texts)


def hmac_sha256(key: bytes, texts: Iterable[bytes]) -> list[str]:
    """HMAC-SHA256 of each text (RFC 2104), from the two padded keys' hash states copied:
    what ``hmac.new(key, text, sha256).hexdigest()`` gives, in two thirds of its time."""
    block = 64
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key)).copy
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key)).copy
    out = []
    for text in texts:
        first = inner()
        first.update(text)
        second = outer()
        second.update(first.digest())
        out.append(second.hexdigest())
    return out


_Processor = Callable[[Any], Any] | None


def _slow(processor: _Processor) -> Callable[[Any], str]:
    """A raw value's JSON through SQLAlchemy's own processing of the column (the reference
    every faster writer below agrees with)."""
    def piece(value: Any) -> str:
        if value is None:
            return "null"
        shown = processor(value) if processor is not None else value
        return "null" if shown is None else ENCODE(norm(shown))
    return piece


def _once_each(values: Sequence[Any], convert: Callable[[Any], str],
               done: dict[Any, str]) -> list[str]:
    """``convert`` of each value, each distinct value converted once (the first of each
    set of equal values) and kept in ``done`` for the next batches."""
    for value in set(values).difference(done):
        done[value] = convert(value)
    return list(map(done.__getitem__, values))


#: What JSON writes otherwise than as it is (``encode_basestring``: control characters,
#: quote and backslash), as UTF-8 bytes (never part of another character's bytes).
_ESCAPED = bytes(range(0x20)) + b'"\\'


def plain_text(values: Sequence[Any]) -> bool:
    """Whether every value is text that JSON writes as it is, between quotes (no NULL)."""
    try:
        text = "".join(values).encode("utf-8")
    except (TypeError, UnicodeEncodeError):  # a NULL, a value not text, a lone surrogate
        return False
    return len(text.translate(None, _ESCAPED)) == len(text)


def _pieces(kind: str, values: Sequence[Any], slow: Callable[[Any], str],
            done: dict[Any, str] | None = None) -> list[Any] | None:
    """The JSON of one column's raw values, as SQLAlchemy's returned values would be
    written (ints may be left as they are: ``%s`` writes them as JSON does); None: they
    may all be written as they are. ``done``: the column's values of few kinds (dates,
    booleans) already written, kept from batch to batch."""
    if kind == "str":  # the driver returns text as str (else bytes: refused by the C encoder)
        enc = encode_basestring
        try:
            if None not in values:
                return list(map(enc, values))
            return [enc(v) if v is not None else "null" for v in values]
        except TypeError:
            return [enc(v) if v.__class__ is str else slow(v) for v in values]
    if kind == "int":
        types = set(map(type, values))
        if types == {int}:
            return None
        if types == {int, type(None)}:  # NULL as null, ints as they are
            return list(map(_NULL.get, values, values))
        return [str(v) if v.__class__ is int else slow(v) for v in values]
    if kind == "sqlite moment":  # "YYYY-MM-DD HH:MM:SS.ffffff", SQLAlchemy's SQLite format
        whole = _sqlite_moments(values)
        if whole is not None:
            return whole
        return [
            (f'"{v[:10]}T{v[11:19]}+00:00"' if v.endswith(".000000")
             else f'"{v[:10]}T{v[11:]}+00:00"')
            if v.__class__ is str and len(v) == 26 and v[10] == " " and v[19] == "."
            else slow(v) for v in values]
    if kind == "naive moment":  # a driver's datetime without zone, meaning UTC
        return [f'"{v.isoformat()}+00:00"'
                      if v.__class__ is datetime and v.tzinfo is None else slow(v)
                      for v in values]
    if kind == "few":
        return _once_each(values, slow, {} if done is None else done)
    return [slow(v) for v in values]


_MOMENT = len("YYYY-MM-DD HH:MM:SS.ffffff")


def _sqlite_moments(values: Sequence[Any]) -> list[str] | None:
    """A column of SQLite moments written as JSON by a few operations on the whole column
    joined (what the per-value writer gives: ``"YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00"``, the
    fraction left out when zero); None unless every value has that exact shape (the space
    and point where they belong and nowhere else), then the per-value writer decides."""
    count = len(values)
    if not count or None in values:
        return None
    try:
        joined = _SEP.join(values)
    except TypeError:  # not all text
        return None
    step = _MOMENT + 1
    if (len(joined) != step * count - 1 or joined[10::step] != " " * count
            or joined[19::step] != "." * count or joined.count(" ") != count
            or joined.count(".") != count or joined.count(_SEP) != count - 1):
        return None
    text = joined.replace(".000000", "").replace(" ", "T").replace(_SEP, '+00:00"' + _SEP + '"')
    return f'"{text}+00:00"'.split(_SEP)


#: Between the values of a column joined (never in a moment's text: checked by count).
_SEP = "\x01"


def _kind(column_type: Any, dialect: str) -> str:
    if isinstance(column_type, UTCDateTime):
        return "sqlite moment" if dialect == "sqlite" else "naive moment"
    if isinstance(column_type, Boolean | Date):
        return "few"
    if isinstance(column_type, Integer):
        return "int"
    if isinstance(column_type, String):  # Text too
        return "str"
    return "other"


def raw_batches(session: Session, table: Table, size: int
                ) -> Iterator[tuple[list[tuple[Any, ...]], list[Any], list[bool]]]:
    """The rows of ``table`` by primary key, ``size`` at a time, as the driver returns them
    (plain tuples, columns in the table's order), each batch with the rows' values written
    for :meth:`SealText.digests` (one row after the other) and which columns it quotes."""
    connection = session.connection()
    dialect = connection.dialect
    query = select(table).order_by(*table.primary_key.columns)
    sql = str(query.compile(dialect=dialect))
    raw: Any = connection.connection
    if dialect.name == "postgresql":  # a server-side cursor: bounded memory
        cursor = raw.driver_connection.cursor(name=f"licenseapp_seals_{table.name}")
    else:
        cursor = raw.cursor()
    try:
        cursor.execute(sql)
        codes = [d[1] for d in cursor.description]
        kinds, slows = [], []
        for column, code in zip(table.columns, codes, strict=True):
            impl = column.type.dialect_impl(dialect)
            kind = _kind(column.type, dialect.name)
            # text that may be quoted by the template (not if left out while NULL)
            kinds.append("text" if kind == "str" and not column.info.get(SEALED_IF_SET)
                         else kind)
            slows.append(_slow(impl.result_processor(dialect, code)))
        width = len(kinds)
        written: list[dict[Any, str]] = [{} for _ in kinds]  # "few" values, by column
        while rows := cursor.fetchmany(size):
            flat = list(chain.from_iterable(rows))
            quoted = [False] * width
            for position, (kind, slow) in enumerate(zip(kinds, slows, strict=True)):
                values = flat[position::width]
                if kind == "text" and plain_text(values):
                    quoted[position] = True
                    continue
                pieces = _pieces("str" if kind == "text" else kind, values, slow,
                                 written[position])
                if pieces is not None:
                    flat[position::width] = pieces
            yield rows, flat, quoted
    finally:
        cursor.close()


__all__ = ["ENCODE", "SealText", "hmac_sha256", "norm", "plain_text", "raw_batches"]
