"""``licenseapp FILE``: a database file named alone opens the desktop app on it.

How a desktop opens a file with the program: the Linux .desktop entry (``Exec=licenseapp
%f``), Windows' "Open with" (``licenseapp.exe "%1"``) and a user typing it all pass the path
as the only argument. It is read as ``--db FILE`` when it names no command and is a file, or
ends like a database file (a new one, created on opening).
"""

from __future__ import annotations

import argparse
from pathlib import Path

DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def as_db_option(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """``[FILE]`` as ``["--db", FILE]``; any other command line as it is."""
    if len(argv) != 1:
        return argv
    (arg,) = argv
    if arg.startswith("-") or arg in _commands(parser):
        return argv
    path = Path(arg)
    if path.is_file() or path.suffix.lower() in DATABASE_SUFFIXES:
        return ["--db", arg]
    return argv


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name in action.choices}
