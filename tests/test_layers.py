"""The layers of DESIGN.md hold: no Qt below the GUI, no SQLAlchemy in the domain or GUI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import licenseapp

PACKAGE = Path(licenseapp.__file__).parent


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('\\n'.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _all_modules(package: str) -> list[str]:
    root = PACKAGE / package
    return [
        "licenseapp." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in root.rglob("*.py")
        if p.name != "__init__.py" and "migrations" not in p.parts
    ]


def test_no_qt_is_loaded_by_the_layers_below_the_gui() -> None:
    modules = []
    for package in ("domain", "store", "services", "pdf", "cli"):
        modules.append(f"licenseapp.{package}")
        modules += _all_modules(package)
    loaded = _loaded_after_import(modules)
    assert not {m for m in loaded if m.startswith("PySide6")}


def test_domain_is_plain_python() -> None:
    loaded = _loaded_after_import(["licenseapp.domain", *_all_modules("domain")])
    assert not {m for m in loaded if m.startswith(("sqlalchemy", "PySide6", "reportlab"))}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_gui_never_touches_the_database_directly() -> None:
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(
            n for n in _imports(p) if n.startswith(("sqlalchemy", "licenseapp.store.models"))
        )
        for p in (PACKAGE / "gui").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_command_line_starts_without_heavy_imports() -> None:
    loaded = _loaded_after_import(["licenseapp.cli.main"])
    assert not {m for m in loaded if m.startswith(("alembic", "reportlab", "PySide6"))}
