"""Every other dialog of the app, shot for the review sets (--out): the record editors tab by
tab, the deadline, safety, export, screening, packet and directive dialogs, About, the crash
and conflict dialogs, and the welcome page of a new, empty database.

Used by scripts/screenshots.py (not for docs/screenshots: the guide shows its own shots).
Each shot waits for its loads with a timeout and never hangs: a dialog that does not open,
or one that blocks the app (a modal ``exec()``) longer than ``STUCK_AFTER``, is a failed
shot, reported by name, and the tour goes on.
"""

from __future__ import annotations

import sys
import time
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QPushButton, QWidget

STUCK_AFTER = 25.0  # seconds a modal exec() may block before it is closed as a failure


def plain(text: str) -> str:
    """A menu or button text without its mnemonic marks."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def slug(text: str) -> str:
    """``text`` as a file name's part: "Résumé" → "resume"."""
    ascii_text = unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode()
    kept = "".join(c.lower() if c.isalnum() else "-" for c in ascii_text)
    return "-".join(part for part in kept.split("-") if part)


def idle(dialog: QWidget) -> bool:
    """``dialog`` is not working (loading, backing up, exporting…)."""
    return not any(getattr(dialog, name, False) for name in ("busy", "running", "_running"))


class DialogTour:
    """Walks the dialogs with a :class:`screenshots.Shooter`; :attr:`failed` names the shots
    that could not be taken."""

    def __init__(self, shooter: Any, home: Path) -> None:
        from PySide6.QtCore import QTimer

        self.shooter = shooter
        self.window = shooter.window
        self.home = home
        self.failed: list[str] = []
        self.armed: str | None = None  # a modal exec() box to shoot when it shows
        self._known: set[int] = set()
        self._blocking_since: float | None = None
        self._timer = QTimer()
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._watch_modal)
        self._timer.start()

    # -- finding things -------------------------------------------------------------------
    def action(self, text: str) -> QAction:
        from PySide6.QtGui import QAction

        for action in self.window.findChildren(QAction):
            if plain(action.text()) == text:
                return action  # type: ignore[no-any-return]
        raise LookupError(f"no action {text!r}")

    @staticmethod
    def button(root: QWidget, text: str) -> QPushButton:
        from PySide6.QtWidgets import QPushButton

        found = [b for b in root.findChildren(QPushButton)
                 if plain(b.text()).startswith(text) and b.isVisible()]
        if not found:
            raise LookupError(f"no visible button {text!r}")
        return found[0]

    def visible_windows(self) -> set[int]:
        from PySide6.QtWidgets import QApplication

        return {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    # -- the modal watch ------------------------------------------------------------------
    def _watch_modal(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        modal = QApplication.activeModalWidget()
        if modal is None or id(modal) in self._known:
            self._blocking_since = None
            return
        if self.armed is not None:
            name, self.armed = self.armed, None
            self.save(name, modal)
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()
            return
        now = time.monotonic()
        if self._blocking_since is None:
            self._blocking_since = now
        elif now - self._blocking_since > STUCK_AFTER and self._in_trigger:
            print(f"  (a dialog blocked the app: {modal.windowTitle()!r}; closed)",
                  file=sys.stderr)
            self.failed.append(f"blocked:{modal.windowTitle()}")
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    _in_trigger = False

    def open(self, trigger: Callable[[], object]) -> QWidget | None:
        """The window ``trigger`` opened (None if none did)."""
        from PySide6.QtWidgets import QApplication

        self._known = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self._in_trigger = True
        try:
            opened: QWidget | None = self.shooter.new_dialog(trigger)
        finally:
            self._in_trigger = False
        if opened is not None:
            self._known.add(id(opened))
        return opened

    # -- shooting -------------------------------------------------------------------------
    def save(self, name: str, widget: QWidget) -> None:
        from screenshots import save_png  # type: ignore[import-not-found]

        save_png(widget, self.shooter.out / f"{name}.png")
        self.shooter.saved.append(name)
        print(f"  {name}.png  {widget.width()}x{widget.height()}")

    def attempt(self, name: str, step: Callable[[], None]) -> None:
        """``step`` run; on any error ``name`` failed and the windows it left are closed."""
        before = self.visible_windows()
        try:
            step()
        except Exception as exc:
            print(f"  FAILED {name}: {exc!r}", file=sys.stderr)
            traceback.print_exc(limit=3, file=sys.stderr)
            self.failed.append(name)
            self.close_new(before)

    def close_new(self, before: set[int]) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        for _ in range(3):
            left = [w for w in QApplication.topLevelWidgets()
                    if w.isVisible() and id(w) not in before]
            if not left:
                return
            for widget in reversed(left):
                if isinstance(widget, QDialog):
                    widget.reject()
                else:
                    widget.close()
            self.shooter.settle(timeout=10)

    def shot(self, name: str, trigger: Callable[[], object],
             then: Callable[[QWidget], None] | None = None,
             until: Callable[[QWidget], bool] | None = None, keep: bool = False) -> None:
        """The dialog ``trigger`` opens, once ``until(dialog)`` holds (30 s at most), saved as
        ``name``; ``then(dialog)`` next (more shots of it); closed unless ``keep``."""

        def step() -> None:
            before = self.visible_windows()
            dialog = self.open(trigger)
            if dialog is None:
                raise RuntimeError("no window opened")
            try:
                if until is not None:
                    self.shooter.settle(lambda: until(dialog), timeout=30)
                self.save(name, dialog)
                if then is not None:
                    then(dialog)
            finally:
                if not keep:
                    self.close_new(before)

        self.attempt(name, step)

    def tabs(self, prefix: str, dialog: QWidget) -> None:
        """Each tab of ``dialog`` after the first (shot as ``prefix``), as ``prefix-<tab>``."""
        from PySide6.QtWidgets import QTabWidget

        for tabs in dialog.findChildren(QTabWidget)[:1]:
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                self.shooter.settle()
                self.save(f"{prefix}-{slug(tabs.tabText(index))}", dialog)
            tabs.setCurrentIndex(0)

    # -- the walk -------------------------------------------------------------------------
    def run(self) -> None:
        window = self.window
        self.shot("about", window.about_action.trigger)
        self.attempt("crash", self.crash)
        self.records()
        self.application_dialogs()
        self.deadline_dialogs()
        self.safety_dialogs()
        self.screening_dialogs()
        self.export_dialogs()
        self.directive_dialogs()  # changes data (suspends, drafts): late
        self.attempt("welcome-new-database", self.welcome)
        self._timer.stop()

    def crash(self) -> None:
        from licenseapp.gui.crash import CrashDialog, crash_report

        try:
            raise ValueError("a sample error, raised for the screenshot")
        except ValueError as exc:
            report = crash_report(exc)
        dialog = CrashDialog(report, self.home / "logs" / "licenseapp.log", self.window)
        self.shot("crash", dialog.open)
        dialog.deleteLater()

    def records(self) -> None:
        window = self.window
        for page, noun in ((window.people, "person"), (window.organizations, "organization"),
                           (window.items, "item")):
            window.show_page(page)
            self.shooter.settle(lambda p=page: p.is_loaded, timeout=30)
            self.shot(f"{noun}-new", page.new_button.click,
                      then=lambda d, n=noun: self.tabs(f"{n}-new", d))
            page.table.selectRow(0)
            self.shooter.settle()
            self.shot(f"{noun}-edit", page.edit_button.click,
                      until=idle,
                      then=lambda d, n=noun: self.edit_extras(n, d))
            if noun != "organization":  # access is granted to people, for items
                grant = f"{noun}-grant-access"
                self.attempt(grant, lambda n=grant: self.shot(
                    n, self.button(window, "Grant access").click))
        window.show_page(window.people)

    def edit_extras(self, noun: str, dialog: QWidget) -> None:
        self.tabs(f"{noun}-edit", dialog)
        if noun == "person":
            self.attempt("conflict", lambda: self.conflict(dialog))

    def conflict(self, editor_dialog: Any) -> None:
        """The dialog a save meets when someone else changed the person meanwhile."""
        from licenseapp.domain.edit_conflict import EditConflict
        from licenseapp.gui.conflict_dialog import ConflictDialog

        base = editor_dialog._as_editor().form()
        mine = replace(base, email="new.address@example.com", job_title="Principal engineer")
        theirs = replace(base, email="moved@example.org")
        conflict = EditConflict(f"{base.given_name} {base.family_name}", base, mine, theirs,
                                labels={"email": "Email", "job_title": "Job title"},
                                changed_by="a.lindqvist")
        dialog = ConflictDialog(conflict, editor_dialog)
        self.shot("conflict", dialog.open)

    def application_dialogs(self) -> None:
        from licenseapp.services.drafts.applications import list_applications

        window = self.window
        rows = list_applications(window.database)
        filed = next(r for r in rows if r.status == "registered")
        window.show_application(filed.ref)
        self.shooter.settle(lambda: window.details.detail is not None)
        for name, text in (("reassign", "Reassign…"), ("checklist", "Checklist…"),
                           ("supporting-documents", "Supporting documents…"),
                           ("audit-history", "Audit history…")):
            self.attempt(name, lambda n=name, t=text: self.shot(n, self.action(t).trigger))
        self.attempt("filing-set", lambda: self.shot(
            "filing-set", self.action("Save filing set for the portal…").trigger))
        table = window.applications.table
        table.selectAll()
        self.shooter.settle()
        self.attempt("bulk-status", lambda: self.shot(
            "bulk-status", self.action("Change status of selected…").trigger))
        table.clearSelection()
        for row in range(3):  # a few packets: the batch is done in seconds
            table.selectionModel().select(
                table.model().index(row, 0),
                table.selectionModel().SelectionFlag.Select
                | table.selectionModel().SelectionFlag.Rows)
        self.shooter.settle()
        folder = self.home / "packets"
        folder.mkdir(exist_ok=True)
        self.attempt("batch-packets", lambda: self.shot(
            "batch-packets-folder", self.action("Save packets for selection…").trigger,
            then=lambda d: self.shot("batch-packets", lambda: self.choose(d, folder),
                                     until=idle)))
        window.show_application(filed.ref)
        self.shooter.settle()

    def visit(self, page: QWidget) -> None:
        """``page`` shown, the first row of its list selected."""
        from screenshots import select_first_row

        self.window.show_page(page)
        self.shooter.settle()
        select_first_row(page)
        self.shooter.settle()

    def deadline_dialogs(self) -> None:
        window = self.window
        self.visit(window.deadlines)
        for name, text in (("mark-done", "Mark done…"), ("snooze", "Snooze…")):
            self.attempt(name, lambda n=name, t=text: self.shot(n, self.action(t).trigger))
        self.attempt("calendar-export", lambda: self.shot(
            "calendar-export", self.button(window.deadlines, "Export to calendar").click))

    def safety_dialogs(self) -> None:
        window = self.window
        self.attempt("verify", lambda: self.shot(
            "verify", self.action("Verify database…").trigger,
            until=idle))

        def backed_up(dialog: QWidget) -> None:
            field = getattr(dialog, "file_field", None)
            if field is None or field.path() is None:
                raise RuntimeError("Back up… proposes no file")
            field.set_path(self.home / "licenseapp-backup.zip")  # never the user's folder
            self.button(dialog, "Back up").click()
            self.shooter.settle(  # its outcome shown, not only the bar at 100 %
                lambda: idle(dialog) and getattr(dialog, "outcome", True) is not None,
                timeout=60)
            self.save("backup-done", dialog)

        self.attempt("backup", lambda: self.shot(
            "backup", self.action("Back up…").trigger, then=backed_up))
        self.attempt("restore", lambda: self.shot(
            "restore", self.action("Restore a backup…").trigger))
        window.show_page(window.applications)

    def screening_dialogs(self) -> None:
        window = self.window
        self.visit(window.screening)
        for name, text in (("screening-cleared", "Cleared (not the same party)…"),
                           ("screening-escalate", "Escalate…"),
                           ("screening-confirmed", "Confirmed match…")):
            self.attempt(name, lambda n=name, t=text: self.shot(n, self.action(t).trigger))
        self.attempt("lists-import", lambda: self.shot(
            "lists-import", self.action("Load list snapshot…").trigger))

        window.show_page(window.people)
        self.shooter.settle()
        window.people.table.selectRow(0)
        self.shooter.settle()
        self.attempt("screen-now", lambda: self.shot(
            "screen-now", self.action("Screen now").trigger))
        self.attempt("screening-review", self.hit_review)

    def hit_review(self) -> None:
        """The review of a person's hits, as the wizard's screening line opens it."""
        from licenseapp.gui.screening.review_dialog import HitReviewDialog
        from licenseapp.gui.wizard.screening_state import load_state
        from licenseapp.services.screening.dto import Subject

        window = self.window
        person = window.people.selected_id()
        state = load_state(window.database, Subject.PERSON, person)
        if not state.hits:
            raise RuntimeError("the first person has no screening hits")
        dialog = HitReviewDialog(self.shooter.desktop.runner, window.database, state,
                                 (state.open_hits or state.hits)[0].id, window)
        self.shot("screening-review", dialog.open)
        dialog.deleteLater()

    def export_dialogs(self) -> None:
        window = self.window
        window.show_page(window.applications)
        self.shooter.settle()
        target = self.home / "Applications export.xlsx"

        self.attempt("export-view", lambda: self.shot(
            "export-view-file", self.action("Export current view…").trigger,
            then=lambda d: self.shot("export-view-done", lambda: self.choose(d, target),
                                     until=idle)))

    @staticmethod
    def choose(dialog: QWidget, path: Path) -> None:
        """``path`` chosen in the file dialog ``dialog``, as a user would."""
        from PySide6.QtWidgets import QFileDialog

        if not isinstance(dialog, QFileDialog):
            raise RuntimeError(f"not a file dialog: {type(dialog).__name__}")
        dialog.setDirectory(str(path.parent))
        dialog.selectFile(path.name)
        dialog.accept()

    def directive_dialogs(self) -> None:
        window = self.window
        window.show_page(window.authorization)
        self.shooter.settle()
        impact = self.open(window.authorization.open_impact_dialog)
        if impact is None:
            self.failed.append("suspend")
            return
        try:
            impact.choose("ai-access-directive-2026")  # type: ignore[attr-defined]
            self.shooter.settle()
            impact.run(explicit=True)  # type: ignore[attr-defined]
            self.shooter.settle(timeout=60)

            def suspended(dialog: QWidget) -> None:
                self.button(dialog, "Suspend").click()
                self.shooter.settle(timeout=60)
                self.save("suspend-done", dialog)

            self.attempt("suspend", lambda: self.shot(
                "suspend-ask", impact.suspend_button.click,  # type: ignore[attr-defined]
                then=suspended))
            self.shooter.settle(timeout=60)
            self.armed = "draft-in-bulk"
            self.attempt("draft-in-bulk", impact.draft_button.click)  # type: ignore[attr-defined]
            self.shooter.settle(lambda: self.armed is None, timeout=60)
            if self.armed is not None:
                self.armed = None
                self.failed.append("draft-in-bulk")
        finally:
            impact.close()
            self.shooter.settle()

    def welcome(self) -> None:
        """A new, empty database opened: the first-run page."""
        window = self.window
        window.open_database(str(self.home / "new-empty.db"))
        self.shooter.settle(lambda: window.central.currentWidget() is window.welcome,
                            timeout=60)
        if window.central.currentWidget() is not window.welcome:
            raise RuntimeError("the welcome page did not show")
        self.save("welcome-new-database", window)
