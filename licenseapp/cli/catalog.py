"""``org``, ``item`` and ``access``: the records applications are built from.

``org add|list|edit`` keeps applicant organizations, ``item add|list|edit|retire|reinstate``
controlled items (with access modes for AI models), ``access grant|revoke|list`` who holds
or has requested access to which item. The services name problems by their form fields;
here they are named by the options that set them.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json, print_table
from licenseapp.domain import validators
from licenseapp.errors import LicenseAppError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from licenseapp.services.catalog.access import GrantOutcome

#: Organization fields the command line sets, by option.
ORG_OPTIONS: dict[str, str] = {
    "legal_name": "--legal-name", "street": "--street", "city": "--city", "state": "--state",
    "postal_code": "--postal-code", "country": "--country", "phone": "--phone",
    "ein": "--ein", "snapr_cin": "--snapr-cin", "ddtc_code": "--ddtc-code",
    "contact_name": "--contact-name", "contact_email": "--contact-email",
    "signatory_name": "--signatory-name", "signatory_title": "--signatory-title",
}
#: Item form fields (and the retirement reason), by option.
ITEM_OPTIONS: dict[str, str] = {
    "name": "--name", "kind": "--kind", "access_modes": "--modes", "regime": "--regime",
    "classification": "--classification", "reasons_for_control": "--reasons",
    "ccats": "--ccats", "description": "--description", "retired_reason": "--reason",
}
#: Access fields, by option ("": the message names the person or item itself).
ACCESS_OPTIONS: dict[str, str] = {
    "person": "", "item": "", "mode": "--mode", "since": "--since",
    "state": "--requested", "reason": "--reason",
}


class OptionsInvalid(ValidationError):
    """A form refused by a service, each problem named by the option that sets the field."""

    def __init__(self, problems: Sequence[Any], options: Mapping[str, str],
                 labels: Mapping[str, str]) -> None:
        parts = [p.message if options.get(p.field) == "" else
                 f"{options.get(p.field) or labels.get(p.field, p.field)}: {p.message}"
                 for p in problems]
        # The message names each problem's option itself: no single field goes before it.
        super().__init__("", "; ".join(parts))


def _by_option(exc: Any, options: Mapping[str, str],
               labels: Mapping[str, str] | None = None) -> OptionsInvalid:
    """A service's FormInvalid, re-worded for the command line."""
    return OptionsInvalid(exc.problems, options, labels or {})


# --- parsers -----------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    _register_org(sub, common)
    _register_item(sub, common)
    _register_access(sub, common)


def _org_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--legal-name", required=adding, metavar="NAME",
                   help="the organization's legal name")
    for field, option in ORG_OPTIONS.items():
        if field == "legal_name":
            continue
        extra = " (ISO code, default US)" if field == "country" else ""
        p.add_argument(option, dest=field, metavar="TEXT",
                       help=field.replace("_", " ").replace("ein", "EIN")
                       .replace("snapr cin", "SNAP-R CIN").replace("ddtc", "DDTC") + extra)


def _register_org(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                  common: argparse.ArgumentParser) -> None:
    org = sub.add_parser("org", parents=[common], help="applicant organizations: add, list, edit")
    verbs = org.add_subparsers(dest="verb", metavar="add|list|edit", required=True,
                               parser_class=type(org))
    p = verbs.add_parser("add", parents=[common], help="add an organization")
    _org_options(p, adding=True)
    p.set_defaults(handler=cmd_org_add)
    p = verbs.add_parser("list", parents=[common], help="list the organizations")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_org_list)
    p = verbs.add_parser("edit", parents=[common], help="change an organization's details")
    p.add_argument("org", metavar="ORG", help="the organization's number or legal name")
    _org_options(p, adding=False)
    p.set_defaults(handler=cmd_org_edit)


def _item_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--name", required=adding, help="the item's name, e.g. \"Mythos 5\"")
    p.add_argument("--kind", required=adding,
                   help="technology, source_code, ai_model (AI model access), "
                        "technical_data or defense_service")
    p.add_argument("--modes", metavar="MODES",
                   help="an AI model's access modes, comma-separated: parameters, use, "
                        "fine_tuning")
    p.add_argument("--regime", default="EAR" if adding else None,
                   help="EAR (default), ITAR, UK or EU")
    p.add_argument("--classification", required=adding,
                   help="ECCN (e.g. 4E091), EAR99 or \"not subject\"; a USML category such "
                        "as XI(d) for ITAR; a control-list entry for UK and EU")
    p.add_argument("--reasons", metavar="REASONS",
                   help="reasons for control (default: from the CCL for the ECCN)")
    p.add_argument("--ccats", help="CCATS number, e.g. G195530")
    p.add_argument("--description", help="what the item is")


def _register_item(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                   common: argparse.ArgumentParser) -> None:
    item = sub.add_parser("item", parents=[common],
                          help="controlled items: add, list, edit, retire, reinstate")
    verbs = item.add_subparsers(dest="verb", metavar="add|list|edit|retire|reinstate",
                                required=True, parser_class=type(item))
    p = verbs.add_parser("add", parents=[common], help="add a controlled item")
    _item_options(p, adding=True)
    p.set_defaults(handler=cmd_item_add)
    p = verbs.add_parser("list", parents=[common], help="list the controlled items")
    p.add_argument("--all", action="store_true", help="retired items too")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_item_list)
    p = verbs.add_parser("edit", parents=[common], help="change a controlled item")
    p.add_argument("item", metavar="ITEM", help="the item's reference (ITM-001) or name")
    _item_options(p, adding=False)
    p.set_defaults(handler=cmd_item_edit)
    p = verbs.add_parser("retire", parents=[common],
                         help="retire an item (kept with its records; takes no new access)")
    p.add_argument("item", metavar="ITEM", help="the item's reference (ITM-001) or name")
    p.add_argument("--reason", required=True, help="why the item is retired")
    p.set_defaults(handler=cmd_item_retire)
    p = verbs.add_parser("reinstate", parents=[common], help="undo an item's retirement")
    p.add_argument("item", metavar="ITEM", help="the item's reference (ITM-001) or name")
    p.set_defaults(handler=cmd_item_reinstate)


def _register_access(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                     common: argparse.ArgumentParser) -> None:
    access = sub.add_parser("access", parents=[common],
                            help="who holds or has requested access to which item")
    verbs = access.add_subparsers(dest="verb", metavar="grant|revoke|list", required=True,
                                  parser_class=type(access))
    person_help = "the person's reference (P-0001) or e-mail"
    item_help = "the item's reference (ITM-001) or name"
    p = verbs.add_parser("grant", parents=[common],
                         help="record a person's access to an item (or its request)")
    p.add_argument("person", metavar="PERSON", help=person_help)
    p.add_argument("item", metavar="ITEM", help=item_help)
    p.add_argument("--mode", help="for an AI model: parameters, use or fine_tuning")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="the day access began (default today)")
    p.add_argument("--requested", action="store_true",
                   help="access is requested, not yet on")
    p.set_defaults(handler=cmd_access_grant)
    p = verbs.add_parser("revoke", parents=[common], help="end a person's access to an item")
    p.add_argument("person", metavar="PERSON", help=person_help)
    p.add_argument("item", metavar="ITEM", help=item_help)
    p.add_argument("--mode", help="only this access mode (default: every mode)")
    p.add_argument("--reason", default="", help="why access ends")
    p.set_defaults(handler=cmd_access_revoke)
    p = verbs.add_parser("list", parents=[common], help="list access records")
    p.add_argument("--person", metavar="PERSON", help="only this person's")
    p.add_argument("--item", metavar="ITEM", help="only this item's")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_access_list)


# --- organizations -----------------------------------------------------------------------


def _org_changes(args: argparse.Namespace) -> dict[str, Any]:
    out = {field: getattr(args, field) for field in ORG_OPTIONS
           if getattr(args, field, None) is not None}
    if "country" in out:
        out["country"] = out["country"].strip().upper()
    return out


def _save_org(ctx: Context, form: Any, base: Any = None) -> Any:
    from licenseapp.domain.organization_form import ORGANIZATION_LABELS
    from licenseapp.services.catalog.items import FormInvalid
    from licenseapp.services.catalog.organizations import save_organization

    try:
        return save_organization(ctx.database(), form, base=base)
    except FormInvalid as exc:
        raise _by_option(exc, ORG_OPTIONS, ORGANIZATION_LABELS) from None


def cmd_org_add(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain.organization_form import OrganizationForm

    saved = _save_org(ctx, OrganizationForm(**_org_changes(args)))
    print(f"Added organization #{saved.id}: {saved.legal_name}")
    return 0


def cmd_org_list(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.organizations import list_organizations

    rows = list_organizations(ctx.database())
    if args.json:
        print_json([dataclasses.asdict(r) for r in rows])
        return 0
    if not rows:
        print("No organizations yet; add one with: licenseapp org add --legal-name NAME")
        return 0
    print_table(["No.", "Legal name", "City", "Country", "Contact", "Signatory", "People"],
                [[str(r.id), r.legal_name, r.city, r.country, r.contact_name,
                  r.signatory_name, str(r.people)] for r in rows], max_width=40)
    print(f"\n{len(rows)} organization(s)")
    return 0


def _org_id(ctx: Context, text: str) -> int:
    from licenseapp.services.catalog.organizations import list_organizations

    wanted = text.strip().lstrip("#")
    rows = list_organizations(ctx.database())
    if wanted.isdigit() and any(r.id == int(wanted) for r in rows):
        return int(wanted)
    same = [r for r in rows if r.legal_name.strip().casefold() == wanted.casefold()]
    if len(same) == 1:
        return same[0].id
    raise NotFoundError(f"no organization {text.strip()!r}; give its number or legal name "
                        "as 'licenseapp org list' shows them")


def cmd_org_edit(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.organizations import load_organization

    changes = _org_changes(args)
    if not changes:
        raise LicenseAppError("nothing to change: give the options to change, e.g. "
                              "--city or --signatory-name")
    base = load_organization(ctx.database(), _org_id(ctx, args.org))
    saved = _save_org(ctx, dataclasses.replace(base, **changes), base)
    print(f"Saved organization #{saved.id}: {saved.legal_name} (version {saved.version})")
    return 0


# --- items -------------------------------------------------------------------------------


def _item_changes(args: argparse.Namespace) -> dict[str, Any]:
    from licenseapp.services.catalog.items import modes_of

    out: dict[str, Any] = {}
    for field, name in (("name", "name"), ("kind", "kind"), ("regime", "regime"),
                        ("classification", "classification"),
                        ("reasons_for_control", "reasons"), ("ccats", "ccats"),
                        ("description", "description")):
        value = getattr(args, name, None)
        if value is not None:
            out[field] = value
    if args.modes is not None:
        out["access_modes"] = modes_of(args.modes)
    return out


def _save_item(ctx: Context, form: Any, base: Any = None) -> Any:
    from licenseapp.services.catalog.items import ITEM_LABELS, FormInvalid, save_item

    try:
        return save_item(ctx.database(), form, base=base)
    except FormInvalid as exc:
        raise _by_option(exc, ITEM_OPTIONS, ITEM_LABELS) from None


def _describe_item(saved: Any) -> str:
    from licenseapp.services.catalog.items import kind_label

    modes = f", modes {', '.join(saved.access_modes)}" if saved.access_modes else ""
    reasons = f", reasons {saved.reasons_for_control}" if saved.reasons_for_control else ""
    return (f"{saved.ref} {saved.name} ({kind_label(saved.kind)}{modes}; {saved.regime} "
            f"{saved.classification}{reasons})")


def cmd_item_add(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.items import ItemForm

    saved = _save_item(ctx, ItemForm(**_item_changes(args)))
    print(f"Added item {_describe_item(saved)}")
    return 0


def _item_json(r: Any) -> dict[str, Any]:
    out = dataclasses.asdict(r)
    out["access_modes"] = list(r.access_modes)
    out["retired"] = r.retired
    return out


def cmd_item_list(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.items import kind_label, list_items

    rows = list_items(ctx.database(), include_retired=args.all)
    if args.json:
        print_json([_item_json(r) for r in rows])
        return 0
    if not rows:
        print("No controlled items yet; add one with: licenseapp item add --name N --kind K "
              "--classification C")
        return 0
    print_table(["Ref", "Name", "Kind", "Modes", "Regime", "Classification", "Reasons",
                 "People", "Retired"],
                [[r.ref, r.name, kind_label(r.kind), ", ".join(r.access_modes), r.regime,
                  r.classification, r.reasons_for_control, str(r.people),
                  r.retired_reason if r.retired else ""] for r in rows])
    print(f"\n{len(rows)} item(s)")
    return 0


def _item(ctx: Context, text: str) -> Any:
    from licenseapp.services.catalog.items import find_item_by_text

    return find_item_by_text(ctx.database(), text)


def cmd_item_edit(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.items import is_ai_model, load_item

    changes = _item_changes(args)
    if not changes:
        raise LicenseAppError("nothing to change: give the options to change, e.g. "
                              "--classification or --modes")
    base = load_item(ctx.database(), _item(ctx, args.item).id)
    if ("kind" in changes and "access_modes" not in changes
            and not is_ai_model(changes["kind"])):
        changes["access_modes"] = ()  # no longer an AI model: no modes
    saved = _save_item(ctx, dataclasses.replace(base, **changes), base)
    print(f"Saved item {_describe_item(saved)} (version {saved.version})")
    return 0


def cmd_item_retire(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.items import FormInvalid, retire_item

    found = _item(ctx, args.item)
    try:
        done = retire_item(ctx.database(), found.id, args.reason)
    except FormInvalid as exc:
        raise _by_option(exc, ITEM_OPTIONS) from None
    print(f"Retired {done.ref} {done.name}: {done.retired_reason}")
    if done.people:
        print(f"{done.people} person(s) still have an access record for it; end them with "
              f"'licenseapp access revoke PERSON {done.ref}'.")
    return 0


def cmd_item_reinstate(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.items import reinstate_item

    done = reinstate_item(ctx.database(), _item(ctx, args.item).id)
    print(f"Reinstated {done.ref} {done.name}")
    return 0


# --- access ------------------------------------------------------------------------------


def _since(text: str | None) -> date | None:
    if text is None:
        return None
    return validators.iso_date(text, "--since")


def _what(outcome: GrantOutcome) -> str:
    r = outcome.record
    mode = f" ({r.mode.replace('_', '-')})" if r.mode else ""
    return f"{r.person_name} ({r.person_ref}) → {r.item_name} ({r.item_ref}){mode}"


def cmd_access_grant(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.access import (
        GRANT_LABELS,
        FormInvalid,
        grant_access,
        resolve_item,
        resolve_person,
    )

    db = ctx.database()
    since = _since(args.since)
    person, item = resolve_person(db, args.person), resolve_item(db, args.item)
    state = "requested" if args.requested else "active"
    try:
        outcome = grant_access(db, person.id, item.id, mode=args.mode, state=state,
                               since=since)
    except FormInvalid as exc:
        raise _by_option(exc, ACCESS_OPTIONS, GRANT_LABELS) from None
    r = outcome.record
    since_text = f", since {r.since.isoformat()}" if r.since else ""
    if not outcome.changed:
        print(f"Unchanged: {_what(outcome)} is already {r.state}{since_text}.")
    elif outcome.created:
        verb = "Requested" if r.state == "requested" else "Granted"
        print(f"{verb}: {_what(outcome)}{since_text}.")
    elif outcome.previous == r.state:
        print(f"Updated: {_what(outcome)}{since_text}.")
    else:
        print(f"Now {r.state} (was {outcome.previous}): {_what(outcome)}{since_text}.")
    return 0


def cmd_access_revoke(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.access import (
        GRANT_LABELS,
        FormInvalid,
        resolve_item,
        resolve_person,
        revoke_access_to,
    )

    db = ctx.database()
    person, item = resolve_person(db, args.person), resolve_item(db, args.item)
    try:
        outcomes = revoke_access_to(db, person.id, item.id, mode=args.mode,
                                    reason=args.reason)
    except FormInvalid as exc:
        raise _by_option(exc, ACCESS_OPTIONS, GRANT_LABELS) from None
    for o in outcomes:
        print(("Revoked: " if o.changed else "Already revoked: ") + _what(o))
    return 0


def cmd_access_list(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.catalog.access import list_access, resolve_item, resolve_person

    db = ctx.database()
    person_id = resolve_person(db, args.person).id if args.person else None
    item_id = resolve_item(db, args.item).id if args.item else None
    rows = list_access(db, person_id=person_id, item_id=item_id)
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("No access records match.")
        return 0
    print_table(["Person", "Name", "Item", "Item name", "Mode", "State", "Since", "Reason"],
                [[r.person_ref, r.person_name, r.item_ref, r.item_name,
                  (r.mode or "").replace("_", "-"), r.state,
                  r.since.isoformat() if r.since else "", r.suspended_reason]
                 for r in rows])
    print(f"\n{len(rows)} access record(s)")
    return 0
