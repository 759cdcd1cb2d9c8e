"""The details pane: one application with its parties, items, license, deadlines and history.

The detail is loaded off the GUI thread whenever the selection changes. Results arrive in
any order; only the one for the latest request is shown, a stale one is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QTextOption
from PySide6.QtWidgets import (
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.applications.detail_html import render_detail
from licenseapp.gui.tables import ListWithMessage
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme_follow import show_html
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.dto import ApplicationDetail

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: A loading note appears only if the detail takes longer than this (no flicker on arrows).
LOADING_NOTE_DELAY_MS = 250

DetailLoader = Callable[[str], ApplicationDetail]


def application_loader(db: Database) -> DetailLoader:
    """How the pane reads an application from ``db`` (off the GUI thread): the license's
    state and renewal deadline with the team's renewal window, as the database holds it."""

    def load(ref: str) -> ApplicationDetail:
        from licenseapp.services.drafts.applications import get_application

        return get_application(db, ref)

    return load


#: What the details of an application show.
DETAIL_KINDS = (Kind.APPLICATIONS, Kind.DEADLINES, Kind.LICENSES, Kind.PEOPLE, Kind.ITEMS,
                Kind.ORGANIZATIONS)


class ApplicationDetailsWidget(QWidget):
    """Shows the application last asked for by :meth:`show_application`.

    ``loadFailed(exception)`` is emitted for an unexpected failure (the main window routes
    it to the crash dialog); a known error (e.g. the application was deleted meanwhile) is
    shown in the pane itself.
    """

    loadFailed = Signal(object)
    detailShown = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self._runner = runner
        self._today = today  # what "overdue" and "in N days" count from
        self._loader: DetailLoader | None = None
        self._wanted = ""
        self._detail: ApplicationDetail | None = None

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Application details")
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        # Everything wraps to the pane's width (rounding once made a 1-pixel scroll bar).
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._pane = ListWithMessage(self.browser, summary=False)
        self.message_label = self._pane.message_label
        # A tool bar, not a row of buttons: narrower than its labels, it keeps them whole and
        # puts the ones that do not fit behind its » button (a row of five made the pane at
        # least 545 px wide, 45% of a 1280 px window).
        self.buttons = QToolBar("Application actions")
        self.buttons.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.buttons.setAccessibleName("Application actions")
        self.buttons.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.buttons)
        layout.addWidget(self._pane)

        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_NOTE_DELAY_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self.clear()

    def add_actions(self, actions: Iterable[QAction]) -> None:
        """Buttons above the details for actions on the application shown."""
        self.buttons.addActions(list(actions))
        self.buttons.show()

    def set_loader(self, loader: DetailLoader | None) -> None:
        """How a detail is fetched (run off the GUI thread); None when no database is open."""
        self._loader = loader
        self.clear()

    @property
    def current_ref(self) -> str:
        """The application shown (or being loaded), '' for none."""
        return self._wanted

    @property
    def detail(self) -> ApplicationDetail | None:
        """The detail on screen, once loaded."""
        return self._detail

    def clear(self) -> None:
        self._runner.supersede(self, "detail")  # whatever is still loading is not wanted
        self._wanted = ""
        self._detail = None
        self._loading_timer.stop()
        self._show_message("Select an application to see its details.")

    def show_application(self, ref: str) -> None:
        """Load and show ``ref`` in the background."""
        if not ref:
            self.clear()
            return
        loader = self._loader
        if loader is None:
            return
        self._wanted = ref
        self._loading_timer.start()
        self._runner.submit(lambda: loader(ref), self._loaded, self._failed,
                            latest="detail")  # the user may move on to another one

    def reload(self) -> None:
        if self._wanted:
            self.show_application(self._wanted)

    def apply_changes(self, changes: Changes) -> None:
        """Read the application shown again if ``changes`` may have changed what it shows:
        its own record, license or deadlines, or its person, items or organization."""
        if not self._wanted:
            return
        detail = self._detail
        mine = (self._wanted in changes.refs(Kind.APPLICATIONS)
                or self._wanted in changes.refs(Kind.DEADLINES)
                or self._wanted in changes.refs(Kind.LICENSES))
        related = detail is not None and detail.row.ref == self._wanted and (
            changes.touches(Kind.PEOPLE, Kind.ITEMS, Kind.ORGANIZATIONS))
        whole = any(changes.is_whole(kind) for kind in DETAIL_KINDS)
        if mine or related or whole:
            self.reload()

    def plain_text(self) -> str:
        """What the pane says, as text (for tests and copying)."""
        if not self._pane.showing_message:
            return self.browser.toPlainText()
        return self.message_label.text()

    # --- outcomes ----------------------------------------------------------------------

    def _loaded(self, detail: ApplicationDetail) -> None:
        self._loading_timer.stop()
        self._detail = detail
        scroll = self.browser.verticalScrollBar()
        same = self.browser.property("ref") == detail.row.ref
        position = scroll.value() if same else 0
        show_html(self.browser, partial(render_detail, detail, self._today()))
        self.browser.setProperty("ref", detail.row.ref)
        scroll.setValue(position)
        self._pane.show_list()
        self.detailShown.emit(detail.row.ref)

    def _failed(self, exc: BaseException) -> None:
        self._loading_timer.stop()
        self._detail = None
        if isinstance(exc, LicenseAppError):
            self._show_message(exc.message)
            return
        self._show_message(f"The details of {self._wanted} could not be loaded.")
        self.loadFailed.emit(exc)

    @Slot()
    def _show_loading(self) -> None:
        self._show_message(f"Loading {self._wanted}…")

    def _show_message(self, text: str) -> None:
        self._pane.show_message(text)
