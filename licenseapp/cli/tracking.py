"""``status`` and ``deadlines``: what the regulator did, and what is due."""

from __future__ import annotations

import argparse
from pathlib import Path

from licenseapp.cli.context import Context, force_option
from licenseapp.cli.output import print_json, print_table
from licenseapp.domain import validators
from licenseapp.domain.days import local_time
from licenseapp.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("status", parents=[common],
                       help="record a status change (refused if the lifecycle forbids it)")
    p.add_argument("ref", help="application reference, e.g. LA-2026-0042")
    p.add_argument("status", help="new status, e.g. submitted, registered, approved")
    p.add_argument("--acn", help="the regulator's reference (BIS Application Control Number)")
    p.add_argument("--license-no", help="license number, for an approval")
    p.add_argument("--valid-until", help="license expiry date YYYY-MM-DD, for an approval")
    p.add_argument("--date", help="when it happened, YYYY-MM-DD (default: now)")
    p.add_argument("--note", default="", help="a note for the history")
    p.add_argument("--acknowledge-warnings", action="store_true",
                   help="for 'ready': accept the checker's warnings (recorded)")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("assign", parents=[common],
                       help="hand an application over to another owner (recorded in its history)")
    p.add_argument("ref", help="application reference")
    p.add_argument("owner", help="the user who takes it over")
    p.add_argument("--note", default="", help="a note for the history")
    p.set_defaults(handler=cmd_assign)

    p = sub.add_parser("deadlines", parents=[common], help="what is due")
    p.add_argument("--within", type=int, default=90, metavar="DAYS",
                   help="days ahead to look (default 90)")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.add_argument("--ics", metavar="FILE",
                   help="also write an iCalendar feed of every open deadline (however far "
                        "ahead; done ones as cancelled)")
    p.add_argument("--mine", action="store_true",
                   help="with --ics: only the deadlines of applications you own")
    p.add_argument("--no-personal-data", action="store_true",
                   help="with --ics: titles without names (the deadline and the reference)")
    force_option(p)
    mark = p.add_mutually_exclusive_group()
    mark.add_argument("--done", metavar="KEY",
                      help="mark the deadline KEY (from --json) done; it leaves the list")
    mark.add_argument("--snooze", metavar="KEY",
                      help="hide the deadline KEY until the date given with --until")
    mark.add_argument("--reopen", metavar="KEY", help="undo --done or --snooze for KEY")
    p.add_argument("--until", metavar="D", help="with --snooze: the day it comes back, YYYY-MM-DD")
    p.add_argument("--note", default="", help="with --done, --snooze or --reopen: a note")
    p.set_defaults(handler=cmd_deadlines)


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.follow_up.tracking import StatusChange, change_status

    change = StatusChange(
        ref=args.ref,
        target=validators.application_status(args.status, "STATUS"),
        regulator_ref=args.acn,
        license_no=args.license_no,
        valid_until=validators.iso_date(args.valid_until, "--valid-until")
        if args.valid_until else None,
        on=validators.iso_date(args.date, "--date") if args.date else None,
        note=args.note,
        acknowledge_warnings=args.acknowledge_warnings,
    )
    result = change_status(ctx.database(), change)
    local = local_time(result.occurred_at)
    extra = f", license {result.license_no}" if result.license_no else ""
    print(f"{result.ref}: {result.from_status.value} → {result.to_status.value} "
          f"({local}, by {result.actor}{extra})")
    return 0


def cmd_assign(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.follow_up.tracking import reassign

    result = reassign(ctx.database(), args.ref, args.owner, note=args.note)
    print(f"{result.ref} now belongs to {args.owner} (recorded by {result.actor}).")
    return 0


def cmd_deadlines(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain.counted import counted
    from licenseapp.services.follow_up.deadlines import upcoming_deadlines

    if args.within < 0 or args.within > 3660:
        raise ValidationError("--within", "give a number of days from 0 to 3660")
    if args.done or args.snooze or args.reopen:
        return _mark_deadline(ctx, args)
    if args.until or args.note:
        raise ValidationError("--until" if args.until else "--note",
                              "goes with --done, --snooze or --reopen")
    for given, option in ((args.force, "--force"), (args.mine, "--mine"),
                          (args.no_personal_data, "--no-personal-data")):
        if given and not args.ics:
            raise ValidationError(option, "goes with --ics")
    if args.ics:
        ctx.check_output(Path(args.ics), force=args.force)
    db = ctx.database()
    today = db.clock.today()
    # The renewal window is the team's, from the database (licenseapp settings).
    due = upcoming_deadlines(db, within_days=args.within, today=today)
    feed = None
    if args.ics:
        from licenseapp.services.follow_up.calendar_feed import FeedOptions, calendar_feed
        from licenseapp.services.output.output_files import write_text_atomically

        feed = calendar_feed(db, FeedOptions(args.mine, args.no_personal_data), today=today)
        write_text_atomically(ctx.check_output(Path(args.ics), force=args.force), feed.text)
    if args.json:
        print_json([
            {"key": d.key, "kind": d.kind, "due_on": d.due_on, "days_left": d.days_left(today),
             "title": d.title, "application_ref": d.application_ref,
             "meaning": d.note}
            for d in due
        ])
        return 0
    if not due:
        print(f"Nothing due in the next {args.within} days.")
    else:
        print_table(
            ["Due", "Days", "What"],
            [[d.due_on.isoformat(), str(d.days_left(today)), d.title] for d in due],
            max_width=90,
        )
    if feed is not None:
        print(f"\nWrote {counted(feed.open_count, 'open deadline')} "
              f"({counted(feed.cancelled_count, 'cancelled one')}) to {args.ics}")
    return 0


def _mark_deadline(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.follow_up import deadline_completion as dc

    db = ctx.database()
    if args.snooze:
        if not args.until:
            raise ValidationError("--until", "say until when to snooze, YYYY-MM-DD")
        until = validators.iso_date(args.until, "--until")
        mark = dc.snooze_deadline(db, args.snooze, until, note=args.note)
        said = f"{mark.key}: snoozed until {until.isoformat()}"
    elif args.until:
        raise ValidationError("--until", "goes with --snooze")
    elif args.done:
        mark = dc.complete_deadline(db, args.done, note=args.note)
        said = f"{mark.key}: done"
    else:
        mark = dc.reopen_deadline(db, args.reopen, note=args.note)
        said = f"{mark.key}: reopened"
    if args.json:
        print_json({"key": mark.key, "kind": mark.kind, "due_on": mark.due_on,
                    "done": mark.done, "completed_at": mark.completed_at,
                    "completed_by": mark.completed_by, "snoozed_until": mark.snoozed_until,
                    "note": mark.note})
    else:
        print(said + (f" ({mark.note})" if mark.note else ""))
    return 0
