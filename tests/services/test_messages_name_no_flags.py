"""No message a desktop user can see names a command-line option or command.

The services, the domain and the store speak to both front ends: their refusals say what is
wrong in the user's words, and name a field by a neutral id ("valid_until") that the command
line maps to its option (``licenseapp/cli/fields.py``) and a dialog to its widget. Collected
two ways: every text written in those packages (read from the source), and the refusals a
real database gives when provoked through the services.
"""

from __future__ import annotations

import argparse
import ast
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import make_application, make_older_database

import licenseapp
from licenseapp.domain.counted import counted
from licenseapp.errors import DatabaseError, LicenseAppError, NotFoundError, ValidationError
from licenseapp.store.database import Database

PACKAGE = Path(licenseapp.__file__).parent
#: Where the services' texts are written (the demo generator was a service until lately).
SOURCES = ("services", "domain", "store", "demo", "errors.py", "config.py", "paths.py")

#: An option: "--valid-until", "(--acn)", but not an em-dash or "x--y".
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def commands() -> set[str]:
    """The command line's commands, as its parser knows them."""
    from licenseapp.cli.main import build_parser

    found: set[str] = set()
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            found |= set(action.choices)
    return found


#: The program run with a command: "licenseapp check LA-2026-0001", "run 'licenseapp init'".
_NAMES = "|".join(re.escape(c) for c in sorted(commands(), key=len, reverse=True))
COMMAND = re.compile(rf"\blicenseapp\s+(?:{_NAMES})\b")


def speaks_command_line(text: str) -> bool:
    return bool(FLAG.search(text) or COMMAND.search(text))


def modules() -> list[Path]:
    found: list[Path] = []
    for name in SOURCES:
        path = PACKAGE / name
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


@dataclass(frozen=True)
class Text:
    where: str
    text: str  # a string constant, or the literal parts of an f-string joined by "…"

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r}"


def _docstrings(tree: ast.Module) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree)
                     if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))]
    return {id(n.body[0].value) for n in nodes
            if n.body and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)}


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str))


def _text(node: ast.Constant | ast.JoinedStr, where: str) -> Text:
    if isinstance(node, ast.Constant):
        return Text(f"{where}:{node.lineno}", node.value)
    parts = [p.value if isinstance(p, ast.Constant) else "…" for p in node.values]
    return Text(f"{where}:{node.lineno}", "".join(map(str, parts)))


def _texts_in(node: ast.AST, where: str, fstring_parts: set[int]) -> list[Text]:
    """Each string constant and f-string under ``node`` (an f-string as one text)."""
    return [_text(n, where) for n in ast.walk(node)  # type: ignore[arg-type]
            if _is_text(n) and id(n) not in fstring_parts]


def _subclasses(trees: dict[str, ast.Module], root: str) -> set[str]:
    """The names of ``root`` and every class derived from it in these sources."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for n in ast.walk(tree):
            if isinstance(n, ast.ClassDef):
                bases.setdefault(n.name, set()).update(
                    b.id if isinstance(b, ast.Name) else b.attr for b in n.bases
                    if isinstance(b, ast.Name | ast.Attribute))
    found = {root}
    while more := {name for name, of in bases.items() if of & found} - found:
        found |= more
    return found


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else "")


def _constructions(tree: ast.Module, errors: set[str], validations: set[str]
                   ) -> Iterator[tuple[ast.Call, bool]]:
    """Each call that builds an error (``Error(...)``, or ``super().__init__(...)`` in an
    error class), and whether its first argument is a field id."""
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and _called(call) in errors:
            yield call, _called(call) == "ValidationError"  # subclasses take other arguments
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and cls.name in errors:
            for call in ast.walk(cls):
                if (isinstance(call, ast.Call) and _called(call) == "__init__"
                        and isinstance(call.func, ast.Attribute)
                        and isinstance(call.func.value, ast.Call)
                        and _called(call.func.value) == "super"):
                    yield call, cls.name in validations and cls.name != "ValidationError"


def _class_fields(tree: ast.Module, errors: set[str]) -> Iterator[ast.AST]:
    """What an error class gives its ``field`` attribute: ``field = "acknowledge_warnings"``."""
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and cls.name in errors:
            for statement in cls.body:
                if (isinstance(statement, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == "field"
                                for t in statement.targets)):
                    yield statement.value


@dataclass
class Collected:
    #: What is passed to the constructor of an error a user is told about (not field ids).
    error_messages: list[Text]
    #: The field ids given to ValidationError as literals.
    field_ids: list[Text]
    #: Every other text in these sources but docstrings (helpers that build messages,
    #: findings and their fixes, labels...).
    other_texts: list[Text]


def collect() -> Collected:
    trees = {str(path.relative_to(PACKAGE.parent)): ast.parse(path.read_text(encoding="utf-8"))
             for path in modules()}
    errors = _subclasses(trees, "LicenseAppError")
    validations = _subclasses(trees, "ValidationError")
    collected = Collected([], [], [])
    for where, tree in trees.items():
        fstring_parts = {id(part) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
                         for part in n.values}
        seen = _docstrings(tree) | fstring_parts
        for value in _class_fields(tree, errors):
            collected.field_ids += _texts_in(value, where, fstring_parts)
            seen |= {id(n) for n in ast.walk(value)}
        for call, names_a_field in _constructions(tree, errors, validations):
            args = list(call.args)
            if names_a_field and args:
                collected.field_ids += _texts_in(args.pop(0), where, fstring_parts)
            for kw in call.keywords:
                if kw.arg == "more_fields":
                    collected.field_ids += _texts_in(kw.value, where, fstring_parts)
                elif kw.arg != "code":
                    args.append(kw.value)
            for arg in args:
                collected.error_messages += _texts_in(arg, where, fstring_parts)
            seen |= {id(n) for n in ast.walk(call)}
        collected.other_texts += [_text(n, where) for n in ast.walk(tree)  # type: ignore[arg-type]
                                  if _is_text(n) and id(n) not in seen]
    return collected


@pytest.fixture(scope="module")
def collected() -> Collected:
    return collect()


def test_the_collector_finds_the_services_refusals(collected: Collected) -> None:
    """The scan below is only worth something if it sees the messages: these are known."""
    messages = {t.text for t in collected.error_messages}
    assert len(messages) > 150
    assert "a status change cannot be recorded in the future" in messages
    assert "the license must expire after it is issued" in messages
    assert "say why the records are re-sealed" in messages
    assert any("acknowledge them to mark it ready to file" in m for m in messages)
    assert any("already holds records" in m for m in messages)  # restore
    assert {"note", "valid_until", "change_date", "snooze_until", "acknowledge_warnings"} <= {
        t.text for t in collected.field_ids}


def test_no_refusal_names_an_option_or_a_command(collected: Collected) -> None:
    offending = [str(t) for t in collected.error_messages if speaks_command_line(t.text)]
    assert offending == []


def test_no_other_text_names_an_option_or_a_command(collected: Collected) -> None:
    """Helpers that build a message, findings and their fixes, column labels: a desktop
    user may read any of them."""
    offending = [str(t) for t in collected.other_texts if speaks_command_line(t.text)]
    assert offending == []


def test_field_ids_are_words_not_options(collected: Collected) -> None:
    offending = [str(t) for t in collected.field_ids
                 if not re.fullmatch(r"[a-z][a-z0-9_]*", t.text)]
    assert offending == []


@pytest.mark.parametrize("text", [
    "acknowledge them to mark it ready to file (--acknowledge-warnings)",
    "Run 'licenseapp check LA-2026-0001' for the fixes",
    "name the deadline by its key (licenseapp deadlines --json)",
    "restore into an empty database (e.g. --db restored.db)",
    "run 'licenseapp init'",
])
def test_the_patterns_catch_what_the_services_used_to_say(text: str) -> None:
    assert speaks_command_line(text)


@pytest.mark.parametrize("text", [
    "not a LicenseApp database", "the licenseapp ref column", "e.g. Z1234567 — or nothing",
    "page_size must be 'letter' or 'a4'", "x--y",
])
def test_the_patterns_leave_plain_words_alone(text: str) -> None:
    assert not speaks_command_line(text)


# --- the refusals of a real database ------------------------------------------------------


def _refusal(call) -> LicenseAppError:  # type: ignore[no-untyped-def]
    with pytest.raises(LicenseAppError) as refused:
        call()
    return refused.value


def _only_warnings(db: Database) -> str:
    """An application of the demo that could become ready to file but for warnings."""
    from licenseapp.domain.checker import errors, warnings
    from licenseapp.domain.enums import ApplicationStatus as S
    from licenseapp.domain.lifecycle import lifecycle
    from licenseapp.services.drafts.applications import list_applications
    from licenseapp.services.drafts.checking import check_application

    for row in list_applications(db):
        if S.READY not in lifecycle(row.regulator).allowed(row.status):
            continue
        findings = check_application(db, row.ref)
        if warnings(findings) and not errors(findings):
            return row.ref
    raise AssertionError("the demo has no application with warnings only")


def test_refusals_through_the_services_name_no_option(db: Database, tmp_path: Path) -> None:
    from licenseapp.demo.dataset import generate_demo
    from licenseapp.domain.enums import ApplicationStatus as S
    from licenseapp.services.directive.impact import impact
    from licenseapp.services.follow_up.deadline_completion import (
        complete_deadline,
        snooze_deadline,
    )
    from licenseapp.services.follow_up.tracking import (
        NotReadyToFile,
        StatusChange,
        WarningsNeedAcknowledgement,
        change_status,
        reassign,
    )
    from licenseapp.services.output.attachments import accept, attach
    from licenseapp.services.safety.backup import backup
    from licenseapp.services.safety.integrity import reseal
    from licenseapp.services.safety.restore import restore
    from licenseapp.store.database import open_database
    from licenseapp.store.engine import resolve

    generate_demo(db)
    make_application(db, "LA-2026-0900", status="draft")  # errors: not ready to file
    make_application(db, "LA-2026-0901", status="registered")
    warned = _only_warnings(db)
    tomorrow = date.today() + timedelta(days=1)

    def status(ref: str, target: S, **given: object):  # type: ignore[no-untyped-def]
        return lambda: change_status(db, StatusChange(ref, target, **given))  # type: ignore[arg-type]

    refusals: list[tuple[LicenseAppError, type[LicenseAppError], str]] = [
        (_refusal(status(warned, S.READY)), WarningsNeedAcknowledgement, "acknowledge_warnings"),
        (_refusal(status("LA-2026-0900", S.READY)), NotReadyToFile, ""),
        (_refusal(status("LA-2026-0900", S.WITHDRAWN, on=tomorrow)), ValidationError,
         "change_date"),
        (_refusal(status("LA-2026-0901", S.INFO_REQUESTED, on=date(2020, 1, 1))),
         ValidationError, "change_date"),
        (_refusal(status("LA-2026-0901", S.APPROVED)), ValidationError, "license_number"),
        (_refusal(status("LA-2026-0901", S.APPROVED, license_no="D1", valid_until=date(2020, 1, 1)
                         )), ValidationError, "valid_until"),
        (_refusal(status("LA-2026-0901", S.INFO_REQUESTED, note="a\x00b")), ValidationError,
         "note"),
        (_refusal(status("LA-2026-0901", S.INFO_REQUESTED, regulator_ref="12345")),
         ValidationError, "regulator_ref"),
        (_refusal(lambda: reassign(db, "LA-2026-0901", "")), ValidationError, "owner"),
        (_refusal(lambda: complete_deadline(db, "expiry:NO-SUCH-LICENSE")), NotFoundError, ""),
        (_refusal(lambda: complete_deadline(db, " ")), ValidationError, "deadline_key"),
        (_refusal(lambda: snooze_deadline(db, "expiry:X", date(2020, 1, 1))), ValidationError,
         "snooze_until"),
        (_refusal(lambda: complete_deadline(db, "expiry:X", note="n" * 3000)), ValidationError,
         "note"),
        (_refusal(lambda: impact(db, "no-such-rules", None)), ValidationError, "ruleset"),
        (_refusal(lambda: impact(db, "ai-access-directive-2026", date(2020, 1, 1))),
         ValidationError, "impact_date"),
        (_refusal(lambda: reseal(db, "  ", "tester")), ValidationError, "reason"),
        (_refusal(lambda: attach(db, "LA-2026-0901", tmp_path, "passport")), ValidationError,
         "file"),
        (_refusal(lambda: accept(db, 1, " ")), ValidationError, "note"),
    ]
    archive = tmp_path / "backup.zip"
    backup(db, archive)
    refusals.append((_refusal(lambda: restore(db, archive)), LicenseAppError, ""))
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    older = tmp_path / "older.db"
    make_older_database(str(older))
    fresh = open_database(str(tmp_path / "fresh.db"))
    try:
        refusals.append((_refusal(lambda: restore(fresh, foreign)), LicenseAppError, ""))
        refusals.append((_refusal(lambda: restore(fresh, older)), LicenseAppError, ""))
    finally:
        fresh.dispose()
    refusals.append((_refusal(lambda: open_database(str(foreign))), DatabaseError, ""))
    refusals.append((_refusal(lambda: resolve("mysql://somewhere/db")), DatabaseError, ""))
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    refusals.append((_refusal(lambda: open_database(str(empty), upgrade=False)), DatabaseError,
                     ""))

    for error, kind, field in refusals:
        assert isinstance(error, kind), error
        assert not speaks_command_line(error.message), error.message
        assert error.message == str(error)
        if field:
            assert error.field == field, (error.message, error.field)  # type: ignore[attr-defined]
            assert not error.message.startswith(f"{field}:")  # words, not an id


def test_the_warnings_refusal_carries_the_warnings_as_data(db: Database) -> None:
    from licenseapp.demo.dataset import generate_demo
    from licenseapp.domain.checker import warnings
    from licenseapp.domain.checker.headline import headline
    from licenseapp.domain.enums import ApplicationStatus as S
    from licenseapp.services.drafts.checking import check_application
    from licenseapp.services.follow_up.tracking import (
        StatusChange,
        WarningsNeedAcknowledgement,
        change_status,
    )

    generate_demo(db)
    ref = _only_warnings(db)
    with pytest.raises(WarningsNeedAcknowledgement) as refused:
        change_status(db, StatusChange(ref, S.READY))
    expected = [headline(f) for f in warnings(check_application(db, ref))]
    assert list(refused.value.warnings) == expected
    assert refused.value.ref == ref and refused.value.field == "acknowledge_warnings"
    assert str(refused.value) == (
        f"{ref} has {counted(len(expected), 'warning')} (e.g. {expected[0]}); acknowledge them "
        "to mark it ready to file")
