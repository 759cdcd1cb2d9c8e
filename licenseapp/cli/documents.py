"""``attach``, ``attachments``, ``accept-attachment``, ``detach`` and ``letter``: supporting
documents and letters."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json, print_table
from licenseapp.domain.days import local_time
from licenseapp.domain.enums import AttachmentKind
from licenseapp.domain.templates import TemplateProblem
from licenseapp.errors import ValidationError

if TYPE_CHECKING:
    from licenseapp.services.output.attachments import AttachmentView


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    kinds = ", ".join(k.value for k in AttachmentKind)
    p = sub.add_parser("attach", parents=[common],
                       help="attach a supporting document (PDF, PNG or JPEG)")
    p.add_argument("ref", help="application reference, e.g. LA-2026-0042")
    p.add_argument("file", help="the file to attach; its type is read from its content")
    p.add_argument("--kind", required=True, help=f"what the document is: {kinds}")
    p.set_defaults(handler=cmd_attach)

    p = sub.add_parser("attachments", parents=[common],
                       help="the current supporting documents of an application")
    p.add_argument("ref", help="application reference")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_attachments)

    p = sub.add_parser("accept-attachment", parents=[common],
                       help="accept an attachment flagged unsafe, after reviewing it (audited)")
    p.add_argument("id", help="attachment number, as 'attachments' lists it")
    p.add_argument("--note", required=True,
                   help="why the file is acceptable, e.g. what you checked")
    p.set_defaults(handler=cmd_accept_attachment)

    p = sub.add_parser("detach", parents=[common],
                       help="remove an attachment (its bytes are kept for the audit trail)")
    p.add_argument("id", help="attachment number, as 'attachments' lists it")
    p.set_defaults(handler=cmd_detach)

    p = sub.add_parser("letter", parents=[common],
                       help="fill the letter of explanation or the TCP from the record")
    p.add_argument("ref", help="application reference")
    p.add_argument("--which", default="loe", help="loe (default) or tcp")
    p.add_argument("--save", action="store_true",
                   help="store the filled text in the application")
    p.set_defaults(handler=cmd_letter)


#: Record numbers are 32-bit on PostgreSQL; a longer number names no attachment.
_LARGEST_ID = 2**31 - 1


def _attachment_id(value: str) -> int:
    try:
        number = int(value.strip().lstrip("#"))
    except ValueError:
        number = 0
    if not 0 < number <= _LARGEST_ID:
        raise ValidationError("ID", f"{value!r} is not an attachment number")
    return number


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


def cmd_attach(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.output.attachments import attach, attachment_kind

    kind = attachment_kind(args.kind)
    view = attach(ctx.database(), args.ref, args.file, kind)
    for warning in view.warnings:
        print(f"licenseapp: warning: {warning}", file=sys.stderr)
    print(f"Attached #{view.id} to {view.application_ref}: {view.shown_name} "
          f"({view.kind}, {view.media_type}, {_size(view.size)}, sha256 {view.sha256[:12]}…)")
    for hazard in view.hazards:
        print(f"licenseapp: warning: UNSAFE: {view.shown_name}: {hazard}", file=sys.stderr)
    if view.hazards:
        print(f"licenseapp: warning: #{view.id} blocks the packet until it is reviewed and "
              f"accepted: licenseapp accept-attachment {view.id} --note '…' (or replace it)",
              file=sys.stderr)
    return 0


def _safety(row: AttachmentView) -> str:
    if not row.hazards:
        return "ok"
    if row.accepted_at is None:
        return "UNSAFE"
    return f"accepted by {row.accepted_by}"


def cmd_attachments(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.output.attachments import list_attachments

    rows = list_attachments(ctx.database(), args.ref)
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    if not rows:
        print("No supporting documents attached.")
        return 0
    print_table(
        ["ID", "Kind", "File", "Type", "Size", "Added", "By", "Safety"],
        [[str(r.id), r.kind, r.shown_name, r.media_type, _size(r.size),
          local_time(r.created_at), r.created_by, _safety(r)] for r in rows],
    )
    print(f"\n{len(rows)} attachment(s)")
    for r in rows:
        for hazard in r.hazards:
            state = "accepted" if r.accepted_at else "UNSAFE"
            print(f"#{r.id} {state}: {hazard}")
        if r.blocks:
            print(f"#{r.id} blocks the packet: review it, then "
                  f"'licenseapp accept-attachment {r.id} --note …', or replace it")
    return 0


def cmd_accept_attachment(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.output.attachments import accept

    view = accept(ctx.database(), _attachment_id(args.id), args.note)
    print(f"Accepted #{view.id} ({view.shown_name}) after review; recorded in the audit trail")
    return 0


def cmd_detach(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.output.attachments import remove

    view = remove(ctx.database(), _attachment_id(args.id))
    where = f" from {view.application_ref}" if view.application_ref else ""
    print(f"Removed #{view.id} ({view.shown_name}){where}; its bytes are kept in the audit trail")
    return 0


def cmd_letter(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.drafts.templating import fill_letter, letter

    which = letter(args.which)
    if args.save:
        preview = fill_letter(ctx.database(), args.ref, which)
        if preview.result.unknown:
            _report(preview.text, preview.result.problems)
            print(f"licenseapp: error: the {which.label} was not saved", file=sys.stderr)
            return 1
    filled = fill_letter(ctx.database(), args.ref, which, save=args.save)
    code = _report(filled.text, filled.result.problems)
    if filled.saved:
        print(f"licenseapp: saved the {which.label} of {args.ref.strip().upper()}",
              file=sys.stderr)
    return code


def _report(text: str, problems: tuple[TemplateProblem, ...]) -> int:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    blocking = False
    for problem in problems:
        label = "error" if problem.blocking else "warning"
        blocking = blocking or problem.blocking
        print(f"licenseapp: {label}: {problem.message}", file=sys.stderr)
    return 1 if blocking else 0
