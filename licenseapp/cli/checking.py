"""``check``: completeness findings before filing."""

from __future__ import annotations

import argparse

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json
from licenseapp.domain.counted import counted

EXIT_ERRORS = 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[common],
                       help="what is missing or wrong before filing (exit 1 on an error)")
    p.add_argument("ref", help="application reference, e.g. LA-2026-0042")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_check)


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain.checker import errors, warnings
    from licenseapp.domain.checker.headline import headline
    from licenseapp.services.drafts.checking import check_application

    findings = check_application(ctx.database(), args.ref)
    code = EXIT_ERRORS if errors(findings) else 0
    if args.json:
        print_json([f.to_json() for f in findings])
        return code
    if not findings:
        print(f"{args.ref.upper()}: nothing missing — ready to file.")
        return 0
    print(f"{args.ref.upper()}: {counted(len(errors(findings)), 'error')}, "
          f"{counted(len(warnings(findings)), 'warning')}")
    for f in findings:
        print(f"  [{f.severity.value}] {headline(f)}")
        print(f"      fix: {f.fix}  (source: {f.source})")
    return code
