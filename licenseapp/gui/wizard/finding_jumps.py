"""Going from a finding to the field that fixes it: back to its wizard page with the keyboard
in the field (the item line's cell, the block's entry, the letter's tab), or into the editor
of the record it belongs to (the person, the applicant) at that field. Where each field is
fixed is :data:`finding_places.PLACES`; this module only goes there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMessageBox,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QWidget,
    QWizard,
)

from licenseapp.domain.checker import Finding
from licenseapp.domain.organization_form import OrganizationForm
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.wizard.finding_places import ElsewherePlace, PagePlace, RecordPlace, place_of
from licenseapp.gui.wizard.page_items import DraftItemsPage
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.recorded_blocks import RecordedBlocksBox
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.gui.organizations.dialog import OrganizationDialog
    from licenseapp.gui.wizard.wizard import DraftWizard


def reveal(widget: QWidget) -> None:
    """Bring the tab that holds ``widget`` to the front (a letter on its tab)."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def focusable(widget: QWidget) -> QWidget:
    """``widget`` if it takes the keyboard, else its first child that does (a button of the
    screening line)."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return widget
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisibleTo(widget) \
                and child.isEnabled():
            return child
    return widget


class FindingJumps(QObject):
    """Takes the wizard to the field of a finding; ``told`` holds the last explanation shown
    for a value the wizard has no field for."""

    def __init__(self, wizard: DraftWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.told: QMessageBox | None = None
        self.organization_dialog: OrganizationDialog | None = None
        self._person_field = ""
        #: Walking forward to Review (each page stores the draft on leaving, as Next does).
        self.walking = False
        self.review_button = wizard.button(QWizard.WizardButton.CustomButton2)
        wizard.currentIdChanged.connect(self._page_changed)
        wizard.problem.connect(self._stop_walking)  # a save refused on the way

    def go_to(self, finding: Finding) -> None:
        place = place_of(finding.target.field)
        if isinstance(place, PagePlace):
            self._go_to_page(place, finding)
        elif isinstance(place, RecordPlace):
            self._open_record(place)
        else:
            text = place.text if isinstance(place, ElsewherePlace) else finding.fix
            self._tell(finding, text)

    # -- a field of the wizard -------------------------------------------------------------
    def _go_to_page(self, place: PagePlace, finding: Finding) -> None:
        w = self.wizard
        self.review_button.setVisible(w.currentId() == len(w.pages) - 1)
        index = next(n for n, page in enumerate(w.pages) if isinstance(page, place.page))
        while w.currentId() > index:
            w.back()
        while w.currentId() < index:  # a page further on (only pages already visited)
            before = w.currentId()
            w.next()
            if w.currentId() == before:
                return  # stopped to store the draft, or by a problem it shows
        # after the page's own "focus in its first field", which runs on the next turn
        QTimer.singleShot(0, self, lambda: self._focus(w.pages[index], place, finding))

    def _focus(self, page: QWidget, place: PagePlace, finding: Finding) -> None:
        widget = getattr(page, place.widget)
        assert isinstance(widget, QWidget)
        target = finding.target
        if isinstance(widget, RecordedBlocksBox):
            widget = widget.inputs.get(target.block, widget)
        elif isinstance(widget, QTableWidget) and isinstance(page, DraftItemsPage):
            self._select_cell(page, widget, place.column, finding)
        reveal(widget)
        focusable(widget).setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_cell(self, page: DraftItemsPage, table: QTableWidget, column: int | None,
                     finding: Finding) -> None:
        lines = self.wizard.form.items
        position = finding.target.item
        if position is None or not 0 < position <= len(lines):
            return
        row = page.row_of(lines[position - 1].item_id)
        col = page.block_column(finding.target.block) if column == -1 else \
            page.column(column or 0)
        if row is not None and col is not None:
            table.setCurrentCell(row, col)
            table.scrollTo(table.model().index(row, col),
                           QAbstractItemView.ScrollHint.EnsureVisible)

    def back_to_review(self) -> None:
        """Next, page after page, to Review: each page checks and stores what was typed on
        leaving, as Next does; a page that refuses stops the walk and says why."""
        self.walking = True
        self._step()

    def _step(self) -> None:
        w = self.wizard
        if not self.walking or w.busy:
            return  # a save under way: it goes on to the next page, and the walk with it
        if w.currentId() >= len(w.pages) - 1:
            self.walking = False
            return
        before = w.currentId()
        w.next()
        if w.currentId() == before and not w.busy:
            self.walking = False  # refused: the page shows why

    def _page_changed(self, page_id: int) -> None:
        if page_id == len(self.wizard.pages) - 1:
            self.review_button.setVisible(False)
        if self.walking:
            QTimer.singleShot(0, self, self._step)

    def _stop_walking(self, _why: str) -> None:
        self.walking = False

    def _tell(self, finding: Finding, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Where to fix it",
                          f"{finding.field}: {finding.message}.\n\n{text}",
                          QMessageBox.StandardButton.Ok, self.wizard)
        hold_until_closed(self, "told", box)
        box.open()

    # -- a record's editor -----------------------------------------------------------------
    def _open_record(self, place: RecordPlace) -> None:
        if place.record == "person":
            self._open_person(place.field)
        else:
            self._open_organization(place.field)

    def _person_page(self) -> ForeignNationalPage:
        return next(p for p in self.wizard.pages if isinstance(p, ForeignNationalPage))

    def _open_person(self, field: str) -> None:
        w = self.wizard
        if w.person is None or w.person.id != w.form.person_id:
            if w.form.person_id is None:
                return
            self._person_field = field  # opened once loaded
            w.personLoaded.connect(self._person_loaded, Qt.ConnectionType.SingleShotConnection)
            w.load_person(w.form.person_id)
            return
        self._person_page().open_person_dialog(w.person, field=field)

    def _person_loaded(self) -> None:
        self._open_person(self._person_field)

    def _open_organization(self, field: str) -> None:
        w = self.wizard
        org_id = w.form.organization_id
        if org_id is None:
            return
        from licenseapp.services.catalog.organizations import load_organization

        db = w.db
        w.runner.submit(lambda: load_organization(db, org_id),
                        lambda form: self._show_organization(form, field), context=self)

    def _show_organization(self, form: OrganizationForm, field: str) -> None:
        from licenseapp.gui.organizations.dialog import OrganizationDialog

        w = self.wizard
        dialog = OrganizationDialog(w.runner, w.db, form, parent=w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._organization_saved)
        hold_until_closed(self, "organization_dialog", dialog)
        dialog.open()
        editor = dialog.organization_editor
        slot = editor.problems.slot(field)
        if slot is not None:
            editor.problems.focus(slot)

    def _organization_saved(self, form: OrganizationForm) -> None:
        w = self.wizard
        w.changed.emit(Changes.of(Kind.ORGANIZATIONS, [form.id] if form.id else []))
        w.load_choices()  # the applicant page shows its new details
        w.run_check()
