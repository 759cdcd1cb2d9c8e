"""A rule set as loaded from its data file: who it covers, what it controls, how it decides.

The file format is described in ``resources/rulesets/README.md``; loading and validation
live in :mod:`licenseapp.domain.rules.ruleset_loader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from licenseapp.domain.rules.facts import ItemFacts


class PersonCategory(StrEnum):
    """Categories of people a rule set may leave out of its coverage."""

    US_CITIZEN = "us_citizen"
    LPR = "lpr"
    PROTECTED = "protected"


class DecidingRule(StrEnum):
    MOST_RECENT_CITIZENSHIP_OR_RESIDENCY = "most_recent_citizenship_or_residency"


class StatelessFallback(StrEnum):
    RESIDENCY = "residency"
    BIRTH = "birth"


class LicensingMethod(StrEnum):
    #: The ECCN's reasons for control against the Commerce Country Chart, then Part 746.
    COMMERCE_COUNTRY_CHART = "commerce_country_chart"
    #: A license for every covered person, whatever the country.
    ALL_DESTINATIONS = "all_destinations"
    #: ITAR: a license for every release of technical data to a foreign person, to every
    #: country of present or past citizenship and of permanent residency (22 CFR 120.50(b)).
    ITAR_RELEASE = "itar_release"


class RuleOutcome(StrEnum):
    """What a rule answers for a pair: a license is required, is not, or cannot be told."""

    REQUIRED = "required"
    NOT_REQUIRED = "not_required"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Citation:
    cite: str
    title: str = ""
    user_editable: bool = False
    unconfirmed: str = ""

    def __str__(self) -> str:
        return self.cite


@dataclass(frozen=True, slots=True)
class CoveredPersons:
    """Who a rule set covers: everyone but the ``not_covered`` categories and, when
    ``countries`` or ``country_groups`` are given, only those whose deciding country is one
    of the countries or in one of the Country Groups (Supp. 1 to Part 740)."""

    description: str
    not_covered: frozenset[PersonCategory]
    citations: tuple[Citation, ...] = ()
    countries: frozenset[str] = frozenset()
    country_groups: frozenset[str] = frozenset()

    @property
    def by_country(self) -> bool:
        return bool(self.countries or self.country_groups)


@dataclass(frozen=True, slots=True)
class ItemScope:
    """What a rule set controls: regimes, ECCNs, item kinds and the access modes.

    ``modes`` (empty: every mode) limits the rule set to some ways of reaching an AI model;
    ``eccn_modes`` limits single ECCNs further (the ordinary rule reaches 4E091 only where
    the parameters are released). An item recorded as a whole (no mode) is always in scope.
    """

    regimes: frozenset[str]
    all_eccns: bool
    eccns: frozenset[str]
    item_kinds: frozenset[str]
    description: str = ""
    modes: frozenset[str] = frozenset()
    eccn_modes: tuple[tuple[str, frozenset[str]], ...] = ()

    def covers_mode(self, item: ItemFacts) -> bool:
        """False if the rule set leaves out the way ``item`` is reached (its access mode)."""
        mode = item.mode
        if mode is None:
            return True
        if self.modes and mode not in self.modes:
            return False
        for eccn, modes in self.eccn_modes:
            if eccn in (item.eccn, item.eccn_base):
                return mode in modes
        return True

    def covers(self, item: ItemFacts) -> bool:
        if item.regime not in self.regimes:  # StrEnum members match their str values
            return False
        if not self.covers_mode(item):
            return False
        if item.kind is not None and item.kind in self.item_kinds:
            return True
        if item.eccn is None:
            return self.all_eccns
        return self.all_eccns or item.eccn_base in self.eccns or item.eccn in self.eccns


@dataclass(frozen=True, slots=True)
class DecidingCountry:
    rule: DecidingRule
    stateless_fallback: tuple[StatelessFallback, ...] = ()
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    code: str
    name: str
    citation: str


@dataclass(frozen=True, slots=True)
class Embargo:
    """Part 746: a destination without chart marks, and what needs a license there."""

    country: str
    all_items: bool
    reasons: frozenset[str]
    ear99: bool
    citations: tuple[Citation, ...]
    note: str = ""
    unconfirmed: str = ""


@dataclass(frozen=True, slots=True)
class FootnoteControl:
    """A chart footnote that requires a license for listed ECCNs to the countries it marks."""

    footnote: str
    eccns: tuple[str, ...]
    citations: tuple[Citation, ...]
    note: str = ""
    unconfirmed: str = ""


@dataclass(frozen=True, slots=True)
class SpecialControl:
    """How to read a CCL control whose chart text the engine cannot classify by itself."""

    pattern: re.Pattern[str]
    outcome: RuleOutcome
    countries: frozenset[str] | None  # None: every country
    footnote: str | None  # only the countries the chart marks with this footnote
    note: str
    except_countries: frozenset[str] = frozenset()
    citations: tuple[Citation, ...] = ()
    unconfirmed: str = ""


@dataclass(frozen=True, slots=True)
class Licensing:
    method: LicensingMethod
    policy: str
    citations: tuple[Citation, ...] = ()
    reasons: dict[str, ReasonInfo] = field(default_factory=dict)
    embargoes: dict[str, Embargo] = field(default_factory=dict)
    footnote_controls: tuple[FootnoteControl, ...] = ()
    special_controls: tuple[SpecialControl, ...] = ()
    unresolved: RuleOutcome = RuleOutcome.UNKNOWN
    country_aliases: dict[str, str] = field(default_factory=dict)
    alias_citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, eq=False)
class RuleSet:
    """One rule set (compared by identity: each loaded file is its own rule set)."""

    id: str
    version: str
    title: str
    authority: str
    regulator: str
    form: str
    effective_from: date
    effective_to: date | None
    citations: tuple[Citation, ...]
    covered: CoveredPersons
    items: ItemScope
    deciding: DecidingCountry
    licensing: Licensing
    note: str = ""
    source: str = ""

    def in_force(self, on: date) -> bool:
        """In force from ``effective_from`` through ``effective_to`` (both inclusive)."""
        if on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to

    @property
    def period(self) -> str:
        end = f" to {self.effective_to.isoformat()}" if self.effective_to else ""
        return f"from {self.effective_from.isoformat()}{end}"
