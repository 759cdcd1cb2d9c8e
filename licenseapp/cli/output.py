"""Printing results: one JSON document, or aligned text for people."""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TextIO

#: Characters that move the cursor, recolour or clear the terminal, or reorder what follows
#: (C0 but tab and newline, DEL, C1, the bidi overrides, embeddings and isolates).
#: Lone surrogates (a file name in a foreign encoding) too: a terminal cannot print them.
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` (a name, a note, a file's content) made harmless for a terminal: control and
    bidi-override characters shown escaped, e.g. ESC as ``\\x1b``, U+202E as ``\\u202e``;
    tab and newline kept. Every line the command line prints goes through it
    (:class:`SafeStream`)."""
    return _UNSAFE.sub(_escape, text)


class SafeStream(io.TextIOBase):
    """A text stream that passes everything written through :func:`safe_text`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(safe_text(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    @property
    def buffer(self) -> Any:  # binary output (a PDF on standard output) is not text
        return self.stream.buffer

    def writable(self) -> bool:
        return True


@contextmanager
def safe_terminal() -> Iterator[None]:
    """Standard output and error through :class:`SafeStream` for the duration."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


#: A list this long is written one record per line: Python's fast (C) JSON encoder does
#: not indent, and the indenting one takes half of `list --json` at 100,000 applications.
LONG_LIST = 1_000


def _write_escaped(text: str) -> None:
    """Write JSON text to standard output with the characters a terminal would obey (C1,
    bidi overrides...) as ``\\uXXXX``, still valid JSON; json itself escapes only C0.
    Once: what comes out has nothing left for :class:`SafeStream` to escape."""
    out = sys.stdout
    text = _UNSAFE.sub(_json_escape, text)
    (out.stream if isinstance(out, SafeStream) else out).write(text)


def _line_encoder() -> Callable[[Any], str]:
    """JSON of one value on one line (``json.dumps(value, ensure_ascii=False)``), the C
    encoder made once rather than for every record of a long list."""
    from json import encoder

    make = getattr(encoder, "c_make_encoder", None)  # None: a Python without the C encoder
    if make is None:  # pragma: no cover
        return json.JSONEncoder(ensure_ascii=False, default=_default).encode
    encode = make(None, _default, encoder.encode_basestring, None, ": ", ", ", False, False,
                  True)
    join = "".join
    return lambda value: join(encode(value, 0))


def print_json(document: Any) -> None:
    if isinstance(document, list) and len(document) >= LONG_LIST:
        dumps = _line_encoder()
        for start in range(0, len(document), LONG_LIST):  # a part at a time: no second copy
            _write_escaped(("[\n  " if start == 0 else ",\n  ") + ",\n  ".join(
                [dumps(item) for item in document[start:start + LONG_LIST]]))
        _write_escaped("\n]\n")
    else:
        _write_escaped(json.dumps(document, ensure_ascii=False, indent=2, default=_default)
                       + "\n")


def display_width(text: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters count twice)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _fit(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text + " " * (width - display_width(text))
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    out += "…"
    return out + " " * (width - display_width(out))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 32) -> None:
    # Escaped before measuring, so a cell with a control character keeps the columns aligned.
    rows = [[safe_text(cell.replace("\n", " ").replace("\t", " ")) for cell in row]
            for row in rows]
    widths = [
        min(max_width, max([display_width(h)] + [display_width(r[i]) for r in rows]))
        for i, h in enumerate(headers)
    ]
    print("  ".join(_fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(_fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
