"""A PDF on screen: pages one under the other, fitted to the width, with page and zoom controls.

The document is read from the bytes in memory (a ``QBuffer``); nothing touches the disk.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


class PdfViewerWidget(QWidget):
    """Shows one PDF: "Page [n] of N", zoom out / in, fit to width, and the pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setAccessibleName("Packet pages")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: palette(mid); }")

        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName("Page")
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.setRange(1, 1)
        self.page_label = QLabel("Page")
        self.page_label.setBuddy(self.page_spin)
        self.page_count_label = QLabel("of 0")
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("400%") + 16)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.zoom_out_action = QAction("Zoom &out", self)
        self.zoom_out_action.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.zoom_in_action = QAction("Zoom &in", self)
        self.zoom_in_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.fit_width_action = QAction("&Fit width", self)
        self.fit_width_action.setCheckable(True)
        self.fit_width_action.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_width_action.triggered.connect(self.fit_width)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.page_label)
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count_label)
        bar.addStretch(1)
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_width_action):
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolTip(f"{action.text().replace('&', '')} "
                              f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
            bar.addWidget(button)
            if action is self.zoom_out_action:
                bar.addWidget(self.zoom_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._page_changed)
        self.page_spin.valueChanged.connect(self._page_chosen)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)
        self._show_zoom()

    # --- the document ------------------------------------------------------------------

    def set_pdf(self, pdf: bytes) -> int:
        """Show ``pdf``; returns its number of pages (0 if it cannot be read)."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # the document reads from it for as long as it is open
        count = self.page_count
        self.page_spin.setRange(1, max(count, 1))
        self.page_count_label.setText(f"of {count}")
        self.fit_width()
        return count

    @property
    def page_count(self) -> int:
        if self.document.status() != QPdfDocument.Status.Ready:
            return 0
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        """The page at the top of the view, 0-based."""
        return self.view.pageNavigator().currentPage()

    def page_text(self) -> str:
        """What the page indicator says, e.g. "Page 2 of 5"."""
        return f"Page {self.page_spin.value()} {self.page_count_label.text()}"

    def go_to_page(self, page: int) -> None:
        """Scroll to ``page`` (0-based)."""
        if 0 <= page < self.page_count:
            navigator = self.view.pageNavigator()
            navigator.jump(page, QPointF(), navigator.currentZoom())

    # --- zoom ----------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """The scale the pages are shown at (1.0: actual size), also when fitted."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.page_count == 0:
            return float(self.view.zoomFactor())
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        page_px = self.document.pagePointSize(0).width() * self.view.logicalDpiX() / 72
        return max(width / page_px, 0.01) if page_px > 0 else 1.0

    @Slot()
    def zoom_in(self) -> None:
        self._zoom_to(self.zoom * ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        self._zoom_to(self.zoom / ZOOM_STEP)

    @Slot()
    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def _zoom_to(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        factor = min(max(factor, low), high)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    @Slot()
    def _show_zoom(self, *_args: object) -> None:
        fitted = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        factor = self.zoom
        self.zoom_label.setText(f"{factor:.0%}")
        self.zoom_label.setToolTip("Zoom (the pages fill the width)" if fitted else "Zoom")
        low, high = ZOOM_RANGE
        self.zoom_out_action.setEnabled(factor > low + 1e-6)
        self.zoom_in_action.setEnabled(factor < high - 1e-6)
        self.fit_width_action.setChecked(fitted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_zoom()  # fitted to the width, the scale follows the window

    # --- the page indicator ------------------------------------------------------------

    @Slot(int)
    def _page_changed(self, page: int) -> None:
        if self.page_spin.value() != page + 1:
            self.page_spin.blockSignals(True)
            self.page_spin.setValue(page + 1)
            self.page_spin.blockSignals(False)

    @Slot(int)
    def _page_chosen(self, number: int) -> None:
        if number - 1 != self.current_page:
            self.go_to_page(number - 1)
