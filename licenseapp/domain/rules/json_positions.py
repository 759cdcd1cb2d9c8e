"""Parse JSON and remember the line of every field, so errors can name file, line and field."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from typing import Any

Path = tuple[str | int, ...]

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class JsonSyntaxError(ValueError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def field_name(path: Path) -> str:
    """``licensing.embargoes.IR.reasons[2]`` for a path."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(document)"


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate field {key!r}")
        result[key] = value
    return result


def parse(text: str) -> tuple[Any, dict[Path, int]]:
    """The document and a map from each field's path to its line (1-based).

    Raises :class:`JsonSyntaxError` with the line and column of a syntax error.
    """
    try:
        document = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as exc:
        raise JsonSyntaxError(exc.msg, exc.lineno, exc.colno) from None
    except ValueError as exc:  # a duplicate key: find where
        lines = _Lines(text)
        raise JsonSyntaxError(str(exc), *_duplicate_position(text, lines, str(exc))) from None
    lines = _Lines(text)
    positions: dict[Path, int] = {}
    _walk(text, 0, (), lines, positions)
    return document, positions


class _Lines:
    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, index: int) -> int:
        return bisect.bisect_right(self._starts, index)

    def column(self, index: int) -> int:
        return index - self._starts[self.at(index) - 1] + 1


def _duplicate_position(text: str, lines: _Lines, message: str) -> tuple[int, int]:
    key = message.split("'", 2)[1] if "'" in message else ""
    hits = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    index = hits[1] if len(hits) > 1 else 0
    return lines.at(index), lines.column(index)


def _skip(text: str, i: int) -> int:
    match = _WS.match(text, i)
    return match.end() if match else i


def _walk(text: str, i: int, path: Path, lines: _Lines, out: dict[Path, int]) -> int:
    """Record positions below ``path`` for the (valid) value starting at ``i``; return its end."""
    i = _skip(text, i)
    out.setdefault(path, lines.at(i))
    ch = text[i]
    if ch == "{":
        i = _skip(text, i + 1)
        if text[i] == "}":
            return i + 1
        while True:
            key_line = lines.at(i)
            key, i = _DECODER.raw_decode(text, i)
            out[(*path, key)] = key_line
            i = _skip(text, i) + 1  # past ':'
            i = _walk(text, i, (*path, key), lines, out)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
                continue
            return i + 1
    if ch == "[":
        i = _skip(text, i + 1)
        if text[i] == "]":
            return i + 1
        for index in _count():
            i = _walk(text, i, (*path, index), lines, out)
            i = _skip(text, i)
            if text[i] == ",":
                i += 1
                continue
            return i + 1
    _, end = _DECODER.raw_decode(text, i)
    return int(end)


def _count() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1
