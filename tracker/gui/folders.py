"""The folder each file action last used, remembered in QSettings, so no dialog opens in
the program's own folder: the sheet folder, the folder replies are read from, the
export folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

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
