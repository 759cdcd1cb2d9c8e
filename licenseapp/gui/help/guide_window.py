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
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
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
        self.contents = QTreeWidget()
        self.contents.setAccessibleName("Contents of the guide")
        self.contents.setHeaderHidden(True)
        self.contents.setRootIsDecorated(False)  # the whole outline, always open
        self.contents.setIndentation(14)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        #: The contents entry of each anchor.
        self.entries: dict[str, QTreeWidgetItem] = {}
        heading: QTreeWidgetItem | None = None
        for section in self.sections:
            under = heading if section.level > 2 else None
            item = QTreeWidgetItem([section.title])
            item.setData(0, ANCHOR_ROLE, section.anchor)
            item.setToolTip(0, section.title)  # a long one is elided in the list
            if under is None:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                self.contents.addTopLevelItem(item)
                heading = item if section.level == 2 else None
            else:
                under.addChild(item)
            self.entries[section.anchor] = item
        self.contents.expandAll()
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide text")
        self.browser.setOpenLinks(False)  # links between sections are followed here
        self.browser.setDocument(anchored_document(text, self.browser))
        self.browser.anchorClicked.connect(self._follow)
        self.contents.itemActivated.connect(self._chosen)
        self.contents.itemClicked.connect(self._chosen)
        self.contents.setItemsExpandable(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 590])
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
        first = self.sections[0].anchor if self.sections else ""
        self.anchor = anchor if anchor in self.entries else first
        if self.anchor:
            self.contents.setCurrentItem(self.entries[self.anchor])
        if self.anchor == first:
            self.browser.verticalScrollBar().setValue(0)
        else:
            self.browser.scrollToAnchor(self.anchor)
        self.show()
        self.raise_()
        self.activateWindow()

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.show_section(str(item.data(0, ANCHOR_ROLE)))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("", "file") and url.hasFragment() and not url.path():
            self.show_section(url.fragment())
