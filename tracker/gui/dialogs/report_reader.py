"""Läs in granskningsrapport: the report's text with each found recommendation
highlighted, and beside it the proposed metadata and list to edit before saving.
Nothing is stored until Spara."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.bodies import BodyIndex
from ...core.dates import iso, parse_date
from ...core.duplicates import file_checksum, matching_reports
from ...core.errors import UserError
from ...core.register import body_index
from ...core.reports.bodies_in_text import main_body
from ...core.reports.finder import bodies_of, tidy
from ...core.reports.proposal import Proposal, ProposedRecommendation, propose_file, propose_pasted, save_proposal
from ..interaction import CANCEL
from ..workers import Job
from .buttons import save_cancel
from .discard import AskBeforeDiscard
from .new_body import NewBodyRow

if TYPE_CHECKING:
    from ..main_window import MainWindow

_FOUND = QColor("#fff0a8")
_CURRENT = QColor("#ffc66b")
_ROLE_NAME = Qt.ItemDataRole.UserRole
OPEN_EXISTING, ADD_ANYWAY = "Öppna den som finns", "Lägg till ändå"


class ReportReaderDialog(AskBeforeDiscard, QDialog):
    def __init__(self, window: MainWindow, proposal: Proposal, index: BodyIndex) -> None:
        super().__init__(window)
        self.window_ = window
        self.ask = window.workspace.ask
        self.index = index
        self.proposal = proposal
        self.recs: list[ProposedRecommendation] = copy.deepcopy(proposal.recommendations)
        self.setWindowTitle("Läs in granskningsrapport" + (f" – {Path(proposal.source_file).name}"
                                                            if proposal.source_file else ""))  # fmt: skip
        self.resize(1200, 760)

        self.text = QPlainTextEdit(readOnly=True)
        self.text.setPlainText(proposal.text)
        self.text.selectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton("Lägg till som rekommendation", enabled=False)
        self.add_button.clicked.connect(self._add_from_selection)
        paste = QPushButton("Klistra in text")
        paste.setToolTip("Ersätt texten med rapporttext från urklipp och leta rekommendationer på nytt")
        paste.clicked.connect(self._paste)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Rapportens text</b> – markera text för att lägga till en rekommendation"))
        # What could not be read (pages without text), where the text it concerns is shown.
        self.warning_label = QLabel(wordWrap=True, objectName="readerWarnings")
        self.warning_label.setStyleSheet("background: #fff4ce; border: 1px solid #e0b000; padding: 4px;")
        left_layout.addWidget(self.warning_label)
        left_layout.addWidget(self.text, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.add_button)
        left_buttons.addStretch(1)
        left_buttons.addWidget(paste)
        left_layout.addLayout(left_buttons)

        self.fields = {name: QLineEdit() for name in
                       ("title", "organisation", "author", "report_date", "audit_year", "reply_deadline")}  # fmt: skip
        form = QFormLayout()
        for name, label in (("title", "Titel"), ("organisation", "Organisation"), ("author", "Författare"),
                            ("report_date", "Rapportdatum"), ("audit_year", "Revisionsår"),
                            ("reply_deadline", "Svar senast")):  # fmt: skip
            form.addRow(label, self.fields[name])
        self.found_label = QLabel(wordWrap=True)
        self.list = QListWidget(wordWrap=True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.currentRowChanged.connect(self._show_current)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.remove_button = QPushButton("Ta bort")
        self.remove_button.clicked.connect(self._remove)
        self.merge_button = QPushButton("Slå ihop")
        self.merge_button.setToolTip("Slå ihop de markerade rekommendationerna till en")
        self.merge_button.clicked.connect(self._merge)
        self.up_button = QPushButton("Flytta upp")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("Flytta ner")
        self.down_button.clicked.connect(lambda: self.move(1))
        list_buttons = QHBoxLayout()
        for button in (self.remove_button, self.merge_button, self.up_button, self.down_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Rekommendationens text")
        self.editor.textChanged.connect(self._text_edited)
        self.bodies = QListWidget()
        self.bodies.itemChanged.connect(self._bodies_edited)
        self.new_body = NewBodyRow(index)
        self.new_body.added.connect(self._add_body)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        right_layout.addWidget(self.found_label)
        right_layout.addWidget(self.list, 3)
        right_layout.addLayout(list_buttons)
        right_layout.addWidget(QLabel("Text"))
        right_layout.addWidget(self.editor, 2)
        right_layout.addWidget(QLabel("Ansvariga nämnder"))
        right_layout.addWidget(self.bodies, 2)
        right_layout.addWidget(self.new_body)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([640, 560])
        buttons = save_cancel(self._save, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._fill_fields(proposal)
        self._rebuild(0)
        self.mark_unchanged()

    def state(self) -> object:
        fields = tuple(edit.text() for edit in self.fields.values())
        return fields, tuple((r.text, tuple(r.bodies)) for r in self.recs), self.text.toPlainText()

    def save(self) -> None:
        self._save()

    # Showing --------------------------------------------------------------------

    def _fill_fields(self, proposal: Proposal) -> None:
        self.warning_label.setText("⚠ " + " ".join(proposal.warnings))
        self.warning_label.setVisible(bool(proposal.warnings))
        for name, edit in self.fields.items():
            value = getattr(proposal, name) or (proposal.report_month if name == "report_date" else None)
            edit.setText(iso(value) if hasattr(value, "isoformat") else "" if value is None else str(value))

    def _rebuild(self, current: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, rec in enumerate(self.recs, 1):
            self.list.addItem(self._item_text(number, rec))
        self.list.blockSignals(False)
        if self.recs:
            self.found_label.setText(f"{len(self.recs)} rekommendationer – markera en för att ändra text och nämnder.")
        else:
            self.found_label.setText(
                "<b>Inga rekommendationer hittades.</b> Markera dem i texten till vänster och välj "
                "”Lägg till som rekommendation”."
            )
        self.list.setCurrentRow(min(current, len(self.recs) - 1))
        self._show_current(self.list.currentRow())
        self._update_buttons()

    @staticmethod
    def _item_text(number: int, rec: ProposedRecommendation) -> str:
        check = " (ej angiven i texten – kontrollera)" if rec.check_bodies and rec.bodies else ""
        return f"{number}. {rec.text}\n    Ansvarig: {', '.join(rec.bodies) or '–'}{check}"

    def _show_current(self, row: int) -> None:
        rec = self.recs[row] if 0 <= row < len(self.recs) else None
        self.editor.blockSignals(True)
        self.editor.setPlainText(rec.text if rec else "")
        self.editor.setEnabled(rec is not None)
        self.editor.blockSignals(False)
        self.bodies.blockSignals(True)
        self.bodies.clear()
        names = [b.name for b in self.index.bodies]
        for r in self.recs:
            names += [b for b in r.bodies if b not in names]
        for name in names:
            label = name if self.index.find(name) else f"{name} (ny)"
            item = QListWidgetItem(label)
            item.setData(_ROLE_NAME, name)
            checked = rec is not None and name in rec.bodies
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if rec is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.bodies.addItem(item)
        self.bodies.blockSignals(False)
        self._highlight(row)
        if rec and rec.spans:
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(rec.spans[0][0])
            self.text.setTextCursor(cursor)
            self.text.centerCursor()

    def _highlight(self, current: int) -> None:
        selections = []
        for n, rec in enumerate(self.recs):
            for start, end in rec.spans:
                selection = QTextEdit.ExtraSelection()
                fmt = QTextCharFormat()
                fmt.setBackground(_CURRENT if n == current else _FOUND)
                selection.format = fmt
                cursor = QTextCursor(self.text.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selections.append(selection)
        self.text.setExtraSelections(selections)

    def _update_buttons(self) -> None:
        chosen = len(self.list.selectedIndexes())
        self.remove_button.setEnabled(chosen >= 1)
        self.merge_button.setEnabled(chosen >= 2)
        row = self.list.currentRow()
        self.up_button.setEnabled(chosen == 1 and row > 0)
        self.down_button.setEnabled(chosen == 1 and 0 <= row < len(self.recs) - 1)

    def _selection_changed(self) -> None:
        self.add_button.setEnabled(bool(self.text.textCursor().selectedText().strip()))

    # Editing --------------------------------------------------------------------

    def _text_edited(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.recs):
            self.recs[row].text = self.editor.toPlainText().strip()
            self.list.item(row).setText(self._item_text(row + 1, self.recs[row]))

    def _bodies_edited(self, _item: QListWidgetItem) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.recs):
            return
        checked = [
            self.bodies.item(i).data(_ROLE_NAME)
            for i in range(self.bodies.count())
            if self.bodies.item(i).checkState() == Qt.CheckState.Checked
        ]
        rec = self.recs[row]
        rec.bodies = [b for b in rec.bodies if b in checked] + [b for b in checked if b not in rec.bodies]
        rec.check_bodies = False  # the user has chosen
        self.list.item(row).setText(self._item_text(row + 1, rec))

    def _add_body(self, name: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.recs):
            return
        if name not in self.recs[row].bodies:
            self.recs[row].bodies.append(name)
        self.recs[row].check_bodies = False
        self._rebuild(row)

    def add_text_as_recommendation(self, start: int, end: int) -> None:
        """The chosen stretch of the report's text becomes a recommendation, in text order."""
        text = tidy(self.text.toPlainText()[start:end])
        if not text:
            return
        owner = self._owner() or main_body(self.text.toPlainText(), self.index)
        rec = ProposedRecommendation(text, bodies_of(text, self.index, owner), [(start, end)])
        position = sum(1 for r in self.recs if r.spans and r.spans[0][0] < start)
        self.recs.insert(position, rec)
        self._rebuild(position)

    def _owner(self) -> str | None:
        """The body most recommendations name, for a recommendation picked by hand."""
        names = [b for r in self.recs for b in r.bodies]
        return max(set(names), key=names.count) if names else None

    def _add_from_selection(self) -> None:
        cursor = self.text.textCursor()
        self.add_text_as_recommendation(cursor.selectionStart(), cursor.selectionEnd())

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.list.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.recs[row]
        self._rebuild(min(rows) if rows else 0)

    def move(self, delta: int) -> None:
        """The current recommendation changes places with its neighbour; numbers follow the order."""
        row = self.list.currentRow()
        target = row + delta
        if not (0 <= row < len(self.recs) and 0 <= target < len(self.recs)):
            return
        self.recs[row], self.recs[target] = self.recs[target], self.recs[row]
        self._rebuild(target)

    def _merge(self) -> None:
        rows = sorted({i.row() for i in self.list.selectedIndexes()})
        if len(rows) < 2:
            return
        first = self.recs[rows[0]]
        for row in rows[1:]:
            other = self.recs[row]
            first.text = f"{first.text} {other.text}"
            first.bodies += [b for b in other.bodies if b not in first.bodies]
            first.spans += other.spans
        for row in reversed(rows[1:]):
            del self.recs[row]
        self._rebuild(rows[0])

    def _paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.window_.workspace.ask.inform("Klistra in text", "Urklipp innehåller ingen text.", self)
            return
        self.load_pasted(text)

    def load_pasted(self, text: str) -> None:
        proposal = propose_pasted(text, self.index)
        self.proposal = proposal
        self.recs = copy.deepcopy(proposal.recommendations)
        self.text.setPlainText(proposal.text)
        self._fill_fields(proposal)
        self._rebuild(0)

    # Saving ---------------------------------------------------------------------

    def edited_proposal(self) -> Proposal:
        """The proposal as the user left it; UserError for a date or year that cannot be read."""
        values = {name: edit.text().strip() or None for name, edit in self.fields.items()}
        dates = {}
        for name, label in (("report_date", "Rapportdatum"), ("reply_deadline", "Svar senast")):
            try:
                dates[name] = parse_date(values[name])
            except ValueError as exc:
                raise UserError(f"{label}: {exc}.") from exc
        year = values["audit_year"]
        if year and not (year.isdigit() and 1900 <= int(year) <= 2200):
            raise UserError(f"Revisionsår: ”{year}” är inget årtal.")
        if not values["title"]:
            raise UserError("Granskningen måste ha en titel.")
        recs = [r for r in self.recs if r.text.strip()]
        return Proposal(
            text=self.proposal.text, title=values["title"], organisation=values["organisation"],
            author=values["author"], report_date=dates["report_date"], reply_deadline=dates["reply_deadline"],
            audit_year=int(year) if year else None, source_file=self.proposal.source_file, recommendations=recs,
        )  # fmt: skip

    def _save(self) -> None:
        ask = self.window_.workspace.ask
        try:
            proposal = self.edited_proposal()
            if not proposal.recommendations and not ask.confirm(
                "Spara granskning", "Granskningen har inga rekommendationer. Spara den ändå?", parent=self
            ):
                return
            self.window_.workspace.apply(lambda history: save_proposal(self.window_.store, proposal, history))
        except UserError as exc:
            ask.error("Läs in granskningsrapport", str(exc), self)
            return
        self.accept()


def _show_unless_known(window: MainWindow, proposal: Proposal, index: BodyIndex, checksum: str | None) -> None:
    """The reader for a report not in the register yet; for one that is, the choice to open
    the one there or add it anyway."""
    matches = matching_reports(window.store, proposal.title, proposal.audit_year, checksum)
    if matches:
        m = matches[0]
        why = "från samma fil" if m.same_file else "med samma titel och år"
        text = (
            f"Registret har redan granskningen ”{m.title}”{f' ({m.year})' if m.year else ''} {why}, "
            f"med {m.recommendations} rekommendationer.\n\nÖppna den som finns, eller lägg till rapporten ändå "
            "som en ny granskning?"
        )
        answer = window.workspace.ask.choose("Granskningen finns redan", text, [OPEN_EXISTING, ADD_ANYWAY, CANCEL])
        if answer == OPEN_EXISTING:
            from .report_editor import open_report_editor

            open_report_editor(window, m.report_id)
        if answer != ADD_ANYWAY:
            return
    ReportReaderDialog(window, proposal, index).open()


def open_report_reader(window: MainWindow, path: Path | None = None) -> Job | None:
    """Read a report file off the GUI thread, then show what it proposes."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            window, "Läs in granskningsrapport", "", "Rapporter (*.pdf *.docx *.txt);;Alla filer (*)"
        )
        if not name:
            return None
        path = Path(name)
    index = body_index(window.store)
    # A PDF reports each page read; Avbryt stops the reading and nothing is shown.
    return window.workspace.run_in_background(
        window, "Läs in granskningsrapport", lambda progress: (propose_file(path, index, progress), file_checksum(path)),
        lambda read: _show_unless_known(window, read[0], index, read[1]),
        progress_text=f"Läser {path.name} sida för sida …",
    )  # fmt: skip


def open_pasted_report(window: MainWindow) -> None:
    """The report's text from the clipboard (copied out of a PDF or a mail)."""
    index = body_index(window.store)
    text = QGuiApplication.clipboard().text()
    proposal = propose_pasted(text, index) if text.strip() else Proposal(text="", title=None)
    if text.strip():
        _show_unless_known(window, proposal, index, None)
        return
    dialog = ReportReaderDialog(window, proposal, index)
    dialog.found_label.setText("Urklipp är tomt. Kopiera rapportens text och välj ”Klistra in text”.")
    dialog.open()
