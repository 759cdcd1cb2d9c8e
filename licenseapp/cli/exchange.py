"""``import`` and ``export``: CSV, XLSX and JSON in and out."""

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
    p.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
    p.add_argument("--errors", metavar="FILE", help="write the problems found to this file")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", parents=[common],
                       help="export people, applications, licenses or deadlines")
    p.add_argument("what", choices=["people", "applications", "licenses", "deadlines"])
    p.add_argument("file", help="the file to write: .csv, .xlsx or .json")
    p.set_defaults(handler=cmd_export)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.roster import import_people

    report = import_people(ctx.database(), Path(args.file), dry_run=args.dry_run,
                           errors_file=Path(args.errors) if args.errors else None)
    if not report.ok:
        print(f"Nothing imported: {len(report.problems)} problem(s) in {args.file}. "
              "Correct them and import again.")
        for p in report.problems[:_SHOWN]:
            shown = f" ({p.value!r})" if p.value else ""
            print(f"  line {p.line}, {p.column}{shown}: {p.message}")
        if len(report.problems) > _SHOWN:
            print(f"  … and {len(report.problems) - _SHOWN} more")
        if args.errors:
            print(f"All problems written to {args.errors}.")
        return EXIT_REJECTED
    verb = "Would import" if report.dry_run else "Imported"
    print(f"{verb} {report.created + report.updated} people: {report.created} new, "
          f"{report.updated} updated.")
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.exports import export

    path = Path(args.file)
    if path.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise LicenseAppError(f"{path.name}: the file must end in .csv, .xlsx or .json")
    count = export(ctx.database(), args.what, path)
    print(f"Exported {count} {args.what} to {path}.")
    return 0
