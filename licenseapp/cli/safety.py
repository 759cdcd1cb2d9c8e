"""``verify``: integrity of the database and its audit trail."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from licenseapp.cli.context import Context, force_option
from licenseapp.cli.output import print_json
from licenseapp.domain.counted import counted
from licenseapp.errors import LicenseAppError

EXIT_DAMAGED = 1
_SHOWN = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("verify", parents=[common],
                       help="check the database's integrity and the audit chain")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("reseal", parents=[common],
                       help="accept every record as it is now: re-seal them all (audited)")
    p.add_argument("--reason", required=True,
                   help="why, recorded in the audit trail (e.g. 'fixed by hand, ticket 42')")
    p.set_defaults(handler=cmd_reseal)

    p = sub.add_parser("backup", parents=[common],
                       help="copy the whole database to FILE (.db: SQLite snapshot; "
                       "else a portable .zip archive with the attachments)")
    p.add_argument("file", help="the backup file to write, e.g. backup-2026-11-27.zip")
    p.add_argument("--encrypt", action="store_true",
                   help="encrypt the archive with a passphrase (asked for, or taken from "
                   "$LICENSEAPP_BACKUP_PASSPHRASE)")
    force_option(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=[common],
                       help="restore a backup into an empty database, then verify it")
    p.add_argument("file", help="a backup written by 'licenseapp backup'")
    p.set_defaults(handler=cmd_restore)


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.safety.integrity import LIMITS, verify

    report = verify(ctx.database())
    if args.json:
        print_json({
            "ok": report.ok,
            "chain_head": report.chain_head,
            "seal_key_missing": report.key_missing,
            "cannot_vouch_for": [*report.unvouched, LIMITS],
            "records_checked": report.records_checked,
            "audit_entries_checked": report.audit_entries_checked,
            "attachments_checked": report.attachments_checked,
            "findings": [f.__dict__ for f in report.findings],
        })
        return 0 if report.ok else EXIT_DAMAGED
    summary = (f"{counted(report.records_checked, 'record')}, "
               f"{counted(report.audit_entries_checked, 'audit entry', 'audit entries')} and "
               f"{counted(report.attachments_checked, 'attachment')} checked; audit chain "
               f"head {report.chain_head[:12]}")
    if report.ok:
        print(f"OK: {summary}; nothing was changed outside LicenseApp.")
    elif report.findings:
        print(f"PROBLEMS: {len(report.findings)} found ({summary}).")
        for finding in report.findings[:_SHOWN]:
            print(f"  - {finding.message}")
        if len(report.findings) > _SHOWN:
            print(f"  … and {len(report.findings) - _SHOWN} more (use --json for all)")
    else:
        print(f"CANNOT VOUCH: no problem found, but the seals were not checked ({summary}).")
    print("Not vouched for:")
    for line in [*report.unvouched, LIMITS]:
        print(f"  - {line}")
    return 0 if report.ok else EXIT_DAMAGED


def cmd_reseal(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.safety.integrity import reseal

    db = ctx.database()
    result = reseal(db, args.reason, db.actor)
    print(f"Re-sealed {result.records} records (audit entry #{result.audit_id}).")
    if result.changed:
        print(f"Accepted as they are now ({len(result.changed)}):")
        for message in result.changed[:_SHOWN]:
            print(f"  - {message}")
        if len(result.changed) > _SHOWN:
            print(f"  … and {len(result.changed) - _SHOWN} more (in the audit entry)")
    return 0


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.safety.backup import backup

    ctx.check_output(Path(args.file), force=args.force)
    passphrase = _passphrase(confirm=True) if args.encrypt else None
    result = backup(ctx.database(), Path(args.file), replace=args.force, passphrase=passphrase)
    what = "SQLite snapshot" if result.kind == "sqlite" else (
        "encrypted portable archive" if result.encrypted else "portable archive")
    extra = f", {result.attachments} attachment(s)" if result.kind == "archive" else ""
    print(f"Backed up {result.rows} rows{extra} to {result.path} ({what}).")
    return 0


def _passphrase(*, confirm: bool) -> str:
    """From $LICENSEAPP_BACKUP_PASSPHRASE (scripts), else typed at the terminal, unseen."""
    from licenseapp.services.safety.archive_encryption import PASSPHRASE_ENV

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise LicenseAppError(f"the backup's passphrase is typed at a terminal; in a script, "
                              f"set {PASSPHRASE_ENV}")
    first = getpass.getpass("Backup passphrase: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise LicenseAppError("the two passphrases differ; nothing was written")
    return first


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.safety.restore import restore

    result = restore(ctx.database(), Path(args.file),
                     passphrase=lambda: _passphrase(confirm=False))
    print(f"Restored {result.rows} rows and {result.attachments} attachment(s) into "
          f"{ctx.database().location.display}.")
    if result.verified:
        print("Verified: the restored database is whole and its audit chain intact.")
        return 0
    print("The restored database does NOT verify:")
    for message in result.problems[:_SHOWN]:
        print(f"  - {message}")
    return EXIT_DAMAGED
