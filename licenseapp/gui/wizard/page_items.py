"""Wizard page 4: the items to release, how they are described on the form, and the
license determination for this person and these items.

After the ECCN, one column per per-item block the chosen form records by id (BIS-748P
22(b) CTP, between 22(a) and 22(d) as on the form); none for forms without such blocks."""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from licenseapp.domain.draft_form import DraftForm, DraftItemForm, check_draft
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.forms import FormField, recipient_label, spec_of
from licenseapp.domain.recorded import value_of, with_value
from licenseapp.gui.access.records import kind_word
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.theme import Ink, Tone, current
from licenseapp.gui.theme_follow import on_theme
from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.gui.wizard.recorded_blocks import guidance
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.domain.item_form import ItemForm
    from licenseapp.gui.items.dialog import ItemDialog
    from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.gui.wizard.recipient_location_row import RecipientLocationRow
from licenseapp.services.drafts.wizard_data import ItemChoice, ItemDetermination, determine_release

COLUMNS = ("Release", "Item", "Kind", "Classification", "ECCN on the form", "CCATS",
           "Technical description")
#: Column positions without per-item blocks; those after ECCN move right by one for each
#: block the form records per item (see :meth:`DraftItemsPage.column`).
CHECK, NAME, KIND, CLASS, ECCN, CCATS, DESCRIPTION = range(len(COLUMNS))
EDITABLE = (ECCN, CCATS, DESCRIPTION)
#: The form block each editable column fills: its header is that block's label and number
#: on the chosen form, and a form without the block hides the column.
COLUMN_SOURCES = {ECCN: "item.eccn", CCATS: "item.ccats",
                  DESCRIPTION: "item.technical_description"}
#: The item column grows with the names up to this width (longer ones are elided, the full
#: name in the tooltip), leaving the technical description room to be read.
ITEM_MAX_WIDTH = 300


def _license_word(form: str | None) -> str:
    """The regulator's word for a license ("licence" for a UK form), from its spec."""
    spec = spec_of(form) if form else None
    return spec.term("license") if spec else "license"


def determination_html(found: list[ItemDetermination], person: str) -> tuple[str, bool]:
    """The answer per item, and whether no item needs a license."""
    e = html.escape
    theme = current()
    parts = []
    for d in found:
        det = d.determination
        licence = _license_word(det.form)
        word = {True: f"{licence.capitalize()} required", False: f"No {licence} required",
                None: "Cannot tell yet"}[det.license_required]
        color = theme.hex({True: Ink.LATE, False: Ink.OK, None: Ink.WARNING}[det.license_required])
        missing = (f"<br><i>To find out: {e('; '.join(det.missing))}</i>"
                   if det.missing else "")
        cites = f"<br><small>{e('; '.join(det.citations))}</small>" if det.citations else ""
        parts.append(f"<p><b>{e(d.item)}</b>: <b style='color:{color}'>{word}</b>. "
                     f"{e(det.reason)}{missing}{cites}</p>")
    # A form whose need turns on where the recipient is (a SIEL) answers for the place the
    # page gives (see recipient_location): not given, it cannot tell, so no "need not file".
    none_needed = bool(found) and all(d.determination.license_required is False
                                      for d in found)
    if none_needed:
        licence = _license_word(found[0].determination.form)
        parts.insert(0, f"<p style='{theme.badge(Tone.OK).css()} padding:6px'><b>No {licence} "
                        "is needed"
                        f" for {e(person)} to receive these items.</b> You need not file this "
                        "application; keep this determination on file instead.</p>")
    return "".join(parts), none_needed


class DraftItemsPage(DraftPage):
    sections = ("items",)
    creates_draft = True

    def __init__(self) -> None:
        super().__init__("Items", self.subtitle_for(None))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("items")
        self.table.setAccessibleName("Items to release")
        self.table.setTabKeyNavigation(False)  # Tab leaves for Back/Next; arrows move
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.determination = QLabel("Choose items to see what the rules decide for them.")
        self.determination.setObjectName("determination")
        self.determination.setWordWrap(True)
        self.determination.setTextFormat(Qt.TextFormat.RichText)
        self.determination.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.new_button = QPushButton("New &item…")
        self.new_button.setToolTip("An item that is not in the list yet: it is added to the "
                                   "Items records and chosen here")
        self.new_button.clicked.connect(self.open_item_dialog)
        self.item_dialog: ItemDialog | None = None
        #: The item just created, to select once the list has it.
        self._select_item: int | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.body)
        # The table takes the height the determination does not need: with a share of its
        # own the determination left ~250 px empty while the table showed 5 rows (at 125 %
        # on a 1440×900 screen).
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.location = RecipientLocationRow()
        self.location.edited.connect(self._location_edited)
        layout.addWidget(self.location)
        self.determination_heading = QLabel("<b>License determination</b>")
        layout.addWidget(self.determination_heading)
        layout.addWidget(self.determination)
        self._recheck = QTimer(self, singleShot=True, interval=250)
        self._recheck.timeout.connect(self._determine)
        self.table.itemChanged.connect(self._item_changed)
        self._choices: tuple[ItemChoice, ...] = ()
        #: The per-item blocks recorded by id, as the columns after ECCN.
        self.extra: tuple[FormField, ...] = ()
        self._asked = 0

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._show_first_ticked)  # once the rows are laid out

    def _show_first_ticked(self) -> None:
        """The first item chosen in view: it could be below the rows shown."""
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, CHECK)
            if cell is not None and cell.checkState() == Qt.CheckState.Checked:
                self.table.scrollToItem(cell, QAbstractItemView.ScrollHint.EnsureVisible)
                return

    @staticmethod
    def subtitle_for(form: str | None) -> str:
        """What the page asks for, naming the chosen form's block of items (none: no form)."""
        spec = spec_of(form) if form else None
        group = next((f for f in spec.fields if f.repeat), None) if spec else None
        block = f" (block {group.number})" if group else ""
        return (f"What to {spec.term('transfer') if spec else 'release'}{block}. For "
                "technology, source code or model access, quantity and manufacturer stay "
                "blank.")

    @property
    def no_license_needed(self) -> bool:
        return self.wiz().no_license_needed

    def attach(self, wizard: DraftWizard) -> None:
        wizard.choicesLoaded.connect(self._fill)
        wizard.personLoaded.connect(self._recheck.start)

    def initializePage(self) -> None:
        self._fill()
        super().initializePage()
        self._recheck.start()

    def column(self, base: int) -> int:
        """Where a column of :data:`COLUMNS` is, with the per-item blocks after ECCN."""
        return base + len(self.extra) if base > ECCN else base

    def extra_column(self, n: int) -> int:
        """Where the ``n``-th per-item block recorded by id is."""
        return ECCN + 1 + n

    def block_column(self, block: str) -> int | None:
        """Where the per-item block recorded by id ``block`` is (None: not on this form)."""
        return next((self.extra_column(n) for n, f in enumerate(self.extra) if f.id == block),
                    None)

    def row_of(self, item_id: int) -> int | None:
        """The row of the item with id ``item_id`` (None: not listed)."""
        return next((row for row, c in enumerate(self._choices) if c.id == item_id), None)

    def _columns(self) -> None:
        """The fixed columns, with one per per-item block the chosen form records by id."""
        spec = spec_of(self.wiz().form.form)
        self.setSubTitle(self.subtitle_for(self.wiz().form.form))
        self.extra = spec.recorded_item_fields() if spec else ()
        blocks = {f.source: f for f in spec.walk()} if spec else {}
        fixed = list(COLUMNS)
        form = self.wiz().form.form
        fixed[CHECK] = spec.term("transfer").capitalize() if spec else COLUMNS[CHECK]
        self.determination_heading.setText(
            f"<b>{_license_word(form).capitalize()} determination</b>")
        self.location.show_form(form)
        for base, source in COLUMN_SOURCES.items():
            block = blocks.get(source)
            if block:
                fixed[base] = f"{block.label} ({block.number})"
        labels = [*fixed[:ECCN + 1], *(f"{f.label} ({f.number})" for f in self.extra),
                  *fixed[ECCN + 1:]]
        self.table.setColumnCount(len(labels))
        self.table.setHorizontalHeaderLabels(labels)
        for base, source in COLUMN_SOURCES.items():
            self.table.setColumnHidden(self.column(base), bool(spec) and source not in blocks)
        header = self.table.horizontalHeader()
        for col in range(len(labels)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.column(DESCRIPTION), QHeaderView.ResizeMode.Stretch)
        last = self.table.horizontalHeaderItem(self.column(DESCRIPTION))
        if last is not None:  # narrower than its label: its start shows, all of it on hover
            last.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            last.setToolTip(last.text())
        for n, field in enumerate(self.extra):
            head = self.table.horizontalHeaderItem(self.extra_column(n))
            if head is not None:
                head.setToolTip(guidance(field))

    def _fill(self) -> None:
        choices = self.wiz().choices
        self._choices = choices.items if choices else ()
        self._loading = True
        try:
            self._columns()
            self.table.setRowCount(len(self._choices))
            for row, item in enumerate(self._choices):
                check = QTableWidgetItem()
                check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                check.setCheckState(Qt.CheckState.Unchecked)
                check.setData(Qt.ItemDataRole.UserRole, item.id)
                self.table.setItem(row, CHECK, check)
                for col, text in ((NAME, f"{item.name} ({item.ref})"),
                                  (KIND, kind_word(item.kind)),
                                  (CLASS, f"{item.regime} {item.classification}")):
                    cell = QTableWidgetItem(text)
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    if col == NAME:
                        cell.setToolTip(text)
                    self.table.setItem(row, col, cell)
                for col in EDITABLE:
                    self.table.setItem(row, self.column(col), QTableWidgetItem(""))
                for n, field in enumerate(self.extra):
                    cell = QTableWidgetItem("")
                    cell.setToolTip(guidance(field))
                    self.table.setItem(row, self.extra_column(n), cell)
        finally:
            self._loading = False
        self.table.resizeColumnToContents(NAME)
        if self.table.columnWidth(NAME) > ITEM_MAX_WIDTH:
            self.table.setColumnWidth(NAME, ITEM_MAX_WIDTH)
        self.read(self.wiz().form)
        if self._select_item is not None:
            self._select_row(self._select_item)

    def _select_row(self, item_id: int) -> None:
        for row, choice in enumerate(self._choices):
            if choice.id == item_id:
                self._select_item = None
                self._recheck.start()  # the determination with the new item
                self.table.selectRow(row)
                self.table.scrollToItem(self._cell(row, NAME),
                                        QAbstractItemView.ScrollHint.EnsureVisible)
                return

    def _cell(self, row: int, col: int) -> QTableWidgetItem:
        cell = self.table.item(row, col)
        if cell is None:
            cell = QTableWidgetItem("")
            self.table.setItem(row, col, cell)
        return cell

    def read(self, form: DraftForm) -> None:
        was, self._loading = self._loading, True
        try:
            self.location.read(form.form_values)
            chosen = {i.item_id: i for i in form.items}
            for row, choice in enumerate(self._choices):
                line = chosen.get(choice.id)
                check = self.table.item(row, CHECK)
                if check is None:
                    continue
                check.setCheckState(Qt.CheckState.Checked if line else Qt.CheckState.Unchecked)
                eccn = line.eccn if line else (choice.classification
                                               if choice.regime == "EAR" else "")
                self._cell(row, ECCN).setText(eccn)
                self._cell(row, self.column(CCATS)).setText(line.ccats if line else choice.ccats)
                self._cell(row, self.column(DESCRIPTION)).setText(
                    line.technical_description if line else choice.description)
                for n, field in enumerate(self.extra):
                    self._cell(row, self.extra_column(n)).setText(
                        value_of(line.form_values, field.id) if line else "")
        finally:
            self._loading = was

    def write(self, form: DraftForm) -> DraftForm:
        lines = []
        before = {i.item_id: i for i in form.items}
        for row, choice in enumerate(self._choices):
            check = self.table.item(row, CHECK)
            if check is None or check.checkState() != Qt.CheckState.Checked:
                continue
            # what this page does not show (model number, other blocks) stays as it was
            old = before.get(choice.id) or DraftItemForm(choice.id)
            values = old.form_values
            for n, field in enumerate(self.extra):
                values = with_value(values, field.id,
                                    self._cell(row, self.extra_column(n)).text())
            lines.append(DraftItemForm(choice.id, self._cell(row, ECCN).text().strip(),
                                       self._cell(row, self.column(DESCRIPTION)).text().strip(),
                                       self._cell(row, self.column(CCATS)).text().strip(),
                                       old.model_number, values))
        if not self._choices:  # not loaded yet: keep what the form has
            return form
        return dataclasses.replace(form, items=tuple(lines),
                                   form_values=self.location.write(form.form_values))

    def _location_edited(self) -> None:
        self._recheck.start()
        self.changed()

    def problems(self, form: DraftForm) -> list[FieldProblem]:
        return [p for p in check_draft(form) if p.field.startswith("items")]

    def open_item_dialog(self) -> None:
        """New item…: the same editor and checks as the Items screen; once saved the item
        is in the list, chosen for release and selected."""
        from licenseapp.gui.items.dialog import load_item_for_editing

        if self.item_dialog is not None:
            return
        w = self.wiz()
        db = w.db
        self.new_button.setEnabled(False)
        w.runner.submit(lambda: load_item_for_editing(db, None), self._show_item_dialog,
                        self._item_dialog_failed, context=self)

    def _show_item_dialog(self, _form: object) -> None:
        from licenseapp.gui.items.dialog import ItemDialog

        self.new_button.setEnabled(True)
        w = self.wiz()
        dialog = ItemDialog(w.runner, w.db, None, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._item_saved)
        hold_until_closed(self, "item_dialog", dialog)
        self.item_dialog = dialog
        dialog.open()

    def _item_dialog_failed(self, exc: BaseException) -> None:
        self.new_button.setEnabled(True)
        self.wiz().runner.report_error(exc)

    def _item_saved(self, item: ItemForm) -> None:
        w = self.wiz()
        if item.id is not None:
            w.changed.emit(Changes.of(Kind.ITEMS, [item.id]))
        form = self.write(w.form)  # what is ticked and typed so far stays
        if item.id is not None and all(line.item_id != item.id for line in form.items):
            eccn = item.classification if item.regime == "EAR" else ""
            form = dataclasses.replace(form, items=(*form.items, DraftItemForm(
                item.id, eccn, item.description, item.ccats)))
        w.set_form(form)
        self._select_item = item.id
        w.load_choices()  # the list then has it, ticked (see _fill)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        if item.column() == CHECK:
            self._recheck.start()
        self.changed()

    def _determine(self) -> None:
        w = self.wiz()
        person = w.person
        ids = tuple(i.item_id for i in self.write(w.form).items)
        if person is None or person.id != w.form.person_id or not ids:
            form = w.form.form
            self.determination.setText(f"Choose the {recipient_label(form).lower()} and at "
                                       "least one item to see whether a "
                                       f"{_license_word(form)} is needed.")
            self.wiz().no_license_needed = False
            return
        db, today, location = w.db, w.today, self.location.text()
        self._asked += 1
        number = self._asked
        w.runner.submit(lambda: determine_release(db, person, ids, today, location),
                        lambda found: self._determined(number, person.full_name, found),
                        context=self)

    def _determined(self, number: int, person: str, found: list[ItemDetermination]) -> None:
        if number != self._asked:  # the choice changed since: a newer answer is coming
            return
        _text, self.wiz().no_license_needed = determination_html(found, person)
        on_theme(self.determination,
                 lambda: self.determination.setText(determination_html(found, person)[0]), "text")
