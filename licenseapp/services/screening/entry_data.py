"""List entries and hits as stored (JSON text) and read back."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from licenseapp.domain.screening.entries import ListEntry
from licenseapp.services.screening.dto import Hit, ScoreFactor

_ENTRY_FIELDS = tuple(f.name for f in fields(ListEntry))


def entry_json(entry: ListEntry) -> str:
    return json.dumps([getattr(entry, name) for name in _ENTRY_FIELDS], ensure_ascii=False,
                      separators=(",", ":"))


def entry_from_json(text: str) -> ListEntry:
    values: list[Any] = [tuple(v) if isinstance(v, list) else v for v in json.loads(text)]
    return ListEntry(*values)


def hit_json(hit: Hit) -> str:
    return json.dumps({
        "score": hit.score, "list_code": hit.list_code, "list_name": hit.list_name,
        "entry_id": hit.entry_id, "entry_name": hit.entry_name,
        "matched_name": hit.matched_name, "query_name": hit.query_name,
        "programs": hit.programs, "countries": hit.countries, "source_url": hit.source_url,
        "explanation": [[f.label, f.effect] for f in hit.explanation],
    }, ensure_ascii=False, separators=(",", ":"))


def hit_from_json(text: str) -> Hit:
    data = json.loads(text)
    return Hit(score=float(data["score"]), list_code=data["list_code"],
               list_name=data["list_name"], entry_id=data["entry_id"],
               entry_name=data["entry_name"], matched_name=data["matched_name"],
               query_name=data["query_name"], programs=tuple(data["programs"]),
               countries=tuple(data["countries"]), source_url=data["source_url"],
               explanation=tuple(ScoreFactor(label, float(effect))
                                 for label, effect in data["explanation"]))


def hit_to_json(hit: Hit) -> dict[str, Any]:
    """A hit as the command line's JSON shows it."""
    return {"score": hit.score, "list": hit.list_code, "list_name": hit.list_name,
            "entry_id": hit.entry_id, "entry_name": hit.entry_name,
            "matched_name": hit.matched_name, "query_name": hit.query_name,
            "programs": list(hit.programs), "countries": list(hit.countries),
            "source_url": hit.source_url, "explanation": hit.explained,
            "factors": [{"label": f.label, "effect": f.effect} for f in hit.explanation]}
