"""``impact``, ``suspend`` and ``draft-bulk``: acting on a directive."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.cli.context import Context, force_option
from licenseapp.cli.output import print_json, print_table
from licenseapp.domain import validators
from licenseapp.errors import ValidationError

if TYPE_CHECKING:
    from licenseapp.services.directive.impact import ImpactReport
    from licenseapp.services.drafts.bulk_drafts import BulkDraftResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "impact", parents=[common], help="everyone who must lose access under a rule set",
        description="Every live access that needs a license under the rule sets in force and "
        "has none, grouped: newly required by this rule set, already required and unlicensed "
        "(a possible violation), undetermined (facts missing); counts by item, mode, country.")
    _common(p)
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=cmd_impact)

    p = sub.add_parser(
        "suspend", parents=[common], help="suspend every access that must stop under a rule set",
        description="Mark the accesses the rule set newly affects suspended, now, by you, with "
        "the reason; already suspended ones are left as they are.")
    _common(p)
    p.add_argument("--reason", metavar="T", default="", help="why (default: names the rule set)")
    p.add_argument("--groups", metavar="G[,G]", default="newly,already,undetermined",
                   help="which groups to suspend: newly, already, undetermined (default all)")
    p.add_argument("--list", metavar="FILE", dest="list_file",
                   help="also write the suspension list for the IT team (.csv, .xlsx or .json)")
    force_option(p, "the list file")
    p.set_defaults(handler=cmd_suspend)

    p = sub.add_parser(
        "draft-bulk", parents=[common],
        help="draft applications for everyone a rule set newly affects",
        description="One draft application per affected person, prefilled and linked to the "
        "rule set. People who already have an open application for those items are skipped, "
        "so running it twice creates nothing new.")
    _common(p)
    p.add_argument("--dry-run", action="store_true", help="show what would be drafted; write "
                   "nothing")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=cmd_draft_bulk)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="ID", required=True,
                   help="the rule set, e.g. ai-access-directive-2026")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the date (default: today, or the rule set's effective date if later)")


def _date(args: argparse.Namespace) -> date | None:
    return validators.iso_date(args.date, "--date") if args.date else None


def cmd_impact(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.impact import impact

    report = impact(ctx.database(), args.rules, _date(args))
    if args.json:
        print_json(report.to_json())
    else:
        _print_impact(report)
    return 0


def _print_impact(r: ImpactReport) -> None:
    from licenseapp.services.directive.impact import GROUP_TITLES

    stop = len(r.must_stop())
    print(f"{r.title} ({r.ruleset_id}) on {r.on.isoformat()}: {stop} access(es) must stop: "
          f"{len(r.pairs)} newly need a license ({r.people} person(s)), "
          f"{len(r.already_required)} already needed one and have none, "
          f"{len(r.undetermined)} undetermined.")
    if not r.by_item:
        return
    print("By item:    " + ", ".join(f"{c.label} ({c.key}) {c.count}" for c in r.by_item))
    print("By mode:    " + ", ".join(f"{c.label} {c.count}" for c in r.by_mode))
    print("By country: " + ", ".join(f"{c.label} ({c.key or '?'}) {c.count}"
                                     for c in r.by_country))
    for group, title in GROUP_TITLES.items():
        pairs = r.group(group)
        if pairs:
            print(f"\n{title}: {len(pairs)}")
            _pairs_table(pairs)


def _pairs_table(pairs: tuple[object, ...]) -> None:
    from licenseapp.services.directive.impact import AffectedPair

    rows = []
    for p in pairs:
        assert isinstance(p, AffectedPair)
        status = (f"licensed {p.license_number}" if p.license_number
                  else p.open_application or "-")
        if p.missing:
            status = "missing: " + "; ".join(p.missing)
        rows.append([p.person_ref, p.person_name, p.item_name, (p.mode or "").replace("_", "-"),
                     p.country or "?", p.access, p.before.replace("_", " "), status])
    print_table(["Person", "Name", "Item", "Mode", "Country", "Access", "Before",
                 "Application"], rows)


def cmd_suspend(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.impact import export_suspension_list

    if args.list_file:  # refuse a list that cannot be written before suspending anything
        target = Path(args.list_file)
        if target.suffix.lower() not in (".csv", ".xlsx", ".json"):
            raise ValidationError("--list", f"{target.name}: write .csv, .xlsx or .json")
        ctx.check_output(target, force=args.force)
    elif args.force:
        raise ValidationError("--force", "goes with --list")
    db = ctx.database()
    from licenseapp.cli.directive_day import groups_option
    from licenseapp.services.directive.suspension import suspend

    result = suspend(db, args.rules, reason=args.reason, on=_date(args),
                     groups=groups_option(args.groups))
    local = result.at.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    print(f"Suspended {len(result.suspended)} access(es) under {result.ruleset_id} at {local} "
          f"({result.at.strftime('%Y-%m-%d %H:%M:%S')} UTC); {result.already_suspended} "
          f"already suspended; {result.licensed} covered by a valid license, left as they are.")
    if args.list_file:
        count = export_suspension_list(db, args.rules, Path(args.list_file),
                                       replace=args.force)
        print(f"Suspension list: {count} access(es) written to {args.list_file}")
    return 0


def cmd_draft_bulk(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.drafts.bulk_drafts import draft_bulk

    result = draft_bulk(ctx.database(), args.rules, on=_date(args), dry_run=args.dry_run)
    if args.json:
        print_json(_draft_json(result))
    else:
        _print_drafts(result)
    return 0


def _draft_json(r: BulkDraftResult) -> dict[str, object]:
    return {
        "ruleset": r.ruleset_id, "date": r.on.isoformat(), "dry_run": r.dry_run,
        "created": r.created, "would_create": len(r.drafts) if r.dry_run else 0,
        "skipped_duplicates": r.duplicates, "licensed_pairs": r.licensed_pairs,
        "drafts": [{"ref": d.ref, "person_ref": d.person_ref, "name": d.person_name,
                    "items": list(d.items), "regulator": d.regulator, "form": d.form}
                   for d in r.drafts],
        "skipped": [{"person_ref": s.person_ref, "name": s.person_name, "why": s.why,
                     "applications": list(s.applications)} for s in r.skipped],
    }


def _print_drafts(r: BulkDraftResult) -> None:
    verb = "Would create" if r.dry_run else "Created"
    tail = " (dry run: nothing was written)" if r.dry_run else ""
    print(f"{verb} {len(r.drafts)} draft application(s) under {r.ruleset_id}{tail}.")
    for d in r.drafts:
        print(f"  {d.ref}  {d.person_ref} {d.person_name}: {', '.join(d.items)} "
              f"({d.regulator} {d.form})")
    dupes = [s for s in r.skipped if s.why == "open_application"]
    print(f"Skipped {len(dupes)} person(s) who already have an open application for those "
          "items (duplicates).")
    for s in dupes:
        print(f"  {s.person_ref} {s.person_name}: {', '.join(s.applications)}")
    for s in r.skipped:
        if s.why == "no_employer":
            print(f"Not drafted: {s.person_ref} {s.person_name} has no employer recorded "
                  "(the applicant); record it and run again.")
    if r.licensed_pairs:
        print(f"{r.licensed_pairs} affected access(es) are covered by a valid license already.")
