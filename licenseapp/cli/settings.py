"""``settings``: the team's settings, kept in the database for everyone using it.

``licenseapp settings`` lists them with their values and where each comes from (set in the
database, by whom and when, or the default); ``licenseapp settings set NAME VALUE`` changes
one, checked as the desktop app's Settings dialog checks it, and recorded in the audit trail.
Personal settings (how the desktop app's window looks) stay with the desktop app.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json, print_table
from licenseapp.cli.period_commands import register_verbs as register_period_verbs
from licenseapp.domain.days import local_time
from licenseapp.domain.settings import TEAM_SETTINGS

if TYPE_CHECKING:
    from licenseapp.services.team_settings import TeamSettingValue


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    names = ", ".join(s.name for s in TEAM_SETTINGS)
    p = sub.add_parser(
        "settings", parents=[common],
        help="the team's settings (kept in the database, the same for everyone): list them, "
             "or 'settings set NAME VALUE'",
        description="Team settings are kept in the database, so the command line, the "
                    "desktop app and every colleague using the same database agree. "
                    f"Settings: {names}.")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.set_defaults(handler=cmd_settings)
    verbs = p.add_subparsers(dest="verb", metavar="{set,periods,correct-period}",
                             parser_class=type(p))
    s = verbs.add_parser("set", parents=[common],
                         help="change a team setting (recorded in the audit trail)")
    s.add_argument("name", metavar="NAME", help=f"the setting: {names}")
    s.add_argument("value", metavar="VALUE", help="its new value")
    s.set_defaults(handler=cmd_settings_set)
    register_period_verbs(verbs, common)


def _source(found: TeamSettingValue) -> str:
    """Where the value comes from, in words."""
    if found.problem:
        return f"default (the stored value is not used: {found.problem})"
    if found.source == "default":
        return "default"
    return f"database (set by {found.changed_by}, {local_time(found.changed_at)})"


def cmd_settings(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.team_settings import read_team_settings

    found = read_team_settings(ctx.database())
    if args.json:
        print_json([
            {"name": v.setting.name, "label": v.setting.label, "value": v.value,
             "default": v.setting.default, "source": v.source,
             "valid": v.setting.valid_values(), "changed_by": v.changed_by or None,
             "changed_at": v.changed_at, "help": v.setting.help}
            for v in found
        ])
        return 0
    print_table(
        ["Setting", "Name", "Value", "From"],
        [[v.setting.label, v.setting.name, v.shown,
          _source(v)] for v in found],
        max_width=60,
    )
    print("\nTeam settings apply to everyone using this database. Change one with "
          "'licenseapp settings set NAME VALUE'.")
    return 0


def cmd_settings_set(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.team_settings import change_team_setting

    result = change_team_setting(ctx.database(), args.name, args.value)
    if not result.changed:
        print(f"{result.setting.label} is already {result.setting.show(result.after)}; "  # type: ignore[arg-type]
              "nothing changed.")
        return 0
    print(f"{result.describe()} (recorded by {result.actor}; applies to everyone using this "
          "database).")
    return 0
