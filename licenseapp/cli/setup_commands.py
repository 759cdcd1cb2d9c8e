"""``init``, ``demo`` and ``gui``."""

from __future__ import annotations

import argparse
import sys

from licenseapp.cli.context import Context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="open the desktop app (the default)")
    p.set_defaults(handler=cmd_gui)

    p = sub.add_parser("init", parents=[common], help="create or upgrade the database")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", parents=[common],
                       help="fill an empty database with a realistic, deterministic demo data set")
    p.add_argument("--size", type=int, default=None,
                   help="number of applications (default: the standard demo set)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--no-screening", action="store_true",
                   help="leave the demo unscreened against the restricted-party list "
                        "(quicker for large demos; 'screen people' does it later)")
    p.set_defaults(handler=cmd_demo)


def cmd_gui(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.gui.app import run

    code: int = run(ctx.db_arg, [sys.argv[0]])
    return code


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.screening.snapshots import ensure_snapshot
    from licenseapp.store.migrate import HEAD_REVISION

    ctx.new_folders = True  # init is how a database is made in a new folder
    db = ctx.database()
    print(f"Database ready: {db.location.display} (schema {HEAD_REVISION})")
    listed = ensure_snapshot(db)  # so the first person or organization saved is screened
    print(f"Restricted-party list in use: {listed.source}, published "
          f"{listed.published_on:%Y-%m-%d}, {listed.entries:,} entries.")
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.demo import dataset as demo
    from licenseapp.errors import ValidationError

    size = demo.DEFAULT_SIZE if args.size is None else args.size
    if size < 1 or size > 2_000_000:
        raise ValidationError("--size", "give a number of applications from 1 to 2000000")
    show_progress = sys.stderr.isatty()
    terminal = getattr(sys.stderr, "stream", sys.stderr)  # its own \r, not escaped

    def progress(done: int, total: int) -> None:
        if show_progress:
            terminal.write(f"\rGenerating demo data… {100 * done // max(total, 1):3d}%")
            terminal.flush()

    summary = demo.generate_demo(ctx.database(), size=size, seed=args.seed, progress=progress)
    if not args.no_screening:
        summary = demo.screen_demo(ctx.database(), summary)
    if show_progress:
        sys.stderr.write("\n")
    print(
        f"Demo data written to {ctx.database().location.display}: "
        f"{summary.organizations} organizations, {summary.people} people, "
        f"{summary.items} controlled items, {summary.applications} applications, "
        f"{summary.licenses} licenses, {summary.events} status events."
    )
    if not args.no_screening:
        print(f"Screened against the restricted-party list: {summary.possible_matches} "
              "possible matches to review.")
    return 0
