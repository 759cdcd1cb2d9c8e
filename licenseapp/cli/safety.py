"""``verify``: integrity of the database and its audit trail."""

from __future__ import annotations

import argparse

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json

EXIT_DAMAGED = 1
_SHOWN = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("verify", parents=[common],
                       help="check the database's integrity and the audit chain")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=cmd_verify)


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.integrity import verify

    report = verify(ctx.database())
    if args.json:
        print_json({
            "ok": report.ok,
            "records_checked": report.records_checked,
            "audit_entries_checked": report.audit_entries_checked,
            "attachments_checked": report.attachments_checked,
            "findings": [f.__dict__ for f in report.findings],
        })
        return 0 if report.ok else EXIT_DAMAGED
    summary = (f"{report.records_checked} records, {report.audit_entries_checked} audit "
               f"entries and {report.attachments_checked} attachments checked")
    if report.ok:
        print(f"OK: {summary}; nothing was changed outside LicenseApp.")
        return 0
    print(f"PROBLEMS: {len(report.findings)} found ({summary}).")
    for finding in report.findings[:_SHOWN]:
        print(f"  - {finding.message}")
    if len(report.findings) > _SHOWN:
        print(f"  … and {len(report.findings) - _SHOWN} more (use --json for all)")
    return EXIT_DAMAGED
