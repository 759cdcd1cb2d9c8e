"""``packet`` and ``report``: printed documents."""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.cli.context import Context, force_option
from licenseapp.domain.days import local_day
from licenseapp.errors import ValidationError

if TYPE_CHECKING:
    from licenseapp.pdf.reports import Report
    from licenseapp.store.database import Database

REPORT_KINDS = ("pending", "expiring", "case")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("packet", parents=[common], help="write the filing packet PDF")
    p.add_argument("ref", help="application reference, e.g. LA-2026-0042")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the PDF file to write ('-' for standard output)")
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


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.pdf.reports import render_report

    check_target(ctx, args)
    if args.kind == "case":
        if not args.ref:
            raise ValidationError("REF", "'report case' needs an application reference")
        report = _case_report(ctx.database(), args.ref)
    elif args.ref:
        raise ValidationError("REF", f"'report {args.kind}' takes no application reference")
    elif args.kind == "pending":
        report = _pending_report(ctx.database())
    else:
        if not 0 < args.within <= 3650:
            raise ValidationError("--within", "give a number of days from 1 to 3650")
        report = _expiring_report(ctx.database(), args.within)
    pdf = render_report(report)
    where = write_output(ctx, args, pdf)
    stream = sys.stderr if args.output == "-" else sys.stdout
    print(f"Report '{report.title}' written to {where} ({len(_PAGE.findall(pdf))} pages)",
          file=stream)
    return 0


# -- report contents: the command line decides what the rows say; licenseapp.pdf lays them out


def _now(db: Database) -> datetime:
    return db.clock.now().replace(second=0, microsecond=0)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def _pending_report(db: Database) -> Report:
    from licenseapp.domain.enums import PENDING_STATUSES
    from licenseapp.pdf.reports import Report, ReportSection, ReportTable
    from licenseapp.services.drafts.applications import list_applications

    as_of = _now(db)
    today = as_of.date()
    rows = [r for r in list_applications(db) if r.status in PENDING_STATUSES]
    sections = []
    for regulator in ("BIS", "DDTC", "ECJU"):
        mine = [r for r in rows if r.regulator == regulator]
        started = {r.ref: r.submitted_on or local_day(r.status_changed_at) for r in mine}
        mine.sort(key=lambda r: (started[r.ref], r.ref))
        table_rows = tuple(
            (r.ref, r.status_label, r.form,
             f"{r.foreign_national}\n{r.native_name}" if r.native_name and
             r.native_name != r.foreign_national else r.foreign_national,
             ", ".join(r.eccns), r.acn, started[r.ref].isoformat(),
             str((today - started[r.ref]).days), str((today - r.status_changed_at.date()).days),
             r.owner)
            for r in mine
        )
        sections.append(ReportSection(
            f"{regulator}: {len(mine)} pending",
            table=ReportTable(
                ("Reference", "Status", "Form", "Foreign national", "Items", "Regulator ref",
                 "Submitted", "Age (days)", "In status (days)", "Owner"),
                table_rows, (1.1, 1.3, 0.8, 2.0, 0.9, 1.2, 0.95, 0.7, 0.8, 0.9),
                empty="No pending applications.",
            ),
        ))
    return Report(
        "Pending applications", f"{len(rows)} application(s) with the regulator, oldest first; "
        "age counted in calendar days from submission.", as_of, tuple(sections),
    )


_EXPIRY_KINDS = {"license_expiry": "Licenses", "license_renewal": "Licenses",
                 "visa_expiry": "Immigration documents", "ead_expiry": "Immigration documents",
                 "i94_expiry": "Immigration documents"}


def _expiring_report(db: Database, within: int) -> Report:
    from licenseapp.pdf.reports import Report, ReportSection, ReportTable
    from licenseapp.services.follow_up.deadlines import upcoming_deadlines

    as_of = _now(db)
    today = as_of.date()
    found = [d for d in upcoming_deadlines(db, within_days=within, today=today)
             if d.kind in _EXPIRY_KINDS]
    sections = []
    for group in ("Licenses", "Immigration documents"):
        mine = sorted((d for d in found if _EXPIRY_KINDS[d.kind] == group),
                      key=lambda d: (d.due_on, d.title))
        sections.append(ReportSection(group, table=ReportTable(
            ("Due", "Days left", "What", "Application"),
            tuple((d.due_on.isoformat(), _days_left(d.days_left(today)), d.title,
                   d.application_ref or "") for d in mine),
            (1, 0.8, 5, 1.3), empty=f"Nothing expires within {within} days.",
        )))
    return Report(
        "Expiring licenses and documents",
        f"What expires within {within} days of {today.isoformat()} (and what expired in the "
        "last 30 days), soonest first.", as_of, tuple(sections),
    )


def _label(regulator: str, status: str | None) -> str:
    from licenseapp.domain.lifecycle import lifecycle

    if not status:
        return ""
    try:
        return lifecycle(regulator).label(status)
    except (ValueError, KeyError):
        return status


def _days_left(days: int) -> str:
    return str(days) if days >= 0 else f"past ({-days} days)"


def _case_report(db: Database, ref: str) -> Report:
    from licenseapp.domain import validators
    from licenseapp.pdf.reports import Report, ReportSection, ReportTable
    from licenseapp.services.drafts.applications import get_application
    from licenseapp.services.output.packets import application_record

    ref = validators.application_ref(ref, "REF")
    d = get_application(db, ref)
    packet = application_record(db, ref)
    r = d.row
    person = d.person
    lines = [
        f"Status: {r.status_label} ({r.regulator}, {r.form})",
        f"{packet.regulator_ref_name}: {r.acn or 'not yet assigned'}",
        f"Applicant: {d.organization}",
        f"Owner: {r.owner or '-'}",
    ]
    if person:
        native = f" ({person.native_name})" if person.native_name else ""
        lines.append(f"Foreign national: {person.full_name}{native} [{person.ref}]")
    lines += [f"Item: {i.name} ({i.eccn}, {i.kind})" for i in d.items]
    if d.resubmission_of:
        lines.append(f"Resubmits: {d.resubmission_of}")
    if d.license:
        lic = d.license
        lines.append(f"License {lic.number}: issued {lic.issued_on}, expires {lic.expires_on} "
                     f"({lic.state})")
    history = ReportTable(
        ("When (UTC)", "From", "To", "By", "Reference", "Note"),
        tuple((_utc(e.occurred_at), _label(r.regulator, e.from_status), e.to_label, e.actor,
               e.reference, e.note) for e in d.events),
        (1.1, 1.1, 1.3, 0.9, 1.1, 3.5),
    )
    documents = ReportTable(
        ("Kind", "File name", "Type", "Size (bytes)", "SHA-256"),
        tuple((a.kind, a.file_name, a.media_type, f"{a.size:,}", a.sha256)
              for a in packet.attachments),
        (0.9, 2.2, 1.3, 0.8, 3.6), empty="No documents attached.",
    )
    sections = [ReportSection("Application", lines=tuple(lines)),
                ReportSection("History", table=history),
                ReportSection("Documents", table=documents)]
    if d.license and d.license.conditions:
        sections.append(ReportSection("License conditions and riders", table=ReportTable(
            ("Kind", "Text", "Anniversary report"),
            tuple((c.kind, c.text, "yes" if c.anniversary_report else "")
                  for c in d.license.conditions), (0.8, 6, 1))))
    sections.append(ReportSection("Deadlines", table=ReportTable(
        ("Due", "What"),
        tuple((x.due_on.isoformat(), x.title + (f" ({x.state_words()})" if x.state_words() else ""))
              for x in d.deadlines), (1, 6),
        empty="No deadlines.")))
    return Report(
        "Case record", f"{ref}: the application's full history and documents.", _now(db),
        tuple(sections), reference=ref, organization=d.organization,
    )
