"""One application context per run: who acts (the login, read once), the clock and the
database, passed down explicitly — never through the process environment."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import licenseapp
from licenseapp import config
from licenseapp.context import DEFAULTS_ONLY, AppContext
from licenseapp.domain.settings import DISPLAY_NAME
from licenseapp.domain.wall_clock import FixedClock
from licenseapp.store.database import actor_of, clock_of

PACKAGE = Path(licenseapp.__file__).parent


def test_the_actor_is_the_override_else_the_login() -> None:
    assert AppContext.from_environment(environ={"LICENSEAPP_USER": " mchen "}).actor == "mchen"
    assert AppContext.from_environment(environ={}).actor == config.login_name()
    assert AppContext.from_environment(environ={"LICENSEAPP_USER": "  "}).actor == (
        config.login_name())


def test_the_context_is_read_once_and_later_changes_do_not_reach_it(monkeypatch) -> None:
    monkeypatch.setenv("LICENSEAPP_USER", "alice")
    context = AppContext.from_environment("some.db")
    monkeypatch.setenv("LICENSEAPP_USER", "mallory")
    assert (context.actor, context.db_arg) == ("alice", "some.db")
    assert context.personal is DEFAULTS_ONLY and context.personal.value(DISPLAY_NAME) == ""


def test_a_database_opened_through_the_context_carries_its_actor_and_clock(db_url) -> None:
    from licenseapp.services.team_settings import change_team_setting

    moment = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    context = AppContext("jdoe", FixedClock(moment), db_url)
    db = context.open_database(context.db_arg)
    try:
        assert (db.actor, db.clock) == ("jdoe", context.clock)
        with db.reading() as session:
            assert (actor_of(session), clock_of(session)) == ("jdoe", context.clock)
        result = change_team_setting(db, "renewal_window_days", 75)
        assert (result.actor, result.at) == ("jdoe", moment)  # not $LICENSEAPP_USER (tester)
    finally:
        db.dispose()


def _writes_environment(node: ast.AST) -> bool:
    def is_environ(target: ast.AST) -> bool:
        return isinstance(target, ast.Attribute) and target.attr == "environ"

    if isinstance(node, ast.Assign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(isinstance(t, ast.Subscript) and is_environ(t.value) for t in targets)
    if isinstance(node, ast.Delete):
        return any(isinstance(t, ast.Subscript) and is_environ(t.value) for t in node.targets)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        func = node.func
        return (func.attr in ("update", "setdefault", "pop", "clear") and is_environ(func.value)) \
            or func.attr in ("putenv", "unsetenv")
    return False


def test_no_code_passes_anything_through_the_process_environment() -> None:
    """The environment is read (an override, a path), never written to pass something on."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if _writes_environment(node)
    ]
    assert offenders == []
