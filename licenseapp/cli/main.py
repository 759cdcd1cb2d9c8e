"""Argument parsing, dispatch, and turning failures into one line on stderr."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from licenseapp import __version__, fault_log
from licenseapp.cli import (
    catalog,
    checking,
    determination_records,
    determine,
    directive_day,
    documents,
    exchange,
    impact,
    open_file,
    printing,
    records,
    safety,
    screening,
    settings,
    setup_commands,
    team_commands,
    tracking,
)
from licenseapp.cli.context import Context, common_options
from licenseapp.cli.fields import error_text
from licenseapp.cli.output import safe_terminal, safe_text
from licenseapp.context import AppContext
from licenseapp.errors import LicenseAppError

log = logging.getLogger("licenseapp.cli")

#: Command modules, each with ``register(subparsers, common)``.
COMMAND_MODULES = (setup_commands, records, tracking, exchange, safety, determine, printing,
                   impact, checking, documents, catalog, settings, screening,
                   team_commands, determination_records, directive_day)

EXIT_INTERNAL = 70


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {safe_text(message)}\n")  # it quotes what was typed


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = _Parser(
        prog="licenseapp",
        parents=[common],
        description="Draft, file and track export-license applications for foreign nationals' "
        "access to controlled technology. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"licenseapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(open_file.as_db_option(argv, parser))
    from licenseapp import logging_setup

    log_path = logging_setup.configure(verbose=getattr(args, "verbose", False))
    # The command line's composition root: who acts ($LICENSEAPP_USER, else the login, read
    # here once), the clock, --db; every command gets them through ctx.
    ctx = Context(AppContext.from_environment(getattr(args, "db", None)),
                  verbose=getattr(args, "verbose", False))
    handler: Callable[[Context, argparse.Namespace], int] = getattr(
        args, "handler", setup_commands.cmd_gui
    )
    log.info("licenseapp %s: %s", __version__, args.command or "gui")
    # A segfault or abort leaves its trace; the desktop app (no command) starts its own.
    finish_fault_log = fault_log.start() if handler is not setup_commands.cmd_gui else None
    try:
        with safe_terminal():  # names and notes from the database cannot drive the terminal
            return _run(handler, ctx, args, log_path)
    finally:
        if finish_fault_log is not None:
            finish_fault_log()


def _run(handler: Callable[[Context, argparse.Namespace], int], ctx: Context,
         args: argparse.Namespace, log_path: object) -> int:
    try:
        return handler(ctx, args)
    except LicenseAppError as exc:
        # The message may quote what the user typed (names included): log only its kind.
        log.info("%s refused: %s", args.command, type(exc).__name__)
        print(f"licenseapp: error: {error_text(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("licenseapp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        message = _database_failure(exc, ctx)
        if message:
            print(f"licenseapp: error: {message}", file=sys.stderr)
            return 3
        log.exception("unexpected error in %s", args.command or "gui")
        where = f"; details in {log_path}" if log_path else ""
        print(f"licenseapp: internal error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        ctx.close()


def _database_failure(exc: Exception, ctx: Context) -> str | None:
    """A database failure the user can act on (full disk, lost server...), in one line."""
    from licenseapp.cli.context import DAMAGE_ADVICE
    from licenseapp.services.failures import DAMAGED, explain

    message = explain(exc)
    if message is None:
        return None
    path = ctx._db.location.sqlite_path if ctx._db is not None else None
    if path is not None and message.startswith("the database file "):  # say which file
        message = f"the database file {path} {message[len('the database file '):]}"
    if message.startswith(DAMAGED) or (path and " is damaged (" in message):
        message = f"{message}; {DAMAGE_ADVICE}"
    return message
