"""Arkiv → Påminnelser…: per body, the replies that are late or due soon and the planned
actions past their date; tick bodies and make one e-mail draft with its reply sheet each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
)

from ...core import settings
from ...core.excel.reply_sheet import recommendations_text
from ...core.queries import load_rows
from ...core.reminders import ANSWER, Reminder, by_body, reminders_for
from ...core.sendouts import SentSheet, send_reminders
from ..fields import deadline_edit
from ..folders import REMINDERS, FolderField
from .replies_send import after_send

if TYPE_CHECKING:
    from ..main_window import MainWindow

HEADINGS = ("Nämnd / rekommendation", "Gäller", "Senast", "Försening", "Senast skickat")
LATE_COLUMN = 3
BODY_ROLE = Qt.ItemDataRole.UserRole + 1


class RemindersDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Påminnelser")
        self.resize(900, 600)
        store, today = window.store, window.today()
        self.rows = load_rows(store, today)
        self.window_days = QSpinBox()
        self.window_days.setRange(0, 3650)
        self.window_days.setSuffix(" dagar")
        self.window_days.setValue(settings.reminder_days(store))
        self.window_days.valueChanged.connect(self._fill)
        self.model = QStandardItemModel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.summary = QLabel()
        self.deadline = deadline_edit(today)
        new = today + dt.timedelta(days=settings.reply_days(store))
        self.deadline.setDate(QDate(new.year, new.month, new.day))
        self.folder = FolderField(window.settings, REMINDERS, "Spara e-postutkasten i")

        top = QHBoxLayout()
        top.addWidget(QLabel("Försenade svar och åtgärder, och svar som förfaller inom"))
        top.addWidget(self.window_days)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("Nytt ”Svar senast”:"))
        bottom.addWidget(self.deadline)
        bottom.addSpacing(16)
        bottom.addWidget(QLabel("Spara utkasten i:"))
        bottom.addWidget(self.folder, 1)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton("Skapa e-postutkast", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Kryssade nämnder får ett e-postutkast var med en svarsmall som innehåller just "
                                "de rekommendationer påminnelsen gäller.", wordWrap=True))  # fmt: skip
        layout.addLayout(bottom)
        layout.addWidget(buttons)
        self._fill()

    def reminders(self) -> list[Reminder]:
        return reminders_for(self.rows, self.window_.today(), self.window_days.value())

    def _fill(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(HEADINGS)
        found = self.reminders()
        bold = QFont()
        bold.setBold(True)
        groups = by_body(found)
        for group in groups.values():
            head = QStandardItem(f"{group[0].body} – {recommendations_text(len({r.recommendation_id for r in group}))}")
            head.setFont(bold)
            head.setCheckable(True)
            head.setCheckState(Qt.CheckState.Checked)
            head.setData(group[0].body_id, BODY_ROLE)
            head.setEditable(False)
            for r in group:
                cells = [f"{r.report}, nr {r.number}: {r.text}", "Svar" if r.kind == ANSWER else "Planerad åtgärd",
                         r.deadline.isoformat(), r.late_text,
                         r.last_sent.isoformat() if r.last_sent else "–"]  # fmt: skip
                items = [QStandardItem(c) for c in cells]
                for item in items:
                    item.setEditable(False)
                    item.setToolTip(r.text)
                if r.days_late > 0:
                    items[LATE_COLUMN].setForeground(Qt.GlobalColor.darkRed)
                head.appendRow(items)
            self.model.appendRow(head)
            # The body's line spans the table, so its name and count are never cut.
            self.tree.setFirstColumnSpanned(self.model.rowCount() - 1, QModelIndex(), True)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(HEADINGS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        bodies = len(groups)
        late = sum(1 for r in found if r.days_late > 0)
        self.summary.setText(
            f"{bodies} {'nämnd' if bodies == 1 else 'nämnder'}, {late} försenade, {len(found) - late} förfaller snart."
            if found
            else "Inga försenade svar eller åtgärder, och inga svar som förfaller inom den valda tiden."
        )
        self.send_button.setEnabled(bool(found) and not self.window_.store.read_only)

    def chosen(self) -> list[int]:
        heads = (self.model.item(i) for i in range(self.model.rowCount()))
        return [h.data(BODY_ROLE) for h in heads if h.checkState() == Qt.CheckState.Checked]

    def send(self) -> None:
        body_ids, folder = self.chosen(), self.folder.path()
        if not body_ids:
            self.window_.workspace.ask.inform("Påminnelser", "Kryssa i minst en nämnd.", self)
            return
        store, today, days = self.window_.store, self.window_.today(), self.window_days.value()
        deadline = self.deadline.date().toPython()
        self.window_.workspace.run_in_background(
            self, "Påminnelser",
            lambda progress: send_reminders(store, folder, today, body_ids, days, deadline=deadline,
                                            progress=progress),
            lambda sent: self._done(folder, sent), writes=True, progress_text="Skriver e-postutkast och svarsmallar …",
        )  # fmt: skip

    def _done(self, folder: Path, sent: list[SentSheet]) -> None:
        self.folder.remember()
        self.sent = sent
        after_send(self.window_, self, folder, sent, "Påminnelser skapade")
        self.accept()


def open_reminders_dialog(window: MainWindow) -> None:
    RemindersDialog(window).exec()
