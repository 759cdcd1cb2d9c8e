"""``list`` and ``show``: reading applications."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json, print_table
from licenseapp.domain import validators
from licenseapp.domain.days import local_time
from licenseapp.domain.enums import Regulator
from licenseapp.domain.forms import recipient_label
from licenseapp.errors import ValidationError

if TYPE_CHECKING:  # what `show` prints; `list` has no need of it (start-up)
    from licenseapp.services.dto import ApplicationDetail


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help="list applications")
    p.add_argument("--status", help="only this status, e.g. registered")
    p.add_argument("--regulator", help="only this regulator: BIS, DDTC or ECJU")
    p.add_argument("--owner", help="only applications owned by this user")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", parents=[common], help="one application in full")
    p.add_argument("ref", help="application reference, e.g. LA-2026-0042")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(handler=cmd_show)


def _regulator(value: str) -> Regulator:
    try:
        return Regulator(value.strip().upper())
    except ValueError:
        names = ", ".join(r.value for r in Regulator)
        raise ValidationError("--regulator", f"{value!r} is not a regulator; use {names}") from None


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    status = validators.application_status(args.status, "--status") if args.status else None
    regulator = _regulator(args.regulator) if args.regulator else None
    if args.json:  # straight from the database's values: no screen rows made to take apart
        from licenseapp.services.collector import collector_paused
        from licenseapp.services.drafts.list_values import list_applications_json

        with collector_paused():  # 100,000 dicts and lists, no cycles: nothing to collect
            print_json(list_applications_json(ctx.database(), status=status,
                                              regulator=regulator, owner=args.owner))
        return 0
    from licenseapp.services.drafts.applications import list_applications

    rows = list_applications(ctx.database(), status=status, regulator=regulator, owner=args.owner)
    if not rows:
        print("No applications match.")
        return 0
    print_table(
        ["Reference", "Status", "Form", "Person", "Items", "Regulator ref", "Owner"],
        [
            [
                r.ref, r.status, r.form,
                f"{r.foreign_national} ({r.native_name})"
                if r.native_name and r.native_name != r.foreign_national
                else r.foreign_national,
                ", ".join(r.eccns), r.acn, r.owner,
            ]
            for r in rows
        ],
    )
    print(f"\n{len(rows)} application(s)")
    return 0


def _blocks(form: str, values: dict[str, str]) -> list[str]:
    """Recorded blocks as "block 11 Replacement License Number: D123456", in form order."""
    from licenseapp.domain.forms import FormSpecError, form_spec

    if not values:
        return []
    try:
        fields = {f.id: f for f in form_spec(form).walk()}
    except FormSpecError:
        fields = {}
    known = [f for f in fields.values() if f.id in values]
    lines = [f"block {f.number} {f.label}: {values[f.id]}" for f in known]
    return lines + [f"{key}: {text}" for key, text in values.items() if key not in fields]


def _print_detail(d: ApplicationDetail, today: date) -> None:
    from licenseapp.domain.clock_words import clock_lines

    r = d.row
    print(f"{r.ref}  {r.status_label}  ({r.regulator} {r.form})")
    print(f"  Applicant:          {d.organization}")
    if d.person:
        p = d.person
        native = f" / {p.native_name}" if p.native_name and p.native_name != p.full_name else ""
        print(f"  {recipient_label(r.form) + ':':<19} {p.full_name}{native} [{p.ref}]")
        cits = ", ".join(f"{c.country_name} ({c.country})" for c in p.citizenships) or "unknown"
        print(f"  Citizenships:       {cits}")
        print(f"  Immigration status: {p.immigration_status or 'unknown'}")
    print(f"  Regulator ref:      {r.acn or '-'}")
    print(f"  Owner:              {r.owner or '-'}")
    if d.resubmission_of:
        print(f"  Resubmits:          {d.resubmission_of}")
    if d.ruleset_id:
        print(f"  Rule set:           {d.ruleset_id}")
    blocks = _blocks(r.form, d.form_values)
    if blocks:
        print("  Other blocks:")
        for line in blocks:
            print(f"    {line}")
    print("  Items:")
    for item in d.items:
        extra = "".join(f"; {line}" for line in _blocks(r.form, item.form_values))
        print(f"    - {item.name} ({item.eccn}, {item.kind}{extra})")
    print("  Parties:")
    for party in d.parties:
        print(f"    - {party.role}: {party.name}{', ' + party.address if party.address else ''}")
    if d.license:
        lic = d.license
        print(f"  License:            {lic.number}, issued {lic.issued_on}, expires "
              f"{lic.expires_on} ({lic.state})")
        for c in lic.conditions:
            print(f"    {c.kind}: {c.text}")
    if d.clock is not None and d.clock.started_on is not None:
        clock = clock_lines(d.clock, today)
        print(f"  Regulator's clock:  {clock[0].text}")
        for row in clock[1:]:
            print(f"    {row.label + ':':<17} {row.text}")
    print("  History:")
    for e in d.events:
        frm = f"{e.from_status} → " if e.from_status else ""
        ref = f" [{e.reference}]" if e.reference else ""
        note = f" — {e.note}" if e.note else ""
        print(f"    {local_time(e.occurred_at)}  {frm}{e.to_status}  by {e.actor}{ref}{note}")
    if d.deadlines:
        print("  Deadlines:")
        for dl in d.deadlines:
            state = dl.state_words()
            print(f"    {dl.due_on}  {dl.title}" + (f"  ({state})" if state else ""))


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.drafts.applications import get_application

    db = ctx.database()
    detail = get_application(db, args.ref)
    if args.json:
        print_json(detail.to_json())
    else:
        _print_detail(detail, db.clock.today())
    return 0
