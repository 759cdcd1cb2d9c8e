"""``settings periods`` and ``settings correct-period``: the regulators' unconfirmed periods
and the team's corrections of them, as the desktop app's Settings › Regulators' periods…
shows and changes them (:mod:`licenseapp.services.period_corrections`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json, print_table

if TYPE_CHECKING:
    from licenseapp.services.period_corrections import CorrectablePeriod


def register_verbs(verbs: argparse._SubParsersAction[argparse.ArgumentParser],
                   common: argparse.ArgumentParser) -> None:
    p = verbs.add_parser("periods", parents=[common],
                         help="the regulators' unconfirmed periods, as the file has them and "
                              "as the team counts them")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_periods)
    c = verbs.add_parser(
        "correct-period", parents=[common],
        help="correct an unconfirmed period for everyone using the database (recorded in "
             "the audit trail), or go back to the file's figure with --use-file")
    c.add_argument("regulator", metavar="REGULATOR", help="BIS, DDTC or ECJU")
    c.add_argument("key", metavar="PERIOD", help="the period's name as 'settings periods' "
                                                 "lists it, e.g. appeal_window")
    c.add_argument("days", metavar="DAYS", type=int, nargs="?", help="the corrected figure")
    c.add_argument("--working", action="store_true", help="count working days (the "
                   "regulator's holidays skipped); default calendar days")
    c.add_argument("--source", default="", help="where the figure comes from (the "
                   "regulator's letter, notice or code)")
    c.add_argument("--use-file", action="store_true",
                   help="remove the team's correction: the file's figure applies again")
    c.set_defaults(handler=cmd_correct_period)
    k = verbs.add_parser(
        "correct-calendar", parents=[common],
        help="count a regulator's working days by another part's bank holidays (ECJU: ENG, "
             "SCT or NIR), or go back to the file's calendar with --use-file")
    k.add_argument("regulator", metavar="REGULATOR", help="the regulator (ECJU)")
    k.add_argument("part", metavar="PART", nargs="?", help="ENG, SCT or NIR")
    k.add_argument("--source", default="", help="where the calendar comes from")
    k.add_argument("--use-file", action="store_true",
                   help="remove the team's choice: the file's calendar applies again")
    k.set_defaults(handler=cmd_correct_calendar)


def _now(row: CorrectablePeriod) -> str:
    if row.correction is None:
        return "the file's figure (unconfirmed)"
    return f"{row.now.count.plural(row.now.days)}, corrected by the team {row.now.corrected}"


def cmd_periods(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.domain.lifecycle import lifecycle
    from licenseapp.domain.period_corrections import file_calendar
    from licenseapp.services.period_corrections import correctable_periods

    rows = correctable_periods(ctx.database())
    if args.json:
        print_json([{"regulator": r.regulator, "period": r.key, "label": r.filed.label,
                     "what": r.filed.what, "citation": r.filed.citation,
                     "file_days": r.filed.days, "file_working": r.filed.count.working,
                     "days": r.now.days, "working": r.now.count.working,
                     "corrected_by": r.correction.by if r.correction else None,
                     "corrected_on": r.correction.on if r.correction else None,
                     "source": r.correction.note if r.correction else None}
                    for r in rows])
        return 0
    print_table(["Regulator", "Period", "What", "In the file", "Counted now"],
                [[r.regulator, r.key, r.filed.what,
                  f"{r.filed.count.plural(r.filed.days)} ({r.filed.citation})", _now(r)]
                 for r in rows], max_width=60)
    for regulator in sorted({r.regulator for r in rows}):
        calendar = file_calendar(lifecycle(regulator))
        if calendar is not None:
            print(f"\n{regulator} working days skip: {calendar.name}"
                  + (f" ({calendar.why})" if calendar.why else ""))
    print("\nConfirmed periods follow the law as cited and are not listed. Correct one with "
          "'licenseapp settings correct-period REGULATOR PERIOD DAYS --source TEXT'; the "
          "holidays with 'licenseapp settings correct-calendar REGULATOR PART --source TEXT'.")
    return 0


def cmd_correct_calendar(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.period_corrections import (
        correct_calendar,
        undo_calendar_correction,
    )

    regulator = args.regulator.upper()
    if args.use_file:
        undo_calendar_correction(ctx.database(), regulator)
        print(f"{regulator}: the lifecycle file's holiday calendar applies again.")
        return 0
    if not args.part:
        raise SystemExit("give the part whose holidays count (ENG, SCT or NIR), or --use-file")
    correct_calendar(ctx.database(), regulator, args.part, args.source)
    print(f"{regulator}: working days now skip the bank holidays of {args.part.upper()}, for "
          "everyone using this database (recorded in the audit trail).")
    return 0


def cmd_correct_period(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.period_corrections import correct_period, undo_period_correction

    regulator = args.regulator.upper()
    if args.use_file:
        undo_period_correction(ctx.database(), regulator, args.key)
        print(f"{regulator} {args.key}: the lifecycle file's figure applies again.")
        return 0
    if args.days is None:
        raise SystemExit("give the corrected number of days (or --use-file)")
    correct_period(ctx.database(), regulator, args.key, args.days, args.working, args.source)
    unit = "working" if args.working else "calendar"
    print(f"{regulator} {args.key}: {args.days} {unit} days from now on, for everyone using "
          "this database (recorded in the audit trail).")
    return 0


__all__ = ["register_verbs"]
