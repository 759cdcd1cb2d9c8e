"""What the import contracts (``lint-imports``, pyproject.toml ``[tool.importlinter]``)
cannot see: which modules are LOADED at run time, by dynamic imports too. The contracts check
every import statement, deferred ones included: the layers of DESIGN.md, no Qt below the
GUI, no SQLAlchemy in the domain or the GUI."""

from __future__ import annotations

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
    modules = [f"licenseapp.{name}" for name in
               ("config", "errors", "paths", "fonts", "logging_setup", "fault_log")]
    for package in ("domain", "store", "services", "pdf", "demo", "cli"):
        modules.append(f"licenseapp.{package}")
        modules += _all_modules(package)
    loaded = _loaded_after_import(modules)
    assert not {m for m in loaded if m.startswith("PySide6")}


def test_domain_loads_no_database_qt_or_pdf_library() -> None:
    loaded = _loaded_after_import(["licenseapp.domain", *_all_modules("domain")])
    assert not {m for m in loaded if m.startswith(("sqlalchemy", "PySide6", "reportlab"))}


def test_command_line_starts_without_heavy_imports() -> None:
    loaded = _loaded_after_import(["licenseapp.cli.main"])
    assert not {m for m in loaded if m.startswith(("alembic", "reportlab", "PySide6"))}
