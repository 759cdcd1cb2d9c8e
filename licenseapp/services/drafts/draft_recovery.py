"""The wizard's unsaved work, kept on disk while typing so a crash or a kill loses nothing.

Every change in the wizard rewrites one small file (atomically: a temporary file renamed
over the old one, readable by the user only) holding the draft form, the page and which
database it belongs to. Finishing or discarding the draft deletes it; at the next start a
file still there is offered back.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from licenseapp import paths
from licenseapp.domain.draft_form import DraftForm, DraftItemForm
from licenseapp.domain.recorded import FormValues

FILE_NAME = "unsaved-draft.json"
FORMAT = 1


@dataclass(frozen=True)
class RecoveredDraft:
    form: DraftForm
    page: int
    database: str  # the database's display location
    saved_at: datetime


def recovery_file() -> Path:
    return paths.user_data_dir() / FILE_NAME


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value))


def keep(form: DraftForm, page: int, database: str, now: datetime | None = None) -> Path:
    """Write the unsaved draft (replacing the previous one)."""
    target = recovery_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "database": database, "page": page,
               "saved_at": (now or datetime.now(UTC)).isoformat(),
               "form": dataclasses.asdict(form)}
    fd, tmp = tempfile.mkstemp(prefix=".draft-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(payload, out, ensure_ascii=False, default=_default)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _pairs(raw: Any) -> FormValues:
    """Recorded blocks back from JSON (``[["b11", "D123456"]]``; absent in older files)."""
    return tuple((str(key), str(text)) for key, text in raw or ())


def _item(raw: dict[str, Any]) -> DraftItemForm:
    return DraftItemForm(**{**raw, "form_values": _pairs(raw.get("form_values"))})


def recover(database: str | None = None) -> RecoveredDraft | None:
    """The draft left behind (for ``database`` if given), or None. An unreadable file is
    treated as absent, never as an error at start."""
    try:
        data = json.loads(recovery_file().read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        raw = dict(data["form"])
        raw["items"] = tuple(_item(i) for i in raw.get("items", ()))
        raw["form_values"] = _pairs(raw.get("form_values"))
        form = DraftForm(**raw)
        found = RecoveredDraft(form, int(data.get("page", 0)), str(data.get("database", "")),
                               datetime.fromisoformat(data["saved_at"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if database is not None and found.database != database:
        return None
    return found


def discard() -> None:
    recovery_file().unlink(missing_ok=True)


__all__ = ["RecoveredDraft", "discard", "keep", "recover", "recovery_file"]
