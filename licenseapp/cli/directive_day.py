"""``rules new`` and ``order``: a new directive from a small file, and its clock."""

from __future__ import annotations

import argparse
from pathlib import Path

from licenseapp.cli.context import Context, force_option
from licenseapp.domain import validators
from licenseapp.errors import ValidationError

_GROUP_WORDS = {"newly": "newly_required", "already": "already_required",
                "undetermined": "undetermined"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("rules", parents=[common], help="rule sets: a new directive from a file",
                       description="'rules new FILE': a new directive from a small YAML or JSON "
                       "file (title, authority, citation, received, zone, deadline_minutes, "
                       "effective_from, effective_until, eccns, item_kinds, modes, exempt, "
                       "nationalities, country_groups, requires, regulator, form), validated "
                       "like every rule set; records the order when 'received' is given.")
    rules = p.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    new = rules.add_parser("new", parents=[common], help="a new directive from FILE")
    new.add_argument("file", metavar="FILE")
    new.add_argument("--replace", action="store_true",
                     help="replace a rule set of the same id you created before")
    new.set_defaults(handler=cmd_rules_new)

    p = sub.add_parser("order", parents=[common], help="a directive's order and its clock",
                       description="Record when a directive's order was received and its "
                       "deadline; show the countdown; suspend every access that must stop under "
                       "it; write the directive compliance record (PDF).")
    orders = p.add_subparsers(dest="order_command", required=True, metavar="ACTION")
    rec = orders.add_parser("new", parents=[common], help="record an order as received")
    rec.add_argument("--rules", metavar="ID", required=True, help="the directive's rule set")
    rec.add_argument("--received", metavar="'YYYY-MM-DD HH:MM'", required=True)
    rec.add_argument("--zone", metavar="TZ", default="UTC",
                     help="the time zone the time is in, e.g. America/New_York")
    rec.add_argument("--deadline", metavar="MIN", type=int, default=90,
                     help="minutes allowed (default 90)")
    rec.set_defaults(handler=cmd_order_new)
    show = orders.add_parser("show", parents=[common], help="the countdown of the orders")
    show.set_defaults(handler=cmd_order_show)
    sus = orders.add_parser("suspend", parents=[common],
                            help="suspend every access that must stop under the order")
    sus.add_argument("order", type=int, metavar="ORDER")
    sus.add_argument("--groups", metavar="G[,G]", default="newly,already,undetermined",
                     help="newly, already and/or undetermined (default: all three)")
    sus.set_defaults(handler=cmd_order_suspend)
    out = orders.add_parser("record", parents=[common],
                            help="write the directive compliance record (PDF)")
    out.add_argument("order", type=int, metavar="ORDER")
    out.add_argument("file", metavar="FILE.pdf")
    force_option(out, "the file")
    out.set_defaults(handler=cmd_order_record)


def cmd_rules_new(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.new_directive import new_directive, read_spec_file

    path = Path(args.file)
    made = new_directive(ctx.database(), read_spec_file(path), name=path.name,
                         replace=args.replace)
    info = made.imported.ruleset
    print(f"Directive {info.id} ({info.title}), in force {info.period}, saved to "
          f"{made.imported.path}.")
    if made.order is not None:
        _print_order(ctx, made.order.id)
    else:
        print("No order recorded (the file gives no 'received'); record it with "
              f"'licenseapp order new --rules {info.id} --received ...'.")
    return 0


def cmd_order_new(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.orders import received_moment, record_order

    day_text, _, clock = args.received.strip().partition(" ")
    day = validators.iso_date(day_text, "--received")
    moment = received_moment(day, clock or "00:00", args.zone)
    order = record_order(ctx.database(), args.rules, moment, args.zone, args.deadline)
    _print_order(ctx, order.id)
    return 0


def _print_order(ctx: Context, order_id: int) -> None:
    from licenseapp.services.directive.orders import order_progress

    db = ctx.database()
    p = order_progress(db, order_id)
    o = p.order
    print(f"Order {o.id}: {o.title}, received {o.received_text}, deadline "
          f"{o.local(o.deadline_at).strftime('%H:%M %Z')} ({o.deadline_minutes} min), "
          f"recorded by {o.recorded_by}.")
    print(f"  {p.summary(db.clock.now())}")


def cmd_order_show(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.orders import list_orders

    found = list_orders(ctx.database())
    if not found:
        print("No directive order recorded.")
    for o in found:
        _print_order(ctx, o.id)
    return 0


def groups_option(text: str) -> tuple[str, ...]:
    out = []
    for word in text.replace(" ", "").split(","):
        if word and word not in _GROUP_WORDS:
            raise ValidationError("--groups", f"{word!r}: choose newly, already, undetermined")
        if word:
            out.append(_GROUP_WORDS[word])
    if not out:
        raise ValidationError("--groups", "name at least one group")
    return tuple(out)


def cmd_order_suspend(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.orders import suspend_under_order

    db = ctx.database()
    result = suspend_under_order(db, args.order, groups=groups_option(args.groups))
    print(f"Suspended {len(result.suspended)} access(es) under order {args.order}; "
          f"{result.already_suspended} already suspended; {result.licensed} covered by a "
          "valid license, left as they are.")
    _print_order(ctx, args.order)
    return 0


def cmd_order_record(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.directive.compliance_record import write_compliance_record

    path = Path(args.file)
    if path.suffix.lower() != ".pdf":
        raise ValidationError("FILE", f"{path.name}: the record is a PDF; name it .pdf")
    ctx.check_output(path, force=args.force)
    report = write_compliance_record(ctx.database(), args.order, path, replace=args.force)
    table = report.sections[1].table
    print(f"Directive compliance record written to {path}: "
          f"{len(table.rows) if table else 0} access(es) listed.")
    return 0


