"""What the engine answers: one result per rule set, and the strictest of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

#: Strictness order: a license required beats unknown beats not required.
_RANK = {True: 2, None: 1, False: 0}


def strictness(license_required: bool | None) -> int:
    return _RANK[license_required]


def answer_word(license_required: bool | None) -> str:
    if license_required is None:
        return "unknown"
    return "license required" if license_required else "no license required"


@dataclass(frozen=True, slots=True)
class RulesetResult:
    """The answer of one rule set in force. ``applies`` is False when the rule set does not
    control the item at all (its answer is then "not required" and it cannot decide)."""

    ruleset: str
    title: str
    applies: bool
    license_required: bool | None
    country: str | None
    regulator: str
    form: str
    reason: str
    citations: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    policy: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "ruleset": self.ruleset,
            "title": self.title,
            "applies": self.applies,
            "license_required": self.license_required,
            "country": self.country,
            "regulator": self.regulator,
            "form": self.form,
            "reason": self.reason,
            "citations": list(self.citations),
            "missing": list(self.missing),
            "notes": list(self.notes),
            "policy": self.policy,
        }


@dataclass(frozen=True, slots=True)
class Determination:
    """Whether releasing an item to a person needs a license on a date, and why.

    ``license_required`` is ``None`` when the data is not enough: ``missing`` then says what
    to find out. ``ruleset`` names the rule set whose answer decided (the strictest);
    ``results`` holds every rule set's answer.
    """

    license_required: bool | None
    country: str | None
    regulator: str | None
    form: str | None
    ruleset: str | None
    reason: str
    citations: tuple[str, ...]
    missing: tuple[str, ...]
    results: tuple[RulesetResult, ...]
    on: date
    eccn: str | None
    notes: tuple[str, ...] = ()
    policy: str = ""

    @property
    def answer(self) -> str:
        return answer_word(self.license_required)

    def to_json(self) -> dict[str, Any]:
        return {
            "license_required": self.license_required,
            "answer": self.answer,
            "country": self.country,
            "regulator": self.regulator,
            "form": self.form,
            "ruleset": self.ruleset,
            "reason": self.reason,
            "citations": list(self.citations),
            "missing": list(self.missing),
            "notes": list(self.notes),
            "policy": self.policy,
            "date": self.on.isoformat(),
            "eccn": self.eccn,
            "results": [r.to_json() for r in self.results],
        }
