"""The folder each file action last used, remembered in QSettings, so no dialog opens in
the program's own folder: the sheet folder, the folder replies are read from, the
export folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

REPLY_SHEETS = "reply_sheets"
REMINDERS = "reminders"
READ_REPLIES = "read_replies"
EXPORT = "export"


def _start() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def folder_for(settings: QSettings, action: str) -> Path:
    """The folder the action used last, while it still exists; else the user's documents."""
    value = settings.value(f"folders/{action}")
    if value and Path(str(value)).is_dir():
        return Path(str(value))
    return _start()


def remember_folder(settings: QSettings, action: str, folder: Path | str) -> None:
    folder = Path(folder)
    settings.setValue(f"folders/{action}", str(folder if folder.is_dir() else folder.parent))


class FolderField(QWidget):
    """A folder to save in: the path, a Välj mapp… button, starting where the action saved last."""

    def __init__(self, settings: QSettings, action: str, title: str) -> None:
        super().__init__()
        self.settings, self.action, self.title = settings, action, title
        self.edit = QLineEdit(str(folder_for(settings, action)))
        choose = QPushButton("Välj mapp…")
        choose.clicked.connect(self._choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(choose)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - reads like the line edit it wraps
        self.edit.setText(text)

    def path(self) -> Path:
        return Path(self.edit.text())

    def remember(self) -> None:
        """After a save there succeeded: the next dialog of this action starts here."""
        remember_folder(self.settings, self.action, self.path())

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.title, self.edit.text())
        if folder:
            self.edit.setText(folder)
