"""``memo``: the determination memo of a person and an item, or of an application;
``notices``: a directive's notices to each affected person and their supervisor."""

from __future__ import annotations

import argparse
from pathlib import Path

from licenseapp.cli.context import Context, force_option
from licenseapp.domain import validators
from licenseapp.domain.counted import counted
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

    p = sub.add_parser(
        "notices", parents=[common], help="notices to everyone a directive affects and their "
        "supervisors, as e-mail files",
        description="One .eml file per recipient (the person, and their supervisor), ready to "
        "open and send from your mail program, each recorded in the person's history. A file "
        "already in the folder is never replaced. Templates: a first line 'Subject: ...', then "
        "the message, with the letter templates' placeholders and {directive.title}, "
        "{directive.citation}, {directive.reference}, {directive.effective}, {access.items}, "
        "{supervisor.name}.")
    p.add_argument("--rules", metavar="ID", required=True,
                   help="the directive's rule set, e.g. ai-access-directive-2026")
    p.add_argument("--dir", metavar="FOLDER", required=True, help="where to write the files")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date (default: today)")
    p.add_argument("--person-template", metavar="FILE", help="the notice to each person")
    p.add_argument("--supervisor-template", metavar="FILE",
                   help="the notice to each supervisor")
    p.set_defaults(handler=cmd_notices)


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


def _template(path: str | None, default: str) -> str:
    if not path:
        return default
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("template", f"{path} cannot be read as UTF-8 text: {exc}") from None


def cmd_notices(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain.notice_templates import PERSON_NOTICE, SUPERVISOR_NOTICE
    from licenseapp.services.directive.notices import write_notices

    on = validators.iso_date(args.date, "--date") if args.date else None
    result = write_notices(
        ctx.database(), args.rules, Path(args.dir), on,
        person_template=_template(args.person_template, PERSON_NOTICE),
        supervisor_template=_template(args.supervisor_template, SUPERVISOR_NOTICE))
    print(f"Wrote {counted(len(result.files), 'notice')} for "
          f"{counted(result.people, 'person', 'people')} under {result.ruleset_id} to "
          f"{result.folder}.")
    for who in result.without_address:
        print(f"  No e-mail address for {who}: add it in your mail program.")
    return 0
