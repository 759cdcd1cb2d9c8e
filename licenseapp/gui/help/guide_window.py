"""Help › LicenseApp guide (F1): the guide in a window of its own, beside the work.

Non-modal and one of a kind: F1 again brings it forward at the section asked for. The
contents list on the left holds every heading; a click, or a link between sections in
the text, scrolls the text to it. The text is the Markdown of ``resources/help/guide.md``,
each heading given the anchor GitHub gives it (:func:`guide.anchor_for`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.help.guide import Section, guide_text, headings

ANCHOR_ROLE = Qt.ItemDataRole.UserRole


def anchored_document(text: str, parent: QWidget | None = None) -> QTextDocument:
    """``text`` (Markdown) as a document whose headings carry their anchors."""
    document = QTextDocument(parent)
    document.setMarkdown(text)
    found = iter(headings(text))
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            section = next(found, None)
            if section is not None:
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                anchor = QTextCharFormat()
                anchor.setAnchor(True)
                anchor.setAnchorNames([section.anchor])
                cursor.mergeCharFormat(anchor)
        block = block.next()
    return document


class GuideWindow(QWidget):
    """The guide, its contents beside it. :meth:`show_section` opens it at an anchor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("LicenseApp guide")
        self.setObjectName("guideWindow")
        text = guide_text()
        self.sections: list[Section] = headings(text)
        self.contents = QListWidget()
        self.contents.setAccessibleName("Contents of the guide")
        self.contents.setWordWrap(True)  # a long heading on two lines, not cut
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for section in self.sections:
            item = QListWidgetItem("    " * max(section.level - 2, 0) + section.title)
            item.setData(ANCHOR_ROLE, section.anchor)
            if section.level <= 2:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.contents.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide text")
        self.browser.setOpenLinks(False)  # links between sections are followed here
        self.browser.setDocument(anchored_document(text, self.browser))
        self.browser.anchorClicked.connect(self._follow)
        self.contents.itemActivated.connect(self._chosen)
        self.contents.itemClicked.connect(self._chosen)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 610])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence("Escape"), self, self.close)
        self.resize(QSize(860, 640))
        #: The anchor last shown (tests read it).
        self.anchor = ""

    @Slot(str)
    def show_section(self, anchor: str) -> None:
        """Show the window, raised, at ``anchor`` (the top for an unknown one)."""
        row = next((row for row, section in enumerate(self.sections)
                    if section.anchor == anchor), 0)
        self.anchor = self.sections[row].anchor if self.sections else ""
        self.contents.setCurrentRow(row)
        if row == 0:
            self.browser.verticalScrollBar().setValue(0)
        else:
            self.browser.scrollToAnchor(self.anchor)
        self.show()
        self.raise_()
        self.activateWindow()

    def _chosen(self, item: QListWidgetItem) -> None:
        self.show_section(str(item.data(ANCHOR_ROLE)))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("", "file") and url.hasFragment() and not url.path():
            self.show_section(url.fragment())
