"""Every file the app writes for the user: checked first, then written whole or not at all.

- :func:`check_output` ``(path, *, database=None, inputs=(), replace=False)`` refuses, with
  one sentence, a target that is the open SQLite database or one of its companion files
  (``-wal``, ``-shm``, ``-journal``), a file the same action reads, a folder, anything that is
  not a regular file (a device such as ``/dev/null``, a pipe, a socket), a folder that does
  not exist, and an existing file unless ``replace`` is true. Paths are compared resolved
  (through symbolic links) and, when both exist, with :func:`os.path.samefile` (hard links).
- :func:`write_atomically` ``(path, writer, *, private=True)`` has ``writer`` fill a
  temporary file in the target's folder, created readable by its owner only (0600) from the
  first byte; the file is flushed to disk and moved into place only once complete. On any
  failure the temporary file is removed and an existing target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.store.database import Database
    from licenseapp.store.engine import DatabaseLocation

T = TypeVar("T")


class OutputExists(LicenseAppError):
    """The output file exists and replacing it was not allowed."""

#: Files SQLite keeps beside a database while it is open.
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")


def _database_path(database: Database | DatabaseLocation | Path | str | None) -> Path | None:
    if database is None:
        return None
    if isinstance(database, str | os.PathLike):
        return Path(database)
    location = getattr(database, "location", database)  # a Database, or its location
    sqlite_path = getattr(location, "sqlite_path", None)
    return Path(sqlite_path) if sqlite_path is not None else None


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path.expanduser()))


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: by resolved path, or by device and inode."""
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:  # one of them does not exist (yet)
        pass
    try:
        return _absolute(a).resolve() == _absolute(b).resolve()
    except (OSError, RuntimeError):  # a symbolic link loop
        return _absolute(a) == _absolute(b)


def check_output(path: Path | str, *,
                 database: Database | DatabaseLocation | Path | str | None = None,
                 inputs: Iterable[Path | str | None] = (), replace: bool = False) -> Path:
    """Refuse a file that must not be written (see the module); returns it made absolute."""
    target = _absolute(Path(path))
    shown = str(path)
    db_path = _database_path(database)
    if db_path is not None:
        if same_file(target, db_path):
            raise LicenseAppError(f"{shown} is the open database; choose another file name")
        for companion in DATABASE_COMPANIONS:
            if same_file(target, Path(f"{db_path}{companion}")):
                raise LicenseAppError(f"{shown} is a working file of the open database; "
                                      "choose another file name")
    for source in inputs:
        if source is not None and same_file(target, Path(source)):
            raise LicenseAppError(f"{shown} is the file being read; choose another file name")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise LicenseAppError(f"cannot write {shown}: {exc.strerror or exc}") from None
    if info is None:
        if target.is_symlink():  # a link to nothing: writing would create a file elsewhere
            raise LicenseAppError(f"{shown} is a link to a file that does not exist; "
                                  "choose another file name")
        if not target.parent.is_dir():
            raise LicenseAppError(f"cannot write {shown}: the folder {target.parent} "
                                  "does not exist")
        return target
    if stat.S_ISDIR(info.st_mode):
        raise LicenseAppError(f"{shown} is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise LicenseAppError(f"{shown} is not an ordinary file (a device, pipe or socket); "
                              "choose another file name")
    if not replace:
        raise OutputExists(f"{shown} already exists; choose another name, or allow "
                           "replacing it")
    return target


def _remove(tmp: Path) -> None:
    for leftover in (tmp, *(Path(f"{tmp}{c}") for c in DATABASE_COMPANIONS)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform opens folders
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: Path | str, writer: Callable[[Path], T], *,
                     private: bool = True) -> T:
    """Have ``writer(temporary_path)`` write the file, then move it to ``path``.

    The temporary file sits in ``path``'s folder under a hidden name ending in ``path``'s
    suffix (writers that choose the format by suffix keep working), exists and is 0600
    before ``writer`` runs, and is renamed over ``path`` only after ``writer`` returned and
    its bytes reached the disk. ``private=False`` gives the new file the mode a replaced
    file had (0644 for a new one). An operating-system failure becomes a
    :class:`LicenseAppError` naming ``path``; anything ``writer`` raises is re-raised; in
    both cases nothing is left behind and an existing ``path`` is untouched. Returns what
    ``writer`` returned.
    """
    target = _absolute(Path(path))
    try:
        before = target.stat()
    except FileNotFoundError:
        before = None
    except OSError as exc:
        raise LicenseAppError(f"cannot write {path}: {exc.strerror or exc}") from None
    if before is not None and not stat.S_ISREG(before.st_mode):  # never replace a device
        raise LicenseAppError(f"{path} is not an ordinary file; choose another file name")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.",
                                    suffix=f".part{target.suffix}", dir=target.parent)  # 0600
    except OSError as exc:
        raise LicenseAppError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        result = writer(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o600 if private else
                 (stat.S_IMODE(before.st_mode) if before is not None else 0o644))
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise LicenseAppError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise
    _fsync_folder(target.parent)
    return result


def write_bytes_atomically(path: Path | str, content: bytes, *, private: bool = True) -> Path:
    """Write ``content`` to ``path`` with :func:`write_atomically`; returns the absolute path."""
    write_atomically(path, lambda tmp: tmp.write_bytes(content), private=private)
    return _absolute(Path(path))


def write_text_atomically(path: Path | str, text: str, *, encoding: str = "utf-8",
                          private: bool = True) -> Path:
    """Write ``text`` (newlines as given) with :func:`write_atomically`."""
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding=encoding, newline="") as out:
            out.write(text)

    write_atomically(path, write, private=private)
    return _absolute(Path(path))


__all__ = ["DATABASE_COMPANIONS", "OutputExists", "check_output", "same_file", "write_atomically",
           "write_bytes_atomically", "write_text_atomically"]
