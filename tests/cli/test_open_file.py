"""``licenseapp FILE`` opens the desktop app on FILE (the .desktop entry's ``Exec=licenseapp
%f``, Windows' "Open with"); commands and options are read as before (issue #21)."""

from __future__ import annotations

from pathlib import Path

import pytest

from licenseapp.cli.main import build_parser
from licenseapp.cli.open_file import as_db_option


def test_a_database_file_alone_is_the_database_to_open(tmp_path: Path) -> None:
    parser = build_parser()
    existing = tmp_path / "records.licenses"
    existing.write_bytes(b"")
    for path in (str(existing), str(tmp_path / "new.db"), "Team Records.SQLITE"):
        args = parser.parse_args(as_db_option([path], parser))
        assert args.db == path and args.command is None  # no command: the desktop app


def test_commands_options_and_other_words_are_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parser = build_parser()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list").write_bytes(b"")  # a file named like a command is still the command
    for argv in (["list"], ["--version"], ["init", "--db", "x.db"], ["lst"], []):
        assert as_db_option(argv, parser) == argv
