"""``determine``: whether releasing an item to a person needs a license, and why."""

from __future__ import annotations

import argparse
import textwrap
from datetime import date
from pathlib import Path

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json
from licenseapp.domain import not_subject, validators
from licenseapp.domain.citizenship_input import parse_citizenships
from licenseapp.domain.rules import (
    Determination,
    ItemFacts,
    PersonFacts,
    RuleSet,
    check_item,
    determine,
    find_ruleset,
    load_rulesets,
    shipped_rulesets_dir,
)
from licenseapp.domain.rules.wording import name
from licenseapp.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "determine", parents=[common],
        help="whether a person needs a license for an item, with the reason",
        description="License determination: every rule set in force on the date answers and "
        "the strictest answer wins (license required, then unknown, then not required).",
    )
    p.add_argument("--citizenship", metavar="CC[,CC]", default="",
                   help="citizenships as ISO codes, each optionally with how and when it was "
                   "acquired: CN, CA:2015-06-01, CN:birth (held from birth) or "
                   "CA:naturalization:2018-06-01; born Chinese and naturalized Canadian in "
                   "2018 is CN:birth,CA:2018-06-01 (leave out for a stateless person)")
    p.add_argument("--residency", metavar="CC[:DATE]",
                   help="country of permanent residency, optionally with its start date")
    p.add_argument("--birth", metavar="CC", help="country of birth")
    p.add_argument("--status", metavar="S",
                   help="U.S. immigration status: citizen, lpr, protected, h1b, l1, o1, f1, j1, "
                   "tn, e3, b1b2 or other")
    p.add_argument("--name", default="", help="the person's name, for the reason text")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--eccn", metavar="E",
                      help="ECCN such as 3E001, 3A090.a or EAR99, or \"not subject "
                      "(published)\", \"(fundamental research)\" or \"(educational)\"")
    what.add_argument("--item", metavar="REF", help="a controlled item in the database")
    what.add_argument("--usml", metavar="CAT",
                      help="ITAR technical data of this USML category, e.g. XI(d)")
    what.add_argument("--uk-entry", metavar="ENTRY",
                      help="technology on the UK Strategic Export Control Lists, e.g. ML22 or "
                      "PL5017 (military) or a dual-use entry such as 3E001")
    p.add_argument("--recipient-in", metavar="CC",
                   help="for a UK item: the country the recipient receives or accesses the "
                   "technology from (GB: in the United Kingdom; any other: a transfer out of "
                   "it)")
    p.add_argument("--mode", metavar="M",
                   help="how the person reaches an AI model: parameters (the weights), use "
                   "(inference through an API or chat) or fine-tuning (default: the item as a "
                   "whole)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date to decide on (default: today)")
    p.add_argument("--rules", metavar="ID",
                   help="only this rule set (default: every rule set in force on the date)")
    p.add_argument("--rules-dir", metavar="DIR", action="append", default=[],
                   help="also load the rule sets in this directory (may be repeated)")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=cmd_determine)


def _dated(value: str, field: str) -> tuple[str, date | None]:
    code, _, when = value.partition(":")
    return (validators.country(code, field),
            validators.iso_date(when, field) if when.strip() else None)


def person_from_args(args: argparse.Namespace) -> PersonFacts:
    cits = parse_citizenships(args.citizenship, "--citizenship")
    residency, since = _dated(args.residency, "--residency") if args.residency else (None, None)
    return PersonFacts(
        citizenships=cits,
        residency_country=residency,
        residency_since=since,
        immigration_status=(validators.immigration_status(args.status, "--status")
                            if args.status else None),
        birth_country=validators.country(args.birth, "--birth") if args.birth else None,
        name=args.name.strip(),
    )


def _mode(text: str) -> str:
    from licenseapp.domain.enums import AccessMode
    from licenseapp.domain.item_form import mode_of

    found = mode_of(text)
    if found is None:
        words = ", ".join(m.value.replace("_", "-") for m in AccessMode)
        raise ValidationError("--mode", f"{text!r} is not an access mode; choose {words}")
    return found.value


def _directories(extra: list[str]) -> list[Path]:
    from licenseapp import paths

    dirs = [shipped_rulesets_dir()]
    if paths.user_rulesets_dir().is_dir():
        dirs.append(paths.user_rulesets_dir())
    for d in extra:
        folder = Path(d)
        if not folder.is_dir():
            raise ValidationError("--rules-dir", f"{d!r} is not a directory")
        dirs.append(folder)
    return dirs


def _rulesets(args: argparse.Namespace, on: date) -> list[RuleSet]:
    rulesets = list(load_rulesets(_directories(args.rules_dir)))
    if not args.rules:
        return rulesets
    chosen = find_ruleset(rulesets, args.rules, "--rules")
    if not chosen.in_force(on):
        raise ValidationError(
            "--rules", f"{chosen.id} is in force {chosen.period}, not on {on.isoformat()}; "
            "give a --date within that period")
    return [chosen]


def cmd_determine(ctx: Context, args: argparse.Namespace) -> int:
    on = validators.iso_date(args.date, "--date") if args.date else date.today()
    person = person_from_args(args)
    basis = not_subject.basis_of(args.eccn) if args.eccn is not None else None
    if basis is not None:  # --eccn "not subject (published)": not subject to the EAR
        item = ItemFacts(None, name="This item", not_subject=basis.code)
    elif args.eccn is not None:
        item = ItemFacts.from_eccn(validators.eccn(args.eccn, "--eccn"))
        check_item(item, "--eccn")
    elif args.usml is not None or args.uk_entry is not None:
        item = _listed_item(args)
    else:
        from licenseapp.services.catalog.items import find_item

        item = find_item(ctx.database(), args.item)
    if args.mode:
        item = item.in_mode(_mode(args.mode))
    result = determine(person, item, on, _rulesets(args, on))
    if args.recipient_in:
        result = _at_recipient(result, item, args.recipient_in, person.name)
    if args.json:
        print_json(result.to_json())
    else:
        print_summary(result)
    return 0


def _listed_item(args: argparse.Namespace) -> ItemFacts:
    """An ITAR (USML category) or UK (control-list entry) item typed on the command line."""
    from licenseapp.domain.enums import ItemKind, Regime
    from licenseapp.domain.item_form import normal_classification

    if args.usml is not None:
        category = normal_classification(Regime.ITAR.value, args.usml)
        if not category.startswith("USML "):
            raise ValidationError("--usml", f"{args.usml!r} is not a USML category; write "
                                  "it as a Roman numeral with its paragraph, e.g. XI(d)")
        return ItemFacts(None, ItemKind.TECHNICAL_DATA, Regime.ITAR, category)
    entry = " ".join(args.uk_entry.split())
    if not entry:
        raise ValidationError("--uk-entry", "name the control-list entry, e.g. ML22")
    return ItemFacts(None, ItemKind.TECHNOLOGY, Regime.UK, entry)


def _at_recipient(result: Determination, item: ItemFacts, where: str,
                  person: str) -> Determination:
    from licenseapp.domain.countries import country_name
    from licenseapp.domain.enums import Regime
    from licenseapp.domain.recipient_location import for_recipient_location

    code = validators.country(where, "--recipient-in")
    if item.regime is not Regime.UK:
        raise ValidationError(
            "--recipient-in", f"where the recipient is decides only for a UK item (a transfer "
            f"out of the United Kingdom); {item.label} is an {item.regime.value} item, whose "
            "release in the United States is what is determined")
    return for_recipient_location(result, country_name(code), person)


def _wrap(label: str, text: str) -> None:
    lines = textwrap.wrap(text, 92) or [""]
    print(f"{label:<11}{lines[0]}")
    for line in lines[1:]:
        print(" " * 11 + line)


def _license_word(form: str | None) -> str:
    """The regulator's word: "licence" for a UK case (the form spec's ``license`` term)."""
    from licenseapp.domain.forms import spec_of

    spec = spec_of(form) if form else None
    return spec.term("license") if spec is not None else "license"


def print_summary(d: Determination) -> None:
    word = _license_word(d.form)
    headline = {True: f"{word.upper()} REQUIRED", False: f"No {word} required",
                None: "UNKNOWN: data missing"}[d.license_required]
    export = "transfer" if d.form == "SIEL" else "deemed export"  # UK: out of the country
    where = f" ({export} to {name(d.country)}, {d.country})" if d.country else ""
    print(f"{headline}{where} on {d.on.isoformat()}")
    if d.ruleset:
        print(f"{'Rule set':<11}{d.ruleset}")
    if d.regulator:
        print(f"{'Regulator':<11}{d.regulator}, form {d.form}")
    _wrap("Reason", d.reason)
    if d.missing:
        _wrap("Missing", "; ".join(d.missing))
    _wrap("Citations", "; ".join(d.citations))
    if d.policy and d.license_required:
        _wrap("Policy", d.policy)
    for note in d.notes:
        _wrap("Note", note)
    others = [r for r in d.results if r.ruleset != d.ruleset]
    for r in others:
        answer = {True: "license required", False: "no license required",
                  None: "unknown"}[r.license_required]
        _wrap("Also", f"{r.ruleset}: " + (answer if r.applies else "does not control this item"))
