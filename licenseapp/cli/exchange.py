"""``import`` and ``export``: CSV, XLSX and JSON in and out.

``import people FILE`` prints, on stdout, how the file was read and its columns mapped, the
count of each outcome and every row not imported (row as the spreadsheet numbers it, column,
value, reason and fix). Exit status: 0 when every row is in (or, in a dry run, would be), 1
when some rows were rejected or wait for confirmation, 2 when the whole file is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from licenseapp.cli.context import Context
from licenseapp.errors import LicenseAppError

EXIT_REJECTED = 1
_SHOWN = 30


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help="import people from CSV or XLSX")
    p.add_argument("what", choices=["people"], help="what the file holds")
    p.add_argument("file", help="a .csv or .xlsx file whose first row names the columns")
    p.add_argument("--dry-run", action="store_true",
                   help="show what each row would do, write nothing")
    p.add_argument("--errors", metavar="FILE",
                   help="write the rows not imported to this .csv or .xlsx file")
    p.add_argument("--sheet", metavar="NAME", help="the XLSX sheet to read (default: the first)")
    p.add_argument("--match-on", choices=["employee_number", "email"],
                   help="the key that finds people already in the database (default: the "
                        "employee number when the file has that column, else the e-mail)")
    p.add_argument("--create-organizations", action="store_true",
                   help="create employers that are not in the database yet")
    p.add_argument("--all-or-nothing", action="store_true",
                   help="import nothing unless every row can be imported")
    p.add_argument("--confirm-name-matches", action="store_true",
                   help="apply rows that match someone only by name and date of birth")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", parents=[common],
                       help="export people, applications, licenses or deadlines")
    p.add_argument("what", choices=["people", "applications", "licenses", "deadlines"])
    p.add_argument("file", help="the file to write: .csv, .xlsx or .json")
    p.set_defaults(handler=cmd_export)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain.import_outcomes import Outcome
    from licenseapp.domain.lenient_values import shown
    from licenseapp.services.roster import import_people

    report = import_people(
        ctx.database(), Path(args.file), dry_run=args.dry_run,
        errors_file=Path(args.errors) if args.errors else None, sheet=args.sheet,
        match_on=args.match_on, create_organizations=args.create_organizations,
        all_or_nothing=args.all_or_nothing, confirm_name_matches=args.confirm_name_matches)
    counts = report.counts
    print(f"Read {report.source} ({report.read_as}); people matched on "
          f"{report.match_on.replace('_', ' ')}.")
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
    created = report.created.get("employer", ())
    if created:
        verb = "would be created" if not report.applied else "created"
        print(f"Organizations {verb}: " + ", ".join(created))
    missing = [n for n in report.unknown_employers if n not in created]
    if missing:
        print("Employers not in the database: " + ", ".join(missing)
              + " (add them, or import again with --create-organizations)")
    bad = report.not_imported
    for r in bad[:_SHOWN]:
        kind = "to confirm" if r.outcome is Outcome.NEEDS_CONFIRMATION else "rejected"
        for p in r.problems:
            value = f" {shown(p.value)!r}" if p.value else ""
            print(f"  row {r.row}, {p.column}{value}: {p.reason}; {p.fix} ({kind})")
    if len(bad) > _SHOWN:
        print(f"  … and {len(bad) - _SHOWN} more rows")
    if args.errors:
        print(f"Rows not imported written to {args.errors}.")
    if not bad:
        return 0
    waiting = counts[Outcome.NEEDS_CONFIRMATION]
    hint = (" Rows to confirm match someone only by name and date of birth: give the key, "
            "or import again with --confirm-name-matches." if waiting else "")
    if report.applied:
        print(f"{len(bad)} row(s) not imported; correct them and import the file again "
              f"(rows already imported stay as they are).{hint}")
    else:
        print(f"{len(bad)} row(s) cannot be imported; correct them and import again.{hint}")
    return EXIT_REJECTED


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.exports import export

    path = Path(args.file)
    if path.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise LicenseAppError(f"{path.name}: the file must end in .csv, .xlsx or .json")
    count = export(ctx.database(), args.what, path)
    print(f"Exported {count} {args.what} to {path}.")
    return 0
