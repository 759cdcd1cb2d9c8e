"""PySide6's import hook, made to read a module's file instead of its tokenized source.

After ``PySide6`` is imported, every module imported later passes through a hook of
PySide6's "feature" support (``shibokensupport.feature.feature_imported``), which asks
whether the module mentions PySide6 by calling ``inspect.getsource`` on it: a path search,
the line cache and the tokenizer, per module. Measured at 100,000 applications, screens
importing their modules on the GUI thread spent about half a second in it while the window
could not react. The question stays the same (does the module's source hold "PySide6"?);
:func:`install` answers it by reading the file's bytes once, falling back to PySide6's own
check for anything that is not a plain ``.py`` file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_licenseapp_reads_the_file"


def install() -> bool:
    """Replace the hook's check (once); False if this PySide6 has no such hook."""
    import PySide6  # noqa: F401  (loads the hook)

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, _MARK, False):
        return False

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(mod_uses_pyside, _MARK, True)
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]
    return True
