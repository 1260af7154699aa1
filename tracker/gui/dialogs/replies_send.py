"""Arkiv → Skicka svarsmallar…: choose bodies and a folder; one sheet per body is written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ...core.excel.reply_sheet import recommendations_text, rows_to_send
from ...core.queries import load_rows
from ...core.register import load_bodies
from ...core.sendouts import SentSheet, send_reply_sheets
from ..interaction import Interaction

if TYPE_CHECKING:
    from ..main_window import MainWindow


class SendRepliesDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Skicka svarsmallar")
        self.resize(560, 520)
        self.rows = load_rows(window.store, window.today())
        self.bodies = load_bodies(window.store)
        self.all_open = QCheckBox("Ta med alla ej åtgärdade, även de som redan har svar")
        self.all_open.toggled.connect(self._fill)
        self.list = QListWidget()
        self.folder = QLineEdit(str(Path.home()))
        choose = QPushButton("Välj mapp…")
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton("Skapa mallar", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("En Excelfil per nämnd med de rekommendationer nämnden ska svara på. "
                                "Nämnden fyller i de gula cellerna och skickar tillbaka filen.", wordWrap=True))  # fmt: skip
        layout.addWidget(self.all_open)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel("Spara i mappen:"))
        layout.addLayout(folder_row)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for body in self.bodies:
            count = len(rows_to_send(self.rows, body.id, self.all_open.isChecked()))
            item = QListWidgetItem(f"{body.name} – {recommendations_text(count)}")
            item.setData(Qt.ItemDataRole.UserRole, body.id)
            item.setCheckState(Qt.CheckState.Checked if count else Qt.CheckState.Unchecked)
            if not count:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)

    def chosen(self) -> list[int]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Spara svarsmallarna i", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def send(self) -> None:
        body_ids, folder, all_open = self.chosen(), Path(self.folder.text()), self.all_open.isChecked()
        if not body_ids:
            self.window_.workspace.ask.inform("Skicka svarsmallar", "Kryssa i minst en nämnd.", self)
            return
        store, today = self.window_.store, self.window_.today()
        self.window_.workspace.run_in_background(
            self, "Skicka svarsmallar",
            lambda progress: send_reply_sheets(store, folder, today, body_ids, all_open, progress=progress),
            lambda sent: self._done(folder, sent), progress_text="Skriver svarsmallarna …",
        )  # fmt: skip

    def _done(self, folder: Path, sent: list[SentSheet]) -> None:
        self.sent = sent
        show_sent(self.window_.workspace.ask, self, folder, sent)
        self.accept()


def show_sent(ask: Interaction, parent: QDialog, folder: Path, sent: list[SentSheet]) -> None:
    lines = "\n".join(f"{s.path.name}: {recommendations_text(s.rows)}" for s in sent)
    text = f"{len(sent)} filer i {folder}:\n\n{lines}"
    if ask.choose("Svarsmallar skapade", text, ["OK", "Öppna mappen"], parent) == "Öppna mappen":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_send_replies_dialog(window: MainWindow) -> None:
    SendRepliesDialog(window).exec()
