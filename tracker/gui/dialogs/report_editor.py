"""Granskning → Ny granskning… / Redigera granskning…: a report with its recommendations.

Nothing is written until Spara; then the whole edit is one command, so one Ctrl+Z
takes it back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core import register
from ...core.changes import ChangeSet
from ...core.dates import iso, parse_date
from ...core.errors import UserError
from .buttons import save_cancel
from .choose_bodies import choose_bodies

if TYPE_CHECKING:
    from ..main_window import MainWindow

# (column, label) of the report's own fields that are typed as text or dates.
TEXT_FIELDS = (("title", "Titel"), ("author", "Granskad av"), ("organisation", "Organisation"),
               ("diary_number", "Diarienummer"))  # fmt: skip
DATE_FIELDS = (("report_date", "Rapportdatum"), ("reply_deadline", "Svar senast"))


@dataclass
class Draft:
    """One recommendation as edited in the dialog; id None until saved."""

    id: int | None
    number: int
    text: str
    body_ids: list[int] = field(default_factory=list)


class ReportEditor(QDialog):
    def __init__(self, window: MainWindow, report_id: int | None) -> None:
        super().__init__(window)
        self.window_ = window
        self.report_id = report_id
        self.bodies = {b.id: b for b in register.load_bodies(window.store)}
        self.setWindowTitle("Ny granskning" if report_id is None else "Redigera granskning")
        self.resize(900, 620)

        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in (*TEXT_FIELDS, *DATE_FIELDS):
            edit = QLineEdit()
            if key in dict(DATE_FIELDS):
                edit.setPlaceholderText("ÅÅÅÅ-MM-DD")
                edit.setMaximumWidth(160)
            self.edits[key] = edit
            form.addRow(f"{label}:", edit)
        self.year = QSpinBox(minimum=0, maximum=2100, specialValueText="–")
        self.year.setMaximumWidth(100)
        form.insertRow(1, "Granskningsår:", self.year)
        self.assessment = QPlainTextEdit()
        self.assessment.setPlaceholderText("Revisorernas samlade bedömning i rapporten (valfritt)")
        self.assessment.setTabChangesFocus(True)
        self.assessment.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow("Samlad bedömning:", self.assessment)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Nr", "Rekommendation", "Ansvarig"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 50)
        self.table.setColumnWidth(2, 220)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.cellDoubleClicked.connect(lambda row, col: self.change_bodies() if col == 2 else None)

        buttons = QHBoxLayout()
        for text, slot, tip in (
            ("Lägg till", self.add_row, "Ny rekommendation sist i listan"),
            ("Ta bort", self.remove_row, "Ta bort den markerade rekommendationen"),
            ("Flytta upp", lambda: self.move(-1), None),
            ("Flytta ner", lambda: self.move(1), None),
            ("Numrera om 1, 2, 3 …", self.renumber, "Numrera rekommendationerna i den ordning de står"),
            ("Ansvariga nämnder…", self.change_bodies, "Välj nämnder för den markerade rekommendationen"),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            if tip:
                button.setToolTip(tip)
            buttons.addWidget(button)
        buttons.addStretch(1)

        box = save_cancel(self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Rekommendationer</b> – dubbelklicka på en text för att ändra den."))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(box)
        self._load()

    # Loading and showing ------------------------------------------------------

    def _load(self) -> None:
        drafts: list[Draft] = []
        if self.report_id is not None:
            conn = self.window_.store.conn
            cur = conn.execute("SELECT * FROM reports WHERE id = ?", (self.report_id,))
            report = dict(zip([d[0] for d in cur.description], cur.fetchone()))
            for key, edit in self.edits.items():
                edit.setText(report[key] or "")
            self.year.setValue(report["audit_year"] or 0)
            self.assessment.setPlainText(report["assessment"] or "")
            for rec_id, number, text in conn.execute(
                "SELECT id, number, text FROM recommendations WHERE report_id = ? ORDER BY number, id",
                (self.report_id,),
            ):
                bodies = [r[0] for r in conn.execute(
                    "SELECT body_id FROM recommendation_bodies WHERE recommendation_id = ? ORDER BY id", (rec_id,))]  # fmt: skip
                drafts.append(Draft(rec_id, number, text, bodies))
        else:
            self.year.setValue(self.window_.today().year)
        self.loaded_ids = {d.id for d in drafts}
        for d in drafts:
            self._append(d)

    def _append(self, draft: Draft) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._put(row, draft)

    def _put(self, row: int, draft: Draft) -> None:
        number = QTableWidgetItem(str(draft.number))
        number.setData(Qt.ItemDataRole.UserRole, draft)
        text = QTableWidgetItem(draft.text)
        text.setToolTip(draft.text)
        names = ", ".join(self.bodies[b].short_name or self.bodies[b].name for b in draft.body_ids if b in self.bodies)
        bodies = QTableWidgetItem(names or "Välj …")
        bodies.setFlags(bodies.flags() & ~Qt.ItemFlag.ItemIsEditable)
        for col, item in enumerate((number, text, bodies)):
            self.table.setItem(row, col, item)
        self.table.resizeRowToContents(row)

    def drafts(self) -> list[Draft]:
        """The rows as they stand, with what the user typed into the cells."""
        out = []
        for row in range(self.table.rowCount()):
            draft: Draft = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            number = self.table.item(row, 0).text().strip()
            if not number.isdigit():
                raise UserError(f"Rad {row + 1}: numret ”{number}” är inte ett heltal.")
            out.append(Draft(draft.id, int(number), self.table.item(row, 1).text().strip(), list(draft.body_ids)))
        return out

    def _current(self) -> int:
        return self.table.currentRow() if self.table.selectionModel().hasSelection() else -1

    # List edits (in the dialog only) ---------------------------------------------

    def add_row(self) -> None:
        numbers = [d.number for d in self._safe_drafts()]
        previous = self._safe_drafts()[-1].body_ids if numbers else []
        self._append(Draft(None, max(numbers, default=0) + 1, "", list(previous)))
        row = self.table.rowCount() - 1
        self.table.selectRow(row)
        self.table.editItem(self.table.item(row, 1))

    def _safe_drafts(self) -> list[Draft]:
        try:
            return self.drafts()
        except UserError:
            return []

    def remove_row(self) -> None:
        row = self._current()
        if row >= 0:
            self.table.removeRow(row)

    def move(self, delta: int) -> None:
        row = self._current()
        target = row + delta
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        drafts = self.drafts()
        a, b = drafts[row], drafts[target]
        # The numbers stay where they are; the recommendations change places.
        a.number, b.number = b.number, a.number
        self._put(row, b)
        self._put(target, a)
        self.table.selectRow(target)

    def renumber(self) -> None:
        for row, draft in enumerate(self.drafts()):
            draft.number = row + 1
            self._put(row, draft)

    def change_bodies(self) -> None:
        row = self._current()
        if row < 0:
            return
        draft = self.drafts()[row]
        chosen = choose_bodies(self, list(self.bodies.values()), draft.body_ids)
        if chosen is not None:
            draft.body_ids = chosen
            self._put(row, draft)

    # Saving -----------------------------------------------------------------

    def _fields(self) -> dict[str, object]:
        values: dict[str, object] = {key: self.edits[key].text() for key, _ in TEXT_FIELDS}
        for key, label in DATE_FIELDS:
            text = self.edits[key].text()
            try:
                values[key] = iso(parse_date(text))
            except ValueError as exc:
                raise UserError(f"{label}: ”{text}” går inte att läsa som datum ({exc}).") from exc
        values["audit_year"] = self.year.value() or None
        values["assessment"] = self.assessment.toPlainText().strip() or None
        return values

    def save(self) -> None:
        try:
            fields = self._fields()
            drafts = self.drafts()
            for n, d in enumerate(drafts, start=1):
                if not d.text:
                    raise UserError(f"Rekommendation på rad {n} saknar text. Skriv en text eller ta bort raden.")
        except UserError as exc:
            self.window_.show_error(exc, self.windowTitle())
            return
        removed = self.loaded_ids - {d.id for d in drafts}
        if removed and not self._confirm_removal(removed):
            return
        if not self._confirm_dropped_replies(drafts):
            return
        title = fields.pop("title")
        report_id = self.report_id

        def write(cs: ChangeSet) -> int:
            rid = report_id
            if rid is None:
                rid = register.create_report(cs, title, **fields)
            else:
                register.update_report(cs, rid, title=title, **fields)
            for rec_id in removed:
                register.delete_recommendation(cs, rec_id, renumber_rest=False)
            for d in drafts:
                if d.id is None:
                    register.add_recommendation(cs, rid, d.text, d.body_ids, number=d.number)
                else:
                    register.update_recommendation(cs, d.id, text=d.text, number=d.number)
                    register.replace_bodies(cs, d.id, d.body_ids)
            return rid

        label = f"Ny granskning {title}" if report_id is None else f"Ändra granskning {title}"
        try:
            self.saved_id, touched = self.window_.history.run(label, write)
        except UserError as exc:
            self.window_.show_error(exc, self.windowTitle())
            return
        self.window_.refresh()
        self.accept()

    def _confirm_removal(self, removed: set[int]) -> bool:
        conn = self.window_.store.conn
        marks = ",".join("?" * len(removed))
        replies = conn.execute(f"SELECT count(*) FROM replies WHERE recommendation_id IN ({marks})", list(removed))
        follow_ups = conn.execute(
            f"SELECT count(*) FROM follow_ups WHERE recommendation_id IN ({marks})", list(removed)
        )
        answer = QMessageBox.question(
            self,
            "Ta bort rekommendationer",
            f"{len(removed)} rekommendationer tas bort, med {replies.fetchone()[0]} svar och "
            f"{follow_ups.fetchone()[0]} uppföljningar. Det går att ångra med Redigera → Ångra.\n\nSpara ändå?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _confirm_dropped_replies(self, drafts: list[Draft]) -> bool:
        """A body taken off a recommendation takes its reply along; say whose before saving."""
        conn = self.window_.store.conn
        lost = []
        for d in drafts:
            if d.id is None:
                continue
            for body_id, name in conn.execute(
                "SELECT q.body_id, b.name FROM replies q JOIN bodies b ON b.id = q.body_id"
                " WHERE q.recommendation_id = ?",
                (d.id,),
            ):
                if body_id not in d.body_ids:
                    lost.append(f"nr {d.number}: {name}")
        if not lost:
            return True
        answer = QMessageBox.question(
            self,
            "Svar tas bort",
            "Nämnder som inte längre är ansvariga har redan svarat, och deras svar tas bort:\n\n"
            + "\n".join(lost)
            + "\n\nDet går att ångra med Redigera → Ångra. Spara ändå?",
        )
        return answer == QMessageBox.StandardButton.Yes


def open_report_editor(window: MainWindow, report_id: int | None = None) -> None:
    ReportEditor(window, report_id).exec()
