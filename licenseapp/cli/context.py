"""What every command gets: the run's context (who acts, the clock, ``--db``) and the
database it names, opened on first use."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.context import AppContext

if TYPE_CHECKING:
    from licenseapp.store.database import Database


@dataclass
class Context:
    #: Built once by :func:`licenseapp.cli.main.main`, the command line's composition root.
    app: AppContext
    verbose: bool = False
    #: ``init`` may create the database's folder; other commands refuse a missing one (a typo).
    new_folders: bool = False
    _db: Database | None = field(default=None, repr=False)

    @property
    def db_arg(self) -> str | None:
        return self.app.db_arg

    def database(self) -> Database:
        """The database ``--db`` names, opened for this run's actor and clock."""
        if self._db is None:
            from licenseapp.store.engine import ENV_VAR

            named = (self.db_arg or os.environ.get(ENV_VAR) or "").strip()
            with database_hints():
                self._db = self.app.open_database(
                    self.db_arg, new_folders=self.new_folders or not named)
        return self._db

    def check_output(self, path: Path | str, *, inputs: Iterable[Path | str | None] = (),
                     force: bool = False) -> Path:
        """Refuse an output file before any work (the open database, an input, a folder or
        device, an existing file without ``--force``); see
        :func:`licenseapp.services.output.output_files.check_output`."""
        from licenseapp.services.output.output_files import check_output

        with force_hint():
            return check_output(path, database=self.database(), inputs=inputs, replace=force)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


#: What to do about a damaged database, on the command line.
DAMAGE_ADVICE = "restore your last backup, e.g. licenseapp --db NEW.db restore BACKUP"


@contextmanager
def database_hints() -> Iterator[None]:
    """A database that cannot be opened says which command helps."""
    from licenseapp.errors import DamagedDatabaseError, MissingFolderError

    try:
        yield
    except MissingFolderError as exc:
        raise MissingFolderError(f"{exc.message}, or create the database with init") from None
    except DamagedDatabaseError as exc:
        raise DamagedDatabaseError(f"{exc.message}; {DAMAGE_ADVICE}") from None


@contextmanager
def force_hint() -> Iterator[None]:
    """An existing output refused inside says how to replace it on the command line."""
    from licenseapp.services.output.output_files import OutputExists

    try:
        yield
    except OutputExists as exc:
        raise OutputExists(f"{exc.message} (--force replaces it)") from None


def force_option(p: argparse.ArgumentParser, what: str = "FILE") -> None:
    """``--force``, for a command that writes a file."""
    p.add_argument("--force", action="store_true", help=f"replace {what} if it exists")


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
