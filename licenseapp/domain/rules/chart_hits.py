"""What the chart evaluation finds per control line, and its answer for one country."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from licenseapp.domain.rules.ccl_controls import Control
from licenseapp.domain.rules.ruleset import RuleOutcome

DEEMED = "15 CFR 734.13(b)"
CHART = "Supp. 1 to Part 738"
EMBARGO_PART = "15 CFR part 746"


class ControlMatch(Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


OUTCOME_MATCH = {RuleOutcome.REQUIRED: ControlMatch.YES, RuleOutcome.NOT_REQUIRED: ControlMatch.NO,
                 RuleOutcome.UNKNOWN: ControlMatch.UNKNOWN}


@dataclass(frozen=True, slots=True)
class ControlHit:
    """One control line of the entry, as it bears on the country.

    ``depends``: the line covers only part of the entry and the item's paragraph does not
    settle whether the item is in that part. ``note`` explains an UNKNOWN or special match.
    """

    control: Control
    match: ControlMatch
    depends: bool
    note: str = ""
    citations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChartAnswer:
    license_required: bool | None
    because: str  # "3E001 is controlled for NS1 and China is marked under NS Column 1 ..."
    citations: tuple[str, ...]
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    #: License exceptions that may be available, each with its conditions (never applied).
    offers: tuple[str, ...] = ()
