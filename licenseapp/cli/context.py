"""What every command gets: the database argument, opened on first use."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licenseapp.store.database import Database


@dataclass
class Context:
    db_arg: str | None
    verbose: bool = False
    _db: Database | None = field(default=None, repr=False)

    def database(self) -> Database:
        if self._db is None:
            from licenseapp.store.database import open_database

            self._db = open_database(self.db_arg)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


def common_options() -> argparse.ArgumentParser:
    """Options every command accepts, before or after the command name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="DB",
        help="database file (SQLite) or URL such as postgresql+psycopg://user@host/db "
        "(default: $LICENSEAPP_DB, then the file in the user data directory)",
    )
    parent.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
        help="debug output on stderr",
    )
    return parent
