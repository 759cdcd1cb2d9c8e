"""``admin setup|add-user|roles|upgrade`` (a team's PostgreSQL database) and ``sign-off REF``.

``admin setup`` is run once by the server's superuser on an empty database; the other admin
commands by a login in the administrator group. ``sign-off`` is the empowered official's
approval of an application's packet before it is filed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json, print_table
from licenseapp.domain.days import local_time
from licenseapp.domain.roles import Role
from licenseapp.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("admin", parents=[common],
                       help="a team's PostgreSQL database: setup, add-user, roles, upgrade")
    verbs = p.add_subparsers(dest="verb", metavar="setup|add-user|roles|upgrade",
                             parser_class=type(p), required=True)
    s = verbs.add_parser("setup", parents=[common],
                         help="create the owner and team roles, the schema and the grants on an "
                              "empty database (as the server's superuser)")
    s.set_defaults(handler=cmd_setup)
    a = verbs.add_parser("add-user", parents=[common],
                         help="give a person a login (if new) and a role")
    a.add_argument("name", metavar="NAME", help="the person's login name on the server")
    a.add_argument("--role", required=True, metavar="ROLE",
                   help="viewer, preparer, reviewer, empowered_official or administrator")
    a.set_defaults(handler=cmd_add_user)
    r = verbs.add_parser("roles", parents=[common], help="who holds which role")
    r.add_argument("--json", action="store_true", help="one JSON object on stdout")
    r.set_defaults(handler=cmd_roles)
    u = verbs.add_parser("upgrade", parents=[common],
                         help="back the database up, then upgrade its schema to this version")
    u.add_argument("--backup-dir", metavar="DIR",
                   help="where the backup goes (default: the user data folder's backups)")
    u.set_defaults(handler=cmd_upgrade)
    o = sub.add_parser("sign-off", parents=[common],
                       help="an empowered official signs off an application's packet before "
                            "it is filed")
    o.add_argument("ref", metavar="REF")
    o.add_argument("--note", default="", metavar="TEXT")
    o.set_defaults(handler=cmd_sign_off)


def cmd_setup(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.team.administration import setup

    done = setup(ctx.db_arg)
    made = ", ".join(done.roles_created) or "none (they existed)"
    print(f"Set up {done.display} for a team at schema {done.revision}.\n"
          f"Roles created: {made}.\n"
          "Next: 'licenseapp admin add-user NAME --role ROLE' for each person.")
    return 0


def cmd_add_user(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.team.administration import add_user

    try:
        role = Role.parse(args.role)
    except ValueError as exc:
        raise ValidationError("role", str(exc)) from None
    new = add_user(ctx.db_arg, args.name, role)
    print(f"{args.name} {'can now log in and ' if new else ''}holds the role {role.words}."
          + (" Set a password on the server (ALTER ROLE ... PASSWORD) or a client certificate."
             if new else ""))
    return 0


def cmd_roles(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.team.administration import team_members

    found = team_members(ctx.db_arg)
    if args.json:
        print_json({name: sorted(r.value for r in roles) for name, roles in found.items()})
        return 0
    if not found:
        print("Nobody holds a team role yet.")
        return 0
    print_table(["Login", "Roles"],
                [[name, ", ".join(r.words for r in Role if r in roles)]
                 for name, roles in found.items()])
    return 0


def cmd_upgrade(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.team.administration import upgrade

    done = upgrade(ctx.db_arg, backup_dir=Path(args.backup_dir) if args.backup_dir else None)
    if done.backup is None:
        print(f"{done.display} is already at schema {done.to_revision}; nothing to do.")
        return 0
    print(f"Backed {done.display} up to {done.backup} (pg_dump), then upgraded it "
          f"from schema {done.from_revision} to {done.to_revision}.")
    return 0


def cmd_sign_off(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.team.four_eyes import sign_off

    done = sign_off(ctx.database(), args.ref, note=args.note)
    print(f"{done.ref} signed off by {done.signed_by} at {local_time(done.signed_at)}; "
          f"packet SHA-256 {done.packet_sha256}.")
    return 0
