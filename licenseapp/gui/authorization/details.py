"""The details pane of the Authorization screen: the access selected in the matrix.

What the matrix already knows is shown at once; the determination's citations are fetched
off the GUI thread (only the latest request is shown, a stale answer is dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.detail_html import APPLICATION_LINK, render_cell, render_person
from licenseapp.gui.authorization.model import MatrixItem, MatrixRow
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Ink, current
from licenseapp.gui.theme_follow import show_html

if TYPE_CHECKING:
    from licenseapp.domain.rules import Determination
    from licenseapp.services.directive.authorization import MatrixCell

#: (grant id, date) -> the determination; runs off the GUI thread.
Explainer = Callable[[int, "date | None"], "Determination"]

_EMPTY = "Select a cell of the matrix to see who, what, the state and why."


class AuthorizationDetailsWidget(QWidget):
    """Signals: ``applicationRequested(ref)``; ``loadFailed(exception)`` for a bug."""

    applicationRequested = Signal(str)
    loadFailed = Signal(object)
    #: The citations of the shown cell arrived (tests wait for it).
    explained = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._explainer: Explainer | None = None
        self._request = 0
        self._cell: MatrixCell | None = None
        self._on: date | None = None
        self.determination: Determination | None = None

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Access details")
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser.anchorClicked.connect(self._link_clicked)
        self.open_button = QPushButton("Open application")
        self.open_button.setToolTip("Show this access's application on the Applications screen")
        self.open_button.clicked.connect(self._open_application)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.open_button)
        self.clear()

    def set_explainer(self, explainer: Explainer | None) -> None:
        self._explainer = explainer
        self.clear()

    @property
    def cell(self) -> MatrixCell | None:
        return self._cell

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def clear(self) -> None:
        self._request += 1
        self._cell = None
        self.determination = None
        show_html(self.browser, lambda: f"<p style='color:{current().hex(Ink.HINT)}'>{_EMPTY}</p>")
        self._set_application("")

    def show_person(self, row: MatrixRow, items: Sequence[MatrixItem], on: date | None) -> None:
        self._request += 1
        self._cell = None
        self.determination = None
        show_html(self.browser, partial(render_person, row, items, on))
        self._set_application("")

    def show_cell(self, cell: MatrixCell, on: date | None) -> None:
        """Show ``cell`` now, and fetch the citations of its determination."""
        self._request += 1
        request = self._request
        self._cell, self._on = cell, on
        self.determination = None
        show_html(self.browser, partial(render_cell, cell, on))
        self._set_application(cell.application_ref)
        explainer = self._explainer
        if explainer is None:
            return
        grant_id = cell.grant_id
        self._runner.submit(
            lambda: explainer(grant_id, on),
            lambda found: self._explained(request, found),
            lambda exc: self._failed(request, exc),
            context=self,
        )

    def _explained(self, request: int, found: Determination) -> None:
        if request != self._request or self._cell is None:
            return
        self.determination = found
        self._render(partial(render_cell, self._cell, self._on, found))
        self.explained.emit()

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request or self._cell is None:
            return
        if not isinstance(exc, LicenseAppError):
            self.loadFailed.emit(exc)
            return
        self._render(partial(render_cell, self._cell, self._on, failed=exc.message))

    def _render(self, html: Callable[[], str]) -> None:
        scroll = self.browser.verticalScrollBar()
        position = scroll.value()
        show_html(self.browser, html)
        scroll.setValue(position)

    def _set_application(self, ref: str) -> None:
        self.open_button.setVisible(bool(ref))
        self.open_button.setText(f"Open application {ref}" if ref else "Open application")
        self.open_button.setProperty("ref", ref)

    @Slot()
    def _open_application(self) -> None:
        ref = str(self.open_button.property("ref") or "")
        if ref:
            self.applicationRequested.emit(ref)

    @Slot(QUrl)
    def _link_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(APPLICATION_LINK):
            self.applicationRequested.emit(text.removeprefix(APPLICATION_LINK))
