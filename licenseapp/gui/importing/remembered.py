"""Column mappings remembered per source, so next month's file with the same headers maps
the way the user mapped this one.

A source is known by what is imported and its headers as :func:`header_key` reads them
(case, accents and punctuation ignored), in order. Kept in the user's settings
(:func:`licenseapp.gui.settings.store`), one entry per source: header key → our column (or
None: ignored on purpose), and the match key chosen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from licenseapp.domain.column_mapping import header_key
from licenseapp.gui.personal_settings import store

GROUP = "import_mappings"


@dataclass(frozen=True)
class RememberedMapping:
    columns: dict[str, str | None]  # header key → our column or None
    match_on: str | None = None


def source_key(what: str, headers: Sequence[str]) -> str:
    """The settings key of a source: what is imported + a digest of its normalised headers."""
    normalised = "\n".join(header_key(h) for h in headers)
    digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:24]
    return f"{GROUP}/{what}/{digest}"


def recall(what: str, headers: Sequence[str],
           settings: QSettings | None = None) -> RememberedMapping | None:
    """The mapping last used for a file of ``what`` with these headers, if any."""
    raw = (settings or store()).value(source_key(what, headers), "")
    if not raw:
        return None
    try:
        data = json.loads(str(raw))
        columns = {str(k): (None if v is None else str(v))
                   for k, v in dict(data["columns"]).items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # an entry from an older or damaged settings file: guessed afresh
    match_on = data.get("match_on")
    return RememberedMapping(columns, str(match_on) if match_on else None)


def remember(what: str, headers: Sequence[str], mapping: Mapping[str, str | None],
             match_on: str | None = None, settings: QSettings | None = None) -> None:
    """Keep ``mapping`` (file header → our column or None) for files with these headers."""
    columns = {header_key(h): c for h, c in mapping.items() if h}
    target = settings or store()
    target.setValue(source_key(what, headers),
                    json.dumps({"headers": list(headers), "columns": columns,
                                "match_on": match_on}, ensure_ascii=False))
    target.sync()


__all__ = ["RememberedMapping", "recall", "remember", "source_key"]
