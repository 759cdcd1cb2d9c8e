"""``determine()``: every rule set in force answers; the strictest answer wins.

Strictness: a license required beats unknown beats not required. Among equally strict
answers, one that names the deciding country, then the earliest rule set (by effective
date) decides; other rule sets that also require a license are mentioned in the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from licenseapp.domain.enums import FORM_OF_REGULATOR, Regime, Regulator
from licenseapp.domain.forms import form_spec
from licenseapp.domain.rules import wording
from licenseapp.domain.rules.determination import Determination, RulesetResult, strictness
from licenseapp.domain.rules.facts import ItemFacts, PersonFacts
from licenseapp.domain.rules.reference import load_reference
from licenseapp.domain.rules.ruleset import RuleSet
from licenseapp.domain.rules.ruleset_evaluation import evaluate
from licenseapp.errors import ValidationError


def check_item(item: ItemFacts, field: str = "eccn") -> None:
    """Refuse an EAR item whose ECCN is not on the Commerce Control List."""
    if item.regime is not Regime.EAR or item.eccn is None or item.eccn == "EAR99":
        return
    reference = load_reference()
    if item.eccn_base not in reference.ccl:  # a dict lookup: cheap enough for every call
        raise ValidationError(
            field, f"{item.eccn!r} is not on the Commerce Control List (Supp. 1 to Part 774, "
            f"eCFR {reference.issue_date.isoformat()}); check the classification")


def determine(person: PersonFacts, item: ItemFacts, on: date,
              rulesets: Iterable[RuleSet]) -> Determination:
    """Whether releasing ``item`` to ``person`` on ``on`` needs a license, and why."""
    check_item(item)
    in_force = [r for r in rulesets if r.in_force(on)]
    if not in_force:
        return _nothing(item, on, f"No rule set is in force on {on.isoformat()}.",
                        (f"a rule set in force on {on.isoformat()}",))
    results = tuple([evaluate(r, person, item, on) for r in in_force])
    return decide(person, item, on, in_force, results)


def decide(person: PersonFacts, item: ItemFacts, on: date, in_force: list[RuleSet],
           results: tuple[RulesetResult, ...]) -> Determination:
    """The determination from the answers of the rule sets in force (``results``, one per
    rule set of ``in_force``): the strictest applicable answer decides. A caller that has the
    answers already (the impact, asking "and without this rule set?") passes a subset."""
    if not in_force:
        return _nothing(item, on, f"No rule set is in force on {on.isoformat()}.",
                        (f"a rule set in force on {on.isoformat()}",))
    applicable = [r for r in results if r.applies]
    if not applicable and item.regime is Regime.UK:
        return _in_country(person, item, on, results)
    if not applicable and item.mode is not None:
        by_mode = [r for r in in_force if r.items.covers(item.in_mode(None))]
        if by_mode:
            return _mode_outside(item, on, by_mode, results)
    if not applicable:
        reason = (f"No rule set in force on {on.isoformat()} controls {item.label} "
                  f"({item.regime.value}); in force: {', '.join(r.id for r in in_force)}.")
        return _nothing(item, on, reason, (f"a rule set for {item.regime.value} items",),
                        results)
    best = applicable[0]
    if len(applicable) > 1:
        for r in applicable[1:]:
            if _rank(r) > _rank(best):
                best = r
    reason = best.reason
    if best.license_required is True and len(applicable) > 1:
        also = [r.title for r in applicable if r is not best and r.license_required is True]
        if also:
            reason += f" A license is also required under {wording.join(also)}."
    return Determination(
        license_required=best.license_required,
        country=best.country,
        regulator=best.regulator,
        form=best.form,
        ruleset=best.ruleset,
        reason=reason,
        citations=best.citations,
        missing=best.missing,
        results=results,
        on=on,
        eccn=item.eccn,
        notes=best.notes,
        policy=best.policy,
    )


def _rank(result: RulesetResult) -> tuple[int, bool]:
    """Strictest first; between equally strict answers, one that names the country."""
    return strictness(result.license_required), result.country is not None


def _in_country(person: PersonFacts, item: ItemFacts, on: date,
                results: tuple[RulesetResult, ...]) -> Determination:
    """A UK item at the applicant's site: no licence for access in the UK; the SIEL's own
    words (its form spec's ``in_country`` term) say when one is needed."""
    spec = form_spec(FORM_OF_REGULATOR[Regulator.ECJU])
    answer = spec.term("in_country")
    # "this person" when the facts carry no name: the caller puts the name back.
    answer = f"For {person.name or 'this person'}, {answer[0].lower()}{answer[1:]}"
    return Determination(False, None, spec.regulator, spec.code, None, answer,
                         (spec.term("citizenship_source"),), (), results, on, item.eccn)


def _mode_outside(item: ItemFacts, on: date, rulesets: list[RuleSet],
                  results: tuple[RulesetResult, ...]) -> Determination:
    """Every rule set that controls the item leaves out the way it is reached (e.g. the
    ordinary rule controls 4E091 where the parameters are released, not the model's use)."""
    first = rulesets[0]
    reason = next(r.reason for r in results if r.ruleset == first.id)
    reason += (f" No rule set in force on {on.isoformat()} controls {item.label} in this access "
               "mode, so no license is required for it.")
    return Determination(False, None, first.regulator, first.form, first.id, reason,
                         tuple(str(c) for c in first.citations), (), results, on, item.eccn)


def _nothing(item: ItemFacts, on: date, reason: str, missing: tuple[str, ...],
             results: tuple[RulesetResult, ...] = ()) -> Determination:
    return Determination(None, None, None, None, None, reason, (), missing, results, on,
                         item.eccn)
