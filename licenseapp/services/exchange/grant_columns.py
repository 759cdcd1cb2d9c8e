"""The columns of an access-record file (the names people give them) and the states of
access as people write them ("Active", "on", "pending", "on hold", "ended")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from licenseapp.domain import lenient_values as lv
from licenseapp.domain.column_mapping import ColumnSpec
from licenseapp.domain.enums import GrantState
from licenseapp.domain.lenient_values import ValueRejected

GRANT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("person", "Person",
               ("employee", "e-mail", "email", "employee id", "employee number", "person ref",
                "person reference", "email address", "e-mail address", "work email",
                "staff id", "staff number", "personnel number", "emp id", "employee no",
                "foreign national"), required=True),
    ColumnSpec("item", "Item",
               ("item ref", "item reference", "item name", "controlled item", "model",
                "ai model", "model name", "technology", "product"), required=True),
    ColumnSpec("mode", "Access mode",
               ("mode", "access type", "mode of access", "access level")),
    ColumnSpec("since", "Since",
               ("start date", "granted on", "access since", "date granted", "granted",
                "start", "from", "valid from", "access granted on", "access start",
                "requested on", "date")),
    ColumnSpec("state", "State",
               ("status", "access state", "access status", "grant state", "grant status")),
)
LABELS = {c.name: c.label for c in GRANT_COLUMNS}
_STATE_WORDS: dict[str, GrantState] = {}
for _state, _words in {
    GrantState.ACTIVE: ("active", "activate", "activated", "on", "yes", "y", "granted",
                        "grant", "enabled", "allowed", "current", "true", "1", "live",
                        "approved"),
    GrantState.REQUESTED: ("requested", "request", "pending", "applied", "applied for",
                           "awaiting", "waiting", "in progress", "open", "to request",
                           "requested access"),
    GrantState.SUSPENDED: ("suspended", "suspend", "paused", "on hold", "hold", "blocked",
                           "frozen"),
    GrantState.REVOKED: ("revoked", "revoke", "off", "no", "n", "ended", "end", "removed",
                         "terminated", "inactive", "disabled", "withdrawn", "false", "0",
                         "cancelled", "canceled"),
}.items():
    for _word in _words:
        _STATE_WORDS[_word] = _state
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_STATE_FIX = "write active, requested, suspended or revoked"


@lru_cache(maxsize=1_000)
def _state_text(text: str) -> GrantState:
    key = " ".join(_NOT_WORD.sub(" ", text.casefold()).split())
    found = _STATE_WORDS.get(key)
    if found is None:
        raise ValueRejected(f"{text!r} is not a state of access", _STATE_FIX)
    return found


def grant_state(cell: Any) -> GrantState:
    """A state of access as people write it ("Active", "on", "pending", "on hold")."""
    return _state_text(lv.cell_text(cell))


__all__ = ["GRANT_COLUMNS", "LABELS", "grant_state"]
