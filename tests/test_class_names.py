"""No two classes in the code base share a name: a name says which thing it is.

Two ``PersonInfo`` classes (the packet's person and the access snapshot's) once meant a
reader, a search or an import could take one for the other. Every module under
``licenseapp/`` is parsed (not imported: nothing is run) and every class statement counted,
nested ones included.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import licenseapp

PACKAGE = Path(licenseapp.__file__).parent

#: Names deliberately given to more than one class, each with why. Keep it empty if you can;
#: never add a name to make this test pass.
ALLOWED: dict[str, str] = {}


def class_definitions(root: Path) -> dict[str, list[str]]:
    """Class name -> where each class of that name is defined (``path:line``)."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                found[node.name].append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_the_walk_finds_the_classes_it_should() -> None:
    found = class_definitions(PACKAGE)
    assert any(p.startswith("licenseapp/gui/") for p in found["TaskRunner"])
    assert any(p.startswith("licenseapp/domain/") for p in found["PersonForm"])
    assert len(found) > 300


def test_a_repeated_class_name_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("class Info:\n    pass\n", encoding="utf-8")
    (package / "sub" / "b.py").write_text(
        "def f() -> None:\n    class Info:\n        pass\n", encoding="utf-8")
    assert class_definitions(package)["Info"] == ["pkg/a.py:1", "pkg/sub/b.py:2"]


def test_no_two_classes_share_a_name() -> None:
    repeated = {name: places for name, places in class_definitions(PACKAGE).items()
                if len(places) > 1 and name not in ALLOWED}
    assert not repeated, "classes sharing a name; give each one its own: " + "; ".join(
        f"{name} at {', '.join(places)}" for name, places in sorted(repeated.items()))


def test_every_allowed_repeat_is_still_a_repeat() -> None:
    found = class_definitions(PACKAGE)
    assert not [name for name in ALLOWED if len(found.get(name, ())) < 2]
