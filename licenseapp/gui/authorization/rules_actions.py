"""The Authorization screen's Rules menu at work: the directive impact view, Rules › New
directive… and importing a rule-set file. A part of :class:`.page.AuthorizationPage` (its
first base), kept apart from the matrix it shows: these open dialogs and say what changed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction

    from licenseapp.gui.authorization.impact_dialog import DirectiveImpactDialog
    from licenseapp.gui.authorization.new_directive_dialog import NewDirectiveDialog
    from licenseapp.gui.authorization.prompts import Prompts
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.store.database import Database

    _Page = QWidget  # what the mixin is part of, for the type checker
else:
    _Page = object


class RulesActions(_Page):
    """The Rules menu's actions on the page (a mixin: the page owns the state below)."""

    if TYPE_CHECKING:
        _db: Database | None
        _runner: TaskRunner
        prompts: Prompts
        impact_dialog: DirectiveImpactDialog | None
        new_directive_dialog: NewDirectiveDialog | None
        impact_action: QAction
        new_directive_action: QAction
        import_action: QAction
        export_action: QAction
        rulesetsChanged: SignalInstance
        dataModified: SignalInstance

        def _report(self, exc: BaseException, title: str) -> None: ...

    def rules_menu(self, parent: QWidget | None = None) -> QMenu:
        """The "Rules" menu for the main window's menu bar."""
        menu = QMenu("&Rules", parent)
        menu.addAction(self.impact_action)
        menu.addAction(self.new_directive_action)
        menu.addAction(self.import_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        return menu

    def open_new_directive(self) -> None:
        """Rules › New directive…: the form; once saved, the impact view on it."""
        if self._db is None:
            return
        from licenseapp.gui.authorization.new_directive_dialog import NewDirectiveDialog

        dialog = NewDirectiveDialog(self._runner, self._db, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._directive_created)
        hold_until_closed(self, "new_directive_dialog", dialog)
        dialog.open()

    def _directive_created(self, made: object) -> None:
        from licenseapp.services.directive.new_directive import NewDirective

        assert isinstance(made, NewDirective)
        self.rulesetsChanged.emit()
        self.dataModified.emit(Changes.all_of(Kind.RULESETS))
        self.open_impact_dialog(made.imported.ruleset.id)

    def open_impact_dialog(self, ruleset_id: str | None = None) -> None:
        if self._db is None:
            return
        from licenseapp.gui.authorization.impact_dialog import DirectiveImpactDialog

        if self.impact_dialog is not None:
            if ruleset_id:
                self.impact_dialog.choose_when_loaded(ruleset_id)
            self.impact_dialog.raise_()
            self.impact_dialog.activateWindow()
            return
        dialog = DirectiveImpactDialog(self._runner, self._db, self.prompts, self.window(),
                                       ruleset_id=ruleset_id)
        dialog.dataModified.connect(self.dataModified)
        self.rulesetsChanged.connect(dialog.load_rulesets)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(partial(self._impact_closed, dialog))
        self.impact_dialog = dialog
        dialog.open()

    def _impact_closed(self, dialog: DirectiveImpactDialog, _result: int = 0) -> None:
        if self.impact_dialog is dialog:
            self.impact_dialog = None

    def import_ruleset(self) -> None:
        path = self.prompts.open_path(self, "Import a rule set",
                                      "Rule sets (*.json);;All files (*)")
        if path is None:
            return
        from licenseapp.services.directive.rulesets import import_ruleset

        self._runner.submit(
            partial(import_ruleset, path, self._db),
            self._imported,
            lambda exc: self._report(exc, "The rule set was not imported"),
            context=self,
        )

    def _imported(self, imported: object) -> None:
        from licenseapp.services.directive.rulesets import ImportedRuleSet

        assert isinstance(imported, ImportedRuleSet)
        info = imported.ruleset
        replaced = {"shipped": " It replaces the shipped rule set with the same id.",
                    "user": " It replaces the rule set you had imported with the same id."}
        self.rulesetsChanged.emit()
        self.dataModified.emit(Changes.all_of(Kind.RULESETS))  # every determination may change
        self.prompts.inform(
            self, "Rule set imported",
            f"{info.title} ({info.id}), in force {info.period}, is used from now on.",
            f"Issued by {info.authority}. Copied to {imported.path}."
            + replaced.get(imported.replaced, ""))


__all__ = ["RulesActions"]
