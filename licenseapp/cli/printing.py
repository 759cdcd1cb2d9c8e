"""``packet`` and ``report``: printed documents."""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from licenseapp.cli.context import Context, force_option
from licenseapp.domain.counted import counted
from licenseapp.errors import ValidationError

REPORT_KINDS = ("pending", "expiring", "case")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("packet", parents=[common], help="write the filing packet PDF")
    p.add_argument("ref", help="application reference, e.g. LA-2026-0042")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="the PDF file to write ('-' for standard output)")
    p.add_argument("--upload-set", metavar="DIR",
                   help="instead of one PDF: the filing set for the portal in DIR (new or "
                   "empty): each supporting document as its own PDF, the block-by-block sheet "
                   "(PDF and CSV) and manifest.json with each file's size and SHA-256")
    force_option(p)
    p.add_argument("--filed", action="store_true",
                   help="the packet exactly as it was filed (kept when marked submitted)")
    p.add_argument("--full-document-numbers", action="store_true",
                   help="print passport, visa and other document numbers in full on the data "
                   "sheet (masked by default); handle the packet as personal data")
    p.set_defaults(handler=cmd_packet)

    p = sub.add_parser("report", parents=[common], help="write a printed report (PDF)")
    p.add_argument("kind", choices=REPORT_KINDS,
                   help="pending: applications with the regulator, with their age; expiring: "
                   "licenses and documents that expire; case: one application's full record")
    p.add_argument("ref", nargs="?", help="application reference (for 'case')")
    p.add_argument("--within", type=int, default=90, metavar="DAYS",
                   help="for 'expiring': days ahead to look (default 90)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the PDF file to write ('-' for standard output)")
    force_option(p)
    p.set_defaults(handler=cmd_report)


def check_target(ctx: Context, args: argparse.Namespace) -> None:
    """Refuse ``-o FILE`` before building anything (see :meth:`Context.check_output`)."""
    if args.output != "-":
        ctx.check_output(Path(args.output).expanduser(), force=args.force)


def write_output(ctx: Context, args: argparse.Namespace, content: bytes) -> str:
    """Write ``content`` to ``-o FILE`` (whole or not at all, 0600) or standard output."""
    from licenseapp.services.output.output_files import write_bytes_atomically

    if args.output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return "standard output"
    path = ctx.check_output(Path(args.output).expanduser(), force=args.force)
    return str(write_bytes_atomically(path, content))


def cmd_packet(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain import validators
    from licenseapp.services.output.packets import build_packet

    if args.filed and args.full_document_numbers:
        raise ValidationError("--full-document-numbers", "cannot be combined with --filed: "
                              "the filed packet is reproduced exactly as it was filed")
    ref = validators.application_ref(args.ref, "REF")
    if args.upload_set is not None:
        return _upload_set(ctx, args, ref)
    if args.output is None:
        raise ValidationError("-o", "give the PDF file to write (-o FILE), or --upload-set DIR")
    check_target(ctx, args)
    if args.filed:
        from licenseapp.services.output.filing import filed_packet

        pdf = filed_packet(ctx.database(), ref)
    else:
        pdf = build_packet(ctx.database(), ref,
                           full_document_numbers=args.full_document_numbers)
    where = write_output(ctx, args, pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    pages = len(_PAGE.findall(pdf))
    message = f"Packet for {ref} written to {where} ({len(pdf):,} bytes"
    message += f", {pages} pages" if pages else ""
    message += "; document numbers in full)" if args.full_document_numbers else ")"
    print(message, file=sys.stderr if args.output == "-" else sys.stdout)
    print(f"SHA-256 {digest}", file=sys.stderr if args.output == "-" else sys.stdout)
    return 0


def _upload_set(ctx: Context, args: argparse.Namespace, ref: str) -> int:
    """``packet REF --upload-set DIR``: refused unless DIR is new or empty (never
    overwrites), and not combined with options that change the single PDF."""
    from licenseapp.services.output.upload_set import write_upload_set

    for given, option in ((args.output, "-o"), (args.filed, "--filed"),
                          (args.full_document_numbers, "--full-document-numbers"),
                          (args.force, "--force")):
        if given:
            raise ValidationError(option, "cannot be combined with --upload-set (the set goes "
                                  "into a new or empty folder; nothing is overwritten)")
    result = write_upload_set(ctx.database(), ref, Path(args.upload_set))
    limits = result.portal
    print(f"Filing set for {result.ref} ({limits.portal}) written to {result.folder}:")
    for f in result.files:
        flag = "" if f.within_limits else f"  ! {f.note}"
        print(f"  {f.name}  {f.size:,} bytes  SHA-256 {f.sha256}{flag}")
    print(f"  {result.manifest.name}  (each file's name, size and SHA-256)")
    for left in result.not_included:
        print(f"  not included: {left}")
    print(f"Limits used: PDF, at most {limits.max_bytes // (1024 * 1024)} MB and "
          f"{limits.max_name_length} characters a name ({limits.source}).")
    if result.errors:
        print(f"The completeness check finds {counted(result.errors, 'error')}: the sheet "
              "and letters are marked DRAFT; run 'check' for the list.", file=sys.stderr)
    return 0


_REPORT_OPTIONS = {"ref": "REF", "within": "--within"}


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.reports.building import make_report
    from licenseapp.services.reports.request import ReportKind, ReportRequest

    check_target(ctx, args)
    try:
        request = ReportRequest(ReportKind(args.kind), args.ref or "", args.within).checked()
    except ValidationError as exc:  # the request's fields are this command's REF and --within
        raise ValidationError(_REPORT_OPTIONS.get(exc.field, exc.field), exc.message) from None
    made = make_report(ctx.database(), request)
    where = write_output(ctx, args, made.pdf)
    stream = sys.stderr if args.output == "-" else sys.stdout
    print(f"Report '{made.report.title}' written to {where} ({made.pages} pages)", file=stream)
    return 0
