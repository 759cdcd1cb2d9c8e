"""License determination: rule sets as data, and the engine that applies them.

>>> from datetime import date
>>> rulesets = load_rulesets()
>>> d = determine(PersonFacts.of("CN", status="h1b"), ItemFacts.from_eccn("3E001"),
...               date(2026, 8, 1), rulesets)
>>> d.license_required, d.country, d.form
(True, 'CN', 'BIS-748P')
"""

from licenseapp.domain.rules.determination import Determination, RulesetResult
from licenseapp.domain.rules.engine import check_item, decide, determine
from licenseapp.domain.rules.facts import CitizenshipFacts, ItemFacts, PersonFacts
from licenseapp.domain.rules.json_fields import DataFileError
from licenseapp.domain.rules.ruleset import RuleSet
from licenseapp.domain.rules.ruleset_loader import (
    clear_cache,
    find_ruleset,
    load_ruleset_file,
    load_rulesets,
    parse_ruleset,
    shipped_rulesets_dir,
)

__all__ = [
    "CitizenshipFacts",
    "DataFileError",
    "Determination",
    "ItemFacts",
    "PersonFacts",
    "RuleSet",
    "RulesetResult",
    "check_item",
    "clear_cache",
    "decide",
    "determine",
    "find_ruleset",
    "load_ruleset_file",
    "load_rulesets",
    "parse_ruleset",
    "shipped_rulesets_dir",
]
