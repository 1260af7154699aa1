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
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import register
from ...core.changes import ChangeSet
from ...core.dates import iso, parse_date
from ...core.errors import UserError
from ...core.queries import replies_and_follow_ups, replying_bodies, report_fields, report_recommendations
from ..fields import DateField
from ..workspace import Workspace
from .buttons import save_cancel
from .choose_bodies import Chosen, choose_bodies
from .discard import AskBeforeDiscard

if TYPE_CHECKING:
    from ..main_window import MainWindow

# (column, label) of the report's own fields that are typed as text or dates.
TEXT_FIELDS = (("title", "Titel"), ("author", "Granskad av"), ("organisation", "Organisation"),
               ("diary_number", "Diarienummer"))  # fmt: skip
DATE_FIELDS = (("report_date", "Rapportdatum"), ("reply_deadline", "Svar senast"))


@dataclass
class Draft:
    """One recommendation as edited in the dialog; id None until saved. A body is its id,
    or the name of a new one created when the edit is saved."""

    id: int | None
    number: int
    text: str
    body_ids: list[Chosen] = field(default_factory=list)


class ReportEditor(AskBeforeDiscard, QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None, report_id: int | None,
                 rec_id: int | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.ask = workspace.ask
        self.report_id = report_id
        self.bodies = {b.id: b for b in register.load_bodies(workspace.store)}
        self.setWindowTitle("Ny granskning" if report_id is None else "Redigera granskning")
        self.resize(900, 620)

        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in (*TEXT_FIELDS, *DATE_FIELDS):
            edit = DateField() if key in dict(DATE_FIELDS) else QLineEdit()
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
        # Tab follows the form as it reads (the year was made after the fields below it).
        chain = [self.edits["title"], self.year, *(self.edits[k] for k, _ in TEXT_FIELDS[1:]),
                 *(self.edits[k] for k, _ in DATE_FIELDS), self.assessment, self.table]  # fmt: skip
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._load()
        self.mark_unchanged()
        if rec_id is not None:
            rows = [r for r in range(self.table.rowCount()) if self._draft_at(r).id == rec_id]
            if rows:
                self.table.selectRow(rows[0])
                self.table.scrollToItem(self.table.item(rows[0], 1))

    # Loading and showing ------------------------------------------------------

    def _load(self) -> None:
        drafts: list[Draft] = []
        if self.report_id is not None:
            store = self.workspace.store
            report = report_fields(store, self.report_id)
            if report is None:
                raise UserError("Granskningen finns inte längre i registret; den kan ha tagits bort.")
            for key, edit in self.edits.items():
                edit.setText(report[key] or "")
            self.year.setValue(report["audit_year"] or 0)
            self.assessment.setPlainText(report["assessment"] or "")
            drafts = [Draft(*rec) for rec in report_recommendations(store, self.report_id)]
        else:
            self.year.setValue(self.workspace.today().year)
        self.loaded_ids = {d.id for d in drafts}
        for d in drafts:
            self._append(d)

    def state(self) -> object:
        """What the user could lose: every field and every row as it stands."""
        rows = [tuple(self.table.item(r, c).text() for c in (0, 1)) + (tuple(self._draft_at(r).body_ids),)
                for r in range(self.table.rowCount())]  # fmt: skip
        fields = tuple(edit.text() for edit in self.edits.values())
        return fields, self.year.value(), self.assessment.toPlainText(), rows

    def _draft_at(self, row: int) -> Draft:
        return self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)

    def _append(self, draft: Draft) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._put(row, draft)

    def _put(self, row: int, draft: Draft) -> None:
        number = QTableWidgetItem(str(draft.number))
        number.setData(Qt.ItemDataRole.UserRole, draft)
        text = QTableWidgetItem(draft.text)
        text.setToolTip(draft.text)
        names = ", ".join(b if isinstance(b, str) else self.bodies[b].short_name or self.bodies[b].name
                          for b in draft.body_ids if isinstance(b, str) or b in self.bodies)  # fmt: skip
        bodies = QTableWidgetItem(names or "Välj …")
        bodies.setFlags(bodies.flags() & ~Qt.ItemFlag.ItemIsEditable)
        for col, item in enumerate((number, text, bodies)):
            self.table.setItem(row, col, item)
        self.table.resizeRowToContents(row)

    def drafts(self) -> list[Draft]:
        """The rows as they stand, with what the user typed into the cells."""
        out = []
        for row in range(self.table.rowCount()):
            draft = self._draft_at(row)
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
        chosen = choose_bodies(self, self.workspace.store, draft.body_ids)
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
            self.ask.error(self.windowTitle(), str(exc), self)
            return
        removed = self.loaded_ids - {d.id for d in drafts}
        if removed and not self._confirm_removal(removed):
            return
        if not self._confirm_dropped_replies(drafts) or not self._confirm_unanswerable(drafts, fields):
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
            new_bodies: dict[str, int] = {}  # a new body named on several rows is created once

            def body_id(b: Chosen) -> int:
                if isinstance(b, str) and b not in new_bodies:
                    new_bodies[b] = register.create_body(cs, b)
                return new_bodies[b] if isinstance(b, str) else b

            for d in drafts:
                body_ids = [body_id(b) for b in d.body_ids]
                if d.id is None:
                    register.add_recommendation(cs, rid, d.text, body_ids, number=d.number)
                else:
                    register.update_recommendation(cs, d.id, text=d.text, number=d.number)
                    register.replace_bodies(cs, d.id, body_ids)
            return rid

        label = f"Ny granskning {title}" if report_id is None else f"Ändra granskning {title}"
        try:
            self.saved_id = self.workspace.run(label, write)
        except UserError as exc:
            self.ask.error(self.windowTitle(), str(exc), self)
            return
        self.accept()

    def _confirm_removal(self, removed: set[int]) -> bool:
        replies, follow_ups = replies_and_follow_ups(self.workspace.store, removed)
        return self.ask.confirm(
            "Ta bort rekommendationer",
            f"{len(removed)} rekommendationer tas bort, med {replies} svar och {follow_ups} uppföljningar. "
            "Det går att ångra med Redigera → Ångra.\n\nSpara ändå?",
            parent=self,
        )

    def _confirm_dropped_replies(self, drafts: list[Draft]) -> bool:
        """A body taken off a recommendation takes its reply along; say whose before saving."""
        lost = [
            f"nr {d.number}: {name}"
            for d in drafts
            if d.id is not None
            for body_id, name in replying_bodies(self.workspace.store, d.id)
            if body_id not in d.body_ids
        ]
        if not lost:
            return True
        return self.ask.confirm(
            "Svar tas bort",
            "Nämnder som inte längre är ansvariga har redan svarat, och deras svar tas bort:\n\n"
            + "\n".join(lost)
            + "\n\nDet går att ångra med Redigera → Ångra. Spara ändå?",
            parent=self,
        )

    def _confirm_unanswerable(self, drafts: list[Draft], fields: dict[str, object]) -> bool:
        """A recommendation no body is to answer, or with no date to answer by, is never late
        and never sent: ask before storing it so."""
        missing = []
        no_body = [str(d.number) for d in drafts if not d.body_ids]
        if no_body:
            missing.append(f"Ingen ansvarig nämnd för rekommendation nr {', '.join(no_body)}.")
        if drafts and not fields.get("reply_deadline"):
            missing.append("Inget datum för Svar senast.")
        if not missing:
            return True
        return self.ask.confirm(
            self.windowTitle(),
            "\n".join(missing) + "\n\nUtan nämnd och datum skickas ingen svarsmall och inget svar blir "
            "försenat. Välj nämnd med Ansvariga nämnder… (där kan en ny nämnd läggas till).\n\nSpara ändå?",
            "Spara ändå", "Gå tillbaka", self,
        )  # fmt: skip


def open_report_editor(window: MainWindow, report_id: int | None = None, rec_id: int | None = None) -> None:
    ReportEditor(window.workspace, window, report_id, rec_id).exec()
