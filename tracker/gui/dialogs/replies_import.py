"""Arkiv → Läs in svar…: what a filled-in reply sheet would change, row by row, with a
choice for every conflict and a tick for every change; nothing is written before Läs in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...core.errors import UserError
from ...core.excel.reply_import import FIELD_NAMES, KEEP_REGISTER, TAKE_SHEET, ReplyPlan, apply_replies, read_replies

if TYPE_CHECKING:
    from ..main_window import MainWindow

CHOICES = (("Behåll registrets värde", KEEP_REGISTER), ("Ta mallens värde", TAKE_SHEET))


def _short(value: object) -> str:
    text = " ".join(str(value or "–").split())
    return text if len(text) <= 90 else text[:88] + " …"


def _full_texts(item: QTreeWidgetItem, recommendation: str, old: object, new: object) -> None:
    """The whole texts on hover: a cell shows the start of a long reply only."""
    item.setToolTip(1, recommendation)
    item.setToolTip(2, str(old or "–"))
    item.setToolTip(3, str(new or "–"))


class ImportRepliesDialog(QDialog):
    def __init__(self, window: MainWindow, plan: ReplyPlan) -> None:
        super().__init__(window)
        self.window_, self.plan = window, plan
        self.setWindowTitle(f"Läs in svar – {plan.path.name}")
        self.resize(980, 640)
        self.choices: dict[tuple[int, str], QComboBox] = {}
        self.ticks: dict[tuple[int, str], QTreeWidgetItem] = {}
        summary = QLabel(wordWrap=True)
        summary.setText(
            f"<b>Svar från {plan.body}</b> (blad ”{plan.sheet}”"
            + (f", skickad {plan.sent_at[:10]}" if plan.sent_at else "")
            + f"): {len(plan.rows)} rader kopplade, {len(plan.changed)} med ändringar, "
            f"{len(plan.unchanged)} oförändrade, {len(plan.unmatched)} ej kopplade"
            + (f", <b>{len(plan.conflicts)} med krockar att avgöra</b>" if plan.conflicts else "")
            + "."
        )
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Rad", "Vad", "I registret", "I mallen"])
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 330)
        self.tree.setColumnWidth(2, 220)
        self.tree.setWordWrap(True)
        # Long report titles are cut in the middle, so "nr N" and the field stay readable.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._fill()
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("Läs in", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.setEnabled(bool(plan.changed) and not window.store.read_only)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def _section(self, title: str, count: int, expanded: bool = True) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [f"{title} ({count})"])
        item.setFirstColumnSpanned(True)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setExpanded(expanded and count > 0)
        return item

    def _fill(self) -> None:
        plan = self.plan
        conflicts = self._section("Krockar: registret har fått ett annat svar efter utskicket", len(plan.conflicts))
        for r in plan.conflicts:
            for f, (old, new) in r.conflicts.items():
                if f == "due_text" and "due" in r.conflicts:
                    continue  # decided with the date: one choice for "klart senast"
                if f == "due":
                    old_text, new_text = r.conflicts.get("due_text", (None, None))
                    old, new = old or old_text, new or new_text
                item = QTreeWidgetItem(conflicts, [f"Rad {r.row}", f"{r.report}, nr {r.number}: {FIELD_NAMES[f]}",
                                                   _short(old), _short(new)])  # fmt: skip
                _full_texts(item, r.text, old, new)
                combo = QComboBox()
                for text, value in CHOICES:
                    combo.addItem(text, value)
                self.choices[(r.row, f)] = combo
                self.tree.setItemWidget(QTreeWidgetItem(item, ["", "Välj:"]), 2, combo)
                item.setExpanded(True)
        changed = self._section("Ändras", sum(1 for r in plan.changed if r.changes))
        for r in plan.changed:
            if not r.changes:
                continue
            item = QTreeWidgetItem(
                changed, [f"Rad {r.row}", f"{r.report}, nr {r.number}", "", f"kopplad via {r.method}"]
            )
            item.setToolTip(1, r.text)
            for f, (old, new) in r.changes.items():
                if f == "due_text" and "due" in r.changes:
                    continue  # ticked with the date
                child = QTreeWidgetItem(item, ["", FIELD_NAMES[f], _short(old), _short(new)])
                _full_texts(child, r.text, old, new)
                child.setCheckState(1, Qt.CheckState.Checked)
                self.ticks[(r.row, f)] = child
        unchanged = self._section("Oförändrade", len(plan.unchanged), expanded=False)
        for r in plan.unchanged:
            QTreeWidgetItem(unchanged, [f"Rad {r.row}", f"{r.report}, nr {r.number}", "", f"kopplad via {r.method}"])
        unmatched = self._section("Kopplades inte – läses inte in", len(plan.unmatched))
        for row, reason, text in plan.unmatched:
            QTreeWidgetItem(unmatched, [f"Rad {row}", reason, "", _short(text)]).setToolTip(1, reason)
        others = self._section("Rader för en annan nämnd – läses inte in", len(plan.other_body))
        for row, body, text in plan.other_body:
            QTreeWidgetItem(others, [f"Rad {row}", body, "", _short(text)])
        warnings = self._section("Varningar", len(plan.warnings))
        for warning in plan.warnings:
            item = QTreeWidgetItem(warnings, [warning])
            item.setFirstColumnSpanned(True)  # a warning names sheet, row, column and value: show it whole
            item.setToolTip(0, warning)

    def chosen(self) -> dict[tuple[int, str], str]:
        chosen = {key: combo.currentData() for key, combo in self.choices.items()}
        # An unticked change keeps the register's value, as a conflict decided that way does.
        chosen.update({key: KEEP_REGISTER for key, item in self.ticks.items()
                       if item.checkState(1) != Qt.CheckState.Checked})  # fmt: skip
        for (row, f), choice in list(chosen.items()):
            if f == "due":
                chosen[(row, "due_text")] = choice
        return chosen

    def apply(self) -> None:
        try:
            changed = self.window_.workspace.apply(
                lambda history: apply_replies(self.window_.store, self.plan, self.chosen(), history=history)
            )
        except UserError as exc:
            self.window_.show_error(exc, "Läs in svar")
            return
        self.window_.statusBar().showMessage(f"{changed} svar från {self.plan.body} inlästa.", 8000)
        self.accept()


def open_import_replies_dialog(window: MainWindow, path: Path | None = None) -> None:
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, "Läs in svar", "", "Excel (*.xlsx *.xlsm)")
        if not name:
            return
        path = Path(name)
    store, today = window.store, window.today()
    window.workspace.run_in_background(
        window, "Läs in svar", lambda progress: read_replies(store, path, today, progress),
        lambda plan: ImportRepliesDialog(window, plan).open(), progress_text="Läser svarsmallen …",
    )  # fmt: skip
