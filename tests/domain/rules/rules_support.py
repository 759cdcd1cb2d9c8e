"""Shared helpers for the license-determination tests (not a conftest: the root one owns
that module name)."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.rules import (
    Determination,
    ItemFacts,
    PersonFacts,
    determine,
    load_rulesets,
)

#: Before and after the scenario directive (in force from 2026-11-20).
BEFORE = date(2026, 11, 1)
AFTER = date(2026, 11, 27)
SUMMER = date(2026, 8, 1)


def decide(person: PersonFacts, eccn: str, on: date = SUMMER) -> Determination:
    return determine(person, ItemFacts.from_eccn(eccn), on, load_rulesets())
