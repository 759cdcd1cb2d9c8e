"""``import`` and ``export``: CSV, XLSX and JSON in and out.

``import people|items|grants FILE`` prints, on stdout, how the file was read and its columns
mapped, the count of each outcome and every row not imported (row as the spreadsheet numbers
it, column, value, reason and fix), all three alike (:func:`print_import_report`). Exit
status: 0 when every row is in (or, in a dry run, would be), 1 when some rows were rejected
or wait for confirmation, 2 when the whole file is refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.cli.context import Context, force_hint, force_option
from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.domain.import_outcomes import ImportReport

EXIT_REJECTED = 1
_SHOWN = 30


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common],
                       help="import people, controlled items or access records from CSV or "
                            "XLSX")
    p.add_argument("what", choices=["people", "items", "grants"],
                   help="what the file holds: people (a roster), items (controlled items) or "
                        "grants (who has or requested access to which item)")
    p.add_argument("file", help="a .csv or .xlsx file whose first row names the columns")
    p.add_argument("--dry-run", action="store_true",
                   help="show what each row would do, write nothing")
    p.add_argument("--errors", metavar="FILE",
                   help="write the rows not imported to this .csv or .xlsx file")
    force_option(p, "the errors file")
    p.add_argument("--sheet", metavar="NAME", help="the XLSX sheet to read (default: the first)")
    p.add_argument("--match-on", choices=["employee_number", "email"],
                   help="people only: the key that finds people already in the database "
                        "(default: the employee number when the file has that column, else "
                        "the e-mail)")
    p.add_argument("--create-organizations", action="store_true",
                   help="people only: create employers that are not in the database yet")
    p.add_argument("--all-or-nothing", action="store_true",
                   help="import nothing unless every row can be imported")
    p.add_argument("--confirm-name-matches", action="store_true",
                   help="people only: apply rows that match someone only by name and date "
                        "of birth")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", parents=[common],
                       help="export people, items, applications, licenses or deadlines")
    p.add_argument("what", choices=["people", "items", "applications", "licenses", "deadlines"])
    p.add_argument("file", help="the file to write: .csv, .xlsx or .json")
    force_option(p)
    p.set_defaults(handler=cmd_export)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    if args.force and not args.errors:
        raise LicenseAppError("--force: goes with --errors")
    if args.errors:  # refused before anything is read
        from licenseapp.services.exchange.importing import check_errors_file

        with force_hint():
            check_errors_file(Path(args.file), Path(args.errors), database=ctx.database(),
                              replace=args.force)
    if args.what != "people":
        given = [flag for flag, value in (
            ("--match-on", args.match_on), ("--create-organizations", args.create_organizations),
            ("--confirm-name-matches", args.confirm_name_matches)) if value]
        if given:
            raise LicenseAppError(f"{', '.join(given)}: for import people only, not "
                                  f"import {args.what}")
        return _import_records(ctx, args)
    return _import_people(ctx, args)


def _import_people(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain.import_outcomes import Outcome
    from licenseapp.services.exchange.roster import import_people

    report = import_people(
        ctx.database(), Path(args.file), dry_run=args.dry_run,
        errors_file=Path(args.errors) if args.errors else None, replace_errors=args.force,
        sheet=args.sheet, match_on=args.match_on, create_organizations=args.create_organizations,
        all_or_nothing=args.all_or_nothing, confirm_name_matches=args.confirm_name_matches)
    notes: list[str] = []
    created = report.created.get("employer", ())
    if created:
        verb = "would be created" if not report.applied else "created"
        notes.append(f"Organizations {verb}: " + ", ".join(created))
    missing = [n for n in report.unknown_employers if n not in created]
    if missing:
        notes.append("Employers not in the database: " + ", ".join(missing)
                     + " (add them, or import again with --create-organizations)")
    waiting = report.counts[Outcome.NEEDS_CONFIRMATION]
    hint = (" Rows to confirm match someone only by name and date of birth: give the key, "
            "or import again with --confirm-name-matches." if waiting else "")
    return print_import_report(report, errors=args.errors, notes=notes, hint=hint)


def _import_records(ctx: Context, args: argparse.Namespace) -> int:
    """``import items`` and ``import grants``."""
    from licenseapp.services.exchange.grant_import import import_grants
    from licenseapp.services.exchange.item_import import import_items

    run = import_items if args.what == "items" else import_grants
    report = run(ctx.database(), Path(args.file), dry_run=args.dry_run,
                 errors_file=Path(args.errors) if args.errors else None,
                 replace_errors=args.force, sheet=args.sheet, all_or_nothing=args.all_or_nothing)
    notes = [f"{_UNKNOWN[what]} not in the database: " + ", ".join(names)
             for what, names in report.unknown.items() if names and what in _UNKNOWN]
    return print_import_report(report, errors=args.errors, notes=notes)


#: What the values of ``ImportReport.unknown`` name, for the lines listing them.
_UNKNOWN = {"person": "People", "item": "Items"}


def print_import_report(report: ImportReport, *, errors: str | None,
                        notes: Sequence[str] = (), hint: str = "") -> int:
    """Print an import's report as every ``import`` prints it; returns the exit status (0
    every row in, 1 some rows not). ``notes`` follow the counts; ``hint`` ends the last
    line when rows are not imported."""
    from licenseapp.domain.import_outcomes import Outcome
    from licenseapp.domain.lenient_values import shown

    counts = report.counts
    matched = (f"; {report.what} matched on {report.match_on.replace('_', ' ')}"
               if report.match_on else "")
    print(f"Read {report.source} ({report.read_as}){matched}.")
    renamed = [line for line in report.mapping.describe()
               if "→" in line and line.split(" → ")[0] != line.split(" → ")[1]]
    if renamed:
        print("Columns: " + "; ".join(renamed))
    if report.unknown_headers:
        print("Columns ignored: " + ", ".join(report.unknown_headers))
    if report.dry_run:
        head = "Dry run, nothing written. Would be"
    elif report.applied:
        head = "Imported"
    else:
        head = "Nothing imported (all or nothing). Would have been"
    print(f"{head}: " + ", ".join(f"{counts[o]} {o.label}" for o in Outcome) + ".")
    for note in notes:
        print(note)
    bad = report.not_imported
    for r in bad[:_SHOWN]:
        kind = "to confirm" if r.outcome is Outcome.NEEDS_CONFIRMATION else "rejected"
        for p in r.problems:
            value = f" {shown(p.value)!r}" if p.value else ""
            print(f"  row {r.row}, {p.column}{value}: {p.reason}; {p.fix} ({kind})")
    if len(bad) > _SHOWN:
        print(f"  … and {len(bad) - _SHOWN} more rows")
    if errors:
        print(f"Rows not imported written to {errors}.")
    if not bad:
        return 0
    if report.applied:
        print(f"{len(bad)} row(s) not imported; correct them and import the file again "
              f"(rows already imported stay as they are).{hint}")
    else:
        print(f"{len(bad)} row(s) cannot be imported; correct them and import again.{hint}")
    return EXIT_REJECTED


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.exchange.exports import export

    path = Path(args.file)
    if path.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise LicenseAppError(f"{path.name}: the file must end in .csv, .xlsx or .json")
    ctx.check_output(path, force=args.force)
    count = export(ctx.database(), args.what, path, replace=args.force)
    print(f"Exported {count} {args.what} to {path}.")
    return 0
