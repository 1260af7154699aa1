"""Arkiv → Skicka svarsmallar…: choose bodies, the "Svar senast" and a folder; one sheet
per body is written, with an e-mail draft beside it when asked for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ...core import settings
from ...core.excel.reply_sheet import default_deadline, recommendations_text, rows_to_send
from ...core.queries import load_rows
from ...core.register import load_bodies
from ...core.sendouts import SentSheet, send_reply_sheets
from ..fields import deadline_edit
from ..folders import REPLY_SHEETS, FolderField
from ..interaction import Interaction
from ..workspace import Changes

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
        self.folder = FolderField(window.settings, REPLY_SHEETS, "Spara svarsmallarna i")
        self.drafts = QCheckBox("Skapa också ett e-postutkast per nämnd med mallen bifogad")
        self.drafts.setChecked(True)
        self.deadline = deadline_edit(window.today())
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
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(QLabel("”Svar senast” på mallarna:"))
        deadline_row.addWidget(self.deadline)
        deadline_row.addStretch(1)
        layout.addLayout(deadline_row)
        layout.addWidget(self.drafts)
        layout.addWidget(QLabel("Spara i mappen:"))
        layout.addWidget(self.folder)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        to_send = {body.id: rows_to_send(self.rows, body.id, self.all_open.isChecked()) for body in self.bodies}
        for body in self.bodies:
            count = len(to_send[body.id])
            item = QListWidgetItem(f"{body.name} – {recommendations_text(count)}")
            item.setData(Qt.ItemDataRole.UserRole, body.id)
            item.setCheckState(Qt.CheckState.Checked if count else Qt.CheckState.Unchecked)
            if not count:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        chosen = [r for b in self.chosen() for r in to_send[b]]
        due = default_deadline(chosen, self.window_.today(), settings.reply_days(self.window_.store))
        self.deadline.setDate(QDate(due.year, due.month, due.day))

    def chosen(self) -> list[int]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def send(self) -> None:
        body_ids, folder, all_open = self.chosen(), self.folder.path(), self.all_open.isChecked()
        if not body_ids:
            self.window_.workspace.ask.inform("Skicka svarsmallar", "Kryssa i minst en nämnd.", self)
            return
        store, today = self.window_.store, self.window_.today()
        deadline, drafts = self.deadline.date().toPython(), self.drafts.isChecked()
        self.window_.workspace.run_in_background(
            self, "Skicka svarsmallar",
            lambda progress: send_reply_sheets(store, folder, today, body_ids, all_open, deadline=deadline,
                                               drafts=drafts, progress=progress),
            lambda sent: self._done(folder, sent), writes=True, progress_text="Skriver svarsmallarna …",
        )  # fmt: skip

    def _done(self, folder: Path, sent: list[SentSheet]) -> None:
        self.folder.remember()
        self.sent = sent
        after_send(self.window_, self, folder, sent)
        self.accept()


def after_send(window: MainWindow, parent: QDialog, folder: Path, sent: list[SentSheet],
               title: str = "Svarsmallar skapade") -> None:  # fmt: skip
    """The views hear of the send-out (it is on record, not on the undo stack); the user gets the receipt."""
    window.workspace.announce(Changes(frozenset({"sendouts"}), frozenset(i for s in sent for i in s.rec_ids)))
    show_sent(window.workspace.ask, parent, folder, sent, title)


def sent_text(folder: Path, sent: list[SentSheet]) -> str:
    """The receipt: each sheet (and draft) with its count and deadline, and every warning."""
    lines = [line for s in sent for line in s.receipt()]
    files = sum(2 if s.draft else 1 for s in sent)
    return f"{files} filer i {folder}:\n\n" + "\n".join(lines)


OPEN_DRAFTS, OPEN_FOLDER = "Öppna utkasten i e-postprogrammet", "Öppna mappen"


def show_sent(ask: Interaction, parent: QDialog, folder: Path, sent: list[SentSheet],
              title: str = "Svarsmallar skapade") -> None:  # fmt: skip
    """The receipt, with the drafts to open in the mail program and the folder to open."""
    drafts = [s.draft for s in sent if s.draft]
    answer = ask.choose(title, sent_text(folder, sent), ["OK", *([OPEN_DRAFTS] if drafts else []), OPEN_FOLDER], parent)
    if answer == OPEN_DRAFTS:
        for draft in drafts:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft)))
    elif answer == OPEN_FOLDER:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_send_replies_dialog(window: MainWindow) -> None:
    SendRepliesDialog(window).exec()
