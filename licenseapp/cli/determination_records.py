"""``memo``: the determination memo of a person and an item, or of an application."""

from __future__ import annotations

import argparse

from licenseapp.cli.context import Context, force_option
from licenseapp.domain import validators
from licenseapp.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "memo", parents=[common], help="the determination memo of a person and item, or of an "
        "application",
        description="A printable memo for counsel: the facts used with their sources, each rule "
        "set considered and why it applied or not, the answer, citations, the reference-data "
        "date and a signature block. 'memo PERSON ITEM' answers now with the rules in use and "
        "stores the answer; 'memo REF' prints the application's stored determinations and "
        "says if today's rules differ.")
    p.add_argument("subject", nargs="+", metavar="PERSON ITEM | REF",
                   help="a person (reference, e-mail or employee number) and an item "
                   "(reference or name), or an application's reference")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="the PDF to write")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date (default: today)")
    force_option(p)
    p.set_defaults(handler=cmd_memo)


def cmd_memo(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.memo import application_memo, pair_memo, write_memo

    if len(args.subject) > 2:
        raise ValidationError("subject", "name a person and an item, or one application")
    on = validators.iso_date(args.date, "--date") if args.date else None
    target = ctx.check_output(args.output, force=args.force)
    db = ctx.database()
    if len(args.subject) == 2:
        memo = pair_memo(db, args.subject[0], args.subject[1], on)
    else:
        memo = application_memo(db, args.subject[0], on)
    write_memo(db, memo, target, replace=args.force)
    answers = "; ".join(f"{d.heading}: {d.answer}" for d in memo.determinations)
    print(f"Memo for {memo.reference} written to {args.output} ({answers or 'no items'}).")
    return 0
