"""The Reports screen: choose a report (pending applications, what expires within N days, the
case record of an application typed or selected), preview it page by page, save or print it.

The report is built off the GUI thread by the task runner, with its steps shown and a
Cancel button; the preview is the packets' PDF viewer. When records change while a preview
is on screen it is marked out of date and built again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.packets.pdf_output import PdfOutput
from licenseapp.gui.packets.pdf_viewer import PdfViewerWidget
from licenseapp.gui.packets.wording import file_size, sentence
from licenseapp.gui.reports.build_task import BuildCancelled, ReportBuild
from licenseapp.gui.tasks import ProgressNotes, TaskRunner
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.reports.request import (
    DEFAULT_WITHIN_DAYS,
    MAX_WITHIN_DAYS,
    ReportKind,
    ReportRequest,
)

if TYPE_CHECKING:
    from licenseapp.services.reports.building import ReportFile
    from licenseapp.store.database import Database

#: What the reports print from: a change to any of these makes a preview out of date.
REPORT_KINDS = (Kind.APPLICATIONS, Kind.DEADLINES, Kind.LICENSES, Kind.PEOPLE,
                Kind.ORGANIZATIONS, Kind.ITEMS, Kind.SETTINGS)
_LATEST = "report"


def _failure_text(exc: BaseException) -> str | None:
    from licenseapp.services.output.packet_files import failure_text

    return failure_text(exc)


class ReportsPage(QWidget):
    """Signals (for the window and tests): ``built(pages)``, ``buildFailed(message)``; those
    of saving and printing are :attr:`output`'s."""

    built = Signal(int)
    buildFailed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, *,
                 selected_ref: Callable[[], str] = str) -> None:
        super().__init__(parent)
        self._runner = runner
        self._selected_ref = selected_ref
        self._db: Database | None = None
        self._build: ReportBuild | None = None
        self.made: ReportFile | None = None
        self.stale = False
        #: Save as… and Print… of the report shown.
        self.output = PdfOutput(runner, self, "report")

        self.kind_box = QComboBox()
        for kind in ReportKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.kind_box.setAccessibleName("Report")
        self.within_box = QSpinBox()
        self.within_box.setRange(1, MAX_WITHIN_DAYS)
        self.within_box.setValue(DEFAULT_WITHIN_DAYS)
        self.within_box.setSuffix(" days")
        self.within_box.setAccessibleName("Expiring within")
        self.ref_edit = QLineEdit()
        self.ref_edit.setPlaceholderText("LA-2026-0042")
        self.ref_edit.setAccessibleName("Application reference")
        self.ref_edit.returnPressed.connect(self.build)
        self.use_selected_button = QPushButton("Use &selected")
        self.use_selected_button.setToolTip("The application selected in the applications list")
        self.use_selected_button.clicked.connect(self.use_selected)
        ref_row = QHBoxLayout()
        ref_row.addWidget(self.ref_edit, 1)
        ref_row.addWidget(self.use_selected_button)
        form = QFormLayout()
        form.addRow("Rep&ort:", self.kind_box)  # Alt+R is the Rules menu
        form.addRow("Expiring &within:", self.within_box)
        ref_label = QLabel("Appli&cation:")
        ref_label.setBuddy(self.ref_edit)  # a row of two widgets gets no buddy of its own
        form.addRow(ref_label, ref_row)
        self._form = form

        self.preview_action = QAction("&Preview report", self)
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.preview_action.triggered.connect(self.build)
        self.save_action = QAction("&Save report as…", self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(self.choose_file)
        self.print_action = QAction("P&rint report…", self)
        self.print_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.print_action.triggered.connect(self.choose_printer)
        self.cancel_action = QAction("&Cancel report", self)
        self.cancel_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.cancel_action.triggered.connect(self.cancel)
        self.preview_button = self._button(self.preview_action)
        self.preview_button.setDefault(True)
        self.save_button = self._button(self.save_action)
        self.print_button = self._button(self.print_action)
        self.cancel_button = self._button(self.cancel_action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_label, 1)
        progress.addWidget(self.progress_bar)
        progress.addWidget(self.cancel_button)
        self.message_label = QLabel("Choose a report and press Preview (Ctrl+Shift+R).")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.viewer = PdfViewerWidget()
        self.viewer.view.setAccessibleName("Report pages")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message_label)
        self.stack.addWidget(self.viewer)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(progress)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_label)
        self.output.status.connect(self.status_label.setText)
        self.output.busyChanged.connect(self._update_actions)
        self.notes = ProgressNotes(self)
        self.notes.note.connect(self.progress_label.setText)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self._show_busy(False)

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text())
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{action.text().replace('&', '')} ({shortcut})")
        button.clicked.connect(action.trigger)
        button.setAutoDefault(False)
        return button

    # --- the window --------------------------------------------------------------------

    @property
    def actions_shown(self) -> tuple[QAction, ...]:
        return (self.preview_action, self.cancel_action, self.save_action, self.print_action)

    def menu(self, parent: QWidget) -> QMenu:
        """The window's Reports menu: every action of this screen, with its shortcut."""
        menu = QMenu("Re&ports", parent)
        for action in self.actions_shown:
            menu.addAction(action)
            if action is self.cancel_action:
                menu.addSeparator()
        return menu

    def set_database(self, db: Database | None) -> None:
        self._runner.supersede(self, _LATEST)
        if self._build is not None:
            self._build.cancel()
        self._db = self.output.db = db
        self.made = self.output.pdf = None
        self._show_busy(False)
        self._show_message("Choose a report and press Preview (Ctrl+Shift+R).")

    def apply_changes(self, _changes: Changes) -> None:
        """Records changed: a report on screen is out of date, and is built again."""
        if self.made is None and self._build is None:
            return
        self.stale = True
        self.status_label.setText("The records changed since this report was made; "
                                  "building it again…")
        self.build()

    # --- choosing ------------------------------------------------------------------------

    @property
    def kind(self) -> ReportKind:
        return ReportKind(self.kind_box.currentData())

    def choose(self, kind: ReportKind) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind.value))

    @Slot()
    def _kind_changed(self, _index: int = 0) -> None:
        kind = self.kind
        self.within_box.setEnabled(kind is ReportKind.EXPIRING)
        case = kind is ReportKind.CASE
        self.ref_edit.setEnabled(case)
        self.use_selected_button.setEnabled(case)

    @Slot()
    def use_selected(self) -> None:
        ref = self._selected_ref()
        if ref:
            self.ref_edit.setText(ref)
        else:
            self.status_label.setText("No application is selected in the applications list.")

    def request(self) -> ReportRequest:
        kind = self.kind
        return ReportRequest(kind, self.ref_edit.text().strip() if kind is ReportKind.CASE
                             else "", self.within_box.value())

    # --- building ------------------------------------------------------------------------

    @Slot()
    def build(self) -> None:
        """Build the report chosen in the background ("Reading the records…", Cancel)."""
        from licenseapp.errors import ValidationError

        db = self._db
        if db is None:
            self.status_label.setText("No database is open.")
            return
        try:
            request = self.request().checked()
        except ValidationError as exc:
            self.status_label.setText(sentence(exc.message))
            if exc.field == "ref":
                self.ref_edit.setFocus()
            return
        if self._build is not None:
            self._build.cancel()
        build = self._build = ReportBuild(db, request, self.notes)
        self.progress_label.setText(f"Making the {request.kind.label.lower()} report…")
        self._show_busy(True)
        if not self.stale:
            self.status_label.clear()
        self._runner.submit(build.run, lambda made: self._built(build, made),
                            lambda exc: self._failed(build, exc), context=self, latest=_LATEST)

    @Slot()
    def cancel(self) -> None:
        build = self._build
        if build is None:
            return
        build.cancel()
        self._runner.supersede(self, _LATEST)
        self._build = None
        self._show_busy(False)
        self.status_label.setText("The report was cancelled.")

    def _built(self, build: ReportBuild, made: ReportFile) -> None:
        if build is not self._build:
            return
        self._build = None
        self._show_busy(False)
        pages = self.viewer.set_pdf(made.pdf)
        if pages == 0:
            self.made = self.output.pdf = None
            self._show_message("The report was made but cannot be shown (not a readable PDF).")
            return
        self.made = made
        self.output.pdf = made.pdf
        self.stale = False
        self.stack.setCurrentWidget(self.viewer)
        self.status_label.setText(
            f"{made.report.title}"
            + (f" · {made.report.reference}" if made.report.reference else "")
            + f" · as of {made.report.stamp} · {pages} page{'s' if pages != 1 else ''} · "
            f"{file_size(len(made.pdf))}")
        self._update_actions()
        self.built.emit(pages)

    def _failed(self, build: ReportBuild, exc: BaseException) -> None:
        if build is not self._build:
            return
        self._build = None
        self._show_busy(False)
        if isinstance(exc, BuildCancelled):
            return
        message = _failure_text(exc)
        if message is None:
            self.status_label.setText("The report could not be made because of an "
                                      "unexpected error.")
            self._runner.report_error(exc)
            return
        self.status_label.setText(f"The report could not be made. {sentence(message)}")
        self.buildFailed.emit(message)

    def _show_busy(self, busy: bool) -> None:
        for widget in (self.progress_bar, self.progress_label, self.cancel_button):
            widget.setVisible(busy)
        self.cancel_action.setEnabled(busy)
        self._update_actions()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.message_label)
        self._update_actions()

    def _update_actions(self) -> None:
        ready = self.made is not None and self.stack.currentWidget() is self.viewer
        self.save_action.setEnabled(ready and self.output.can_save)
        self.print_action.setEnabled(ready and self.output.can_print)
        for button, action in ((self.save_button, self.save_action),
                               (self.print_button, self.print_action),
                               (self.cancel_button, self.cancel_action)):
            button.setEnabled(action.isEnabled())

    # --- save as and print (PdfOutput, as the packet preview) ------------------------------

    @Slot()
    def choose_file(self) -> None:
        """Ask where to save (by default the report's own file name), then save there."""
        if self.made is not None:
            self.output.choose_file(f"Save the report: {self.made.report.title}",
                                    self.made.file_name)

    @Slot()
    def choose_printer(self) -> None:
        """The system print dialog; once accepted, the report prints in the background."""
        if self.made is not None:
            self.output.choose_printer("Print the report", self.made.file_name,
                                       self.viewer.page_count)
