"""The screens' modules imported on a worker thread once the window is up.

Start-up imports none of them (the window paints first); a screen is built when first
shown, and its module, imported here meanwhile, is then already in memory: the first
switch to a screen does not wait for its import (nor for PySide6's import hook) on the GUI
thread.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licenseapp.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: The modules the screens' factories import, the likeliest first.
SCREEN_MODULES = (
    "licenseapp.gui.dashboard.page",
    "licenseapp.gui.tracking.deadlines_page",
    "licenseapp.gui.authorization.page",
    "licenseapp.gui.people.page",
    "licenseapp.gui.organizations.page",
    "licenseapp.gui.items.page",
    "licenseapp.gui.reports.page",
    "licenseapp.gui.screening.page",
    "licenseapp.gui.screening.screen_now",
    "licenseapp.gui.team.queues_page",
)


def import_screen_modules() -> int:
    """Import each screen's module (on a worker thread); how many were imported."""
    for name in SCREEN_MODULES:
        importlib.import_module(name)
    return len(SCREEN_MODULES)


def import_screens_later(runner: TaskRunner) -> None:
    """Start :func:`import_screen_modules` on ``runner``'s pool; a failure is logged only
    (the screen's own import, when it is built, reports it)."""
    runner.submit(import_screen_modules, lambda count: log.debug("%d screen modules", count),
                  lambda exc: log.warning("importing the screens ahead failed: %s", exc))
